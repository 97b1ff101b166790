using IncidentBot.Alerts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Tests.Alerts;

/// <summary>The budget on a fake clock: what is granted now, and what only after time passes.</summary>
public sealed class SendBudgetTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    SendBudget Budget(double global = 30, double perChat = 1, int groupPerMinute = 20, bool paid = false) =>
        new(Options.Create(new AlertOptions { GlobalPerSecond = global, PerChatPerSecond = perChat, GroupPerMinute = groupPerMinute, PaidBroadcast = paid }), _clock);

    /// <summary>Advances the fake clock in small steps until the task completes (bounded).</summary>
    async Task Until(Task task, TimeSpan step)
    {
        for (var i = 0; i < 10_000 && !task.IsCompleted; i++)
        {
            _clock.Advance(step);
            await Task.WhenAny(task, Task.Delay(1));
        }
        await task.WaitAsync(Soon);
    }

    [Fact]
    public async Task The_global_window_grants_its_rate_at_once_and_the_rest_only_a_second_later()
    {
        var budget = Budget(global: 30);
        var first = Enumerable.Range(1, 30).Select(chat => budget.Acquire(chat, SendPriority.Bulk, false, default)).ToList();
        await Task.WhenAll(first).WaitAsync(Soon);
        var late = budget.Acquire(31, SendPriority.Bulk, false, default);
        await Task.Delay(20);
        Assert.False(late.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(900));
        await Task.Delay(20);
        Assert.False(late.IsCompleted);
        await Until(late, TimeSpan.FromMilliseconds(50));
        Assert.True(_clock.GetUtcNow() >= new DateTimeOffset(2026, 11, 28, 12, 0, 1, TimeSpan.Zero));
    }

    [Fact]
    public async Task One_chat_is_spaced_by_its_own_rate()
    {
        var budget = Budget(global: 1000, perChat: 1);
        await budget.Acquire(7, SendPriority.Reply, false, default).WaitAsync(Soon);
        var second = budget.Acquire(7, SendPriority.Reply, false, default);
        var other = budget.Acquire(8, SendPriority.Reply, false, default);
        await other.WaitAsync(Soon); // another chat is not held up
        Assert.False(second.IsCompleted);
        var start = _clock.GetUtcNow();
        await Until(second, TimeSpan.FromMilliseconds(100));
        Assert.True(_clock.GetUtcNow() - start >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_group_gets_at_most_its_minute_budget()
    {
        var budget = Budget(global: 1000, perChat: 1000, groupPerMinute: 20);
        const long group = -1001234567890;
        for (var i = 0; i < 20; i++) await Until(budget.Acquire(group, SendPriority.Bulk, false, default), TimeSpan.FromMilliseconds(20));
        var next = budget.Acquire(group, SendPriority.Bulk, false, default);
        _clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(20);
        Assert.False(next.IsCompleted);
        await Until(next, TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Replies_to_people_are_granted_before_waiting_bulk_alerts()
    {
        var budget = Budget(global: 2, perChat: 1000);
        await Task.WhenAll(budget.Acquire(1, SendPriority.Bulk, false, default), budget.Acquire(2, SendPriority.Bulk, false, default)).WaitAsync(Soon);
        var bulk = Enumerable.Range(10, 5).Select(chat => budget.Acquire(chat, SendPriority.Bulk, false, default)).ToList();
        var reply = budget.Acquire(99, SendPriority.Reply, false, default);

        await Until(Task.WhenAny(bulk.Append(reply)), TimeSpan.FromMilliseconds(100));
        Assert.True(reply.IsCompleted);
        Assert.True(bulk.Count(b => b.IsCompleted) <= 1);
    }

    [Fact]
    public async Task A_429_pauses_everything_until_retry_after()
    {
        var budget = Budget(global: 1000, perChat: 1000);
        budget.PauseFor(TimeSpan.FromSeconds(30));
        var send = budget.Acquire(5, SendPriority.Reply, false, default);
        _clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(20);
        Assert.False(send.IsCompleted);
        await Until(send, TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task With_paid_broadcast_free_sends_keep_to_telegrams_free_rate()
    {
        var budget = Budget(global: 1000, perChat: 1000, paid: true);
        await Task.WhenAll(Enumerable.Range(1, 200).Select(c => budget.Acquire(c, SendPriority.Bulk, true, default))).WaitAsync(Soon);
        await Task.WhenAll(Enumerable.Range(1000, 30).Select(c => budget.Acquire(c, SendPriority.Reply, false, default))).WaitAsync(Soon);
        var free = budget.Acquire(2000, SendPriority.Reply, false, default);
        await Task.Delay(20);
        Assert.False(free.IsCompleted);
        await Until(free, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Without_pacing_everything_is_granted_at_once()
    {
        var budget = new SendBudget(Options.Create(new AlertOptions { Pacing = false }), _clock);
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => budget.Acquire(1, SendPriority.Bulk, false, default))).WaitAsync(Soon);
    }
}
