using IncidentBot.Data;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using IncidentBot.Telegram.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Reports;

/// <summary>
/// /forgetme: once the person confirms with a button, their name, username, Telegram id and chat leave the database.
/// Their reports stay under their numbers without them (a published incident keeps its "Contributor report #N" source,
/// audited "contributor removed"); a pending one is withdrawn, a draft deleted; their private chat's subscriptions,
/// quiet hours, language and owed messages go too. Two things stay: a ban (forgetting must not lift it), and a
/// moderator's accountability (a moderator is refused; once removed, their decisions on others' reports keep their name).
/// </summary>
internal sealed class ForgetMe(
    BotDb db, Moderators moderators, ReportOutbox cards, DeliverySignal delivery, AuditLog audit, Replies replies, TimeProvider clock, ILogger<ForgetMe> log)
{
    public const string Prefix = "fm";
    const long Keep = 0, Forget = 1;

    /// <summary>How long the confirmation button stays valid.</summary>
    static readonly TimeSpan Offer = TimeSpan.FromMinutes(10);

    public async Task Ask(Incoming m, CancellationToken ct)
    {
        if (!m.IsPrivate || m.From is not { } person) { await replies.Reply(m.Message, m.T["forget.private_only"], ct: ct); return; }
        if (await moderators.IsModerator(person, ct)) { await replies.Reply(m.Message, m.T["forget.moderator"], ct: ct); return; }
        var reports = await db.Reports.CountAsync(r => r.ReporterId == person.Id && r.State != ReportState.Drafting, ct);
        var pending = await db.Reports.CountAsync(r => r.ReporterId == person.Id && r.State == ReportState.Pending, ct);
        var offered = clock.GetUtcNow().ToUnixTimeSeconds();
        var buttons = new InlineKeyboardMarkup(new[]
        {
            InlineKeyboardButton.WithCallbackData(m.T["forget.confirm"], CallbackData.Format(Prefix, Forget, person.Id, offered)),
            InlineKeyboardButton.WithCallbackData(m.T["forget.keep"], CallbackData.Format(Prefix, Keep, person.Id, offered)),
        });
        await replies.Reply(m.Message, m.T.Format("forget.ask", reports, pending), buttons, ct);
    }

    /// <summary>The data is a claim: it counts only when pressed by the person it was offered to, in their own chat, while fresh.</summary>
    public async Task OnButton(CallbackQuery query, Texts t, CallbackData data, CancellationToken ct)
    {
        var age = clock.GetUtcNow().ToUnixTimeSeconds() - (data.Ids is [_, _, var offered] ? offered : long.MinValue / 2);
        if (data.Ids is not [var choice and (Keep or Forget), var personId, _] || personId != query.From.Id
            || query.Message is not { } message || message.Chat.Id != personId || age < -60 || age > Offer.TotalSeconds)
        {
            await replies.Answer(query, t["button.expired"], ct);
            return;
        }
        if (choice == Keep)
        {
            await replies.Answer(query, null, ct);
            await replies.Edit(message.Chat.Id, message.Id, t["forget.kept"], null, ct);
            return;
        }
        // Rights are checked on the press too: someone made a moderator since the offer is refused.
        if (await moderators.IsModerator(query.From, ct)) { await replies.Answer(query, HtmlText.ToPlain(t["forget.moderator"]), ct); return; }
        var (reports, withdrawn) = await Remove(personId, ct);
        await replies.Answer(query, null, ct);
        await replies.Edit(message.Chat.Id, message.Id, t.Format("forget.done", reports, withdrawn), null, ct);
    }

    /// <summary>Removes the person from the database in one transaction; returns their reports and how many were withdrawn.</summary>
    async Task<(int Reports, int Withdrawn)> Remove(long personId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // What this update has tracked (its inbox row handled, the language it was written in) is written first, so the sweep below
        // covers it too, and then let go: from here the database is the truth, and nothing stale is saved back after it.
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var ownMenu = await db.ChatLanguages.AnyAsync(c => c.ChatId == personId && c.Chosen != null, ct);
        await db.Reports.Where(r => r.ReporterId == personId && r.State == ReportState.Drafting).ExecuteDeleteAsync(ct);
        var pending = await db.Reports.Where(r => r.ReporterId == personId && r.State == ReportState.Pending).Select(r => r.Id).ToListAsync(ct);
        var withdrawn = new HashSet<long>();
        foreach (var id in pending)
            if (await Withdraw(id, ct)) withdrawn.Add(id);

        var reports = await db.Reports.Where(r => r.ReporterId == personId).Select(r => new { r.Id, r.IncidentId, r.State }).ToListAsync(ct);
        var ids = reports.Select(r => r.Id).ToList();
        foreach (var r in reports)
        {
            var published = r.State is ReportState.Approved or ReportState.Merged ? r.IncidentId : null;
            if (withdrawn.Contains(r.Id)) audit.RecordRemoved("forget", r.Id, field: "state", before: nameof(ReportState.Pending), after: nameof(ReportState.Withdrawn));
            else audit.RecordRemoved("forget", r.Id, published);
            // Every copy of its card in the moderators' chats loses the name too.
            await cards.UpdateCards(r.Id, ct);
        }
        await db.Reports.Where(r => r.ReporterId == personId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ReporterId, AuditLog.Removed).SetProperty(r => r.ReporterName, "")
            .SetProperty(r => r.ChatId, 0L).SetProperty(r => r.LanguageCode, (string?)null), ct);
        // What they did with their own reports (filing them) no longer names them; decisions on others' reports, and bans, stay.
        await db.Audit.Where(a => a.ActorId == personId && a.ReportId != null && ids.Contains(a.ReportId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorId, AuditLog.Removed).SetProperty(a => a.ActorName, ""), ct);
        await ForgetChat(personId, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        delivery.Notify();
        // A language chosen with /language gave them a menu of their own: back to everyone's.
        if (ownMenu) await moderators.RefreshMenu(personId, isModerator: false, ct);
        // No id in the log either: the operator's logs are kept longer than the inbox.
        log.LogInformation("A contributor removed their identity from {Count} reports ({Withdrawn} withdrawn)", reports.Count, withdrawn.Count);
        return (reports.Count, withdrawn.Count);
    }

    /// <summary>A pending report leaves the queue, as a rejection would (guarded: a moderator's decision that came first stands).</summary>
    async Task<bool> Withdraw(long reportId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Reports.Where(r => r.Id == reportId && r.State == ReportState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReportState.Withdrawn).SetProperty(r => r.DecidedAt, now)
                    .SetProperty(r => r.DecidedBy, (long?)null).SetProperty(r => r.DecidedByName, (string?)null), ct) == 0)
            return false;
        var draft = await db.Reports.Where(r => r.Id == reportId).Select(r => r.IncidentId).FirstAsync(ct);
        await db.Incidents.Where(i => i.Id == draft && i.Status == Incidents.IncidentStatus.Draft).ExecuteDeleteAsync(ct);
        return true;
    }

    /// <summary>
    /// The person's private chat: its subscriptions, quiet hours, language, prompts and owed messages go; subscriptions they
    /// made in groups stay the groups', without their id; the raw updates kept to recognise re-deliveries are blanked.
    /// </summary>
    async Task ForgetChat(long personId, CancellationToken ct)
    {
        await db.Subscriptions.Where(s => s.ChatId == personId).ExecuteDeleteAsync(ct);
        await db.Subscriptions.Where(s => s.CreatedBy == personId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedBy, AuditLog.Removed), ct);
        await db.AlertChats.Where(c => c.ChatId == personId).ExecuteDeleteAsync(ct);
        await db.ChatLanguages.Where(c => c.ChatId == personId).ExecuteDeleteAsync(ct);
        await db.Prompts.Where(p => p.ChatId == personId || p.UserId == personId).ExecuteDeleteAsync(ct);
        await db.Deliveries.Where(d => d.ChatId == personId).ExecuteDeleteAsync(ct);
        // Telegram's JSON names a person as "id":123 followed by a comma or a brace (in "from", "chat", a mention...).
        var (mid, end) = ($"%\"id\":{personId},%", $"%\"id\":{personId}}}%");
        await db.Inbox.Where(i => i.HandledAt != null && (i.ChatKey == personId || EF.Functions.Like(i.Payload, mid) || EF.Functions.Like(i.Payload, end)))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Payload, "").SetProperty(i => i.ChatKey, 0L)
                .SetProperty(i => i.Unreadable, "removed by /forgetme"), ct);
    }
}
