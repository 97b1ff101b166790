using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Reports;

/// <summary>
/// The buttons on report cards. Button data is a claim, not a right: the presser's rights are checked
/// on every press, and every press is answered. Edit and "other reason" ask a question whose answer
/// is the moderator's next message in that chat.
/// </summary>
internal sealed class ModerationButtons(
    BotDb db, Moderation moderation, Moderators moderators, Replies replies, TimeProvider clock)
{
    public async Task OnButton(CallbackQuery query, Texts t, CallbackData data, CancellationToken ct)
    {
        if (!await moderators.IsModerator(query.From, ct)) { await replies.Answer(query, HtmlText.ToPlain(t["mod.not_allowed"]), ct); return; }
        Feedback toast = html => replies.Answer(query, HtmlText.ToPlain(html), ct);
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        switch (data)
        {
            case { Prefix: ModeratorCards.Approve, Ids: [var report] }:
                await moderation.Approve(query.From, report, t, toast, ct);
                break;
            case { Prefix: ModeratorCards.ApproveNoAlert, Ids: [var report] }:
                await moderation.Approve(query.From, report, t, toast, ct, alert: false);
                break;
            case { Prefix: ModeratorCards.Merge, Ids: [var report, var incident] }:
                if (await moderation.MergeDoubt(report, incident, t, ct) is { } doubt)
                {
                    await replies.Answer(query, null, ct);
                    await replies.Send(chatId, doubt, ModeratorCards.MergeAnywayButton(report, incident, t), ct: ct);
                }
                else await moderation.Merge(query.From, report, incident, t, toast, ct);
                break;
            case { Prefix: ModeratorCards.MergeAnyway, Ids: [var report, var incident] }:
                await moderation.Merge(query.From, report, incident, t, toast, ct);
                break;
            case { Prefix: ModeratorCards.Reject, Ids: [var report] }:
                await replies.Answer(query, null, ct);
                await replies.Send(chatId, t.Format("mod.ask_reason", report), ModeratorCards.ReasonButtons(report, t), ct: ct);
                break;
            case { Prefix: ModeratorCards.RejectReason, Ids: [var report, var code] } when code >= 0 && code < ModeratorCards.ReasonKeys.Length:
                if (code == 0) await Ask(query, t, chatId, PromptKind.RejectReason, report, t.Format("mod.ask_reason_text", report), ct);
                else await moderation.Reject(query.From, report, t[ModeratorCards.ReasonKeys[code]], Rejections.OfReasonKey(ModeratorCards.ReasonKeys[code]), t, toast, ct);
                break;
            case { Prefix: ModeratorCards.Edit, Ids: [var report] }:
                await Ask(query, t, chatId, PromptKind.EditField, report, t.Format("mod.ask_edit", report, string.Join(", ", IncidentFields.Names)), ct);
                break;
            case { Prefix: ModeratorCards.Photos, Ids: [var report] }:
                await SendPhotos(query, chatId, report, t, ct);
                break;
            default:
                await replies.Answer(query, t["button.expired"], ct);
                break;
        }
    }

    async Task Ask(CallbackQuery query, Texts t, long chatId, PromptKind kind, long reportId, string question, CancellationToken ct)
    {
        if (!await db.Reports.AnyAsync(r => r.Id == reportId && r.State == ReportState.Pending, ct))
        {
            await replies.Answer(query, HtmlText.ToPlain(await moderation.AlreadyDecided(reportId, t, ct)), ct);
            return;
        }
        var prompt = await db.Prompts.FindAsync([chatId, query.From.Id], ct);
        if (prompt is null) db.Prompts.Add(prompt = new ModeratorPrompt { ChatId = chatId, UserId = query.From.Id });
        (prompt.Kind, prompt.ReportId, prompt.AskedAt) = (kind, reportId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await replies.Answer(query, null, ct);
        // The mention makes a selective forced reply target this moderator, also in a moderators' group,
        // where a reply to the bot reaches it even with privacy mode on.
        var mention = $"<a href=\"tg://user?id={query.From.Id}\">{HtmlText.Escape(AuditLog.NameOf(query.From))}</a>: ";
        await replies.Send(chatId, mention + question, new ForceReplyMarkup { Selective = true }, ct: ct);
    }

    /// <summary>A moderator's text that answers an open question; false when none is open.</summary>
    public async Task<bool> OnText(Message message, Texts t, CancellationToken ct)
    {
        if (message.From is null || string.IsNullOrWhiteSpace(message.Text)) return false;
        var prompt = await db.Prompts.FindAsync([message.Chat.Id, message.From.Id], ct);
        if (prompt is null) return false;
        db.Prompts.Remove(prompt);
        await db.SaveChangesAsync(ct);
        Feedback tell = html => replies.Reply(message, html, ct: ct);
        var text = message.Text.Trim();
        if (prompt.Kind == PromptKind.RejectReason)
        {
            var (kind, reason) = Rejections.Read(text, t);
            await moderation.Reject(message.From, prompt.ReportId, reason, kind, t, tell, ct);
            return true;
        }
        var space = text.IndexOf(' ');
        if (space <= 0) await tell(t.Format("mod.usage_edit", string.Join(", ", IncidentFields.Names)));
        else await moderation.Edit(message.From, prompt.ReportId, text[..space], text[(space + 1)..], t, tell, ct);
        return true;
    }

    /// <summary>/cancel also withdraws an open question.</summary>
    public async Task<bool> CancelPrompt(Message message, CancellationToken ct)
    {
        if (message.From is null || await db.Prompts.FindAsync([message.Chat.Id, message.From.Id], ct) is not { } prompt) return false;
        db.Prompts.Remove(prompt);
        await db.SaveChangesAsync(ct);
        return true;
    }

    async Task SendPhotos(CallbackQuery query, long chatId, long reportId, Texts t, CancellationToken ct)
    {
        var photos = (await db.Reports.Where(r => r.Id == reportId).Select(r => r.Photos).FirstOrDefaultAsync(ct))?
            .Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
        await replies.Answer(query, photos.Length == 0 ? t["button.expired"] : null, ct);
        if (photos.Length > 0)
            await replies.SendPhotos(chatId, photos, ct);
    }
}
