using IncidentBot.Alerts;
using IncidentBot.Data;
using IncidentBot.Instances;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telegram.Bot.Types;
using Xunit.Abstractions;

namespace IncidentBot.Tests.Instances;

/// <summary>
/// Two instances of the bot on one database and one token: one holds the lease and does the work, the other
/// stands by and takes over when the holder stops or is killed.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class SeveralInstancesTests(ITestOutputHelper output)
{
    static User Person(int i) => new() { Id = 70_000 + i, FirstName = $"Person {i}", LanguageCode = "en" };

    [Fact]
    public async Task Two_instances_take_turns_and_every_update_around_a_stop_is_answered_once()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.Api.WaitUntil(a => a.Calls.Any(c => c.Method == "getUpdates"));
        var standby = await bot.StartInstanceAsync();
        try
        {
            var first = bot.Services.GetRequiredService<Leadership>();
            var second = standby.Services.GetRequiredService<Leadership>();
            await Eventually.Holds(() => bot.Logs.Any(l => l.Contains("Standing by", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
            Assert.True(first.IsActive);
            Assert.False(second.IsActive);
            // Both beat; the standby sees the lease held (so its /readyz is ready), and each counts two instances.
            await Eventually.Holds(() => first.LiveInstances == 2 && second.LiveInstances == 2 && second.SomeoneActive, TimeSpan.FromSeconds(10));

            for (var i = 0; i < 10; i++) bot.Api.Enqueue(Tg.Text("/help", from: Person(i)));
            await bot.Api.WaitUntil(a => Enumerable.Range(0, 10).All(i => a.Sent(Person(i).Id).Any()), TimeSpan.FromSeconds(20));

            var stopped = DateTimeOffset.UtcNow;
            var stopping = bot.StopHostAsync();
            for (var i = 10; i < 20; i++) bot.Api.Enqueue(Tg.Text("/help", from: Person(i)));
            await stopping;
            for (var i = 20; i < 30; i++) bot.Api.Enqueue(Tg.Text("/help", from: Person(i)));

            await bot.Api.WaitUntil(a => Enumerable.Range(0, 30).All(i => a.Sent(Person(i).Id).Any()), TimeSpan.FromSeconds(30));
            Assert.True(second.IsActive);
            // The stopped instance's heartbeat runs out: the survivor counts itself alone within the heartbeat's TTL.
            await Eventually.Holds(() => second.LiveInstances == 1, Leadership.Ttl + TimeSpan.FromSeconds(3));
            var tookOver = bot.Api.Calls.First(c => IsLongPoll(c) && c.At > stopped).At;
            output.WriteLine($"After a clean stop the standby polled {(tookOver - stopped).TotalSeconds:0.00} s later");
            // A clean stop gives the lease up: the standby takes it at its next try, not after the lease runs out.
            Assert.True(tookOver - stopped < Leadership.Ttl, $"took over after {(tookOver - stopped).TotalSeconds:0.00} s");
            Assert.All(Enumerable.Range(0, 30), i => Assert.Single(bot.Api.Sent(Person(i).Id)));
            Assert.Equal(1, bot.Api.MostConcurrentLongPolls);
            Assert.Empty(bot.Api.Violations);
        }
        finally
        {
            await standby.StopAsync();
            standby.Dispose();
        }
    }

    /// <summary>
    /// Two built bots on one database, a fan-out under way, the holder killed with SIGKILL. SQLite is the small
    /// case; PostgreSQL is the size: 1,000 chats at 30/s, long enough to show the survivor's rate.
    /// </summary>
    [Theory]
    [InlineData("Sqlite", 150, 40)]
    [InlineData("Postgres", 1000, 300)]
    public async Task A_standby_finishes_the_fan_out_of_a_killed_instance_within_seconds_losing_nothing(string database, int subscribers, int killAfter)
    {
        const int During = 10;
        var provider = BothDatabasesAttribute.Provider(database);
        var (connection, drop) = provider == DatabaseProvider.Postgres ? (await PostgresServer.NewDatabaseAsync(), () => { }) : SqliteFile();
        await using var api = await FakeBotApi.StartAsync(BotHarness.Token);
        api.Limits = SendLimits.Telegram with { ApplyToPrivateChatBursts = true };
        long[] chats = [.. Enumerable.Range(0, subscribers).Select(i => 40_000L + i)];
        var floor = TimeSpan.FromSeconds(subscribers / new AlertOptions().GlobalPerSecond); // the whole fan-out at 30/s
        api.Started([Tg.Moderator.Id, .. chats]);
        api.ResponseLatency = TimeSpan.FromMilliseconds(80);
        (string, string)[] settings = [("Moderation__ModeratorIds__0", Tg.Moderator.Id.ToString()), ("Database__Provider", database)];
        try
        {
            using var first = BotProcess.Start(api.BaseUrl, connection, settings);
            await api.WaitUntil(a => a.Calls.Any(c => c.Method == "setMyCommands"), TimeSpan.FromSeconds(60));
            using var second = BotProcess.Start(api.BaseUrl, connection, settings);
            await Eventually.Holds(() => second.Output.Contains("Standing by", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

            await using (var db = BotDbProvider.Create(provider, connection))
            {
                db.Subscriptions.AddRange(chats.Select(c => new Subscription { ChatId = c, CreatedAt = DateTime.UtcNow }));
                await db.SaveChangesAsync();
            }
            api.Enqueue(Tg.Text("/report Strike on the consulate", from: Tg.Alice));
            await api.WaitUntil(a => a.Sent(Tg.Moderator.Id).Any(c => c.Text?.Contains("Report #1</b>") == true), TimeSpan.FromSeconds(30));
            api.Enqueue(Tg.Text("/approve #1", from: Tg.Moderator));
            await api.WaitUntil(a => SentTo(a).Count(c => c >= 40_000 && c < 40_000 + subscribers) >= killAfter, TimeSpan.FromSeconds(60));

            first.Kill();
            var killed = DateTimeOffset.UtcNow;
            var beforeKill = chats.Count(c => api.Sent(c).Any());
            for (var i = 0; i < During; i++) api.Enqueue(Tg.Text("/help", from: Person(i)));

            long[] owed = [.. chats, .. Enumerable.Range(0, During).Select(i => Person(i).Id)];
            await api.WaitUntil(a => SentTo(a).IsSupersetOf(owed), TimeSpan.FromSeconds(60) + floor);
            var finished = DateTimeOffset.UtcNow;
            var polled = api.Calls.First(c => IsLongPoll(c) && c.At > killed).At;
            var sent = api.Calls.Where(c => c.Method == "sendMessage" && c.At > killed + TimeSpan.FromSeconds(1)).Min(c => c.At);
            var alerts = api.Calls.Where(c => c is { Method: "sendMessage", Succeeded: true, ChatId: >= 40_000 } && c.ChatId < 40_000 + subscribers).Select(c => c.At).ToList();
            var fanOut = alerts.Max() - alerts.Min();
            var repeated = chats.Count(c => api.Sent(c).Count() > 1);
            var busiestSecond = api.MaxSendsInAnyWindow(TimeSpan.FromSeconds(1) - api.Limits.Tolerance);
            output.WriteLine($"{database}: kill -9 at {beforeKill}/{subscribers} alerts; the standby polled after {(polled - killed).TotalSeconds:0.00} s, " +
                $"sent after {(sent - killed).TotalSeconds:0.00} s, finished after {(finished - killed).TotalSeconds:0.00} s; " +
                $"fan-out {fanOut.TotalSeconds:0.00} s (floor {floor.TotalSeconds:0.00} s), {repeated} repeats, at most {busiestSecond} sends in a second");

            Assert.InRange(beforeKill, killAfter, subscribers - 1); // the kill fell in the middle
            Assert.True(polled - killed < Leadership.Ttl + Leadership.Every + TimeSpan.FromSeconds(2),
                $"the standby polled {(polled - killed).TotalSeconds:0.00} s after the kill");
            // The kill costs at most the lease (renewed up to a second before the kill, so it runs out within Ttl), the
            // standby's next try (Every) and the new holder's one-second wait-out; one more second covers its first claim.
            Assert.True(sent - killed < Leadership.Ttl + Leadership.Every + TimeSpan.FromSeconds(2),
                $"the standby's first send came {(sent - killed).TotalSeconds:0.00} s after the kill");
            // Then it carries the fan-out on at the pacer's rate. How close to 30/s is the benchmark's measure (README
            // Performance); here only a standby held far below it would fail (half the limit, on a machine that may be busy).
            var after = alerts.Where(at => at >= sent).ToList();
            var rate = (after.Count - 1) / (after.Max() - after.Min()).TotalSeconds;
            Assert.True(rate >= new AlertOptions().GlobalPerSecond / 2, $"the standby sent {rate:0.0} alerts a second");
            Assert.All(chats, c => Assert.InRange(api.Sent(c).Count(), 1, 2));
            Assert.True(repeated <= new AlertOptions().InFlight, $"{repeated} repeats; at most the {new AlertOptions().InFlight} sends in flight may repeat");
            Assert.All(Enumerable.Range(0, During), i => Assert.Single(api.Sent(Person(i).Id)));
            Assert.Equal(1, api.MostConcurrentLongPolls);
            // The bot's aggregate rate as the fake counts it, every sliding second, both instances together.
            Assert.True(busiestSecond <= api.Limits.GlobalPerSecond, $"{busiestSecond} sends within one second");
            // A request cut off by the kill reaches the fake half-written; that is the kill, not the bot.
            var violations = api.Violations.Where(v => !v.Contains("can't parse request body", StringComparison.Ordinal)).ToList();
            if (violations.Count > 0)
                foreach (var c in api.Calls.Where(c => c.Method == "sendMessage").TakeLast(45)) output.WriteLine($"{c.At:HH:mm:ss.fff} {c.ChatId} {c.ErrorCode}");
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }
        finally
        {
            drop();
        }
    }

    // One pass over the calls: the fake re-checks a condition after every call, and this one runs while the bot sends at full rate.
    static HashSet<long> SentTo(FakeBotApi api) =>
        [.. api.Calls.Where(c => c is { Method: "sendMessage", Succeeded: true, ChatId: not null }).Select(c => c.ChatId!.Value)];

    // Not the quick confirming call a stopping instance makes.
    static bool IsLongPoll(ApiCall call) => call.Method == "getUpdates" && call["timeout"] is { } t && t != "0";

    /// <summary>The SQLite file both instances share; a PostgreSQL database comes from <see cref="PostgresServer"/>.</summary>
    static (string Connection, Action Drop) SqliteFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"incidentbot-instances-{Guid.NewGuid():N}.db");
        return ($"Data Source={path}", () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        });
    }
}
