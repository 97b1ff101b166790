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
/// <para>
/// The generator must not skip either. SQLite's is the table's own (AUTOINCREMENT's counter is written in the inserting
/// transaction, so a rollback takes it back). PostgreSQL's identity draws from a sequence, which a rolled-back transaction
/// does not give back: an approval that failed after its insert, or an instance killed before its commit, would leave a
/// hole. There the number is the largest plus one, taken under a lock held until the caller's transaction ends.
/// </para>
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
    /// The report as it is filed, numbered in the caller's transaction: a conversation's draft is replaced by a numbered
    /// copy (nothing points at a draft but the buttons of its own questions, which then expire); a report never saved
    /// is numbered as it is. The number is given here on PostgreSQL, by the caller's SaveChanges on SQLite.
    /// </summary>
    public static async Task<Report> Filed(BotDb db, Report report, CancellationToken ct)
    {
        if (report.Id > 0) return report;
        var number = await Next(db, Reports, ct);
        var filed = report;
        if (IsDraft(report.Id))
        {
            filed = Copy(db, report, nameof(Report.Id));
            db.Reports.Remove(report);
            db.Reports.Add(filed);
        }
        if (number is { } given) filed.Id = given;
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
        if (await Next(db, Incidents, ct) is { } number) published.Id = number;
        published.Sources = [.. draft.Sources.Select(s => Copy(db, s, nameof(IncidentSource.Id), nameof(IncidentSource.IncidentId)))];
        db.Incidents.Remove(draft);
        db.Incidents.Add(published);
        await db.SaveChangesAsync(ct);
        report.IncidentId = published.Id;
        await db.Audit.Where(a => a.IncidentId == draft.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IncidentId, published.Id), ct);
        return published;
    }

    /// <summary>One table's generator on PostgreSQL: its lock (pg_advisory_xact_lock; DatabaseStartup's key is 727001), its next number, and its identity's sequence moved past that number.</summary>
    sealed record Generator(string Lock, string Next, string Ahead);

    static readonly Generator Incidents = For("Incidents", 727_002), Reports = For("Reports", 727_003);

    static Generator For(string table, int lockKey) => new($"SELECT pg_advisory_xact_lock({lockKey})",
        $"""SELECT COALESCE(MAX("Id"), 0) + 1 AS "Value" FROM "{table}" WHERE "Id" > 0""",
        $$"""SELECT setval(pg_get_serial_sequence('"{{table}}"', 'Id'), {0})""");

    /// <summary>PostgreSQL: the table's next number, locked to the caller's transaction. SQLite: null, the insert numbers the row.</summary>
    static async Task<long?> Next(BotDb db, Generator generator, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return null;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A public number is taken inside the transaction that saves it.");
        await db.Database.ExecuteSqlRawAsync(generator.Lock, ct);
        var next = await db.Database.SqlQueryRaw<long>(generator.Next).SingleAsync(ct);
        // Kept ahead of every number given, so a row inserted without one never collides with one.
        await db.Database.ExecuteSqlRawAsync(generator.Ahead, [next], ct);
        return next;
    }

    /// <summary>Every stored value of a tracked row (whatever columns it has or will have), with the named keys left to the database.</summary>
    static T Copy<T>(BotDb db, T row, params string[] keys) where T : class
    {
        var values = db.Entry(row).CurrentValues.Clone();
        foreach (var key in keys) values[key] = 0L;
        return (T)values.ToObject();
    }
}
