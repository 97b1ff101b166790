using System.Threading.Channels;
using IncidentBot.Alerts;
using IncidentBot.Data;
using IncidentBot.Http;
using IncidentBot.Instances;
using IncidentBot.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Requests;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Telegram.Sending;

/// <summary>
/// The one way out for everything the bot owes someone other than the person it is answering: alerts,
/// corrections, retractions, moderator cards and their updates, reporters' outcomes, warnings. Claims due
/// rows (personal messages first), renders each at send time, keeps enough sends in flight to reach the
/// configured rate at Telegram's round trip (the budget paces them, after replies), and records each outcome
/// through one writer. One chat's rows leave one after another, in order. A send keeps its in-flight slot
/// until its outcome is recorded, so a kill repeats at most Alerts:InFlight sends. Runs only on the instance
/// holding the lease (<see cref="Leadership"/>), and with it the delivery monitor and quiet-hour summaries.
/// </summary>
internal sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, PacedBotClient bot, Localizer localizer, DeliverySignal signal, DeliveryMonitor monitor, Leadership leadership,
    BotStatus status, BotMetrics metrics, IOptions<AlertOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> log) : BackgroundService
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
        if (options.Value.GlobalPerSecond > AlertOptions.FreeGlobalPerSecond && !options.Value.PaidBroadcast)
            log.LogWarning("Alerts:GlobalPerSecond is {Rate}/s, above Telegram's free {Free}/s: without Alerts:PaidBroadcast Telegram will answer 429s",
                options.Value.GlobalPerSecond, AlertOptions.FreeGlobalPerSecond);
        var writer = Task.Run(() => WriteOutcomes(CancellationToken.None), CancellationToken.None);
        try
        {
            while (true)
            {
                var term = await leadership.NextTerm(stoppingToken);
                try { await Dispatch(term); }
                catch (OperationCanceledException) when (term.Token.IsCancellationRequested) { }
                await InFlightEnded();
            }
        }
        finally
        {
            await InFlightEnded();
            _outcomes.Writer.TryComplete();
            await writer;
        }
    }

    /// <summary>Sends while this instance holds the lease: the one sender of the bot, so one budget paces every send.</summary>
    async Task Dispatch(Term term)
    {
        var released = false;
        while (!term.Token.IsCancellationRequested)
        {
            try
            {
                if (!released) released = await ReleaseOthers(term);
                status.DispatcherLooped(clock.GetUtcNow());
                await monitor.WarnIfFailing(term.Token);
                var sent = await SendSummaries(term, term.Token) + await SendDue(term, term.Token);
                if (sent == 0) await signal.Wait(Idle, clock, term.Token);
            }
            catch (OperationCanceledException) when (term.Token.IsCancellationRequested) { }
            catch (Exception e)
            {
                log.LogError(e, "The outbox dispatcher failed a round; retrying");
                await Task.Delay(Idle, clock, term.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    async Task<bool> ReleaseOthers(Term term)
    {
        await using var scope = scopes.CreateAsyncScope();
        var released = await DeliveryStore.ReleaseOthers(scope.ServiceProvider.GetRequiredService<BotDb>(), term.Id, term.Token);
        if (released > 0) log.LogWarning("{Count} messages were in flight when their sender stopped or lost the lease; they are sent again", released);
        return true;
    }

    // Lets sends in flight finish and be recorded; what is cut off stays Sending and is released by the next term's sender.
    async Task InFlightEnded()
    {
        var held = 0;
        while (held < options.Value.InFlight && await _slots.WaitAsync(TimeSpan.FromSeconds(5))) held++;
        if (held > 0) _slots.Release(held);
    }

    async Task<int> SendDue(Term term, CancellationToken ct)
    {
        List<Delivery> rows;
        OutboxMessages messages;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDb>();
            await _slots.WaitAsync(ct); // claim only when a slot is free, so claimed rows do not wait long
            _slots.Release();
            rows = await DeliveryStore.Claim(db, DeliveryState.Pending, Now, options.Value.InFlight, term.Id, ct);
            if (rows.Count == 0) return 0;
            messages = await OutboxMessages.Load(db, rows, localizer, options.Value.NewWithinDays, ct);
        }
        var chats = new Dictionary<long, Task>();
        foreach (var row in rows)
        {
            await _slots.WaitAsync(ct);
            // A chat's second row in the batch leaves after its first: a card before its update, an edit before the next.
            var before = chats.GetValueOrDefault(row.ChatId, Task.CompletedTask);
            chats[row.ChatId] = Task.Run(async () =>
            {
                var handedOver = false;
                try
                {
                    await before;
                    var now = clock.GetUtcNow();
                    var outcome = await Send(row, () => messages.Render(row, now), ct);
                    handedOver = _outcomes.Writer.TryWrite((outcome with { RenderedAt = now.UtcDateTime, ClaimedBy = term.Id }, true));
                }
                finally { if (!handedOver) _slots.Release(); }
            }, CancellationToken.None);
        }
        return rows.Count;
    }

    /// <summary>Renders and sends one row; whatever goes wrong, rendering included, becomes its outcome, never a row left Sending.</summary>
    async Task<Outcome> Send(Delivery row, Func<Rendered> render, CancellationToken ct)
    {
        Rendered message;
        // Rendering reads only what the batch loaded: a failure there is a bug, and trying again would repeat it.
        try { message = render(); }
        catch (Exception e)
        {
            log.LogError(e, "{Kind} {RowId} to chat {ChatId} could not be rendered", row.Kind, row.Id, row.ChatId);
            return new Outcome(row.Id, row.Kind, row.ChatId, DeliveryState.Failed, Error: "not rendered: " + e.Message);
        }
        try
        {
            switch (message)
            {
                case Rendered.NotSent skip:
                    return new Outcome(row.Id, row.Kind, row.ChatId, skip.State, NotBefore: skip.NotBefore, CountsAsAttempt: false);
                case Rendered.Edit edit:
                    await bot.Send(new EditMessageTextRequest
                    {
                        ChatId = row.ChatId, MessageId = edit.MessageId, Text = edit.Html, ParseMode = ParseMode.Html,
                        ReplyMarkup = edit.Buttons, LinkPreviewOptions = NoPreview,
                    }, SendPriority.Bulk, ct);
                    Succeeded(row);
                    return new Outcome(row.Id, row.Kind, row.ChatId, DeliveryState.Sent, edit.MessageId);
                case Rendered.NewMessage send:
                    var sent = await bot.Send(new SendMessageRequest
                    {
                        ChatId = row.ChatId, Text = send.Html, ParseMode = ParseMode.Html, ReplyMarkup = send.Buttons,
                        ReplyParameters = (send.ReplyTo ?? row.TargetMessageId) is { } original ? new ReplyParameters { MessageId = original, AllowSendingWithoutReply = true } : null,
                        LinkPreviewOptions = NoPreview, DisableNotification = send.Silent,
                        AllowPaidBroadcast = options.Value.PaidBroadcast && row.Priority >= Delivery.Broadcast,
                    }, SendPriority.Bulk, ct);
                    Succeeded(row);
                    return new Outcome(row.Id, row.Kind, row.ChatId, DeliveryState.Sent, sent.Id, Silent: send.Silent);
                default:
                    throw new InvalidOperationException($"Unknown rendering {message.GetType().Name}");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return Failure(row, e);
        }
    }

    // A warning that got through is about failures elsewhere: it does not end the outage it reports.
    void Succeeded(Delivery row)
    {
        if (row.Kind == DeliveryKind.Alert) metrics.AlertSent();
        if (row.Kind != DeliveryKind.Warning) monitor.Succeeded();
    }

    DateTime Now => clock.GetUtcNow().UtcDateTime;
}
