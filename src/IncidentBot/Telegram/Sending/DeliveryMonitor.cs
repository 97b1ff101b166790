using IncidentBot.Data;
using IncidentBot.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Telegram.Sending;

/// <summary>
/// Notices when sending has been failing (network, 5xx) for minutes and owes each moderator a warning in
/// private, once per outage. The warning is an outbox row like any other message: it leaves when Telegram
/// takes messages again, and a restart does not lose it.
/// </summary>
internal sealed class DeliveryMonitor(IServiceScopeFactory scopes, DeliverySignal signal, TimeProvider clock, ILogger<DeliveryMonitor> log)
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
        log.LogError("Sending has been failing since {Since:u}: {Error}", since, error);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var moderator in await scope.ServiceProvider.GetRequiredService<Moderators>().All(ct))
            db.Deliveries.Add(new Delivery
            {
                Kind = DeliveryKind.Warning, ChatId = moderator, Priority = Delivery.Personal, State = DeliveryState.Pending,
                NotBefore = now, CreatedAt = now, Since = since.UtcDateTime, Note = error,
            });
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }
}
