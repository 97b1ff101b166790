using IncidentBot.Telegram.Sending;
using System.Globalization;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Reports;

/// <summary>The moderators' commands and buttons: argument parsing, then a call into <see cref="Moderation"/>.</summary>
internal sealed class ModerationCommands(
    BotDb db, Moderation moderation, Moderators moderators, ReportOutbox cards, DeliverySignal delivery, ReportConversation conversation,
    AuditLog audit, Replies replies, TimeProvider clock)
{
    const int QueuePage = 10, AuditRows = 30;

    /// <summary>Every moderator command starts here: the sender's rights are checked for this very command.</summary>
    async Task<bool> Allowed(Incoming m, CancellationToken ct)
    {
        if (await moderators.IsModerator(m.From, ct)) return true;
        await replies.Reply(m.Message, m.T["mod.not_allowed"], ct: ct);
        return false;
    }

    Feedback Tell(Incoming m, CancellationToken ct) => html => replies.Reply(m.Message, html, ct: ct);

    public async Task Queue(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var pending = db.Reports.Where(r => r.State == ReportState.Pending);
        var total = await pending.CountAsync(ct);
        if (total == 0) { await replies.Reply(m.Message, m.T["mod.queue_empty"], ct: ct); return; }
        var oldest = await pending.OrderBy(r => r.Id).Take(QueuePage).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var lines = oldest.Select(r => m.T.Format("mod.queue_line", r.Id, m.T.Ago(now - r.SubmittedAt!.Value), HtmlText.Plain(r.ReporterName, 40), HtmlText.Plain(r.Text, 60)));
        // The list answers now; a fresh card of each follows through the outbox, after it.
        foreach (var report in oldest) cards.Cards(report, [m.ChatId]);
        await db.SaveChangesAsync(ct);
        await replies.Reply(m.Message, HtmlText.JoinWithin([m.T.Plural("mod.queue_header", total, total, oldest.Count), .. lines]), ct: ct);
        delivery.Notify();
    }

    public async Task Approve(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var (first, rest) = Split(m.Args);
        var alert = rest.Length == 0;
        if (ReportId(first) is not { } id || !alert && !rest.Equals("noalert", StringComparison.OrdinalIgnoreCase))
        {
            await replies.Reply(m.Message, m.T["mod.usage_approve"], ct: ct);
            return;
        }
        await moderation.Approve(m.From!, id, m.T, Tell(m, ct), ct, alert);
    }

    public async Task Reject(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var (first, rest) = Split(m.Args);
        if (ReportId(first) is not { } id || rest.Length == 0) { await replies.Reply(m.Message, m.T["mod.usage_reject"], ct: ct); return; }
        await moderation.Reject(m.From!, id, rest, m.T, Tell(m, ct), ct);
    }

    public async Task Edit(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var (first, rest) = Split(m.Args);
        var (field, value) = Split(rest);
        if (ReportId(first) is not { } id || field.Length == 0 || value.Length == 0)
        {
            await replies.Reply(m.Message, m.T.Format("mod.usage_edit", string.Join(", ", IncidentFields.Names)), ct: ct);
            return;
        }
        await moderation.Edit(m.From!, id, field, value, m.T, Tell(m, ct), ct);
    }

    public async Task Merge(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var (first, rest) = Split(m.Args);
        if (ReportId(first) is not { } id || IncidentId(rest) is not { } incident) { await replies.Reply(m.Message, m.T["mod.usage_merge"], ct: ct); return; }
        await moderation.Merge(m.From!, id, incident, m.T, Tell(m, ct), ct);
    }

    /// <summary>/log: a moderator records a strike directly, through the same questions as a report; it publishes on submit.</summary>
    public async Task Log(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        await conversation.Start(m, directLog: true, ct);
    }

    public async Task Correct(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var (first, rest) = Split(m.Args);
        var (field, value) = Split(rest);
        if (IncidentId(first) is not { } id || field.Length == 0 || value.Length == 0)
        {
            await replies.Reply(m.Message, m.T.Format("mod.usage_correct", string.Join(", ", IncidentFields.Names)), ct: ct);
            return;
        }
        await moderation.Correct(m.From!, id, field, value, m.T, Tell(m, ct), ct);
    }

    public async Task Retract(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var (first, rest) = Split(m.Args);
        if (IncidentId(first) is not { } id || rest.Length == 0) { await replies.Reply(m.Message, m.T["mod.usage_retract"], ct: ct); return; }
        await moderation.Retract(m.From!, id, rest, m.T, Tell(m, ct), ct);
    }

    /// <summary>/audit #12 for a report (and the incident it became), /audit 7 for an incident.</summary>
    public async Task Audit(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var arg = m.Args.Trim();
        IQueryable<AuditEntry> entries;
        if (arg.StartsWith('#') && ReportId(arg) is { } reportId)
        {
            var incidentId = await db.Reports.Where(r => r.Id == reportId).Select(r => r.IncidentId).FirstOrDefaultAsync(ct);
            entries = db.Audit.Where(a => a.ReportId == reportId || (incidentId != null && a.IncidentId == incidentId));
        }
        else if (IncidentId(arg) is { } incidentId)
        {
            var reports = db.Reports.Where(r => r.IncidentId == incidentId).Select(r => (long?)r.Id);
            entries = db.Audit.Where(a => a.IncidentId == incidentId || reports.Contains(a.ReportId));
        }
        else { await replies.Reply(m.Message, m.T["mod.usage_audit"], ct: ct); return; }

        var rows = await entries.OrderByDescending(a => a.Id).Take(AuditRows).ToListAsync(ct);
        if (rows.Count == 0) { await replies.Reply(m.Message, m.T.Format("mod.audit_empty", arg), ct: ct); return; }
        var lines = rows.AsEnumerable().Reverse().Select(a => m.T.Format("mod.audit_line",
            // Whoever asked to be forgotten (/forgetme) is "the contributor (removed)", with no id.
            a.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            a.ActorId == AuditLog.Removed ? new Html(m.T["audit.removed_actor"]) : HtmlText.Plain(a.ActorName, 60),
            a.ActorId == AuditLog.Removed ? "—" : a.ActorId, AuditAction(a.Action, m.T),
            new Html(a.ReportId is { } r ? $"#{r}" : ""), new Html(a.IncidentId is { } i ? $"/incident_{i}" : ""),
            new Html(a.Field is null && a.Before is null && a.After is null ? "" :
                $"{HtmlText.Escape(a.Field ?? "")}: {HtmlText.Plain(a.Before ?? "—", 120)} → {HtmlText.Plain(a.After ?? "—", 200)}")));
        await replies.Reply(m.Message, HtmlText.JoinWithin([m.T.Format("mod.audit_header", arg), .. lines]), ct: ct);
    }

    /// <summary>/ban 123456 or /ban #12 (that report's author); the Bot API cannot turn an @username into an id.</summary>
    public async Task Ban(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var arg = m.Args.Trim();
        long? userId = arg.StartsWith('#') && ReportId(arg) is { } reportId
            ? await db.Reports.Where(r => r.Id == reportId && r.State != ReportState.Drafting).Select(r => (long?)r.ReporterId).FirstOrDefaultAsync(ct)
            : UserId(arg);
        if (userId is not { } id) { await replies.Reply(m.Message, m.T["mod.usage_ban"], ct: ct); return; }
        if (id == AuditLog.Removed) { await replies.Reply(m.Message, m.T.Format("mod.reporter_removed", arg.TrimStart('#')), ct: ct); return; }
        if (moderators.IsAdmin(id) || await db.Moderators.AnyAsync(x => x.UserId == id, ct)) { await replies.Reply(m.Message, m.T["mod.cannot_ban_moderator"], ct: ct); return; }
        if (!await db.BannedUsers.AnyAsync(b => b.UserId == id, ct))
        {
            db.BannedUsers.Add(new BannedUser { UserId = id, BannedBy = m.From!.Id, BannedAt = clock.GetUtcNow().UtcDateTime });
            audit.Record(m.From!, "ban", subjectUserId: id, after: arg);
            await db.SaveChangesAsync(ct);
        }
        await replies.Reply(m.Message, m.T.Format("mod.banned", id), ct: ct);
    }

    public async Task Unban(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        if (UserId(m.Args.Trim()) is not { } id) { await replies.Reply(m.Message, m.T["mod.usage_unban"], ct: ct); return; }
        if (await db.BannedUsers.FindAsync([id], ct) is { } ban)
        {
            db.BannedUsers.Remove(ban);
            audit.Record(m.From!, "unban", subjectUserId: id);
            await db.SaveChangesAsync(ct);
        }
        await replies.Reply(m.Message, m.T.Format("mod.unbanned", id), ct: ct);
    }

    /// <summary>/mod add|remove &lt;user id&gt;: admins only; the configured admins cannot be removed by command.</summary>
    public async Task Mod(Incoming m, CancellationToken ct)
    {
        if (m.From is not { } admin || !moderators.IsAdmin(admin.Id)) { await replies.Reply(m.Message, m.T["mod.admins_only"], ct: ct); return; }
        var (verb, rest) = Split(m.Args);
        if (verb is not ("add" or "remove") || UserId(rest) is not { } id) { await replies.Reply(m.Message, m.T["mod.usage_mod"], ct: ct); return; }
        var existing = await db.Moderators.FindAsync([id], ct);
        if (verb == "add")
        {
            if (existing is null && !moderators.IsAdmin(id))
            {
                db.Moderators.Add(new Moderator { UserId = id, AddedBy = admin.Id, AddedAt = clock.GetUtcNow().UtcDateTime });
                audit.Record(admin, "mod add", subjectUserId: id);
                await db.SaveChangesAsync(ct);
            }
            await moderators.RefreshMenu(id, isModerator: true, ct);
            await replies.Reply(m.Message, m.T.Format("mod.added", id), ct: ct);
            return;
        }
        if (moderators.IsAdmin(id)) { await replies.Reply(m.Message, m.T["mod.cannot_remove_admin"], ct: ct); return; }
        if (existing is not null)
        {
            db.Moderators.Remove(existing);
            audit.Record(admin, "mod remove", subjectUserId: id);
            await db.SaveChangesAsync(ct);
        }
        await moderators.RefreshMenu(id, isModerator: false, ct);
        await replies.Reply(m.Message, m.T.Format("mod.removed", id), ct: ct);
    }

    /// <summary>What was done, in the reader's words; an action recorded before it had a name stays as recorded.</summary>
    static string AuditAction(string action, Texts t) => t[$"audit.{action}"] is var name && name != $"audit.{action}" ? name : action;

    static (string Head, string Tail) Split(string text)
    {
        text = text.Trim();
        var space = text.AsSpan().IndexOfAny(" \n\t");
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
    }

    internal static long? ReportId(string text) => Number(text.Trim().TrimStart('#'));
    internal static long? IncidentId(string text) => Number(text.Trim().Replace("/incident_", "", StringComparison.Ordinal));
    static long? UserId(string text) => Number(text.Trim());

    static long? Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
