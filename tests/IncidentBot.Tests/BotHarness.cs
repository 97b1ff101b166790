using System.Collections.Concurrent;
using IncidentBot.Data;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace IncidentBot.Tests;

/// <summary>
/// The real host, a real database (a SQLite file, or a fresh database on the run's PostgreSQL) and the real
/// TelegramBotClient, with Telegram replaced by a fake Bot API server on 127.0.0.1. Every log line is captured so tests can read it.
/// </summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const string Token = "123456:TEST-token-never-log-me";

    readonly string? _dbPath;
    IHost? _host;

    BotHarness(FakeBotApi api, DatabaseProvider provider, string connectionString, string? dbPath)
    {
        Api = api;
        Provider = provider;
        ConnectionString = connectionString;
        _dbPath = dbPath;
    }

    public FakeBotApi Api { get; }
    public ConcurrentQueue<string> Logs { get; } = new();
    public IServiceProvider Services => _host!.Services;
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <param name="started">People who opened the bot before it started (configured moderators): the fake accepts messages to them.</param>
    /// <param name="existing">Makes what the bot will find at start (an older install's database, earlier messages).</param>
    public static async Task<BotHarness> StartAsync(Action<HostApplicationBuilder>? configure = null, IEnumerable<long>? started = null,
        Func<BotHarness, Task>? existing = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var dbPath = Path.Combine(Path.GetTempPath(), $"incidentbot-test-{Guid.NewGuid():N}.db");
        var harness = provider == DatabaseProvider.Postgres
            ? new BotHarness(await FakeBotApi.StartAsync(Token), provider, await PostgresServer.NewDatabaseAsync(), null)
            : new BotHarness(await FakeBotApi.StartAsync(Token), provider, $"Data Source={dbPath}", dbPath);
        harness.Api.Started([.. started ?? []]);
        if (existing is not null) await existing(harness);
        // The fake enforces the same (fast) limits the bot is configured with below.
        harness.Api.Limits = SendLimits.Telegram with
        {
            GlobalPerSecond = 1000, PerChatPerSecond = 1000, GroupPerMinute = 60_000, ApplyToPrivateChatBursts = true,
        };
        await harness.StartHostAsync(configure);
        return harness;
    }

    /// <summary>Starts (or restarts) the bot on the same database and fake server.</summary>
    public async Task StartHostAsync(Action<HostApplicationBuilder>? configure = null)
    {
        _host = BuildHost(configure);
        await _host.StartAsync();
    }

    /// <summary>Another instance of the bot on the same database and fake server, as a second machine runs it; the caller stops it.</summary>
    public async Task<IHost> StartInstanceAsync(Action<HostApplicationBuilder>? configure = null)
    {
        var host = BuildHost(configure);
        await host.StartAsync();
        return host;
    }

    IHost BuildHost(Action<HostApplicationBuilder>? configure) =>
        IncidentBotSetup.CreateBuilder([], consoleMode: false, builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telegram:BotToken"] = Token,
                ["Telegram:ApiBaseUrl"] = Api.BaseUrl.ToString(),
                ["Telegram:PollTimeoutSeconds"] = "5",
                ["Database:Provider"] = Provider.ToString(),
                ["ConnectionStrings:IncidentBot"] = ConnectionString,
                // Fast limits keep tests quick; pacing tests set Telegram's own and a fake that enforces them.
                ["Alerts:GlobalPerSecond"] = "1000",
                ["Alerts:PerChatPerSecond"] = "1000",
                ["Alerts:GroupPerMinute"] = "60000",
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new CapturingLoggerProvider(Logs));
            configure?.Invoke(builder);
        }).Build();

    public async Task StopHostAsync()
    {
        if (_host is null) return;
        await _host.StopAsync();
        _host.Dispose();
        _host = null;
    }

    /// <summary>Sends an update and waits for the bot's next message to that chat.</summary>
    public async Task<ApiCall> Ask(Update update, long? chatId = null)
    {
        var chat = chatId ?? ChatOf(update);
        var before = Api.Sent(chat).Count();
        Api.Enqueue(update);
        await Api.WaitUntil(a => a.Sent(chat).Count() > before);
        return Api.Sent(chat).ElementAt(before);
    }

    public BotDb NewDb() => BotDbProvider.Create(Provider, ConnectionString);

    static long ChatOf(Update u) => u.Message?.Chat.Id ?? u.ChannelPost?.Chat.Id ?? u.CallbackQuery?.Message?.Chat.Id ?? u.CallbackQuery!.From.Id;

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        await Api.DisposeAsync();
        if (_dbPath is null) return; // the run's PostgreSQL server goes, with every test database, when the run ends
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_dbPath + suffix);
    }
}

sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink);
    public void Dispose() { }

    sealed class Logger(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
