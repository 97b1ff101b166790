using IncidentBot.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Tests.Telegram;

/// <summary>kill -9 of the real program in the middle of a burst of updates, then a restart.</summary>
[Collection(TimingSensitive.Name)]
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    const int Chats = 60;
    readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"incidentbot-crash-{Guid.NewGuid():N}.db");
    FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(BotHarness.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_dbPath + suffix);
    }

    [Fact]
    public async Task A_killed_bot_loses_no_update_and_repeats_only_replies_in_flight()
    {
        // A Telegram-like round trip, so the kill lands while replies are in flight.
        _api.BeforeReply = call => call.Method == "sendMessage" ? Task.Delay(40) : Task.CompletedTask;
        for (var i = 0; i < Chats; i++)
            _api.Enqueue(Tg.Text("/help", from: new() { Id = 50_000 + i, FirstName = $"User {i}" }));

        using (var first = BotProcess.Start(_api.BaseUrl, $"Data Source={_dbPath}"))
        {
            await _api.WaitUntil(a => a.Calls.Count(c => c.Method == "sendMessage") >= 10, TimeSpan.FromSeconds(60));
            first.Kill();
        }
        var repliedBeforeKill = Replied().Count;
        Assert.InRange(repliedBeforeKill, 1, Chats - 1); // the kill really fell in the middle

        using var second = BotProcess.Start(_api.BaseUrl, $"Data Source={_dbPath}");
        await _api.WaitUntil(a => Replied().Count == Chats, TimeSpan.FromSeconds(60));

        var perChat = Enumerable.Range(0, Chats).Select(i => _api.Sent(50_000 + i).Count()).ToList();
        Assert.All(perChat, n => Assert.InRange(n, 1, 2));
        Assert.True(perChat.Count(n => n == 2) <= 32, "only replies in flight at the kill may repeat");

        await using var db = new IncidentBot.Data.BotDb(new DbContextOptionsBuilder<IncidentBot.Data.BotDb>()
            .UseSqlite($"Data Source={_dbPath}").Options);
        await _api.WaitUntil(a => a.PendingUpdates == 0, TimeSpan.FromSeconds(30));
        Assert.Equal(Chats, await db.Inbox.CountAsync());
        // A request cut off by the kill reaches the fake half-written; that is the kill, not the bot.
        var violations = _api.Violations.Where(v => !v.Contains("can't parse request body", StringComparison.Ordinal)).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    HashSet<long> Replied() =>
        [.. _api.Calls.Where(c => c is { Method: "sendMessage", Succeeded: true } && c.ChatId is not null).Select(c => c.ChatId!.Value)];
}
