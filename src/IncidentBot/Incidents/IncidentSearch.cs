using System.Text.RegularExpressions;
using IncidentBot.Data;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Incidents;

/// <summary>
/// Full-text search: on SQLite over FTS5 (the IncidentsFts table and its triggers are made by the
/// SearchInEveryLanguage migration; this file and that migration are its only SQL), on PostgreSQL over a tsvector
/// column (IncidentSearch.Postgres.cs). Both take the same words, stemmed the same way.
/// An incident is found by its place in any language (Київ, Киев, Kiev, Kyiv: <see cref="Incident.SearchNames"/>),
/// and a word by its stem, so the forms of a Ukrainian, Russian or Azerbaijani word meet (посольство, посольства).
/// </summary>
internal static partial class IncidentSearch
{
    public const int MaxWords = 8;
    const int Candidates = 200;
    const int MaxWordLength = 40;

    /// <summary>
    /// User words become quoted prefix terms joined by OR, ranked by bm25 with the target and place
    /// weighted above the free text; nothing the user types is FTS syntax.
    /// </summary>
    public static string? ToMatchQuery(string text)
    {
        var terms = Terms(text);
        return terms.Count == 0 ? null : string.Join(" OR ", terms.Select(t => t.Prefix ? $"\"{t.Word}\"*" : $"\"{t.Word}\""));
    }

    /// <summary>The stemmed words searched for; none means the text has nothing to search by.</summary>
    public static List<(string Word, bool Prefix)> Terms(string text) =>
        // Short words match whole terms only: "b" as a prefix would match half the record.
        [.. Words(text).Where(w => w.Length <= MaxWordLength).Select(Stem).Distinct().Take(MaxWords).Select(w => (w, w.Length >= 3))];

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

    /// <summary>The published incidents that best match the words of <paramref name="text"/>, best first.</summary>
    public static async Task<List<Incident>> Find(BotDb db, string text, int limit, CancellationToken ct)
    {
        var ids = db.Database.IsNpgsql() ? await FindPostgres(db, text, limit, ct) : await FindSqlite(db, text, limit, ct);
        var found = await db.Incidents.Where(i => ids.Contains(i.Id) && i.Status == IncidentStatus.Published).ToListAsync(ct);
        return [.. found.OrderBy(i => ids.IndexOf(i.Id)).Take(limit)];
    }

    static async Task<List<long>> FindSqlite(BotDb db, string text, int limit, CancellationToken ct)
    {
        if (ToMatchQuery(text) is not { } match) return [];
        // bm25 over every match is slow when a common prefix matches most of a large record: rank the
        // newest matches (FTS5 walks rowids in order, cheaply) and show the best of those.
        return await db.Database.SqlQuery<long>($"""
            SELECT rowid AS "Value" FROM (
                SELECT rowid, bm25(IncidentsFts, 10.0, 8.0, 6.0, 4.0, 4.0, 1.0, 6.0) AS rank FROM IncidentsFts
                WHERE IncidentsFts MATCH {match}
                ORDER BY rowid DESC LIMIT {Candidates})
            ORDER BY rank
            LIMIT {limit * 2}
            """).ToListAsync(ct);
    }

    /// <summary>The words of a text, lower-cased: letters and digits in any script.</summary>
    public static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
