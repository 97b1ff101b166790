using IncidentBot.Data;
using IncidentBot.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot.Types;

namespace IncidentBot.Telegram;

/// <summary>
/// The one way an update enters the bot (from polling, the webhook or the console): written to the inbox, then
/// queued for its chat. Seen update ids are kept for two days (Telegram keeps updates for one), so a
/// re-delivery is recognised whatever its id looks like.
/// </summary>
internal sealed class UpdateInbox(IServiceScopeFactory scopes, ChatSequencer sequencer, BotStatus status, BotMetrics metrics, TimeProvider clock,
    ILogger<UpdateInbox> log)
{
    static readonly TimeSpan KeepSeenIds = TimeSpan.FromDays(2);

    /// <summary>Updates built in code (the console chat) enter the same way as Telegram's.</summary>
    public Task<int> Accept(IReadOnlyList<Update> updates, CancellationToken ct) =>
        Accept([.. updates.Select(RawUpdate.From)], ct);

    /// <summary>
    /// Returns once the new updates are durable; the caller may then confirm their offset. An update the
    /// library cannot read is stored as sent, marked unreadable and never handled: it is logged here,
    /// once, and cannot hold back the updates after it.
    /// </summary>
    public async Task<int> Accept(IReadOnlyList<RawUpdate> updates, CancellationToken ct)
    {
        if (updates.Count == 0) return 0;
        status.UpdateReceived(clock.GetUtcNow());
        List<InboxUpdate> fresh;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDb>();
            var ids = updates.Select(u => u.Id).ToList();
            var seen = (await db.Inbox.Where(i => ids.Contains(i.UpdateId)).Select(i => i.UpdateId).ToListAsync(ct)).ToHashSet();
            var now = clock.GetUtcNow().UtcDateTime;
            fresh = [.. updates.Where(u => seen.Add(u.Id)).Select(u => new InboxUpdate
            {
                UpdateId = u.Id,
                ChatKey = u.ChatKey,
                Payload = u.Json,
                ReceivedAt = now,
                Unreadable = u.Unreadable,
                HandledAt = u.Unreadable is null ? null : now,
            })];
            db.Inbox.AddRange(fresh);
            await db.SaveChangesAsync(ct);
        }
        metrics.UpdatesReceived(fresh.Count);
        foreach (var row in fresh)
        {
            if (row.Unreadable is null) await sequencer.EnqueueAsync(row.ChatKey, row.Seq, ct);
            else log.LogWarning("Update {UpdateId} is stored but skipped: {Reason}", row.UpdateId, row.Unreadable);
        }
        return fresh.Count;
    }

    /// <summary>At start, before updates are fetched or accepted: resumes what the last run left, forgets old ids.</summary>
    public async Task Resume(CancellationToken ct)
    {
        var replayed = await ReplayUnhandled(ct);
        if (replayed > 0) log.LogInformation("Resuming {Count} updates left unhandled by the last run", replayed);
        await ForgetOld(ct);
    }

    /// <summary>Queues what a previous run stored but never finished (a crash, a kill).</summary>
    public async Task<int> ReplayUnhandled(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        var rows = await db.Inbox.Where(i => i.HandledAt == null).OrderBy(i => i.Seq)
            .Select(i => new { i.Seq, i.ChatKey }).ToListAsync(ct);
        foreach (var row in rows) await sequencer.EnqueueAsync(row.ChatKey, row.Seq, ct);
        return rows.Count;
    }

    public async Task<int> ForgetOld(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        var before = clock.GetUtcNow().UtcDateTime - KeepSeenIds;
        return await db.Inbox.Where(i => i.HandledAt != null && i.ReceivedAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>Updates of one chat share a key and run in order; others run beside them.</summary>
    public static long ChatKeyOf(Update u) =>
        u.Message?.Chat.Id ?? u.EditedMessage?.Chat.Id ?? u.ChannelPost?.Chat.Id ?? u.EditedChannelPost?.Chat.Id
        ?? u.CallbackQuery?.Message?.Chat.Id ?? u.CallbackQuery?.From.Id ?? u.MyChatMember?.Chat.Id
        ?? u.ChatMember?.Chat.Id ?? 0;
}
