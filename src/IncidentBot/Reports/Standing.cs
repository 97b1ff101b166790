using IncidentBot.Data;
using IncidentBot.Localization;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Reports;

/// <summary>
/// What the record says of a contributor, for the moderator deciding on their report: new (no approved report yet),
/// established (approved reports, none rejected as spam or false) or under watch (rejections as spam or false), with
/// the counts, and whether their reporting is paused. Approved counts reports published or merged into an incident.
/// </summary>
internal sealed record Standing(int Approved, int Flagged, bool Paused)
{
    public static readonly Standing New = new(0, 0, false);

    /// <summary>The card's lines about the reporter's standing.</summary>
    public IEnumerable<string> Lines(long userId, Texts t)
    {
        // A contributor who used /forgetme has no standing to show: their reports no longer say whose they were.
        if (userId == AuditLog.Removed) yield break;
        yield return Flagged > 0 ? t.Format("standing.watch", t.Count("count.reports", Flagged), t.Count("count.reports", Approved))
            : Approved > 0 ? t.Format("standing.established", t.Count("count.reports", Approved))
            : t["standing.new"];
        if (Paused) yield return t.Format("standing.paused", userId);
    }

    /// <summary>The standing of each of these people, read in two queries; someone with no decided report is new.</summary>
    public static async Task<Dictionary<long, Standing>> Of(BotDb db, IReadOnlyCollection<long> people, CancellationToken ct)
    {
        if (people.Count == 0) return [];
        var counts = await db.Reports
            .Where(r => people.Contains(r.ReporterId) && (r.State == ReportState.Approved || r.State == ReportState.Merged
                || r.State == ReportState.Rejected && r.RejectedAs != null))
            .GroupBy(r => r.ReporterId)
            .Select(g => new { Person = g.Key, Flagged = g.Count(r => r.State == ReportState.Rejected), All = g.Count() })
            .ToListAsync(ct);
        var paused = await db.ReporterPauses.Where(p => people.Contains(p.UserId) && p.LiftedAt == null).Select(p => p.UserId).ToListAsync(ct);
        return people.Distinct().ToDictionary(p => p, p => counts.FirstOrDefault(c => c.Person == p) is { } c
            ? new Standing(c.All - c.Flagged, c.Flagged, paused.Contains(p))
            : New with { Paused = paused.Contains(p) });
    }
}
