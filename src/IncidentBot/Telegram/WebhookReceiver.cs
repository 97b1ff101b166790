using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;

namespace IncidentBot.Telegram;

/// <summary>
/// Webhook mode's start: the same start-up as polling, then the webhook registered only when getWebhookInfo
/// shows it differs, so instances starting together do not each call setWebhook (Telegram allows about one
/// call a second and answers 429 beyond). Updates then arrive at <see cref="WebhookEndpoint"/>; nothing polls.
/// </summary>
internal sealed class WebhookReceiver(ITelegramBotClient bot, BotStartup startup, BotStatus status,
    IOptions<TelegramOptions> options, TimeProvider clock, ILogger<WebhookReceiver> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every instance learns who the bot is (the lease holder handles what any of them stores).
        await startup.Run(stoppingToken);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await Register(stoppingToken);
                status.WebhookRegistered = true;
                log.LogInformation("Receiving updates through the webhook as @{Username}", startup.Username);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) when (e is RequestException or HttpRequestException)
            {
                // Another instance may have set it meanwhile: the next round reads getWebhookInfo again.
                var delay = e is ApiRequestException { ErrorCode: 429, Parameters.RetryAfter: { } after }
                    ? TimeSpan.FromSeconds(Math.Max(1, after)) : UpdateReceiver.Backoff(attempt);
                log.LogWarning("Registering the webhook failed: {Error}. Retrying in {Delay}", e.GetBaseException().Message, delay);
                await Task.Delay(delay, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    async Task Register(CancellationToken ct)
    {
        var o = options.Value;
        var info = await bot.GetWebhookInfo(ct);
        if (Matches(info, o)) return;
        await bot.SetWebhook(o.WebhookUrl!, maxConnections: o.WebhookMaxConnections, allowedUpdates: UpdateReceiver.Wanted,
            secretToken: o.WebhookSecret, cancellationToken: ct);
        log.LogInformation("Webhook set (max {MaxConnections} connections)", o.WebhookMaxConnections);
    }

    /// <summary>
    /// Telegram never shows the secret; a 401 as its last delivery error means it holds another one (the
    /// secret was changed), so that is set again too.
    /// </summary>
    static bool Matches(WebhookInfo info, TelegramOptions o) =>
        info.Url == o.WebhookUrl && info.MaxConnections == o.WebhookMaxConnections
        && (info.AllowedUpdates ?? []).Order().SequenceEqual(UpdateReceiver.Wanted.Order())
        && info.LastErrorMessage?.Contains("401", StringComparison.Ordinal) != true;
}
