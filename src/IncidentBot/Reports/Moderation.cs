using IncidentBot.Telegram.Sending;
using IncidentBot.Alerts;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using global::Telegram.Bot.Types;

namespace IncidentBot.Reports;

/// <summary>How a decision is answered: a message for a command, a toast for a button press.</summary>
internal delegate Task Feedback(string html);

/// <summary>
/// Moderators' decisions. Each checks the actor's rights when it runs, changes a report only while it
/// is pending (guarded in the database, so of two moderators exactly one wins), and commits the
/// change, its audit entry and what it owes others in one transaction: alerts, the update of every card copy
/// and the reporter's outcome are outbox rows (<see cref="AlertOutbox"/>, <see cref="ReportOutbox"/>).
/// </summary>
internal sealed class Moderation(
    BotDb db, Moderators moderators, ReportOutbox cards, AlertOutbox alerts, DeliverySignal delivery, AuditLog audit, Replies replies, IncidentPlaces places,
    Grading grading, ReportPauses pauses, IOptions<ReportOptions> options, TimeProvider clock, ILogger<Moderation> log)
{
    public async Task Approve(User actor, long reportId, Texts t, long replyChat, CancellationToken ct, bool alert = true) =>
        await Approve(actor, reportId, t, html => replies.Send(replyChat, html, ct: ct), ct, alert);

    /// <summary>Publishes a pending report; without <paramref name="alert"/> (a backlog entry) no subscriber is alerted, now or by a later correction.</summary>
    public async Task Approve(User actor, long reportId, Texts t, Feedback tell, CancellationToken ct, bool alert = true)
    {
        if (!await moderators.IsModerator(actor, ct)) { await tell(t["mod.not_allowed"]); return; }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await Decide(reportId, ReportState.Approved, actor, null, ct)) { await tx.RollbackAsync(ct); await tell(await AlreadyDecided(reportId, t, ct)); return; }
        var report = await Load(reportId, ct);
        var incident = await db.Incidents.Include(i => i.Sources).FirstAsync(i => i.Id == report.IncidentId, ct);
        incident = await Numbering.Published(db, incident, report, ct); // the next public number, taken only now
        incident.Status = IncidentStatus.Published;
        incident.Alerted = alert;
        incident.CreatedAt = incident.UpdatedAt = Now;
        audit.Record(actor, alert ? "approve" : "approve_no_alert", report.Id, incident.Id);
        await grading.Refresh(incident, actor, report.Id, ct);
        await cards.Decided(report, ct);
        if (alert) await alerts.Published(incident, ct);
        await tx.CommitAsync(ct);
        delivery.Notify();
        log.LogInformation("Report {ReportId} approved by {ModeratorId} as incident {IncidentId} (alert: {Alert})", report.Id, actor.Id, incident.Id, alert);
        await tell(t.Format(alert ? "mod.done_approved" : "mod.done_approved_no_alert", report.Id, incident.Id));
    }

    /// <summary>Rejects a pending report; as spam or false (<paramref name="kind"/>) it counts against the reporter, whose third such pauses their reporting.</summary>
    public async Task Reject(User actor, long reportId, string reason, RejectionKind? kind, Texts t, Feedback tell, CancellationToken ct)
    {
        if (!await moderators.IsModerator(actor, ct)) { await tell(t["mod.not_allowed"]); return; }
        reason = HtmlText.Truncate(reason.Trim(), 500);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await Decide(reportId, ReportState.Rejected, actor, reason, ct, kind)) { await tx.RollbackAsync(ct); await tell(await AlreadyDecided(reportId, t, ct)); return; }
        var report = await Load(reportId, ct);
        await db.Incidents.Where(i => i.Id == report.IncidentId && i.Status == IncidentStatus.Draft).ExecuteDeleteAsync(ct);
        audit.Record(actor, "reject", report.Id, after: reason);
        await cards.Decided(report, ct);
        // After the outcome's row, so the reporter reads the rejection before the pause it caused.
        var paused = await pauses.AfterRejection(report, actor, ct);
        await tx.CommitAsync(ct);
        delivery.Notify();
        var done = t.Format("mod.done_rejected", report.Id);
        await tell(paused ? done + "\n" + t.Plural("mod.reporter_paused", ReportPauses.Limit, ReportPauses.Limit, report.ReporterId) : done);
    }

    /// <summary>
    /// Why merging the report into the incident deserves a second look: the report's date lies more than a week from the
    /// incident's, or its place more than 50 km away. The question for the moderator, or null when nothing stands out
    /// (or nothing can be merged: <see cref="Merge"/> then says why).
    /// </summary>
    public async Task<string?> MergeDoubt(long reportId, long incidentId, Texts t, CancellationToken ct)
    {
        var draftId = await db.Reports.Where(r => r.Id == reportId && r.State == ReportState.Pending).Select(r => r.IncidentId).FirstOrDefaultAsync(ct);
        var draft = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == draftId, ct);
        var target = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId && i.Status == IncidentStatus.Published, ct);
        if (draft is null || target is null) return null;
        var far = new List<string>();
        if (IncidentDates.DaysApart(draft, target) is var days and > FarDays)
            far.Add(t.Plural("mod.merge_far_date", days, new Html(IncidentCards.When(draft, t, withNote: false)), new Html(IncidentCards.When(target, t, withNote: false)), days));
        if (places.KmApart(draft, target) is { } km and > FarKm)
            far.Add(t.Format("mod.merge_far_place", new Html(IncidentCards.Where(draft, t)), new Html(IncidentCards.Where(target, t)), (long)Math.Round(km)));
        return far.Count == 0 ? null : HtmlText.JoinWithin([t.Format("mod.merge_far", reportId, incidentId), .. far, t.Format("mod.merge_ask", incidentId)]);
    }

    const int FarDays = 7;
    const double FarKm = 50;

    /// <summary>
    /// Attaches a report and its sources to a published incident; no source is listed twice, and no second alert goes
    /// out, but a chat waiting for a grade the new sources give it gets its first.
    /// </summary>
    public async Task Merge(User actor, long reportId, long incidentId, Texts t, Feedback tell, CancellationToken ct)
    {
        if (!await moderators.IsModerator(actor, ct)) { await tell(t["mod.not_allowed"]); return; }
        var target = await db.Incidents.Include(i => i.Sources).FirstOrDefaultAsync(i => i.Id == incidentId && i.Status == IncidentStatus.Published, ct);
        if (target is null) { await tell(t.Format("mod.no_incident", incidentId)); return; }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await Decide(reportId, ReportState.Merged, actor, null, ct)) { await tx.RollbackAsync(ct); await tell(await AlreadyDecided(reportId, t, ct)); return; }
        var report = await Load(reportId, ct);
        var draftId = report.IncidentId;
        report.IncidentId = target.Id;
        var draft = await db.Incidents.Include(i => i.Sources).FirstOrDefaultAsync(i => i.Id == draftId && i.Status == IncidentStatus.Draft, ct);
        foreach (var source in draft?.Sources ?? [])
            if (!target.Sources.Any(source.SameAs) && target.Sources.Count < 20)
                target.Sources.Add(new IncidentSource { Name = source.Name, Url = source.Url, Note = source.Note, Kind = source.Kind, ReportId = source.ReportId });
        if (draft is not null) db.Incidents.Remove(draft);
        target.UpdatedAt = Now;
        audit.Record(actor, "merge", report.Id, target.Id);
        var grade = target.Grade;
        await grading.Refresh(target, actor, report.Id, ct);
        await cards.Decided(report, ct);
        // Chats that asked for a grade the incident has just reached get its alert now, once.
        if (target.Alerted && target.Grade > grade) await alerts.Published(target, ct);
        await tx.CommitAsync(ct);
        delivery.Notify();
        await tell(t.Format("mod.done_merged", report.Id, target.Id));
    }

    /// <summary>Sets a field of a pending report's incident before it is published.</summary>
    public async Task Edit(User actor, long reportId, string field, string value, Texts t, Feedback tell, CancellationToken ct)
    {
        if (!await moderators.IsModerator(actor, ct)) { await tell(t["mod.not_allowed"]); return; }
        // In a transaction (SQLite's takes the write lock at once): an approval cannot slip between
        // reading "pending" and saving the edit, so a published incident is only ever /correct-ed.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId && r.State == ReportState.Pending, ct);
        if (report is null) { await tx.RollbackAsync(ct); await tell(await AlreadyDecided(reportId, t, ct)); return; }
        var incident = await db.Incidents.Include(i => i.Sources).FirstAsync(i => i.Id == report.IncidentId, ct);
        if (await SetField(actor, incident, field, value, "edit", report.Id, t, tell, ct) is null) return;
        await grading.Refresh(incident, actor, report.Id, ct);
        // The hint on the card follows the incident as it now stands: an edited place or date can make or break it.
        report.DuplicateOfId = (await DuplicateFinder.Find(db, incident, report.Text, ct))?.Id;
        await db.SaveChangesAsync(ct);
        await cards.UpdateCards(report.Id, ct);
        await tx.CommitAsync(ct);
        delivery.Notify();
        var now = IncidentCards.UnnumberedLine(incident, t) + (field.Equals("coords", StringComparison.OrdinalIgnoreCase) && IncidentCards.Point(incident, t) is { } point ? " · " + point : "");
        await tell(t.Format("mod.done_edited", report.Id, field.ToLowerInvariant(), new Html(now)));
    }

    /// <summary>Corrects a published incident; material changes reach the chats that got its alert.</summary>
    public async Task Correct(User actor, long incidentId, string field, string value, Texts t, Feedback tell, CancellationToken ct)
    {
        if (!await moderators.IsModerator(actor, ct)) { await tell(t["mod.not_allowed"]); return; }
        var incident = await db.Incidents.Include(i => i.Sources).FirstOrDefaultAsync(i => i.Id == incidentId && i.Status == IncidentStatus.Published, ct);
        if (incident is null) { await tell(t.Format("mod.no_incident", incidentId)); return; }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var grade = incident.Grade;
        if (await SetField(actor, incident, field, value, "correct", null, t, tell, ct) is not { } change) return;
        await grading.Refresh(incident, actor, null, ct);
        await db.SaveChangesAsync(ct);
        if (IncidentFields.Material.Contains(change.Field)) await alerts.Corrected(incident, change.Field, ct);
        // Chats the corrected incident now matches (a place, a category, or a grade they asked for and it has just
        // reached) that never had its alert get it now, once.
        if (incident.Alerted && (IncidentFields.Matching.Contains(change.Field) || incident.Grade > grade)) await alerts.Published(incident, ct);
        await tx.CommitAsync(ct);
        delivery.Notify();
        await tell(t.Format("mod.done_corrected", incident.Id, change.Field));
    }

    public async Task Retract(User actor, long incidentId, string reason, Texts t, Feedback tell, CancellationToken ct)
    {
        if (!await moderators.IsModerator(actor, ct)) { await tell(t["mod.not_allowed"]); return; }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Incidents.Where(i => i.Id == incidentId && i.Status == IncidentStatus.Published)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, IncidentStatus.Retracted).SetProperty(i => i.UpdatedAt, Now), ct);
        if (changed == 0) { await tx.RollbackAsync(ct); await tell(t.Format("mod.no_incident", incidentId)); return; }
        reason = HtmlText.Truncate(reason.Trim(), 500);
        audit.Record(actor, "retract", incidentId: incidentId, after: reason);
        await db.SaveChangesAsync(ct);
        await alerts.Retracted(incidentId, reason, ct);
        await tx.CommitAsync(ct);
        delivery.Notify();
        await tell(t.Format("mod.done_retracted", incidentId));
    }

    async Task<(string Field, string? Before, string? After)?> SetField(User actor, Incident incident, string field, string value,
        string action, long? reportId, Texts t, Feedback tell, CancellationToken ct)
    {
        field = field.ToLowerInvariant();
        if (IncidentFields.TranslationOf(field) is var (translated, language))
        {
            var previous = IncidentFields.GetTranslation(incident, translated, language);
            if (IncidentFields.SetTranslation(incident, translated, language, value) is { } refused)
            {
                await tell(refused switch
                {
                    "field.bad_language" => t.Format(refused, language, string.Join(", ", Localizer.Spoken)),
                    "field.not_translatable" => t.Format(refused, string.Join(", ", IncidentFields.Translatable.Order())),
                    _ => t.Format(refused, field),
                });
                return null;
            }
            return Changed(actor, incident, field, previous, IncidentFields.GetTranslation(incident, translated, language), action, reportId);
        }
        if (!IncidentFields.Exists(field)) { await tell(t.Format("field.unknown", field, string.Join(", ", IncidentFields.Names))); return null; }
        if (IncidentPlaces.Fields.Contains(field) && value.Trim() is not ("" or "-"))
        {
            // A place, region or country goes through the gazetteer and sets the whole location, coordinates included.
            var where = IncidentPlaces.Describe(incident);
            var (match, cleared) = places.Relocate(incident, field, value);
            if (match.Place is null) await tell(t.Format("field.place_unknown", value.Trim()));
            if (cleared) await tell(t.Format("field.coordinates_cleared", new Html(IncidentCards.Where(incident, t, withNote: false))));
            return Changed(actor, incident, field, where, IncidentPlaces.Describe(incident), action, reportId);
        }
        var before = IncidentFields.Get(incident, field);
        if (IncidentFields.Set(incident, field, value, Now, options.Value.PublishedCoordinateKm) is { } error) { await tell(t.Format(error, field)); return null; }
        if (IncidentPlaces.Fields.Contains(field)) incident.PlaceId = null; // a location field cleared: no entry stands for it any more
        return Changed(actor, incident, field, before, IncidentFields.Get(incident, field), action, reportId);
    }

    (string Field, string? Before, string? After) Changed(User actor, Incident incident, string field, string? before, string? after, string action, long? reportId)
    {
        incident.UpdatedAt = Now;
        audit.Record(actor, action, reportId, incident.Id, field: field, before: before, after: after);
        return (field, before, after);
    }

    /// <summary>The one place a pending report changes state; returns false for the loser of a race.</summary>
    async Task<bool> Decide(long reportId, ReportState state, User actor, string? reason, CancellationToken ct, RejectionKind? rejectedAs = null) =>
        await db.Reports.Where(r => r.Id == reportId && r.State == ReportState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, state).SetProperty(r => r.DecidedBy, actor.Id)
                .SetProperty(r => r.DecidedByName, AuditLog.NameOf(actor)).SetProperty(r => r.DecidedAt, Now)
                .SetProperty(r => r.Reason, reason).SetProperty(r => r.RejectedAs, rejectedAs), ct) == 1;

    async Task<Report> Load(long reportId, CancellationToken ct)
    {
        var report = await db.Reports.FirstAsync(r => r.Id == reportId, ct);
        await db.Entry(report).ReloadAsync(ct); // ExecuteUpdate bypassed the tracker
        return report;
    }

    public async Task<string> AlreadyDecided(long reportId, Texts t, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId && r.State != ReportState.Drafting, ct);
        return report switch
        {
            null => t.Format("mod.no_report", reportId),
            { State: ReportState.Pending } => t.Format("mod.still_pending", reportId),
            { State: ReportState.Withdrawn } => t.Format("mod.already_withdrawn", reportId),
            _ => t.Format("mod.already_decided", reportId, new Html(t[$"state.{report.State}"]), report.DecidedByName ?? "?"),
        };
    }

    DateTime Now => clock.GetUtcNow().UtcDateTime;
}
