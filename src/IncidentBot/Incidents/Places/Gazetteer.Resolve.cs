using System.Collections.Frozen;
using System.Runtime.InteropServices;

namespace IncidentBot.Incidents.Places;

/// <summary>
/// Place names as people write them: "Kiev", "Одеська область", "Pechersk district, Kyiv, Ukraine". Every name and
/// alternative spelling of every place is one key of a dictionary built at start-up, in PlaceText's normal form and
/// without its kind word; a name that is found allocates nothing.
/// </summary>
internal sealed partial class Gazetteer
{
    readonly record struct NameHit(Place Place, KindWord Word);

    readonly record struct Part(NameHit[] Hits, KindWord Word);

    static readonly PlaceMatch Nothing = PlaceMatch.Unknown([]);

    readonly FrozenDictionary<string, NameHit[]> _byName;
    readonly FrozenDictionary<string, NameHit[]>.AlternateLookup<ReadOnlySpan<char>> _byNameSpan;
    readonly FrozenDictionary<string, PlaceMatch> _resolved;

    /// <summary>
    /// One name, or a name followed by the places it lies in, most specific first and separated by commas. Each later
    /// part must name an ancestor of the part before it, and only places that fit them all are considered. A list
    /// that contradicts itself ("Kyiv, Azerbaijan") is not guessed at: it is Unknown, suggesting what its first part
    /// names on its own, so that nothing is filed under a place the writer may not have meant.
    /// </summary>
    public PlaceMatch Resolve(string text)
    {
        if (text.Length > PlaceText.MaxLength) return Nothing;
        if (text.Contains(',')) return ResolveList(text);
        Span<char> buffer = stackalloc char[PlaceText.MaxLength];
        var part = Lookup(text, buffer);
        return part.Hits.Length > 0 ? Best(part.Hits, part.Word) : PlaceMatch.Unknown([.. Suggest(text).Take(3)]);
    }

    PlaceMatch ResolveList(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length <= 1) return names.Length == 0 ? Nothing : Resolve(names[0]);
        var buffer = new char[PlaceText.MaxLength];
        var first = Lookup(names[0], buffer);
        var later = names[1..].Select(n => Lookup(n, buffer)).ToArray();
        var consistent = first.Hits.Where(h => Consistent(h.Place, later)).ToArray();
        if (consistent.Length > 0) return Best(consistent, first.Word);
        var alone = first.Hits.Length > 0 ? Ranked(first.Hits, first.Word) : Suggest(names[0]);
        return PlaceMatch.Unknown([.. alone.OrderBy(p => Consistent(p, later) ? 0 : 1).Take(3)]);
    }

    Part Lookup(ReadOnlySpan<char> text, Span<char> buffer)
    {
        ReadOnlySpan<char> name = buffer[..PlaceText.Normalize(text, buffer)];
        var word = PlaceText.StripKindWord(ref name);
        return new(_byNameSpan.TryGetValue(name, out var hits) ? hits : [], word);
    }

    /// <summary>The best-scoring place; Ambiguous only when different places score the same.</summary>
    PlaceMatch Best(ReadOnlySpan<NameHit> hits, KindWord word)
    {
        var best = int.MinValue;
        foreach (var hit in hits) best = Math.Max(best, Score(hit, word));
        Place? only = null;
        List<Place>? tied = null;
        foreach (var hit in hits)
        {
            if (Score(hit, word) != best || ReferenceEquals(hit.Place, only) || tied?.Contains(hit.Place) == true) continue;
            if (only is null) only = hit.Place;
            else (tied ??= [only]).Add(hit.Place);
        }
        return tied is null ? _resolved[only!.Id] : new PlaceMatch(PlaceMatchKind.Ambiguous, tied);
    }

    static IEnumerable<Place> Ranked(NameHit[] hits, KindWord word) =>
        hits.GroupBy(h => h.Place).OrderByDescending(g => g.Max(h => Score(h, word))).Select(g => g.Key);

    /// <summary>
    /// A kind word in the text decides first ("Odesa oblast" is the oblast), then a name written the way the text is
    /// ("Kyiv" is not "Kyiv Oblast"), then the smaller place: a city is meant far more often than a region of its name.
    /// </summary>
    static int Score(NameHit hit, KindWord word) =>
        (word != KindWord.None && KindFits(hit.Place.Kind, word) ? 100 : 0) + (hit.Word == word ? 10 : 0) + Specificity(hit.Place.Kind);

    static int Specificity(PlaceKind kind) =>
        kind switch { PlaceKind.City => 3, PlaceKind.District => 2, PlaceKind.Region => 1, _ => 0 };

    static bool KindFits(PlaceKind kind, KindWord word) => word switch
    {
        KindWord.City => kind == PlaceKind.City,
        KindWord.District => kind == PlaceKind.District,
        KindWord.Region => kind == PlaceKind.Region,
        _ => true,
    };

    /// <summary>Whether each later part names an ancestor of the one before it, in order ("Pechersk, Kyiv, Ukraine").</summary>
    bool Consistent(Place place, Part[] later)
    {
        var chain = _ancestors[place.Id];
        var at = 0;
        foreach (var part in later)
        {
            var found = Array.FindIndex(chain, at, a => part.Hits.Any(h => ReferenceEquals(h.Place, a)
                && (part.Word == KindWord.None || h.Word == part.Word || KindFits(a.Kind, part.Word))));
            if (found < 0) return false;
            at = found + 1;
        }
        return true;
    }

    static (FrozenDictionary<string, NameHit[]>, FrozenDictionary<string, NameHit[]>.AlternateLookup<ReadOnlySpan<char>>) IndexNames(IReadOnlyList<Place> places)
    {
        var index = new Dictionary<string, List<NameHit>>(StringComparer.Ordinal);
        foreach (var place in places)
            foreach (var name in place.AllNames)
            {
                ReadOnlySpan<char> key = PlaceText.Normalize(name);
                var hit = new NameHit(place, PlaceText.StripKindWord(ref key));
                var hits = CollectionsMarshal.GetValueRefOrAddDefault(index, key.ToString(), out _) ??= [];
                if (!hits.Contains(hit)) hits.Add(hit);
            }
        var frozen = index.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        return (frozen, frozen.GetAlternateLookup<ReadOnlySpan<char>>());
    }
}
