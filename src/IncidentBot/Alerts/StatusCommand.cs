using IncidentBot.Telegram.Sending;
using System.Globalization;
using IncidentBot.Data;
using IncidentBot.Reports;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentBot.Alerts;

/// <summary>/status for moderators: the queue (and whether new reports are paused), delivery, the last fan-out, subscriptions, polling, the database.</summary>
internal sealed class StatusCommand(BotDb db, Moderators moderators, ReportPauses pauses, Replies replies, BotStatus status, DeliveryMonitor monitor,
    SendBudget budget, IOptions<AlertOptions> options, TimeProvider clock)
{
    public async Task Show(Incoming m, CancellationToken ct)
    {
        if (!await moderators.IsModerator(m.From, ct)) { await replies.Reply(m.Message, m.T["mod.not_allowed"], ct: ct); return; }
        var t = m.T;
        var now = clock.GetUtcNow();
        var queue = await db.Reports.CountAsync(r => r.State == ReportState.Pending, ct);
        var waiting = await db.Deliveries.CountAsync(d => d.State == DeliveryState.Pending || d.State == DeliveryState.Sending || d.State == DeliveryState.Held, ct);
        var failed = await db.Deliveries.CountAsync(d => d.State == DeliveryState.Failed, ct);
        var subscriptions = await db.Subscriptions.CountAsync(s => s.Active, ct);
        var chats = await db.Subscriptions.Where(s => s.Active).Select(s => s.ChatId).Distinct().CountAsync(ct);
        var lines = new List<string>
        {
            t["status.header"],
            t.Format("status.queue", t.Count("count.reports", queue)),
            t.Format("status.deliveries", waiting, failed),
            t.Format("status.subscriptions", subscriptions, t.Count("count.chats", chats)),
            await LastFanOut(t, ct),
            t.Format("status.last_update", status.LastUpdateAt is { } at ? t.Ago(now - at) : t["status.never"]),
            t.Format("status.database", (await DatabaseBytes(ct) / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)),
        };
        if (await pauses.AllPaused(ct) is { } paused) lines.Insert(2, t.Format("status.reports_paused", t.Ago(now.UtcDateTime - paused.At), paused.ByName)); // under the queue
        if (options.Value.DelayMinutes > 0) lines.Add(await Delayed(t, now.UtcDateTime, ct));
        if (monitor.FailingSince is { } since) lines.Add(t.Format("status.failing_since", t.Ago(now - since)));
        if (budget.PausedUntil > now) lines.Add(t.Format("status.paused", Math.Ceiling((budget.PausedUntil - now).TotalSeconds)));
        await replies.Reply(m.Message, HtmlText.JoinWithin(lines), ct: ct);
    }

    /// <summary>Alerts not yet due because of Alerts:DelayMinutes (never tried, so no retry's back-off), and when the next is.</summary>
    async Task<string> Delayed(Localization.Texts t, DateTime now, CancellationToken ct)
    {
        var held = db.Deliveries.Where(d => d.Kind == DeliveryKind.Alert && d.State == DeliveryState.Pending && d.Attempts == 0 && d.NotBefore > now);
        var next = await held.MinAsync(d => (DateTime?)d.NotBefore, ct);
        return t.Format("status.delayed", options.Value.DelayMinutes, await held.CountAsync(ct),
            next is { } due ? due.ToString("HH:mm", CultureInfo.InvariantCulture) : "—");
    }

    async Task<string> LastFanOut(Localization.Texts t, CancellationToken ct)
    {
        var last = await db.Deliveries.Where(d => d.Kind == DeliveryKind.Alert).OrderByDescending(d => d.Id).Select(d => (long?)d.IncidentId).FirstOrDefaultAsync(ct);
        if (last is not { } incident) return t["status.no_fanout"];
        var rows = db.Deliveries.Where(d => d.IncidentId == incident && d.Kind == DeliveryKind.Alert);
        var total = await rows.CountAsync(ct);
        var sent = await rows.CountAsync(d => d.State == DeliveryState.Sent, ct);
        var first = await rows.MinAsync(d => d.SentAt, ct);
        var latest = await rows.MaxAsync(d => d.SentAt, ct);
        var seconds = first is { } f && latest is { } l ? (l - f).TotalSeconds : 0;
        var rate = seconds > 0 ? (sent / seconds).ToString("0.0", CultureInfo.InvariantCulture) : "—";
        return t.Format("status.fanout", incident, sent, total, rate);
    }

    async Task<long> DatabaseBytes(CancellationToken ct)
    {
        var pages = await db.Database.SqlQueryRaw<long>(db.Database.IsNpgsql()
            ? "SELECT pg_database_size(current_database()) AS \"Value\""
            : "SELECT page_count * page_size AS \"Value\" FROM pragma_page_count(), pragma_page_size()").ToListAsync(ct);
        return pages.FirstOrDefault();
    }

}
