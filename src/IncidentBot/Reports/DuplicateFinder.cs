using IncidentBot.Data;
using IncidentBot.Incidents;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Reports;

/// <summary>
/// A hint, not a verdict: a published incident at the same place (or within a few km) a few days
/// either side, or sharing words with the report, is offered to moderators as a merge target.
/// </summary>
internal static class DuplicateFinder
{
    const double NearKm = 5;
    static readonly TimeSpan Slack = TimeSpan.FromDays(3), LookBack = TimeSpan.FromDays(31);

    public static async Task<Incident?> Find(BotDb db, Incident draft, string? text, CancellationToken ct)
    {
        var (from, to) = IncidentDates.Span(draft);
        // An undated report ("on or before" the day it was reported) could be of any earlier day: the hint looks a month back.
        if (draft.OnOrBefore) from = to - LookBack;
        var earliest = from - Slack - TimeSpan.FromDays(366); // a year-precise incident starts up to a year before
        var latest = to + Slack;
        var candidates = await db.Incidents
            .Where(i => i.Status == IncidentStatus.Published && i.OccurredOn >= earliest && i.OccurredOn <= latest)
            .OrderByDescending(i => i.OccurredOn).Take(500).ToListAsync(ct);
        var words = Words($"{text} {draft.Place} {draft.Region}");
        return candidates
            .Where(c => Overlaps(IncidentDates.Span(c), (from - Slack, to + Slack)))
            .Select(c => (Incident: c, Score: Score(draft, c, words)))
            .Where(s => s.Score >= 2).OrderByDescending(s => s.Score).Select(s => s.Incident).FirstOrDefault();
    }

    static int Score(Incident draft, Incident c, HashSet<string> words)
    {
        var score = 0;
        if (SamePlace(draft.Place, c.Place) || SamePlace(draft.Place, c.Region)) score += 2;
        if (draft is { Latitude: { } la, Longitude: { } lo } && c is { Latitude: { } lb, Longitude: { } lob } && Geo.DistanceKm(la, lo, lb, lob) <= NearKm)
            score += 3;
        score += Math.Min(2, Words($"{c.Target} {c.Summary} {c.Place} {c.Region}").Count(words.Contains));
        return score;
    }

    static bool SamePlace(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    static bool Overlaps((DateTime From, DateTime To) a, (DateTime From, DateTime To) b) => a.From < b.To && b.From < a.To;

    static HashSet<string> Words(string text) =>
        [.. IncidentSearch.Words(text).Where(w => w.Length >= 4)];
}
