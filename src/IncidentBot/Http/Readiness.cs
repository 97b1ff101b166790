using IncidentBot.Data;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentBot.Http;

/// <summary>
/// /readyz: whether this instance should get traffic. Not ready until the database is reachable and migrated,
/// while no update source is live (webhook not registered; no getUpdates answered within twice its timeout), or
/// while the dispatcher is stalled (it has not begun a round for <see cref="StallAfter"/> and a due row has
/// waited that long). Each failed check is one short line; nothing secret is in them.
/// </summary>
internal sealed class Readiness(IServiceScopeFactory scopes, BotStatus status, DeliveryQueue queue, Instances.Leadership leadership,
    IOptions<TelegramOptions> telegram, TimeProvider clock)
{
    public static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(2);
    static readonly TimeSpan DatabaseWithin = TimeSpan.FromSeconds(3);

    public async Task<List<string>> Problems(CancellationToken ct)
    {
        var problems = new List<string>();
        if (!status.DatabaseMigrated) { problems.Add("database: not migrated yet"); return problems; }
        if (await DatabaseProblem(ct) is { } database) { problems.Add(database); return problems; }
        if (UpdatesProblem() is { } updates) problems.Add(updates);
        if (DispatcherProblem() is { } dispatcher) problems.Add(dispatcher);
        return problems;
    }

    async Task<string?> DatabaseProblem(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDb>();
            var reachable = await db.Database.CanConnectAsync(ct).WaitAsync(DatabaseWithin, ct);
            return reachable ? null : "database: unreachable";
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return "database: unreachable (" + e.GetType().Name + ")";
        }
    }

    string? UpdatesProblem()
    {
        var o = telegram.Value;
        if (o.Mode == BotMode.Webhook) return status.WebhookRegistered ? null : "updates: webhook not registered yet";
        // Only the lease holder polls: a standby is ready while some instance holds the lease (it would take over otherwise).
        if (!leadership.IsActive) return leadership.SomeoneActive ? null : "updates: no instance holds the lease";
        var within = TimeSpan.FromSeconds(2 * o.PollTimeoutSeconds);
        return status.LastPollAt is { } at && clock.GetUtcNow() - at <= within ? null : $"updates: no getUpdates answered within {within.TotalSeconds:0} s";
    }

    string? DispatcherProblem()
    {
        if (!leadership.IsActive) return null; // the holder sends; a standby's dispatcher waits for its term
        if (status.LastDispatchAt is { } at && clock.GetUtcNow() - at <= StallAfter) return null;
        try
        {
            var oldest = queue.Read().OldestDueAge;
            return oldest <= StallAfter ? null : $"dispatcher: no round for {StallAfter.TotalSeconds:0} s while a due message waits {oldest.TotalSeconds:0} s";
        }
        catch (Exception e) { return "dispatcher: queue unreadable (" + e.GetType().Name + ")"; }
    }
}
