using System.Collections.Concurrent;
using System.Globalization;
using IncidentBot.Alerts;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Reports;
using Microsoft.EntityFrameworkCore;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Telegram.Sending;

/// <summary>What an outbox row becomes when it is sent: a new message, an edit, or nothing to send.</summary>
internal abstract record Rendered
{
    /// <summary>A message; <paramref name="ReplyTo"/> when it replies to a message the row did not know when it was owed.</summary>
    public sealed record NewMessage(string Html, InlineKeyboardMarkup? Buttons = null, bool Silent = false, int? ReplyTo = null) : Rendered;

    public sealed record Edit(int MessageId, string Html, InlineKeyboardMarkup? Buttons) : Rendered;

    /// <summary>Nothing to send now: cancelled (the incident retracted, the chat gone) or held for a quiet-hours summary.</summary>
    public sealed record NotSent(DeliveryState State, DateTime? NotBefore = null) : Rendered;
}

/// <summary>
/// Renders outbox rows at send time, from the record as it stands and in the recipient's language (the one their
/// chat chose or last wrote in). A batch's incidents, reports, chats and their languages are read once, and an
/// alert is rendered once per incident and language, not once per chat.
/// </summary>
internal sealed class OutboxMessages(
    Dictionary<long, Incident> incidents, Dictionary<long, Report> reports, Dictionary<long, Standing> standings, Dictionary<long, AlertChat> chats,
    Dictionary<long, ChatLanguage> languages, Dictionary<(long Incident, long Chat), int> alertsSent, Localizer localizer, int newWithinDays)
{
    // Rows of different chats are rendered concurrently (one task per chat).
    readonly ConcurrentDictionary<(long Incident, DeliveryKind Kind, string? Note, string Language), string> _alerts = [];

    public static async Task<OutboxMessages> Load(BotDb db, IReadOnlyList<Delivery> rows, Localizer localizer, int newWithinDays, CancellationToken ct)
    {
        var reportIds = rows.Where(r => r.ReportId is not null).Select(r => r.ReportId!.Value).Distinct().ToList();
        var reports = await db.Reports.AsNoTracking().Where(r => reportIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var incidentIds = rows.Select(r => r.IncidentId)
            .Concat(reports.Values.SelectMany(r => new[] { r.IncidentId, r.DuplicateOfId }))
            .Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Include(i => i.Sources).Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var chatIds = rows.Select(r => r.ChatId).Distinct().ToList();
        var chats = await db.AlertChats.AsNoTracking().Where(c => chatIds.Contains(c.ChatId)).ToDictionaryAsync(c => c.ChatId, ct);
        var cardReports = rows.Where(r => (r.Kind is DeliveryKind.Card or DeliveryKind.CardUpdate) && r.ReportId is not null).Select(r => r.ReportId!.Value);
        var reporters = cardReports.Select(id => reports.GetValueOrDefault(id)?.ReporterId).OfType<long>().Distinct().ToList();
        var standings = await Standing.Of(db, reporters, ct);
        return new OutboxMessages(incidents, reports, standings, chats, await Languages.Load(db, chatIds, ct), await AlertsSent(db, rows, ct), localizer, newWithinDays);
    }

    /// <summary>
    /// The alert messages that corrections and retractions owed while their alert was on its way reply to. Such a row is
    /// claimed only once its chat has nothing on its way, so its alert's outcome is in by now.
    /// </summary>
    static async Task<Dictionary<(long Incident, long Chat), int>> AlertsSent(BotDb db, IReadOnlyList<Delivery> rows, CancellationToken ct)
    {
        var waiting = rows.Where(r => r.Kind is DeliveryKind.Correction or DeliveryKind.Retraction && r.TargetMessageId is null && r.IncidentId is not null).ToList();
        if (waiting.Count == 0) return [];
        var incidentIds = waiting.Select(r => r.IncidentId!.Value).Distinct().ToList();
        var chatIds = waiting.Select(r => r.ChatId).Distinct().ToList();
        var sent = await db.Deliveries.AsNoTracking()
            .Where(d => d.Kind == DeliveryKind.Alert && d.State == DeliveryState.Sent && d.MessageId != null
                && incidentIds.Contains(d.IncidentId!.Value) && chatIds.Contains(d.ChatId))
            .Select(d => new { Incident = d.IncidentId!.Value, d.ChatId, Message = d.MessageId!.Value })
            .ToListAsync(ct);
        return sent.DistinctBy(d => (d.Incident, d.ChatId)).ToDictionary(d => (d.Incident, d.ChatId), d => d.Message);
    }

    public AlertChat? Chat(long chatId) => chats.GetValueOrDefault(chatId);

    public Rendered Render(Delivery row, DateTimeOffset now) => row.Kind switch
    {
        DeliveryKind.Alert or DeliveryKind.Correction or DeliveryKind.Retraction => Alert(row, now),
        DeliveryKind.Card or DeliveryKind.CardUpdate => Card(row),
        DeliveryKind.ReportOutcome => Outcome(row),
        DeliveryKind.Standing => StandingNotice(row),
        _ => Warning(row),
    };

    Rendered Alert(Delivery row, DateTimeOffset now)
    {
        var chat = Chat(row.ChatId);
        if (Incident(row.IncidentId) is not { } incident || chat is { Active: false }) return new Rendered.NotSent(DeliveryState.Cancelled);
        var t = Reader(row.ChatId);
        var window = chat is null ? null : QuietHours.Of(chat);
        var quiet = window is not null && QuietHours.Contains(window, now);
        switch (row.Kind)
        {
            case DeliveryKind.Alert when incident.Status != IncidentStatus.Published:
                return new Rendered.NotSent(DeliveryState.Cancelled);
            case DeliveryKind.Alert when quiet && window!.Mode == QuietMode.Summary:
                return new Rendered.NotSent(DeliveryState.Held, QuietHours.End(window, now).UtcDateTime);
            // Owed while the alert was on its way: a reply to it once sent. One that never went out needs none: it failed,
            // or goes out again (after a crash) from the record as it stands, or, retracted, not at all.
            case DeliveryKind.Correction or DeliveryKind.Retraction when row.TargetMessageId is null:
                return alertsSent.TryGetValue((incident.Id, row.ChatId), out var alert)
                    ? new Rendered.NewMessage(AlertHtml(incident, row, t), Silent: quiet, ReplyTo: alert)
                    : new Rendered.NotSent(DeliveryState.Cancelled);
            default:
                return new Rendered.NewMessage(AlertHtml(incident, row, t), Silent: quiet);
        }
    }

    string AlertHtml(Incident incident, Delivery row, Texts t) =>
        _alerts.GetOrAdd((incident.Id, row.Kind, row.Note, t.Language), _ => row.Kind switch
        {
            DeliveryKind.Alert => AlertText.Alert(incident, t, newWithinDays),
            DeliveryKind.Correction => AlertText.Correction(incident, row.Note ?? "", t),
            _ => AlertText.Retraction(incident.Id, row.Note ?? "", t),
        });

    /// <summary>The language of the chat a row goes to; for a reporter who never wrote since, the one they reported in.</summary>
    Texts Reader(long chatId, string? otherwise = null) => localizer.For(languages.GetValueOrDefault(chatId)?.Language ?? otherwise);

    /// <summary>Held alerts of one chat as one message, or nothing when all were retracted meanwhile.</summary>
    public string? Summary(long chatId, IEnumerable<Delivery> held)
    {
        var published = held.Select(r => Incident(r.IncidentId)).OfType<Incident>()
            .Where(i => i.Status == IncidentStatus.Published).DistinctBy(i => i.Id).OrderBy(i => i.Id).ToList();
        return published.Count == 0 ? null : AlertText.Summary(published, Reader(chatId));
    }

    Rendered Card(Delivery row)
    {
        if (Report(row.ReportId) is not { } report) return new Rendered.NotSent(DeliveryState.Cancelled);
        var (html, buttons) = ModeratorCards.Current(report, Incident(report.IncidentId), Incident(report.DuplicateOfId),
            standings.GetValueOrDefault(report.ReporterId, Standing.New), Reader(row.ChatId));
        return row.Kind == DeliveryKind.CardUpdate && row.TargetMessageId is { } copy
            ? new Rendered.Edit(copy, html, buttons)
            : new Rendered.NewMessage(html, buttons);
    }

    Rendered Outcome(Delivery row)
    {
        if (Report(row.ReportId) is not { } report) return new Rendered.NotSent(DeliveryState.Cancelled);
        var t = Reader(row.ChatId, report.LanguageCode);
        return new Rendered.NewMessage(report.State switch
        {
            ReportState.Approved => t.Format("report.outcome_approved", report.Id, report.IncidentId),
            ReportState.Merged => t.Format("report.outcome_merged", report.Id, report.IncidentId),
            _ => t.Format("report.outcome_rejected", report.Id, report.Reason),
        });
    }

    Rendered StandingNotice(Delivery row)
    {
        var t = Reader(row.ChatId, Report(row.ReportId)?.LanguageCode);
        return new Rendered.NewMessage(row.Note == ReportPauses.Paused ? t.Plural("report.paused", ReportPauses.Limit, ReportPauses.Limit) : t["report.unpaused"]);
    }

    Rendered Warning(Delivery row)
    {
        var since = (row.Since ?? row.CreatedAt).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return new Rendered.NewMessage(Reader(row.ChatId).Format("status.failing", since, row.Note ?? ""));
    }

    Incident? Incident(long? id) => id is { } i ? incidents.GetValueOrDefault(i) : null;
    Report? Report(long? id) => id is { } r ? reports.GetValueOrDefault(r) : null;
}
