using IncidentBot.Data;
using IncidentBot.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot.Types;

namespace IncidentBot.Telegram;

/// <summary>
/// The one way an update enters the bot (from polling, the webhook or the console): written to the inbox, from
/// which the instance holding the lease feeds it to its chat's queue (<see cref="InboxFeeder"/>). Seen update ids
/// are kept for two days (Telegram keeps updates for one), so a re-delivery is recognised whatever its id looks like.
/// </summary>
internal sealed class UpdateInbox(IServiceScopeFactory scopes, InboxSignal signal, BotStatus status, BotMetrics metrics, TimeProvider clock,
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
        foreach (var row in fresh.Where(r => r.Unreadable is not null))
            log.LogWarning("Update {UpdateId} is stored but skipped: {Reason}", row.UpdateId, row.Unreadable);
        if (fresh.Count > 0) signal.Notify();
        return fresh.Count;
    }

    /// <summary>Rows not handled yet, oldest first: new ones, and what a killed instance left behind.</summary>
    public async Task<List<(long Seq, long ChatKey)>> Unhandled(int limit, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        var rows = await db.Inbox.Where(i => i.HandledAt == null).OrderBy(i => i.Seq).Take(limit)
            .Select(i => new { i.Seq, i.ChatKey }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Seq, r.ChatKey))];
    }

    public async Task<int> ForgetOld(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        var before = clock.GetUtcNow().UtcDateTime - KeepSeenIds;
        return await db.Inbox.Where(i => i.HandledAt != null && i.ReceivedAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Updates of one chat share a key and run in order; others run beside them. An inline query has no chat: it
    /// runs with its sender's private chat (a user's id is their private chat's), as a button on an inline message does.
    /// </summary>
    public static long ChatKeyOf(Update u) =>
        u.Message?.Chat.Id ?? u.EditedMessage?.Chat.Id ?? u.ChannelPost?.Chat.Id ?? u.EditedChannelPost?.Chat.Id
        ?? u.CallbackQuery?.Message?.Chat.Id ?? u.CallbackQuery?.From.Id ?? u.MyChatMember?.Chat.Id
        ?? u.ChatMember?.Chat.Id ?? u.InlineQuery?.From.Id ?? 0;
}
