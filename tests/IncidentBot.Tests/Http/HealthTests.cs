using System.Net;
using IncidentBot.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Tests.Http;

/// <summary>/healthz, /readyz and /metrics on Http:Urls, from outside, as a probe or Prometheus sees them.</summary>
[Collection(TimingSensitive.Name)]
public sealed class HealthTests
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    static Action<HostApplicationBuilder> Listening(int port) => b =>
        b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Http:Urls"] = $"http://127.0.0.1:{port}" });

    [Fact]
    public async Task A_polling_bot_is_ready_only_while_its_polls_are_answered()
    {
        var port = FreePort.Next();
        await using var bot = await BotHarness.StartAsync(Listening(port), existing: h =>
        {
            h.Api.FailNext("getUpdates", 502, TelegramErrors.BadGateway, times: 1000);
            return Task.CompletedTask;
        });
        await bot.Api.WaitUntil(a => a.Calls.Any(c => c.Method == "getUpdates"));

        Assert.Equal(HttpStatusCode.OK, (await Get(port, "/healthz")).Status);
        var notReady = await Get(port, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.Status);
        Assert.Contains("updates: no getUpdates answered", notReady.Body);

        bot.Api.ClearFaults();
        await Eventually.Holds(async () => (await Get(port, "/readyz")).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task Metrics_show_updates_sends_throttling_and_the_queue_after_some_traffic()
    {
        var port = FreePort.Next();
        await using var bot = await BotHarness.StartAsync(Listening(port));
        await bot.Ask(Tg.Text("/help", from: Tg.Alice));
        bot.Api.FailNextWithFloodWait("sendMessage", retryAfterSeconds: 1);
        await bot.Ask(Tg.Text("/help", from: Tg.Bob)); // answered after a 429 and its pause

        var metrics = (await Get(port, "/metrics")).Body;
        foreach (var series in (string[])[
            "incidentbot_updates_received_total", "incidentbot_updates_handled_total", "incidentbot_update_handling_duration_seconds_bucket",
            "incidentbot_sends_total{", "method=\"sendMessage\"", "outcome=\"ok\"", "outcome=\"429\"", "incidentbot_throttled_total",
            "incidentbot_paused_seconds_total", "incidentbot_delivery_queue_depth", "incidentbot_delivery_oldest_due_age_seconds",
            "incidentbot_fanout_per_second", "incidentbot_instances_live"])
            Assert.True(metrics.Contains(series, StringComparison.Ordinal), $"/metrics lacks {series}:\n{metrics}");
        Assert.DoesNotContain(BotHarness.Token, metrics);
    }

    [Fact]
    public async Task The_built_bot_answers_healthz_but_is_not_ready_until_its_database_is_migrated()
    {
        await using var api = await FakeBotApi.StartAsync(BotHarness.Token);
        var dbPath = Path.Combine(Path.GetTempPath(), $"incidentbot-ready-{Guid.NewGuid():N}.db");
        var port = FreePort.Next();
        try
        {
            var holder = new SqliteConnection($"Data Source={dbPath};Pooling=False");
            holder.Open();
            using (var hold = holder.CreateCommand()) { hold.CommandText = "BEGIN EXCLUSIVE; CREATE TABLE held(x);"; hold.ExecuteNonQuery(); }
            using var bot = BotProcess.Start(api.BaseUrl, $"Data Source={dbPath}", ("Http__Urls", $"http://127.0.0.1:{port}"));

            await Eventually.Holds(async () => (await TryGet(port, "/healthz"))?.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            var notReady = await Get(port, "/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.Status);
            Assert.Contains("database: not migrated", notReady.Body);

            holder.Dispose(); // rolls back: the migration goes ahead
            await Eventually.Holds(async () => (await Get(port, "/readyz")).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(40));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
        }
    }

    static async Task<(HttpStatusCode Status, string Body)> Get(int port, string path)
    {
        using var response = await Http.GetAsync($"http://127.0.0.1:{port}{path}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    static async Task<(HttpStatusCode Status, string Body)?> TryGet(int port, string path)
    {
        try { return await Get(port, path); }
        catch (HttpRequestException) { return null; }
    }
}
