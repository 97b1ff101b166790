using IncidentBot.Data;
using IncidentBot.Telegram.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Http;

/// <summary>
/// How much of the outbox waits, read from the database at most once a second (scrapes and readiness probes
/// may come often; the rows are indexed by state). Due = Pending with NotBefore passed; Sending counts as queued.
/// </summary>
internal sealed class DeliveryQueue(IServiceScopeFactory scopes, TimeProvider clock)
{
    public sealed record Snapshot(int Depth, TimeSpan OldestDueAge);

    static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);
    readonly Lock _gate = new();
    (DateTimeOffset At, Snapshot Value)? _last;

    public Snapshot Read()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_last is { } last && now - last.At < Fresh) return last.Value;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDb>();
            var utc = now.UtcDateTime;
            var queued = db.Deliveries.Where(d => d.State == DeliveryState.Sending || (d.State == DeliveryState.Pending && d.NotBefore <= utc));
            var depth = queued.Count();
            var oldest = depth == 0 ? null
                : db.Deliveries.Where(d => d.State == DeliveryState.Pending && d.NotBefore <= utc).Min(d => (DateTime?)d.NotBefore);
            var value = new Snapshot(depth, oldest is { } due ? utc - due : TimeSpan.Zero);
            _last = (now, value);
            return value;
        }
    }
}
