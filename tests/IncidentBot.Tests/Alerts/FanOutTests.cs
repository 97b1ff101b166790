using IncidentBot.Alerts;
using IncidentBot.Tests.Fakes;
using Microsoft.Data.Sqlite;
using IncidentBot.Data;
using IncidentBot.Tests.Data;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>Fan-outs at Telegram's own limits, against a fake that refuses what Telegram would refuse.</summary>
[Collection(TimingSensitive.Name)]
public sealed class FanOutTests
{
    [Fact]
    public async Task A_fan_out_at_telegrams_limits_has_zero_violations_and_replies_jump_the_queue()
    {
        await using var bot = await Start(null, ("Alerts:GlobalPerSecond", "60"), ("Alerts:PerChatPerSecond", "1"), ("Alerts:GroupPerMinute", "20"));
        bot.Api.Limits = SendLimits.Telegram with { GlobalPerSecond = 60, ApplyToPrivateChatBursts = true };
        bot.Api.ResponseLatency = TimeSpan.FromMilliseconds(50);
        long[] chats = [.. Enumerable.Range(0, 100).Select(i => 20_000L + i), .. Enumerable.Range(0, 10).Select(i => -1_002_000L - i)];
        await Subscribe(bot, [.. chats.Select(Everything)]);

        var first = await Publish(bot, "First strike", ("country", "Ukraine"));
        var second = await Publish(bot, "Second strike", ("country", "Ukraine"));
        await bot.Api.WaitUntil(a => a.Sent(chats[50]).Any()); // the fan-out is under way
        var asked = DateTimeOffset.UtcNow;
        var help = await bot.Ask(Tg.Text("/help", from: Tg.Bob));

        await bot.Api.WaitUntil(a => chats.All(c => AlertsTo(a, c, first).Any() && AlertsTo(a, c, second).Any()), TimeSpan.FromSeconds(30));
        Assert.Empty(bot.Api.Violations);
        Assert.All(chats, c => Assert.Equal(2, bot.Api.Sent(c).Count()));
        // The reply came within moments although dozens of alerts were still queued behind it.
        Assert.True(help.At - asked < TimeSpan.FromSeconds(1.5), $"the reply took {(help.At - asked).TotalSeconds:0.00} s");
        Assert.True(chats.SelectMany(c => bot.Api.Sent(c)).Count(c => c.At > help.At) >= 30, "the fan-out was still under way");
    }

    [Theory, BothDatabases]
    public async Task A_bot_killed_mid_fan_out_delivers_every_alert_after_a_restart_repeating_only_sends_in_flight(string database)
    {
        const int Chats = 150;
        var provider = BothDatabasesAttribute.Provider(database);
        var dbPath = Path.Combine(Path.GetTempPath(), $"incidentbot-fanout-{Guid.NewGuid():N}.db");
        var connection = provider == DatabaseProvider.Postgres ? await PostgresServer.NewDatabaseAsync() : $"Data Source={dbPath}";
        await using var api = await FakeBotApi.StartAsync(BotHarness.Token);
        api.Limits = SendLimits.Telegram with { ApplyToPrivateChatBursts = true };
        long[] chats = [.. Enumerable.Range(0, Chats).Select(i => 30_000L + i)];
        api.Started([Tg.Moderator.Id, .. chats]); // the moderator and the subscribers have all opened the bot
        api.ResponseLatency = TimeSpan.FromMilliseconds(80);
        (string, string)[] settings = [("Moderation__ModeratorIds__0", Tg.Moderator.Id.ToString()), ("Database__Provider", database)];
        try
        {
            using (var first = BotProcess.Start(api.BaseUrl, connection, settings))
            {
                await api.WaitUntil(a => a.Calls.Any(c => c.Method == "setMyCommands"), TimeSpan.FromSeconds(60));
                await using (var db = BotDbProvider.Create(provider, connection))
                {
                    db.Subscriptions.AddRange(chats.Select(c => new Subscription { ChatId = c, CreatedAt = DateTime.UtcNow }));
                    await db.SaveChangesAsync();
                }
                api.Enqueue(Tg.Text("/report Strike on the consulate", from: Tg.Alice));
                await api.WaitUntil(a => a.Sent(Tg.Moderator.Id).Any(c => c.Text?.Contains("Report #1</b>") == true), TimeSpan.FromSeconds(30));
                api.Enqueue(Tg.Text("/approve #1", from: Tg.Moderator));
                await api.WaitUntil(a => chats.Count(c => a.Sent(c).Any()) >= 40, TimeSpan.FromSeconds(30));
                first.Kill();
            }
            var beforeKill = chats.Count(c => api.Sent(c).Any());
            Assert.InRange(beforeKill, 40, Chats - 1); // the kill fell in the middle

            using var second = BotProcess.Start(api.BaseUrl, connection, settings);
            await api.WaitUntil(a => chats.All(c => a.Sent(c).Any()), TimeSpan.FromSeconds(60));

            var repeated = chats.Count(c => api.Sent(c).Count() > 1);
            Assert.All(chats, c => Assert.InRange(api.Sent(c).Count(), 1, 2));
            Assert.True(repeated <= new AlertOptions().InFlight, $"{repeated} repeats; at most the {new AlertOptions().InFlight} sends in flight may repeat");
            // A request cut off by the kill reaches the fake half-written; that is the kill, not the bot.
            var violations = api.Violations.Where(v => !v.Contains("can't parse request body", StringComparison.Ordinal)).ToList();
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
        }
    }
}
