using IncidentBot.Tests.Fakes;
using IncidentBot.Tests.Http;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Tests.Telegram;

/// <summary>kill -9 of the real program after it stored a POSTed update and before Telegram got the answer.</summary>
[Collection(TimingSensitive.Name)]
public sealed class WebhookCrashTests : IAsyncLifetime
{
    readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"incidentbot-webhook-{Guid.NewGuid():N}.db");
    FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(BotHarness.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_dbPath + suffix);
    }

    [Fact]
    public async Task An_update_whose_answer_a_kill_cut_off_is_sent_again_and_takes_effect_once()
    {
        var port = FreePort.Next();
        _api.WebhookForwardTo = new Uri($"http://127.0.0.1:{port}/");
        (string, string)[] settings =
        [
            ("Telegram__Mode", "Webhook"), ("Telegram__WebhookUrl", "https://bot.example.org/hook"),
            ("Telegram__WebhookSecret", "crash-test-secret"), ("Http__Urls", $"http://127.0.0.1:{port}"),
        ];
        var first = BotProcess.Start(_api.BaseUrl, $"Data Source={_dbPath}", settings);
        var storedWhenAnswered = new List<long>();
        _api.FailNext("sendMessage", 502, TelegramErrors.BadGateway, times: 3); // the first run never gets its reply out
        _api.WebhookAnswered = (id, status) =>
        {
            if (status != 200 || first is null) return Task.FromResult(true);
            if (Stored(id)) storedWhenAnswered.Add(id);
            first.Kill(); // the answer is lost with the process, as if the connection died with it
            first.Dispose();
            first = null;
            return Task.FromResult(false);
        };
        var id = _api.Enqueue(Tg.Text("/help", from: Tg.Alice));
        await _api.WaitUntil(_ => first is null, TimeSpan.FromSeconds(60));
        Assert.Equal([id], storedWhenAnswered); // 200 came only once the inbox row was durable
        Assert.Empty(_api.Sent(Tg.Alice.Id));

        await _api.WaitUntil(a => a.WebhookPosts.Count(p => p.UpdateId == id) >= 2); // Telegram tries again, and fails: the bot is down
        _api.ClearFaults();
        using var second = BotProcess.Start(_api.BaseUrl, $"Data Source={_dbPath}", settings);
        await _api.WaitUntil(a => a.PendingUpdates == 0 && a.Sent(Tg.Alice.Id).Any(), TimeSpan.FromSeconds(60));

        Assert.Single(_api.Sent(Tg.Alice.Id));
        Assert.Contains(_api.WebhookPosts, p => p.UpdateId == id && p.Status == 200);
        Assert.Equal(1, Count("SELECT COUNT(*) FROM Inbox WHERE UpdateId = " + id));
        Assert.Single(_api.Calls, c => c.Method == "setWebhook"); // the restart found it registered
    }

    bool Stored(long updateId) => Count("SELECT COUNT(*) FROM Inbox WHERE UpdateId = " + updateId) == 1;

    long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_dbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
