using System.Threading.Channels;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Alerts;

/// <summary>
/// Sends the outbox. Claims the oldest due rows, keeps enough sends in flight to reach the configured
/// rate at Telegram's round trip (the budget paces them), and records each outcome as soon as it is
/// known through one writer. A send keeps its in-flight slot until its outcome is recorded, so a kill
/// repeats at most Alerts:InFlight sends.
/// </summary>
internal sealed partial class AlertDispatcher(
    IServiceScopeFactory scopes, ITelegramBotClient bot, Localizer localizer, DeliverySignal signal, DeliveryMonitor monitor,
    IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertDispatcher> log) : BackgroundService
{
    const int MaxAttempts = 10;
    static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);
    static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    // An outcome that holds an in-flight slot gives it back only once recorded: sent but unrecorded is
    // what a kill repeats, so it must stay within Alerts:InFlight.
    readonly Channel<(Outcome Outcome, bool HoldsSlot)> _outcomes =
        Channel.CreateUnbounded<(Outcome, bool)>(new UnboundedChannelOptions { SingleReader = true });
    readonly SemaphoreSlim _slots = new(options.Value.InFlight);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var bulk = PacedBotClient.Bulk();
        if (options.Value.GlobalPerSecond > AlertOptions.FreeGlobalPerSecond && !options.Value.PaidBroadcast)
            log.LogWarning("Alerts:GlobalPerSecond is {Rate}/s, above Telegram's free {Free}/s: without Alerts:PaidBroadcast Telegram will answer 429s",
                options.Value.GlobalPerSecond, AlertOptions.FreeGlobalPerSecond);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var released = await DeliveryStore.ReleaseClaimed(scope.ServiceProvider.GetRequiredService<BotDb>(), stoppingToken);
            if (released > 0) log.LogWarning("{Count} alerts were in flight when the bot last stopped; they are sent again", released);
        }
        var writer = Task.Run(() => WriteOutcomes(CancellationToken.None), CancellationToken.None);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await monitor.WarnIfFailing(stoppingToken);
                    var sent = await SendSummaries(stoppingToken) + await SendDue(stoppingToken);
                    if (sent == 0) await signal.Wait(Idle, clock, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
                catch (Exception e)
                {
                    log.LogError(e, "The alert dispatcher failed a round; retrying");
                    await Task.Delay(Idle, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
        finally
        {
            // Let sends in flight finish and be recorded; what is cut off stays Sending and is released at the next start.
            for (var i = 0; i < options.Value.InFlight; i++)
                if (!await _slots.WaitAsync(TimeSpan.FromSeconds(5))) break;
            _outcomes.Writer.TryComplete();
            await writer;
        }
    }

    async Task<int> SendDue(CancellationToken ct)
    {
        List<Delivery> rows;
        Dictionary<long, Incident> incidents;
        Dictionary<long, AlertChat> chats;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDb>();
            await _slots.WaitAsync(ct); // claim only when a slot is free, so claimed rows do not wait long
            _slots.Release();
            rows = await DeliveryStore.Claim(db, DeliveryState.Pending, Now, options.Value.InFlight, ct);
            if (rows.Count == 0) return 0;
            var incidentIds = rows.Select(r => r.IncidentId).Distinct().ToList();
            var chatIds = rows.Select(r => r.ChatId).Distinct().ToList();
            incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            chats = await db.AlertChats.AsNoTracking().Where(c => chatIds.Contains(c.ChatId)).ToDictionaryAsync(c => c.ChatId, ct);
        }
        foreach (var row in rows)
        {
            await _slots.WaitAsync(ct);
            _ = Task.Run(async () =>
            {
                var handedOver = false;
                try { handedOver = _outcomes.Writer.TryWrite((await Send(row, incidents.GetValueOrDefault(row.IncidentId), chats.GetValueOrDefault(row.ChatId), ct), true)); }
                finally { if (!handedOver) _slots.Release(); }
            }, CancellationToken.None);
        }
        return rows.Count;
    }

    async Task<Outcome> Send(Delivery row, Incident? incident, AlertChat? chat, CancellationToken ct)
    {
        if (incident is null || chat is { Active: false }) return new Outcome(row.Id, row.ChatId, DeliveryState.Cancelled, CountsAsAttempt: false);
        var t = localizer.For(chat?.LanguageCode);
        var window = chat is null ? null : QuietHours.Of(chat);
        var quiet = window is not null && QuietHours.Contains(window, clock.GetUtcNow());
        string text;
        switch (row.Kind)
        {
            case DeliveryKind.Alert when incident.Status != IncidentStatus.Published:
                return new Outcome(row.Id, row.ChatId, DeliveryState.Cancelled, CountsAsAttempt: false);
            case DeliveryKind.Alert when quiet && window!.Mode == QuietMode.Summary:
                return new Outcome(row.Id, row.ChatId, DeliveryState.Held, NotBefore: QuietHours.End(window, clock.GetUtcNow()).UtcDateTime, CountsAsAttempt: false);
            case DeliveryKind.Alert: text = AlertText.Alert(incident, t); break;
            case DeliveryKind.Correction: text = AlertText.Correction(incident, row.Note ?? "", t); break;
            default: text = AlertText.Retraction(incident.Id, row.Note ?? "", t); break;
        }
        return await Deliver(row, row.ChatId, text, quiet, ct);
    }

    async Task<Outcome> Deliver(Delivery row, long chatId, string text, bool silent, CancellationToken ct)
    {
        try
        {
            var sent = await bot.SendMessage(chatId, text, ParseMode.Html,
                replyParameters: row.ReplyTo is { } original ? new ReplyParameters { MessageId = original, AllowSendingWithoutReply = true } : null,
                linkPreviewOptions: NoPreview, disableNotification: silent, allowPaidBroadcast: options.Value.PaidBroadcast, cancellationToken: ct);
            monitor.Succeeded();
            return new Outcome(row.Id, chatId, DeliveryState.Sent, sent.Id, Silent: silent);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return Failure(row, chatId, e);
        }
    }

    DateTime Now => clock.GetUtcNow().UtcDateTime;
}
