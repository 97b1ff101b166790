using IncidentBot.Alerts;
using IncidentBot.Telegram.Sending;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Tests.Telegram.Sending;

/// <summary>The budget on a fake clock: when each permit is granted, measured in the clock's own time.</summary>
[Collection(TimingSensitive.Name)] // its pump runs on the thread pool while the test moves the clock
public sealed class SendBudgetTests
{
    static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    SendBudget Budget(double global = 30, double perChat = 1, int groupPerMinute = 20, bool paid = false)
    {
        var budget = new SendBudget(Options.Create(new AlertOptions
            { GlobalPerSecond = global, PerChatPerSecond = perChat, GroupPerMinute = groupPerMinute, PaidBroadcast = paid }), _clock);
        _clock.Advance(TimeSpan.FromSeconds(2)); // past the start-up second every new budget waits out
        return budget;
    }

    /// <summary>
    /// Advances the clock in small steps until every task is granted; returns each one's grant time. Each
    /// permit is marked sent when granted, as a request written at once would be. Both happen on the
    /// granting thread at the grant: this loop looks only now and then, and a busy machine would skew
    /// times taken here (the clock can still move one step between a grant and its record).
    /// </summary>
    async Task<DateTimeOffset[]> Granted(IReadOnlyList<Task<SendPermit>> tasks, TimeSpan? step = null)
    {
        var times = new DateTimeOffset?[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            var k = i;
            _ = tasks[k].ContinueWith(t =>
            {
                if (!t.IsCompletedSuccessfully) return;
                t.Result.Sent();
                lock (times) times[k] = _clock.GetUtcNow();
            }, TaskContinuationOptions.ExecuteSynchronously);
        }
        var deadline = _clock.GetUtcNow() + TimeSpan.FromMinutes(5);
        bool Done() { lock (times) return times.All(t => t is not null); }
        while (!Done())
        {
            Assert.True(_clock.GetUtcNow() < deadline, "not granted in time");
            _clock.Advance(step ?? Step);
            await Task.Delay(1);
        }
        await Task.WhenAll(tasks);
        lock (times) return [.. times.Select(t => t!.Value)];
    }

    static int MostInAnyWindow(IEnumerable<DateTimeOffset> times, TimeSpan window)
    {
        var sorted = times.Order().ToArray();
        var most = 0;
        for (int i = 0, j = 0; i < sorted.Length; i++)
        {
            while (sorted[i] - sorted[j] >= window) j++;
            most = Math.Max(most, i - j + 1);
        }
        return most;
    }

    [Fact]
    public async Task The_bot_never_sends_more_than_its_rate_in_any_second_and_reaches_it()
    {
        var budget = Budget(global: 30);
        var start = _clock.GetUtcNow();
        var times = await Granted([.. Enumerable.Range(1, 90).Select(chat => budget.Acquire(chat, SendPriority.Bulk, false, default))]);

        // Never 31 in any one second; spread over the second rather than burst at its start. (How close
        // to 30/s it gets on a real clock is the benchmark's business: this clock moves in 10 ms steps.)
        Assert.InRange(MostInAnyWindow(times, TimeSpan.FromSeconds(1)), 25, 30);
        Assert.True(MostInAnyWindow(times, TimeSpan.FromMilliseconds(100) - Step) <= 3);
        Assert.InRange((times.Max() - start).TotalSeconds, 2.9, 3.6); // 90 sends at 30/s: about 3 s, never faster
    }

    [Fact]
    public async Task One_chat_is_spaced_by_its_own_rate_and_others_are_not_held_up()
    {
        var budget = Budget(global: 1000, perChat: 1);
        var times = await Granted([.. Enumerable.Range(0, 4).Select(_ => budget.Acquire(7, SendPriority.Reply, false, default)),
            budget.Acquire(8, SendPriority.Reply, false, default)]);

        for (var i = 1; i < 4; i++) Assert.True(times[i] - times[i - 1] >= TimeSpan.FromSeconds(1));
        Assert.True(times[4] - times[0] < TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_group_gets_at_most_its_minute_budget()
    {
        var budget = Budget(global: 1000, perChat: 1000, groupPerMinute: 20);
        const long group = -1001234567890;
        var times = await Granted([.. Enumerable.Range(0, 25).Select(_ => budget.Acquire(group, SendPriority.Bulk, false, default))], TimeSpan.FromMilliseconds(250));

        Assert.Equal(20, MostInAnyWindow(times, TimeSpan.FromMinutes(1)));
        Assert.True(times[20] - times[0] >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Replies_to_people_are_granted_before_waiting_bulk_alerts()
    {
        var budget = Budget(global: 2, perChat: 1000);
        budget.PauseFor(TimeSpan.FromSeconds(1)); // all of them ask before any may go
        var bulk = Enumerable.Range(10, 6).Select(chat => budget.Acquire(chat, SendPriority.Bulk, false, default)).ToList();
        var reply = budget.Acquire(99, SendPriority.Reply, false, default);

        var times = await Granted([.. bulk, reply]);
        Assert.True(times[^1] <= times.Take(6).Min(), "the reply, asked last, goes first");
        Assert.True(times.Take(6).Max() - times[^1] >= TimeSpan.FromSeconds(2), "the bulk sends keep to 2/s behind it");
    }

    [Fact]
    public async Task A_granted_send_counts_as_sending_now_until_its_request_is_written()
    {
        var budget = Budget(global: 3, perChat: 1);
        await Granted([.. Enumerable.Range(1, 3).Select(chat => budget.Acquire(chat, SendPriority.Reply, false, default))]);
        var permits = new List<SendPermit>();
        // Three granted but still waiting for a connection: nothing else goes, however long they wait.
        var first = Enumerable.Range(4, 3).Select(chat => budget.Acquire(chat, SendPriority.Reply, false, default)).ToList();
        foreach (var task in first) { await Until(task, 2); permits.Add(await task); }
        var blocked = budget.Acquire(7, SendPriority.Reply, false, default);
        var sameChat = budget.Acquire(4, SendPriority.Reply, false, default);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await budget.NextPass(); // the pump has looked at them again after the clock moved
        Assert.False(blocked.IsCompleted);
        Assert.False(sameChat.IsCompleted);

        // Written now: they count from now, so the next send waits a whole second from here.
        var written = _clock.GetUtcNow();
        foreach (var permit in permits) permit.Sent();
        var times = await Granted([blocked, sameChat]);
        Assert.All(times, t => Assert.True(t - written >= TimeSpan.FromSeconds(1)));
        Assert.True(times[0] - written < TimeSpan.FromSeconds(1.1));
    }

    [Fact]
    public async Task When_its_timers_run_late_the_budget_widens_its_windows_by_that_much()
    {
        var budget = Budget(global: 3, perChat: 1000);
        await Granted([.. Enumerable.Range(1, 3).Select(chat => budget.Acquire(chat, SendPriority.Bulk, false, default))]);
        // The next send is due about a second after those; the machine is so busy the pump wakes 175 ms late.
        var late = budget.Acquire(4, SendPriority.Bulk, false, default);
        for (var i = 0; i < 20; i++) { _clock.Advance(Step); await Task.Delay(1); }
        await budget.NextPass();
        Assert.False(late.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await late.WaitAsync(TimeSpan.FromSeconds(5))).Sent();

        var times = await Granted([.. Enumerable.Range(5, 9).Select(chat => budget.Acquire(chat, SendPriority.Bulk, false, default))]);
        Assert.True(MostInAnyWindow(times, TimeSpan.FromSeconds(1.15)) <= 3, "windows lengthened by the lateness seen");
    }

    /// <summary>Advances the fake clock until the task completes (at most <paramref name="seconds"/>).</summary>
    async Task Until(Task task, double seconds)
    {
        var until = _clock.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        while (!task.IsCompleted && _clock.GetUtcNow() < until) { _clock.Advance(Step); await Task.Delay(1); }
        Assert.True(task.IsCompleted, "not granted in time");
    }

    [Fact]
    public async Task A_429_pauses_everything_until_retry_after()
    {
        var budget = Budget(global: 1000, perChat: 1000);
        var start = _clock.GetUtcNow();
        budget.PauseFor(TimeSpan.FromSeconds(30));
        var times = await Granted([budget.Acquire(5, SendPriority.Reply, false, default), budget.Acquire(6, SendPriority.Bulk, false, default)], TimeSpan.FromMilliseconds(100));
        Assert.All(times, t => Assert.True(t - start >= TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task With_paid_broadcast_free_sends_keep_to_telegrams_free_rate()
    {
        var budget = Budget(global: 1000, perChat: 1000, paid: true);
        var paid = await Granted([.. Enumerable.Range(1, 500).Select(c => budget.Acquire(c, SendPriority.Bulk, true, default))]);
        var free = await Granted([.. Enumerable.Range(1000, 60).Select(c => budget.Acquire(c, SendPriority.Reply, false, default))]);

        Assert.InRange(MostInAnyWindow(paid, TimeSpan.FromSeconds(1)), 400, 1000);
        Assert.InRange(MostInAnyWindow(free, TimeSpan.FromSeconds(1)), 25, 30);
    }
}
