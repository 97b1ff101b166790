using IncidentBot.Reports;
using IncidentBot.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Alerts;

/// <summary>
/// Notices when delivery has been failing (network, 5xx) for minutes and tells the moderators in
/// private, once per outage.
/// </summary>
internal sealed class DeliveryMonitor(IServiceScopeFactory scopes, ITelegramBotClient bot, Localizer localizer, TimeProvider clock,
    ILogger<DeliveryMonitor> log)
{
    public static readonly TimeSpan WarnAfter = TimeSpan.FromMinutes(3);

    readonly Lock _gate = new();
    DateTimeOffset? _failingSince;
    string? _lastError;
    bool _warned;

    public DateTimeOffset? FailingSince { get { lock (_gate) return _failingSince; } }

    public void Succeeded()
    {
        lock (_gate) (_failingSince, _warned) = (null, false);
    }

    public void Failed(string error)
    {
        lock (_gate)
        {
            _failingSince ??= clock.GetUtcNow();
            _lastError = error;
        }
    }

    public async Task WarnIfFailing(CancellationToken ct)
    {
        DateTimeOffset since;
        string? error;
        lock (_gate)
        {
            if (_warned || _failingSince is not { } s || clock.GetUtcNow() - s < WarnAfter) return;
            (since, error, _warned) = (s, _lastError, true);
        }
        log.LogError("Alert delivery has been failing since {Since:u}: {Error}", since, error);
        await using var scope = scopes.CreateAsyncScope();
        var text = localizer.English.Format("status.failing", since.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture), error ?? "");
        foreach (var moderator in await scope.ServiceProvider.GetRequiredService<Moderators>().All(ct))
        {
            try { await bot.SendMessage(moderator, text, ParseMode.Html, cancellationToken: ct); }
            catch (Exception e) when (e is RequestException or HttpRequestException) { log.LogWarning("Moderator {UserId} not told: {Error}", moderator, e.Message); }
        }
    }
}
