using IncidentBot.Data;
using IncidentBot.Incidents;
using Microsoft.EntityFrameworkCore;
using global::Telegram.Bot.Types;

namespace IncidentBot.Reports;

/// <summary>
/// Keeps an incident's grade true to its sources after every change of them (an approval, a merge, an /edit or
/// /correct of a source) and to a moderator's override while one is set. A derived change is audited as "grade", by
/// the moderator whose action caused it; setting or clearing the override is audited as the grade field's edit or correction.
/// </summary>
internal sealed class Grading(BotDb db, AuditLog audit)
{
    /// <summary>Sets the incident's grade (saved with the caller's SaveChanges); the caller compares it with the grade before.</summary>
    public async Task Refresh(Incident incident, User actor, long? reportId, CancellationToken ct)
    {
        var before = incident.Grade;
        incident.Grade = incident.GradeOverride ?? Grades.Derive(incident.Sources, await Reporters(db, incident.Sources, ct));
        if (incident.GradeOverride is null && incident.Grade != before)
            audit.Record(actor, "grade", reportId, incident.Id, field: "grade", before: before.ToString(), after: incident.Grade.ToString());
    }

    /// <summary>Who filed each report the sources came with.</summary>
    public static async Task<Dictionary<long, long>> Reporters(BotDb db, IEnumerable<IncidentSource> sources, CancellationToken ct)
    {
        var reports = sources.Where(s => s.ReportId is not null).Select(s => s.ReportId!.Value).Distinct().ToList();
        return reports.Count == 0 ? []
            : await db.Reports.Where(r => reports.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.ReporterId, ct);
    }

    /// <summary>
    /// Every incident's grade from its sources, once, right after the migration that brought grades to an older
    /// install: its incidents were all stored as reported. Unaudited: no one changed anything.
    /// </summary>
    public static async Task DeriveAll(BotDb db, CancellationToken ct)
    {
        var incidents = await db.Incidents.Include(i => i.Sources).Where(i => i.GradeOverride == null).ToListAsync(ct);
        var reporters = await Reporters(db, incidents.SelectMany(i => i.Sources), ct);
        foreach (var incident in incidents) incident.Grade = Grades.Derive(incident.Sources, reporters);
        await db.SaveChangesAsync(ct);
    }
}
