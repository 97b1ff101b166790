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
    const int QueuePage = 10, AuditRows = 30, ListRows = 50;

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
        var (kind, reason) = Rejections.Read(rest, m.T);
        await moderation.Reject(m.From!, id, reason, kind, m.T, Tell(m, ct), ct);
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
        // A report far from the incident in date or place is merged only once the moderator confirms it with the button.
        if (await moderation.MergeDoubt(id, incident, m.T, ct) is { } doubt)
            await replies.Reply(m.Message, doubt, ModeratorCards.MergeAnywayButton(id, incident, m.T), ct);
        else await moderation.Merge(m.From!, id, incident, m.T, Tell(m, ct), ct);
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
        // A draft that was never published (its report rejected or merged) has no number to show.
        var lines = rows.AsEnumerable().Reverse().Select(a => m.T.Format("mod.audit_line",
            // Whoever asked to be forgotten (/forgetme) is "the contributor (removed)", with no id.
            a.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            a.ActorId == AuditLog.Removed ? new Html(m.T["audit.removed_actor"]) : HtmlText.Plain(a.ActorName, 60),
            a.ActorId == AuditLog.Removed ? "—" : a.ActorId, AuditAction(a.Action, m.T),
            new Html(a.ReportId is { } r ? $"#{r}" : ""), new Html(a.IncidentId is { } i && !Numbering.IsDraft(i) ? $"/incident_{i}" : ""),
            new Html(a.Field is null && a.Before is null && a.After is null ? "" :
                $"{HtmlText.Escape(a.Field ?? "")}: {HtmlText.Plain(a.Before ?? "—", 120)} → {HtmlText.Plain(a.After ?? "—", 200)}")));
        await replies.Reply(m.Message, HtmlText.JoinWithin([m.T.Format("mod.audit_header", arg), .. lines]), ct: ct);
    }

    /// <summary>/ban 123456 or /ban #12 (that report's author); the Bot API cannot turn an @username into an id.</summary>
    public async Task Ban(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var arg = m.Args.Trim();
        if (await Person(db, arg, ct) is not { } id) { await replies.Reply(m.Message, m.T["mod.usage_ban"], ct: ct); return; }
        if (id == AuditLog.Removed) { await replies.Reply(m.Message, m.T.Format("mod.reporter_removed", arg.TrimStart('#')), ct: ct); return; }
        if (moderators.IsAdmin(id) || await db.Moderators.AnyAsync(x => x.UserId == id, ct)) { await replies.Reply(m.Message, m.T["mod.cannot_ban_moderator"], ct: ct); return; }
        // A ban that is already in place changes nothing and says so; the audit keeps the one that took effect.
        if (await db.BannedUsers.AnyAsync(b => b.UserId == id, ct)) { await replies.Reply(m.Message, m.T.Format("mod.already_banned", id), ct: ct); return; }
        db.BannedUsers.Add(new BannedUser { UserId = id, BannedBy = m.From!.Id, BannedAt = clock.GetUtcNow().UtcDateTime });
        audit.Record(m.From!, "ban", subjectUserId: id, after: arg);
        await db.SaveChangesAsync(ct);
        await replies.Reply(m.Message, m.T.Format("mod.banned", id), ct: ct);
    }

    public async Task Unban(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        if (UserId(m.Args.Trim()) is not { } id) { await replies.Reply(m.Message, m.T["mod.usage_unban"], ct: ct); return; }
        if (await db.BannedUsers.FindAsync([id], ct) is not { } ban) { await replies.Reply(m.Message, m.T.Format("mod.not_banned", id), ct: ct); return; }
        db.BannedUsers.Remove(ban);
        audit.Record(m.From!, "unban", subjectUserId: id);
        await db.SaveChangesAsync(ct);
        await replies.Reply(m.Message, m.T.Format("mod.unbanned", id), ct: ct);
    }

    /// <summary>/bans: who may not report, since when and on whose decision, newest first.</summary>
    public async Task Bans(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var bans = await db.BannedUsers.OrderByDescending(b => b.BannedAt).ThenBy(b => b.UserId).Take(ListRows).ToListAsync(ct);
        if (bans.Count == 0) { await replies.Reply(m.Message, m.T["mod.bans_none"], ct: ct); return; }
        var total = await db.BannedUsers.CountAsync(ct);
        var lines = bans.Select(b => m.T.Format("mod.bans_line", new Html(Person(b.UserId)), Day(b.BannedAt), new Html(Person(b.BannedBy))));
        await replies.Reply(m.Message, HtmlText.JoinWithin([m.T.Plural("mod.bans_header", total, total), .. lines]), ct: ct);
    }

    /// <summary>/mod list (any moderator); /mod add|remove &lt;user id&gt;: admins only, and the configured admins cannot be removed by command.</summary>
    public async Task Mod(Incoming m, CancellationToken ct)
    {
        var (verb, rest) = Split(m.Args);
        if (verb == "list") { await ModList(m, ct); return; }
        if (m.From is not { } admin || !moderators.IsAdmin(admin.Id)) { await replies.Reply(m.Message, m.T["mod.admins_only"], ct: ct); return; }
        if (verb is not ("add" or "remove") || UserId(rest) is not { } id) { await replies.Reply(m.Message, m.T["mod.usage_mod"], ct: ct); return; }
        var existing = await db.Moderators.FindAsync([id], ct);
        if (verb == "add")
        {
            // Adding someone who already moderates changes nothing: say so, and leave the audit and the menu alone.
            if (existing is not null || moderators.IsAdmin(id)) { await replies.Reply(m.Message, m.T.Format("mod.already_moderator", id), ct: ct); return; }
            db.Moderators.Add(new Moderator { UserId = id, AddedBy = admin.Id, AddedAt = clock.GetUtcNow().UtcDateTime });
            audit.Record(admin, "mod add", subjectUserId: id);
            await db.SaveChangesAsync(ct);
            await moderators.RefreshMenu(id, isModerator: true, ct);
            await replies.Reply(m.Message, m.T.Format("mod.added", id), ct: ct);
            return;
        }
        if (moderators.IsAdmin(id)) { await replies.Reply(m.Message, m.T["mod.cannot_remove_admin"], ct: ct); return; }
        if (existing is null) { await replies.Reply(m.Message, m.T.Format("mod.not_moderator", id), ct: ct); return; }
        db.Moderators.Remove(existing);
        audit.Record(admin, "mod remove", subjectUserId: id);
        await db.SaveChangesAsync(ct);
        await moderators.RefreshMenu(id, isModerator: false, ct);
        await replies.Reply(m.Message, m.T.Format("mod.removed", id), ct: ct);
    }

    /// <summary>The configured admins, then the moderators they added, with who added them and when.</summary>
    async Task ModList(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var added = await db.Moderators.OrderBy(x => x.AddedAt).ThenBy(x => x.UserId).Take(ListRows).ToListAsync(ct);
        var lines = moderators.Admins.Select(id => m.T.Format("mod.list_admin", new Html(Person(id))))
            .Concat(added.Where(x => !moderators.IsAdmin(x.UserId))
                .Select(x => m.T.Format("mod.list_line", new Html(Person(x.UserId)), Day(x.AddedAt), new Html(Person(x.AddedBy)))));
        await replies.Reply(m.Message, HtmlText.JoinWithin([m.T["mod.list_header"], .. lines]), ct: ct);
    }

    /// <summary>A user id as a mention: Telegram shows the person's name to those who know them, the id to the rest.</summary>
    static string Person(long id) => FormattableString.Invariant($"<a href=\"tg://user?id={id}\">{id}</a>");

    static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What was done, in the reader's words; an action recorded before it had a name stays as recorded.</summary>
    static string AuditAction(string action, Texts t) => t[$"audit.{action}"] is var name && name != $"audit.{action}" ? name : action;

    static (string Head, string Tail) Split(string text)
    {
        text = text.Trim();
        var space = text.AsSpan().IndexOfAny(" \n\t");
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
    }

    /// <summary>"123456" (a user id) or "#12" (the author of report 12); null when it is neither.</summary>
    internal static async Task<long?> Person(BotDb db, string arg, CancellationToken ct) =>
        arg.StartsWith('#') && ReportId(arg) is { } reportId
            ? await db.Reports.Where(r => r.Id == reportId && r.State != ReportState.Drafting).Select(r => (long?)r.ReporterId).FirstOrDefaultAsync(ct)
            : UserId(arg);

    internal static long? ReportId(string text) => Number(text.Trim().TrimStart('#'));
    internal static long? IncidentId(string text) => Number(text.Trim().Replace("/incident_", "", StringComparison.Ordinal));
    static long? UserId(string text) => Number(text.Trim());

    static long? Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
