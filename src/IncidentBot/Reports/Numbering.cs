using IncidentBot.Data;
using IncidentBot.Incidents;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Reports;

/// <summary>
/// Public numbers without gaps. A report gets its #N when it is filed and an incident its N when it is published, each
/// from its table's own generator, so the numbers run on in order. Until then a /report conversation's report and a
/// pending report's incident live under negative ids, which nobody is shown and which leave no hole when the
/// conversation is cancelled or the report rejected or merged. A number once given never changes: rows that got theirs
/// before this scheme (an older install's pending report and its incident) keep them.
/// </summary>
internal static class Numbering
{
    /// <summary>
    /// A conversation's report, numbered apart from every filed one. Random rather than counted down, so that a button of
    /// a cancelled or filed draft never fits a later draft of the same person.
    /// </summary>
    public static long DraftReportId() => -Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>A pending report's incident: unique because the report's number is.</summary>
    public static long DraftIncidentId(long reportId) => -reportId;

    public static bool IsDraft(long id) => id < 0;

    /// <summary>
    /// The report as it is filed: a conversation's draft is replaced by a copy that the caller's SaveChanges numbers
    /// (nothing points at a draft but the buttons of its own questions, which then expire). A report never saved is
    /// numbered by that save as it is.
    /// </summary>
    public static Report Filed(BotDb db, Report report)
    {
        if (!IsDraft(report.Id)) return report;
        var filed = Copy(db, report, nameof(Report.Id));
        db.Reports.Remove(report);
        db.Reports.Add(filed);
        return filed;
    }

    /// <summary>
    /// The pending report's incident under the next public number, with its sources, saved in the caller's transaction
    /// (the approval's); the draft is gone, and the report and the audit of the draft's edits point at the published
    /// incident. Nothing else refers to a draft: alerts are only owed once it is published.
    /// </summary>
    public static async Task<Incident> Published(BotDb db, Incident draft, Report report, CancellationToken ct)
    {
        if (!IsDraft(draft.Id)) return draft;
        var published = Copy(db, draft, nameof(Incident.Id));
        published.Sources = [.. draft.Sources.Select(s => Copy(db, s, nameof(IncidentSource.Id), nameof(IncidentSource.IncidentId)))];
        db.Incidents.Remove(draft);
        db.Incidents.Add(published);
        await db.SaveChangesAsync(ct);
        report.IncidentId = published.Id;
        await db.Audit.Where(a => a.IncidentId == draft.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IncidentId, published.Id), ct);
        return published;
    }

    /// <summary>Every stored value of a tracked row (whatever columns it has or will have), with the named keys left to the database.</summary>
    static T Copy<T>(BotDb db, T row, params string[] keys) where T : class
    {
        var values = db.Entry(row).CurrentValues.Clone();
        foreach (var key in keys) values[key] = 0L;
        return (T)values.ToObject();
    }
}
