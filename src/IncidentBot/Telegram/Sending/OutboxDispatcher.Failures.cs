using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot.Exceptions;

namespace IncidentBot.Telegram.Sending;

internal sealed partial class OutboxDispatcher
{
    /// <summary>
    /// One policy for every kind. 429: everything pauses (the budget) and the row waits out retry_after. 403
    /// and "chat not found": the chat is gone, what it is owed is closed and its subscriptions stop. A migrated
    /// group: the row follows the new id. An edit of a message that is gone is recorded so, not retried; an
    /// identical edit is done. 5xx, network errors and timeouts (the outcome is unknown): retried with
    /// growing waits, then Failed.
    /// </summary>
    Outcome Failure(Delivery row, Exception e)
    {
        var chatId = row.ChatId;
        switch (e)
        {
            case ApiRequestException { ErrorCode: 429 } api:
                var wait = TimeSpan.FromSeconds(Math.Max(1, api.Parameters?.RetryAfter ?? 1));
                log.LogWarning("Telegram asked to slow down (429, retry after {Seconds} s); all sending paused", wait.TotalSeconds);
                return new Outcome(row.Id, row.Kind, chatId, DeliveryState.Pending, NotBefore: Now + wait, Error: api.Message, CountsAsAttempt: false);
            case ApiRequestException { ErrorCode: 400 } same when row.Kind == DeliveryKind.CardUpdate && Says(same, "message is not modified"):
                return new Outcome(row.Id, row.Kind, chatId, DeliveryState.Sent, row.TargetMessageId);
            case ApiRequestException { ErrorCode: 400 } gone when row.Kind == DeliveryKind.CardUpdate
                && (Says(gone, "message to edit not found") || Says(gone, "message can't be edited") || Says(gone, "MESSAGE_ID_INVALID")
                    || gone.Parameters?.MigrateToChatId is not null):
                log.LogInformation("Card copy {MessageId} in chat {ChatId} is gone ({Error}); not updated", row.TargetMessageId, chatId, gone.Message);
                return new Outcome(row.Id, row.Kind, chatId, DeliveryState.Gone, Error: gone.Message);
            case ApiRequestException { Parameters.MigrateToChatId: { } to }:
                log.LogInformation("Chat {ChatId} became supergroup {NewChatId}; its subscriptions move", chatId, to);
                return new Outcome(row.Id, row.Kind, chatId, DeliveryState.Pending, NotBefore: Now, MigratedTo: to, CountsAsAttempt: false);
            case ApiRequestException { ErrorCode: 403 }:
            case ApiRequestException { ErrorCode: 400 } notFound when Says(notFound, "chat not found"):
                if (row.Priority == Delivery.Personal)
                    log.LogWarning("{Kind} could not reach chat {ChatId} ({Error}): a moderator or reporter must open the bot and press Start; what the chat is owed is closed",
                        row.Kind, chatId, e.Message);
                else
                    log.LogInformation("Chat {ChatId} can no longer be written to ({Error}); what it is owed is closed and its subscriptions are stopped", chatId, e.Message);
                return new Outcome(row.Id, row.Kind, chatId, DeliveryState.Failed, Error: e.Message, ChatGone: true);
            case ApiRequestException { ErrorCode: >= 400 and < 500 } api:
                log.LogError("{Kind} {RowId} to chat {ChatId} was refused: {Error}", row.Kind, row.Id, chatId, api.Message);
                return new Outcome(row.Id, row.Kind, chatId, DeliveryState.Failed, Error: api.Message);
            default:
                monitor.Failed(e.GetBaseException().Message);
                var attempts = row.Attempts + 1;
                if (attempts >= MaxAttempts)
                {
                    log.LogError("{Kind} {RowId} to chat {ChatId} failed {Attempts} times: {Error}", row.Kind, row.Id, chatId, attempts, e.GetBaseException().Message);
                    return new Outcome(row.Id, row.Kind, chatId, DeliveryState.Failed, Error: e.GetBaseException().Message);
                }
                return new Outcome(row.Id, row.Kind, chatId, DeliveryState.Pending, NotBefore: Now + Backoff(attempts), Error: e.GetBaseException().Message);
        }
    }

    static bool Says(ApiRequestException e, string words) => e.Message.Contains(words, StringComparison.OrdinalIgnoreCase);

    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, attempts)));

    async Task WriteOutcomes(CancellationToken ct)
    {
        var batch = new List<Outcome>();
        while (await _outcomes.Reader.WaitToReadAsync(ct))
        {
            var slots = 0;
            while (batch.Count < 200 && _outcomes.Reader.TryRead(out var item))
            {
                batch.Add(item.Outcome);
                if (item.HoldsSlot) slots++;
            }
            try { await Record(batch); }
            finally { if (slots > 0) _slots.Release(slots); }
            batch.Clear();
        }
    }

    /// <summary>
    /// Records a batch, trying again for about a minute while the database is away. After that the rows stay
    /// Sending and are released by the next term's sender: repeated, never lost.
    /// </summary>
    async Task Record(List<Outcome> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await DeliveryStore.Apply(scope.ServiceProvider.GetRequiredService<BotDb>(), batch, Now, CancellationToken.None);
                if (batch.Any(o => o.State is DeliveryState.Pending or DeliveryState.Held)) signal.Notify();
                return;
            }
            catch (Exception e) when (attempt < 6)
            {
                log.LogWarning("Recording {Count} outbox outcomes failed ({Error}); trying again", batch.Count, e.GetBaseException().Message);
                await Task.Delay(Backoff(attempt), clock);
            }
            catch (Exception e)
            {
                log.LogError(e, "Recording {Count} outbox outcomes failed; they are sent again by the next holder of the lease", batch.Count);
                return;
            }
        }
    }

    /// <summary>Alerts held through a chat's quiet hours leave as one summary when the window ends.</summary>
    async Task<int> SendSummaries(Term term, CancellationToken ct)
    {
        List<Delivery> held;
        OutboxMessages messages;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDb>();
            held = await DeliveryStore.Claim(db, DeliveryState.Held, Now, 1000, term.Id, ct);
            if (held.Count == 0) return 0;
            messages = await OutboxMessages.Load(db, held, localizer, options.Value.NewWithinDays, ct);
        }
        foreach (var chat in held.GroupBy(r => r.ChatId))
        {
            var first = chat.First();
            // Nothing left to summarise (all retracted meanwhile): the rows are cancelled.
            var outcome = await Send(first, () => messages.Summary(chat.Key, chat) is { } summary
                ? new Rendered.NewMessage(summary) : new Rendered.NotSent(DeliveryState.Cancelled), ct);
            if (outcome.State == DeliveryState.Pending) outcome = outcome with { State = DeliveryState.Held };
            foreach (var row in chat) await _outcomes.Writer.WriteAsync((outcome with { RowId = row.Id, ChatGone = outcome.ChatGone && row == first, ClaimedBy = term.Id }, false), ct);
        }
        return held.Count;
    }
}
