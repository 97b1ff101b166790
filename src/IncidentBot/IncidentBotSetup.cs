using IncidentBot.Alerts;
using IncidentBot.ConsoleMode;
using IncidentBot.Data;
using IncidentBot.Http;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Charts;
using IncidentBot.Incidents.Charts.Map;
using IncidentBot.Incidents.Export;
using IncidentBot.Incidents.Places;
using IncidentBot.Instances;
using IncidentBot.Localization;
using IncidentBot.Reports;
using IncidentBot.Telegram;
using IncidentBot.Telegram.Sending;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using global::Telegram.Bot;

namespace IncidentBot;

/// <summary>Every registration on one screen, shared by Program and the tests.</summary>
internal static class IncidentBotSetup
{
    /// <summary>Throws <see cref="SettingsException"/> with one line naming the key when a setting is wrong.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args, bool consoleMode, Action<HostApplicationBuilder>? configure = null)
    {
        // console --lang uk is the terminal's option, read here: as configuration it would meet the LANG environment variable.
        var language = consoleMode ? ConsoleLanguage.From(ref args) : null;
        // appsettings.json is read from next to the binary, so the app behaves the same from any working directory.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var config = builder.Configuration;
        StartupSettings.Check(config, consoleMode);
        var services = builder.Services;

        services.Configure<TelegramOptions>(config.GetSection(TelegramOptions.Section));
        services.Configure<ModerationOptions>(o =>
        {
            o.ModeratorIds = StartupSettings.ModeratorIds(config);
            // In the terminal user 1 plays contributor and moderator; "as" plays anyone else.
            if (consoleMode) o.ModeratorIds.Add(ConsolePerson.Default.User.Id);
            o.ChatId = config.GetValue<long?>("Moderation:ChatId");
        });
        services.TryAddSingleton(TimeProvider.System);
        // Under systemd (Type=notify): readiness, stopping and journald log levels; a no-op anywhere else.
        services.AddSystemd();
        services.AddBotDb(StartupSettings.Provider(config), config.GetConnectionString("IncidentBot") ?? StartupSettings.DefaultConnectionString);

        // Hosted services start in this order: Kestrel first when Http:Urls is set (/healthz answers during a
        // long migration, /readyz says not yet), then the database is migrated and seeded before any update is read.
        // The lease starts before the duties it governs, so it stops after them and is given up once their work has ended.
        services.AddSingleton<BotMetrics>();
        services.AddSingleton<DeliveryQueue>();
        if (!consoleMode) HttpEndpoints.Add(builder);
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton<Leadership>();
        services.AddHostedService(sp => sp.GetRequiredService<Leadership>());

        services.AddSingleton<Localizer>();
        services.AddSingleton(_ => Gazetteer.Shipped);
        services.AddSingleton<IncidentPlaces>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<Replies>();
        services.AddSingleton<UpdateHandling>();
        services.AddSingleton<ChatSequencer>();
        services.AddSingleton<UpdateInbox>();
        services.AddSingleton<InboxSignal>();
        services.AddHostedService<InboxFeeder>();
        services.AddScoped<UpdateRouter>();
        services.AddScoped<HelpCommands>();
        services.AddScoped<IncidentCommands>();
        services.AddScoped<IncidentVenue>();
        services.AddScoped<MapCommand>();
        services.AddScoped<IncidentSharing>();
        services.AddSingleton<Pictures>();
        services.AddScoped<OpenDataFiles>();
        services.AddScoped<ExportCommand>();
        services.Configure<ReportOptions>(config.GetSection(ReportOptions.Section));
        services.AddScoped<AuditLog>();
        services.AddScoped<Moderators>();
        services.AddScoped<ReportOutbox>();
        services.AddScoped<Grading>();
        services.AddScoped<ReportPauses>();
        services.AddScoped<Moderation>();
        services.AddScoped<ModerationCommands>();
        services.AddScoped<PauseCommands>();
        services.AddScoped<ModerationButtons>();
        services.AddScoped<ForgetMe>();
        services.AddScoped<ReportFiling>();
        services.AddScoped<ReportConversation>();
        services.AddScoped<MyReports>();
        services.AddScoped<AlertOutbox>();
        services.Configure<AlertOptions>(config.GetSection(AlertOptions.Section));
        services.AddSingleton<SendBudget>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<DeliveryMonitor>();
        services.AddSingleton<BotStatus>();
        services.AddScoped<ChatAdmins>();
        services.AddScoped<SubscriptionCommands>();
        services.AddScoped<QuietCommand>();
        services.AddScoped<StatusCommand>();
        services.AddScoped<Languages>();
        services.AddSingleton<CommandMenu>();
        services.AddScoped<LanguageCommand>();

        services.AddSingleton<ITelegramBotClient>(sp => sp.GetRequiredService<PacedBotClient>());
        if (consoleMode) AddConsole(builder, language!);
        else AddTelegram(builder);
        services.AddHostedService<OutboxDispatcher>();
        return builder;
    }

    static void AddTelegram(HostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var baseUrl = string.IsNullOrWhiteSpace(o.ApiBaseUrl) ? null : o.ApiBaseUrl;
            // Our own HttpClient, not IHttpClientFactory: its logger prints request URLs, and the URL holds the token.
            var http = new HttpClient(new SentStampHandler(new SocketsHttpHandler())) { Timeout = TimeSpan.FromSeconds(o.PollTimeoutSeconds + 70) };
            // No built-in 429 retry: it sleeps inside the call. The budget pauses everything instead.
            return Paced(sp, new TelegramBotClient(new TelegramBotClientOptions(o.BotToken!, baseUrl) { RetryThreshold = 0 }, http));
        });
        builder.Services.AddSingleton<BotStartup>();
        if (StartupSettings.IsWebhook(builder.Configuration)) builder.Services.AddHostedService<WebhookReceiver>();
        else builder.Services.AddHostedService<UpdateReceiver>();
    }

    /// <summary>Every message leaves through the one budget, in the terminal as on Telegram.</summary>
    static PacedBotClient Paced(IServiceProvider sp, ITelegramBotClient inner) =>
        new(inner, sp.GetRequiredService<SendBudget>(), TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<AlertOptions>>().Value.SendTimeoutSeconds),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<BotMetrics>());

    static void AddConsole(HostApplicationBuilder builder, ConsoleLanguage language)
    {
        // The terminal is the chat: only warnings and errors may interrupt it.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        builder.Services.TryAddSingleton(new ConsoleStreams(Console.In, Console.Out, Echo: Console.IsInputRedirected));
        builder.Services.AddSingleton(language);
        builder.Services.AddSingleton<ConsoleBotClient>();
        builder.Services.AddSingleton(sp => Paced(sp, sp.GetRequiredService<ConsoleBotClient>()));
        builder.Services.AddHostedService<ConsoleChat>();
    }
}
