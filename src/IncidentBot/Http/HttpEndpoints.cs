using IncidentBot.Incidents.Export;
using IncidentBot.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace IncidentBot.Http;

/// <summary>
/// Kestrel, when Http:Urls is set (always in webhook mode; never in console mode): the webhook route,
/// /healthz (the process answers), /readyz (<see cref="Readiness"/>), the open data (/incidents.csv, .geojson, .atom) and /metrics (Prometheus, through
/// OpenTelemetry). A small web app of its own inside the bot's host: its routes call the bot's singletons,
/// so the rest of the bot is built as before (<see cref="IncidentBotSetup.CreateBuilder"/>).
/// </summary>
internal static class HttpEndpoints
{
    public static void Add(HostApplicationBuilder builder)
    {
        builder.Services.Configure<HttpOptions>(builder.Configuration.GetSection(HttpOptions.Section));
        if (string.IsNullOrWhiteSpace(builder.Configuration["Http:Urls"])) return;
        builder.Services.AddSingleton<Readiness>();
        builder.Services.AddSingleton<WebhookEndpoint>();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(BotMetrics.MeterName).AddPrometheusExporter());
        builder.Services.AddHostedService<HttpServer>();
    }

    static void Map(WebApplication app, IServiceProvider bot)
    {
        app.MapGet("/healthz", () => Results.Text("alive\n"));
        app.MapGet("/readyz", async (HttpContext context) =>
        {
            var problems = await bot.GetRequiredService<Readiness>().Problems(context.RequestAborted);
            return problems.Count == 0
                ? Results.Text("ready\n")
                : Results.Text(string.Join('\n', problems) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        MapOpenData(app, bot);
        app.MapPrometheusScrapingEndpoint("/metrics", bot.GetRequiredService<MeterProvider>(), null!, null!);
        var telegram = bot.GetRequiredService<IOptions<TelegramOptions>>().Value;
        if (telegram.Mode == BotMode.Webhook)
            app.MapPost(new Uri(telegram.WebhookUrl!).AbsolutePath, (Func<HttpContext, Task<IResult>>)bot.GetRequiredService<WebhookEndpoint>().Post);
    }

    /// <summary>The record as /export makes it (the same bytes), and the Atom feed; read from the database on each request.</summary>
    static void MapOpenData(WebApplication app, IServiceProvider bot)
    {
        foreach (var (path, make) in new (string, Func<OpenDataFiles, CancellationToken, Task<OpenDataFiles.File>>)[]
            { ("/incidents.csv", (f, ct) => f.Csv(ct)), ("/incidents.geojson", (f, ct) => f.GeoJson(ct)), ("/incidents.atom", (f, ct) => f.Atom(ct)) })
            app.MapGet(path, async (HttpContext context) =>
            {
                await using var scope = bot.CreateAsyncScope();
                var file = await make(scope.ServiceProvider.GetRequiredService<OpenDataFiles>(), context.RequestAborted);
                return Results.Bytes(file.Bytes, file.ContentType);
            });
    }

    sealed class HttpServer(IServiceProvider bot, IOptions<HttpOptions> options) : IHostedService, IAsyncDisposable
    {
        WebApplication? _app;

        public async Task StartAsync(CancellationToken ct)
        {
            var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
            web.Configuration.Sources.Clear(); // only Http:Urls, never ASPNETCORE_URLS or another appsettings
            web.Configuration.AddInMemoryCollection(); // where UseUrls writes
            web.Logging.ClearProviders();
            web.Services.AddSingleton(bot.GetRequiredService<ILoggerFactory>()); // the bot's own logging
            web.Services.AddSingleton<IHostLifetime, BotLifetime>(); // the bot's host handles signals
            web.WebHost.UseUrls(options.Value.Urls!);
            var app = web.Build();
            Map(app, bot);
            await app.StartAsync(ct);
            _app = app;
        }

        public async Task StopAsync(CancellationToken ct)
        {
            if (_app is { } app) await app.StopAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is { } app) await app.DisposeAsync();
        }
    }

    sealed class BotLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
