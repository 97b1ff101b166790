using System.Collections.Frozen;

namespace IncidentBot.Incidents.Places;

/// <summary>The word beside a name that says what kind of place is meant: "Odesa oblast", "місто Київ", "Печерський район".</summary>
internal enum KindWord { None, City, District, Region }

/// <summary>
/// Brings a place name to the one form that names are compared in, the same way for the gazetteer's own names
/// and for what people type: lower case (invariant), apostrophes dropped (Кам’янське, Кам'янське, Камʼянське and
/// Камянське are one word), ё as е, Latin letters without their diacritics (Baki finds Bakı, Gence finds Gəncə),
/// and every run of spaces, hyphens and other punctuation as one space (Ivano Frankivsk, м.Київ).
/// Cyrillic letters keep theirs: й, ї and є are letters of their own, not decorated и, і and е.
/// </summary>
internal static class PlaceText
{
    /// <summary>No place name, with its country and region after commas, comes near this; longer text is not a place.</summary>
    public const int MaxLength = 160;

    static readonly FrozenDictionary<char, char> Folded = new (string From, char To)[]
    {
        ("àáâãäåāăą", 'a'), ("çćč", 'c'), ("ďđ", 'd'), ("èéêëēėęěə", 'e'), ("ğģ", 'g'), ("ìíîïīįıİ", 'i'), ("ķ", 'k'),
        ("ĺļľł", 'l'), ("ñńņň", 'n'), ("òóôõöøőō", 'o'), ("ŕř", 'r'), ("śşšș", 's'), ("ţťț", 't'), ("ùúûüūůű", 'u'),
        ("ýÿ", 'y'), ("źżž", 'z'), ("ё", 'е'),
    }.SelectMany(f => f.From.Select(c => KeyValuePair.Create(c, f.To))).ToFrozenDictionary();

    // Only as the first or last word, and never the whole text: "Odesa oblast", "город Киев", "Bakı şəhəri".
    // Longest first, so "iqtisadi rayonu" is one word of a region and not "rayonu" of a district.
    static readonly (string Word, KindWord Kind)[] KindWords = new (string, KindWord)[]
    {
        ("oblast", KindWord.Region), ("obl", KindWord.Region), ("область", KindWord.Region), ("обл", KindWord.Region),
        ("region", KindWord.Region), ("регион", KindWord.Region), ("регіон", KindWord.Region), ("vilayəti", KindWord.Region),
        ("economic region", KindWord.Region), ("iqtisadi rayonu", KindWord.Region),
        ("экономический район", KindWord.Region), ("економічний район", KindWord.Region),
        ("district", KindWord.District), ("raion", KindWord.District), ("rayon", KindWord.District),
        ("rayonu", KindWord.District), ("район", KindWord.District),
        ("city", KindWord.City), ("місто", KindWord.City), ("город", KindWord.City), ("şəhəri", KindWord.City),
        ("şəhər", KindWord.City), ("м", KindWord.City), ("г", KindWord.City),
    }.Select(w => (Normalize(w.Item1), w.Item2)).OrderByDescending(w => w.Item1.Length).ToArray();

    /// <summary>Writes the comparable form of text into buffer (at least text.Length long) and returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> buffer)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (c is '\'' or '’' or 'ʼ' or '‘' or '`' or '´' or 'ʹ' or '′') continue;
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                if (n > 0 && buffer[n - 1] != ' ') buffer[n++] = ' ';
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            buffer[n++] = Folded.TryGetValue(lower, out var folded) ? folded : lower;
        }
        return n > 0 && buffer[n - 1] == ' ' ? n - 1 : n;
    }

    public static string Normalize(string text)
    {
        var buffer = new char[text.Length];
        return new string(buffer, 0, Normalize(text, buffer));
    }

    /// <summary>Takes one kind word off the end or the start of a normalised name: "kyiv oblast" is "kyiv" and Region.</summary>
    public static KindWord StripKindWord(ref ReadOnlySpan<char> name)
    {
        foreach (var (word, kind) in KindWords)
        {
            if (name.Length <= word.Length + 1) continue;
            if (name.EndsWith(word, StringComparison.Ordinal) && name[^(word.Length + 1)] == ' ')
            {
                name = name[..^(word.Length + 1)];
                return kind;
            }
            if (name.StartsWith(word, StringComparison.Ordinal) && name[word.Length] == ' ')
            {
                name = name[(word.Length + 1)..];
                return kind;
            }
        }
        return KindWord.None;
    }
}
