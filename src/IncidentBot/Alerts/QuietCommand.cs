using IncidentBot.Telegram.Sending;
using IncidentBot.Data;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Alerts;

/// <summary>/quiet 23:00-07:00 Europe/Kyiv silent|summary, and /quiet off.</summary>
internal sealed class QuietCommand(BotDb db, Replies replies, ChatAdmins admins, DeliverySignal delivery, TimeProvider clock)
{
    public async Task Set(Incoming m, CancellationToken ct)
    {
        if (!await admins.MayManage(m.Message.Chat, m.From, m.Message.SenderChat, ct)) { await replies.Reply(m.Message, m.T["subscribe.admins_only"], ct: ct); return; }
        var chat = await db.AlertChats.FindAsync([m.ChatId], ct);
        if (chat is null) db.AlertChats.Add(chat = new AlertChat { ChatId = m.ChatId });
        var now = clock.GetUtcNow();
        if (m.Args.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            (chat.QuietFrom, chat.QuietTo, chat.TimeZone) = (null, null, null);
            await db.SaveChangesAsync(ct);
            // "Alerts arrive as they happen": what was held for the summary leaves now, not when the old window ends.
            await Reschedule(m.ChatId, now.UtcDateTime, ct);
            await replies.Reply(m.Message, m.T["quiet.off"], ct: ct);
            return;
        }
        var (window, error) = QuietHours.Parse(m.Args);
        if (window is null) { await replies.Reply(m.Message, error == "quiet.usage" ? m.T[error] : m.T[error!] + "\n" + m.T["quiet.usage"], ct: ct); return; }
        (chat.QuietFrom, chat.QuietTo, chat.TimeZone, chat.QuietMode) = (window.From, window.To, window.Zone.Id, window.Mode);
        await db.SaveChangesAsync(ct);
        // Held alerts follow the new window: its end when it holds for a summary now, else they leave now.
        await Reschedule(m.ChatId, window.Mode == QuietMode.Summary && QuietHours.Contains(window, now)
            ? QuietHours.End(window, now).UtcDateTime : now.UtcDateTime, ct);
        await replies.Reply(m.Message, m.T.Format(window.Mode == QuietMode.Summary ? "quiet.on_summary" : "quiet.on_silent",
            QuietHours.Format(window.From), QuietHours.Format(window.To), window.Zone.Id), ct: ct);
    }

    async Task Reschedule(long chatId, DateTime release, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Deliveries.Where(d => d.ChatId == chatId && d.State == DeliveryState.Held && d.NotBefore > now && d.NotBefore != release)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NotBefore, release), ct) > 0)
            delivery.Notify();
    }
}
