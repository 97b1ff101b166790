using System.Text.RegularExpressions;
using IncidentBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Incidents;

/// <summary>
/// Full-text search over SQLite FTS5 (the IncidentsFts table and its triggers are made by the
/// AddIncidentSearch migration). This file and that migration are the only SQLite-specific SQL.
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
        var words = Words(text)
            .Where(w => w.Length <= MaxWordLength).Distinct().Take(MaxWords).ToList();
        // Short words match whole terms only: "b" as a prefix would match half the record.
        return words.Count == 0 ? null : string.Join(" OR ", words.Select(w => w.Length < 3 ? $"\"{w}\"" : $"\"{w}\"*"));
    }

    public static async Task<List<Incident>> Find(BotDb db, string match, int limit, CancellationToken ct)
    {
        // bm25 over every match is slow when a common prefix matches most of a large record: rank the
        // newest matches (FTS5 walks rowids in order, cheaply) and show the best of those.
        var ids = await db.Database.SqlQuery<long>($"""
            SELECT rowid AS "Value" FROM (
                SELECT rowid, bm25(IncidentsFts, 10.0, 8.0, 6.0, 4.0, 4.0, 1.0) AS rank FROM IncidentsFts
                WHERE IncidentsFts MATCH {match}
                ORDER BY rowid DESC LIMIT {Candidates})
            ORDER BY rank
            LIMIT {limit * 2}
            """).ToListAsync(ct);
        var found = await db.Incidents.Where(i => ids.Contains(i.Id) && i.Status == IncidentStatus.Published).ToListAsync(ct);
        return [.. found.OrderBy(i => ids.IndexOf(i.Id)).Take(limit)];
    }

    /// <summary>The words of a text, lower-cased: letters and digits in any script.</summary>
    public static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
