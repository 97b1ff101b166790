namespace IncidentBot.Incidents.Places;

/// <summary>"Did you mean …?" for a name the gazetteer does not know.</summary>
internal sealed partial class Gazetteer
{
    /// <summary>
    /// Names within a few typing slips (edit distance 1 for up to 3 letters, 2 up to 7, 3 beyond), or that begin with
    /// the text (at least 3 letters), closest first; among equals the kind the text asks for, then the smaller place.
    /// </summary>
    IEnumerable<Place> Suggest(string text)
    {
        ReadOnlySpan<char> name = PlaceText.Normalize(text);
        var word = PlaceText.StripKindWord(ref name);
        if (name.Length == 0) return [];
        var limit = name.Length <= 3 ? 1 : name.Length <= 7 ? 2 : 3;
        var found = new Dictionary<Place, int>(ReferenceEqualityComparer.Instance);
        foreach (var (key, hits) in _byName)
        {
            var distance = name.Length >= 3 && key.AsSpan().StartsWith(name) ? 1 : Distance(name, key, limit);
            if (distance > limit) continue;
            foreach (var hit in hits)
                if (!found.TryGetValue(hit.Place, out var before) || distance < before) found[hit.Place] = distance;
        }
        return found
            .OrderBy(f => f.Value)
            .ThenBy(f => KindFits(f.Key.Kind, word) ? 0 : 1)
            .ThenByDescending(f => Specificity(f.Key.Kind))
            .ThenBy(f => f.Key.Id, StringComparer.Ordinal)
            .Select(f => f.Key);
    }

    /// <summary>Levenshtein distance, or limit + 1 as soon as it is certain to exceed the limit.</summary>
    internal static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        Span<int> previous = stackalloc int[b.Length + 1], current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit) return limit + 1;
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.Length];
    }
}
