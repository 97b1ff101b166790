using IncidentBot.Data;
using IncidentBot.Reports;
using IncidentBot.Telegram.Sending;
using IncidentBot.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Telegram.Sending;

/// <summary>
/// The outage of <see cref="OutboxOutageTests"/> with a kill -9 of the built bot in the middle of it: what was
/// owed when the process died is in the database, and the next process sends it, once.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class OutboxCrashTests : IAsyncLifetime
{
    readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"incidentbot-outbox-crash-{Guid.NewGuid():N}.db");
    FakeBotApi _api = null!;

    string ConnectionString => $"Data Source={_dbPath}";

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(BotHarness.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_dbPath + suffix);
    }

    BotProcess Start() => BotProcess.Start(_api.BaseUrl, ConnectionString,
        ("Moderation__ModeratorIds__0", Tg.Moderator.Id.ToString()), ("Moderation__ModeratorIds__1", Tg.SecondModerator.Id.ToString()));

    [Fact]
    public async Task What_an_outage_left_owed_is_sent_once_by_the_next_process_after_a_kill()
    {
        foreach (var moderator in new[] { Tg.Moderator, Tg.SecondModerator }) _api.Enqueue(Tg.Text("/start", moderator));
        _api.Enqueue(Tg.Text("/report Drone hit the fuel depot in Odesa", Tg.Alice));
        using (var first = Start())
        {
            await _api.WaitUntil(a => ModeratorChats.All(chat => Cards(chat, 1).Any()), TimeSpan.FromSeconds(60));
            _api.FailSendsAndEditsWith(502, TelegramErrors.BadGateway);
            _api.Enqueue(Tg.Text("/report Missile hit the embassy fence in Kyiv", Tg.Alice));
            _api.Enqueue(Tg.Text("/approve #1", Tg.Moderator));
            await Until(async db =>
                await db.Reports.AnyAsync(r => r.Id == 1 && r.State == ReportState.Approved)
                && await db.Deliveries.AnyAsync(d => d.ReportId == 2 && d.Attempts > 0)
                && await db.Deliveries.AnyAsync(d => d.ReportId == 1 && d.Kind == DeliveryKind.ReportOutcome && d.Attempts > 0));
            first.Kill();
        }
        _api.ClearFaults();

        using var second = Start();
        await _api.WaitUntil(a => ModeratorChats.All(chat => Cards(chat, 2).Any() && Closed(chat, 1)) && Notices(1).Any(), TimeSpan.FromSeconds(60));

        Assert.All(ModeratorChats, chat => Assert.Single(Cards(chat, 2)));
        Assert.Single(Notices(1));
        await Until(db => OwesNothing(db));
        // A request cut off by the kill reaches the fake half-written; that is the kill, not the bot.
        Assert.DoesNotContain(_api.Violations, v => !v.Contains("can't parse request body", StringComparison.Ordinal));
    }

    IEnumerable<ApiCall> Cards(long chat, long report) =>
        _api.Sent(chat).Where(c => c.Succeeded && Shown(c).Contains($"Report #{report} ·"));

    bool Closed(long chat, long report) =>
        _api.Messages(chat).LastOrDefault(m => m.From?.IsBot == true && m.Text?.Contains($"Report #{report} ·") == true)?.Text?.Contains("Approved by") == true;

    IEnumerable<ApiCall> Notices(long report) =>
        _api.Sent(Tg.Alice.Id).Where(c => c.Succeeded && Shown(c).Contains($"Your report #{report} was approved"));

    static Task<bool> OwesNothing(BotDb db) =>
        db.Deliveries.AllAsync(d => d.State != DeliveryState.Pending && d.State != DeliveryState.Sending);

    async Task Until(Func<BotDb, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await using (var db = new BotDb(new DbContextOptionsBuilder<BotDb>().UseSqlite(ConnectionString).Options))
                if (await condition(db)) return;
            if (DateTime.UtcNow > deadline) Assert.Fail("The database never reached the expected state.");
            await Task.Delay(50);
        }
    }
}
