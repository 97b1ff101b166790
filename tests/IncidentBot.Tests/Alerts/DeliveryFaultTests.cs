using IncidentBot.Telegram.Sending;
using IncidentBot.Alerts;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>What Telegram answers when things go wrong, and what the dispatcher makes of it. Time is a fake clock.</summary>
[Collection(TimingSensitive.Name)] // its retries run on real timers while the test moves the clock: a busy neighbour changes how many fit
public sealed class DeliveryFaultTests : IAsyncLifetime
{
    readonly TestClock _clock = new();
    BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await Start(_clock);
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>Moves the fake clock on until the condition holds (the dispatcher waits on this clock).</summary>
    async Task AdvanceUntil(Func<FakeBotApi, bool> condition, TimeSpan step)
    {
        var done = _bot.Api.WaitUntil(condition, TimeSpan.FromSeconds(20));
        while (!done.IsCompleted)
        {
            _clock.Advance(step);
            await Task.WhenAny(done, Task.Delay(10));
        }
        await done;
    }

    [Fact]
    public async Task A_chat_that_blocked_the_bot_is_deactivated_not_retried()
    {
        await Subscribe(_bot, Everything(701), Everything(702));
        _bot.Api.FailChat(701, 403, "Forbidden: bot was blocked by the user");

        var first = await Publish(_bot, "First strike", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 702, first).Any());
        await using (var db = _bot.NewDb())
        {
            await WaitFor(async () => await db.Deliveries.AnyAsync(d => d.ChatId == 701 && d.State == DeliveryState.Failed));
            Assert.False(await db.Subscriptions.AnyAsync(s => s.ChatId == 701 && s.Active));
        }
        var second = await Publish(_bot, "Second strike", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 702, second).Any());
        Assert.Single(_bot.Api.Calls, c => c.Method == "sendMessage" && c.ChatId == 701);
    }

    [Fact]
    public async Task A_group_upgraded_to_a_supergroup_moves_and_gets_its_alert_there()
    {
        const long oldGroup = -4001, newGroup = -1004001;
        await Subscribe(_bot, Everything(oldGroup));
        _bot.Api.FailChat(oldGroup, 400, "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: newGroup);

        var id = await Publish(_bot, "Strike", ("country", "Ukraine"));

        await _bot.Api.WaitUntil(a => AlertsTo(a, newGroup, id).Any());
        await using var db = _bot.NewDb();
        await WaitFor(async () => await db.Subscriptions.AnyAsync(s => s.ChatId == newGroup && s.Active));
        Assert.False(await db.Subscriptions.AnyAsync(s => s.ChatId == oldGroup));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_waits_until_delivered()
    {
        await Subscribe(_bot, Everything(801));
        _bot.Api.FailChat(801, 502, "Bad Gateway");

        var id = await Publish(_bot, "Strike", ("country", "Ukraine"));
        // Waits of 2, 4, 8 s: three failures take 14 s of the clock, never a hot loop.
        await AdvanceUntil(a => a.Calls.Count(c => c.ChatId == 801 && c.ErrorCode == 502) == 3, TimeSpan.FromSeconds(1));
        Assert.InRange(_bot.Api.Calls.Count(c => c.ChatId == 801 && c.ErrorCode == 502), 3, 3);
        _bot.Api.ClearChatFault(801);
        await AdvanceUntil(a => AlertsTo(a, 801, id).Any(), TimeSpan.FromSeconds(1));

        await using var db = _bot.NewDb();
        await WaitFor(async () => await db.Deliveries.AnyAsync(d => d.ChatId == 801 && d.State == DeliveryState.Sent));
        Assert.Single(AlertsTo(_bot.Api, 801, id));
    }

    [Fact]
    public async Task A_429_pauses_all_sending_until_retry_after_and_loses_nothing()
    {
        await Subscribe(_bot, Everything(901), Everything(902), Everything(903));
        var id = await Publish(_bot, "Warm-up", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => new long[] { 901, 902, 903 }.All(c => AlertsTo(a, c, id).Any()));

        var second = await PublishWithoutWaitingForReply(_bot, () => _bot.Api.FailNextWithFloodWait("sendMessage", 30));
        var refusedAt = (await _bot.Api.WaitForCall(c => c.Method == "sendMessage" && c.ErrorCode == 429)).At;

        // Sends already on the wire when the 429 came may still land; nothing new may start for 29 s of the clock.
        // A button press is answered during the pause (answers are not messages): once it is, the bot has
        // had every chance to send, and must not have.
        _clock.Advance(TimeSpan.FromSeconds(29));
        _bot.Api.Enqueue(Tg.Tap("rc:0:5", from: Tg.Bob, messageId: 1));
        await _bot.Api.WaitForCall(c => c.Method == "answerCallbackQuery");
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Method == "sendMessage" && c.At > refusedAt + TimeSpan.FromMilliseconds(150));

        await AdvanceUntil(a => new long[] { 901, 902, 903 }.All(c => AlertsTo(a, c, second).Any()), TimeSpan.FromSeconds(1));
        Assert.All(new long[] { 901, 902, 903 }, c => Assert.Single(AlertsTo(_bot.Api, c, second)));
    }

    [Fact]
    public async Task Delivery_failing_for_minutes_is_told_to_the_moderators_and_shown_in_status()
    {
        await Subscribe(_bot, Everything(1101));
        _bot.Api.FailChat(1101, 502, "Bad Gateway");
        await Publish(_bot, "Strike", ("country", "Ukraine"));

        await AdvanceUntil(a => a.Sent(Tg.Moderator.Id).Any(c => c.Text?.Contains("Alert delivery has been failing") == true), TimeSpan.FromSeconds(20));

        var status = await _bot.Ask(Tg.Text("/status", from: Tg.Moderator));
        Assert.Contains("Delivery failing since", status.Text);
        Assert.Contains("Deliveries waiting: 1", status.Text);
    }

    /// <summary>Publishes by command and returns once the incident exists, without waiting for the moderator's reply (it may be paused).</summary>
    static async Task<long> PublishWithoutWaitingForReply(BotHarness bot, Action beforeApproval)
    {
        await bot.Ask(Tg.Text("/report Second strike", from: Tg.Alice));
        long reportId;
        await using (var db = bot.NewDb()) reportId = await db.Reports.MaxAsync(r => r.Id);
        await bot.Api.WaitUntil(a => a.Sent(Tg.Moderator.Id).Any(c => c.Text?.Contains($"Report #{reportId}</b>") == true));
        beforeApproval();
        bot.Api.Enqueue(Tg.Text($"/approve #{reportId}", from: Tg.Moderator));
        await using var check = bot.NewDb();
        long? incident = null;
        await WaitFor(async () => (incident = (await check.Reports.AsNoTracking().SingleAsync(r => r.Id == reportId)).State == IncidentBot.Reports.ReportState.Approved
            ? (await check.Reports.AsNoTracking().SingleAsync(r => r.Id == reportId)).IncidentId : null) is not null);
        return incident!.Value;
    }

    static async Task WaitFor(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await condition()) return;
            await Task.Delay(20);
        }
        Assert.Fail("the condition never held");
    }
}
