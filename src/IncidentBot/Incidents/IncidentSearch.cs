using System.Text.RegularExpressions;
using IncidentBot.Data;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Incidents;

/// <summary>
/// Full-text search: on SQLite over FTS5 (the IncidentsFts table and its triggers are made by the
/// SearchInEveryLanguage migration; this file and that migration are its only SQL), on PostgreSQL over a tsvector
/// column (IncidentSearch.Postgres.cs). Both take the same query (<see cref="Parse"/>): words stemmed the same way, phrases, years.
/// An incident is found by its place in any language (Київ, Киев, Kiev, Kyiv: <see cref="Incident.SearchNames"/>),
/// and a word by its stem, so the forms of a Ukrainian, Russian or Azerbaijani word meet (посольство, посольства).
/// </summary>
internal static partial class IncidentSearch
{
    public const int MaxWords = 8;
    const int Candidates = 200;
    const int MaxWordLength = 40;

    /// <summary>
    /// What a search asks for: words (by their stem, as prefixes), quoted phrases (their exact words, in order) and
    /// years ("2025": incidents dated in it, not the number in their text). At most <see cref="MaxWords"/> words in all.
    /// </summary>
    public sealed record Query(List<(string Word, bool Prefix)> Terms, List<string[]> Phrases, List<int> Years)
    {
        public bool HasText => Terms.Count > 0 || Phrases.Count > 0;
    }

    /// <summary>Reads a search: "quoted" (or “curly”, «angled», „low“) phrases first, then the words and years around them.</summary>
    public static Query Parse(string text)
    {
        var phrases = new List<string[]>();
        var terms = new List<(string Word, bool Prefix)>();
        var budget = MaxWords;
        foreach (Match quoted in Quoted().Matches(text))
        {
            string[] words = [.. Words(quoted.Groups[1].Value).Where(w => w.Length <= MaxWordLength).Take(budget)];
            budget -= words.Length;
            // One quoted word is that exact word: no stem, no prefix.
            if (words.Length == 1) terms.Add((words[0], false));
            else if (words.Length > 1) phrases.Add(words);
        }
        var years = new List<int>();
        foreach (var word in Words(Quoted().Replace(text, " ")).Where(w => w.Length <= MaxWordLength).Distinct())
        {
            if (Year(word) is { } year) { if (!years.Contains(year)) years.Add(year); continue; }
            // Short words match whole terms only: "b" as a prefix would match half the record.
            var stem = Stem(word);
            if (budget > 0 && !terms.Any(t => t.Word == stem)) { terms.Add((stem, stem.Length >= 3)); budget--; }
        }
        return new Query(terms, phrases, years);
    }

    /// <summary>A year a record of strikes can hold, written in four digits.</summary>
    static int? Year(string word) =>
        word.Length == 4 && word.All(char.IsAsciiDigit) && int.Parse(word, System.Globalization.CultureInfo.InvariantCulture) is var y and >= 1900 and <= 2200 ? y : null;

    /// <summary>
    /// The words and phrases of a search as an FTS5 query, OR-ed, ranked by bm25 with the target and place weighted above
    /// the free text: words are quoted prefix terms, a phrase is one quoted string; nothing the user types is FTS syntax.
    /// </summary>
    public static string? ToMatchQuery(string text) => ToMatchQuery(Parse(text));

    static string? ToMatchQuery(Query query) => !query.HasText ? null : string.Join(" OR ", [
        .. query.Phrases.Select(p => $"\"{string.Join(' ', p)}\""),
        .. query.Terms.Select(t => t.Prefix ? $"\"{t.Word}\"*" : $"\"{t.Word}\""),
    ]);

    // Case and number endings, longest first. A word loses at most one, and keeps at least four letters: enough
    // for посольства/посольство/посольству to meet at "посольств", not so much that different words do.
    static readonly string[] Endings =
    [
        // Ukrainian and Russian
        "ами", "ями", "ого", "ому", "ему", "ими", "ыми", "ах", "ях", "ов", "ев", "ів", "їв", "ей", "ой", "ою", "ею", "ом", "ем", "ям", "ам",
        "ий", "ый", "ій", "а", "я", "о", "е", "є", "у", "ю", "и", "і", "ы", "ь", "й",
        // Azerbaijani
        "ların", "lərin", "ları", "ləri", "lar", "lər", "nın", "nin", "nun", "nün", "dan", "dən", "da", "də", "ın", "in", "un", "ün", "ı", "ə",
        // English
        "ies", "es", "s",
    ];

    /// <summary>A word without its case or number ending, for a prefix match: "посольства" → "посольств".</summary>
    public static string Stem(string word)
    {
        if (word.Length < 5) return word;
        foreach (var ending in Endings)
            if (word.EndsWith(ending, StringComparison.Ordinal) && word.Length - ending.Length >= 4)
                return word[..^ending.Length];
        return word;
    }

    /// <summary>The names an incident is also found by (<see cref="Incident.SearchNames"/>), from the gazetteer and the strings.</summary>
    public static string? Names(Incident i, Gazetteer places)
    {
        var names = new List<string>();
        if (i.PlaceId is { } id && places.Find(id) is { } place)
            foreach (var p in (IEnumerable<Place>)[place, .. places.Ancestors(place)]) names.AddRange(p.AllNames);
        if (i.AffectedCountry is { } affected && places.Resolve(affected).Place is { Kind: PlaceKind.Country } country) names.AddRange(country.AllNames);
        if (i.Category is { } category) names.AddRange(Localizer.InEveryLanguage($"category.{category}"));
        names.AddRange(IncidentFields.AllTranslations(i));
        return names.Count == 0 ? null : string.Join(" ", names.Distinct());
    }

    /// <summary>
    /// The published incidents that best match the words and phrases of <paramref name="text"/>, best first, within the
    /// years it names; a search of years alone lists those years' incidents, newest first.
    /// </summary>
    public static async Task<List<Incident>> Find(BotDb db, string text, int limit, CancellationToken ct)
    {
        var query = Parse(text);
        var published = db.Incidents.Where(i => i.Status == IncidentStatus.Published);
        if (!query.HasText && query.Years.Count == 0) return [];
        if (query.Years.Count > 0) published = published.Where(i => query.Years.Contains(i.OccurredOn.Year));
        if (!query.HasText) return await published.OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.Id).Take(limit).ToListAsync(ct);
        // Within years, more of the ranked matches are read: the years leave out some of them.
        var ranked = query.Years.Count > 0 ? Candidates : limit * 2;
        var ids = db.Database.IsNpgsql() ? await FindPostgres(db, query, ranked, ct) : await FindSqlite(db, query, ranked, ct);
        var found = await published.Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        return [.. found.OrderBy(i => ids.IndexOf(i.Id)).Take(limit)];
    }

    static async Task<List<long>> FindSqlite(BotDb db, Query query, int limit, CancellationToken ct)
    {
        if (ToMatchQuery(query) is not { } match) return [];
        // bm25 over every match is slow when a common prefix matches most of a large record: rank the
        // newest matches (FTS5 walks rowids in order, cheaply) and show the best of those.
        return await db.Database.SqlQuery<long>($"""
            SELECT rowid AS "Value" FROM (
                SELECT rowid, bm25(IncidentsFts, 10.0, 8.0, 6.0, 4.0, 4.0, 1.0, 6.0) AS rank FROM IncidentsFts
                WHERE IncidentsFts MATCH {match}
                ORDER BY rowid DESC LIMIT {Candidates})
            ORDER BY rank
            LIMIT {limit}
            """).ToListAsync(ct);
    }

    /// <summary>The words of a text, lower-cased: letters and digits in any script.</summary>
    public static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>Text between a pair of quotation marks of any of the kinds phones type.</summary>
    [GeneratedRegex(@"[""“”«»„]([^""“”«»„]*)[""“”«»„]")]
    private static partial Regex Quoted();
}
