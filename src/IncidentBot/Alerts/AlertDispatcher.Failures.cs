using IncidentBot.Data;
using IncidentBot.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot.Exceptions;

namespace IncidentBot.Alerts;

internal sealed partial class AlertDispatcher
{
    /// <summary>
    /// 429: everything pauses (the budget) and the row waits out retry_after. 403 and "chat not found":
    /// the chat is gone, its subscriptions stop. A migrated group: the row follows the new id. 5xx,
    /// network errors and timeouts (the outcome is unknown): retried with growing waits, then Failed.
    /// </summary>
    Outcome Failure(Delivery row, long chatId, Exception e)
    {
        switch (e)
        {
            case ApiRequestException { ErrorCode: 429 } api:
                var wait = TimeSpan.FromSeconds(Math.Max(1, api.Parameters?.RetryAfter ?? 1));
                log.LogWarning("Telegram asked to slow down (429, retry after {Seconds} s); all sending paused", wait.TotalSeconds);
                return new Outcome(row.Id, chatId, DeliveryState.Pending, NotBefore: Now + wait, Error: api.Message, CountsAsAttempt: false);
            case ApiRequestException { Parameters.MigrateToChatId: { } to }:
                log.LogInformation("Chat {ChatId} became supergroup {NewChatId}; its subscriptions move", chatId, to);
                return new Outcome(row.Id, chatId, DeliveryState.Pending, NotBefore: Now, MigratedTo: to, CountsAsAttempt: false);
            case ApiRequestException { ErrorCode: 403 }:
            case ApiRequestException { ErrorCode: 400 } notFound when notFound.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase):
                log.LogInformation("Chat {ChatId} can no longer be written to ({Error}); its subscriptions are stopped", chatId, e.Message);
                return new Outcome(row.Id, chatId, DeliveryState.Failed, Error: e.Message, ChatGone: true);
            case ApiRequestException { ErrorCode: >= 400 and < 500 } api:
                log.LogError("Alert {RowId} to chat {ChatId} was refused: {Error}", row.Id, chatId, api.Message);
                return new Outcome(row.Id, chatId, DeliveryState.Failed, Error: api.Message);
            default:
                monitor.Failed(e.GetBaseException().Message);
                var attempts = row.Attempts + 1;
                if (attempts >= MaxAttempts)
                {
                    log.LogError("Alert {RowId} to chat {ChatId} failed {Attempts} times: {Error}", row.Id, chatId, attempts, e.GetBaseException().Message);
                    return new Outcome(row.Id, chatId, DeliveryState.Failed, Error: e.GetBaseException().Message);
                }
                return new Outcome(row.Id, chatId, DeliveryState.Pending, NotBefore: Now + Backoff(attempts), Error: e.GetBaseException().Message);
        }
    }

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
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await DeliveryStore.Apply(scope.ServiceProvider.GetRequiredService<BotDb>(), batch, Now, ct);
                if (batch.Any(o => o.State is DeliveryState.Pending or DeliveryState.Held)) signal.Notify();
            }
            catch (Exception e)
            {
                // The rows stay Sending and are released at the next start: repeated, never lost.
                log.LogError(e, "Recording {Count} delivery outcomes failed", batch.Count);
            }
            finally
            {
                if (slots > 0) _slots.Release(slots);
            }
            batch.Clear();
        }
    }

    /// <summary>Alerts held through a chat's quiet hours leave as one summary when the window ends.</summary>
    async Task<int> SendSummaries(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        var held = await DeliveryStore.Claim(db, DeliveryState.Held, Now, 1000, ct);
        foreach (var chat in held.GroupBy(r => r.ChatId))
        {
            var ids = chat.Select(r => r.IncidentId).ToList();
            var incidents = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id) && i.Status == IncidentStatus.Published)
                .OrderBy(i => i.Id).ToListAsync(ct);
            var prefs = await db.AlertChats.AsNoTracking().FirstOrDefaultAsync(c => c.ChatId == chat.Key, ct);
            Outcome outcome = incidents.Count == 0
                ? new Outcome(0, chat.Key, DeliveryState.Cancelled, CountsAsAttempt: false)
                : await Deliver(chat.First(), chat.Key, AlertText.Summary(incidents, localizer.For(prefs?.LanguageCode)), silent: false, ct);
            if (outcome.State == DeliveryState.Pending) outcome = outcome with { State = DeliveryState.Held };
            foreach (var row in chat) await _outcomes.Writer.WriteAsync((outcome with { RowId = row.Id, ChatGone = outcome.ChatGone && row == chat.First() }, false), ct);
        }
        return held.Count;
    }
}
