using IncidentBot.Data;
using IncidentBot.Instances;
using IncidentBot.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Benchmarks;

/// <summary>
/// The bot in this process as BotHarness starts it (IncidentBotSetup, a temp SQLite file or a new database on the
/// run's PostgreSQL, the real TelegramBotClient) against an in-process fake Bot API; logging at Warning so it costs nothing.
/// </summary>
internal sealed class BotHost : IAsyncDisposable
{
    public const string Token = "123456:BENCH-token-never-log-me";
    public const long ModeratorId = 9001;

    readonly List<IHost> _hosts = [];

    BotHost(FakeBotApi api, BenchDatabase database) { Api = api; Database = database; }

    public FakeBotApi Api { get; }
    public BenchDatabase Database { get; }
    /// <summary>The instance holding the lease (the one that sends), or the first while none does yet.</summary>
    public IServiceProvider Services =>
        (_hosts.FirstOrDefault(h => h.Services.GetRequiredService<Leadership>().IsActive) ?? _hosts[0]).Services;

    /// <summary>
    /// Starts the fake, then the bot (<paramref name="instances"/> of it on the one database: one holds the lease and
    /// sends, the others stand by); <paramref name="prepare"/> runs on the migrated database before the bot polls.
    /// </summary>
    public static async Task<BotHost> StartAsync(string name, SendLimits limits, IDictionary<string, string?> settings,
        Func<BenchDatabase, Task>? prepare = null, DatabaseProvider provider = DatabaseProvider.Sqlite, int instances = 1)
    {
        var api = await FakeBotApi.StartAsync(Token);
        api.Limits = limits;
        api.Started(ModeratorId); // the fake refuses to let a bot write first, as Telegram does
        var host = new BotHost(api, await BenchDatabase.Create(provider, name));
        if (prepare is not null)
        {
            await Db.Migrate(host.Database);
            await prepare(host.Database);
        }
        for (var i = 0; i < instances; i++) host._hosts.Add(await host.Start(settings, provider));
        if (Environment.GetEnvironmentVariable("BENCH_CHECKPOINT") == "1" && provider == DatabaseProvider.Sqlite) host.StartCheckpointer();
        await api.WaitUntil(a => a.Calls.Any(c => c.Method == "setMyCommands"), TimeSpan.FromSeconds(60));
        return host;
    }

    async Task<IHost> Start(IDictionary<string, string?> settings, DatabaseProvider provider)
    {
        var api = Api;
        var host = IncidentBotSetup.CreateBuilder([], consoleMode: false, builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telegram:BotToken"] = Token,
                ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
                ["Telegram:PollTimeoutSeconds"] = "5",
                ["Database:Provider"] = provider.ToString(),
                ["ConnectionStrings:IncidentBot"] = Database.ConnectionString,
                ["Moderation:ModeratorIds:0"] = ModeratorId.ToString(),
                ["Reports:PerUserPerHour"] = "1000",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }).Build();
        await host.StartAsync();
        return host;
    }

    readonly CancellationTokenSource _stopCheckpoints = new();

    /// <summary>
    /// Diagnostics only (BENCH_CHECKPOINT=1): a checkpoint that waits for readers, every 200 ms, to test
    /// whether WAL growth (readers always open, so auto-checkpoints never reset it) slows the bot.
    /// </summary>
    void StartCheckpointer() => _ = Task.Run(async () =>
    {
        await using var connection = new SqliteConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=2000; PRAGMA wal_checkpoint(RESTART);";
        while (!_stopCheckpoints.IsCancellationRequested)
        {
            try { await command.ExecuteNonQueryAsync(); } catch (SqliteException) { }
            await Task.Delay(200);
        }
    });

    public long WalBytes => Database.SqlitePath is { } path && File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;

    public BotDb NewDb() => Database.Open();

    public async ValueTask DisposeAsync()
    {
        await _stopCheckpoints.CancelAsync();
        foreach (var host in _hosts)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await host.StopAsync(grace.Token); } catch (OperationCanceledException) { }
            host.Dispose();
        }
        await Api.DisposeAsync();
        Database.Delete();
    }
}
