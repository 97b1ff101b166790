using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IncidentBot.Http;

/// <summary>
/// The Meter "IncidentBot": each instrument is fed at the one place its event happens (the inbox, the
/// handling, the paced client, the budget, the dispatcher). /metrics shows them in Prometheus form
/// (incidentbot_updates_received_total...) when Http:Urls is set; without it nothing listens and they cost nothing.
/// </summary>
internal sealed class BotMetrics
{
    public const string MeterName = "IncidentBot";
    static readonly TimeSpan FanOutWindow = TimeSpan.FromSeconds(10);

    readonly Counter<long> _received, _handled, _failed, _sends, _throttled;
    readonly Counter<double> _paused;
    readonly Histogram<double> _handling;
    readonly Queue<long> _alertsSent = new();

    public BotMetrics(IMeterFactory meters, DeliveryQueue queue, Instances.Leadership leadership)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("incidentbot.updates.received", description: "Updates stored in the inbox (a re-delivery is not counted again)");
        _handled = meter.CreateCounter<long>("incidentbot.updates.handled", description: "Updates handled without an error");
        _failed = meter.CreateCounter<long>("incidentbot.updates.failed", description: "Updates whose handler failed");
        _handling = meter.CreateHistogram<double>("incidentbot.update.handling.duration", unit: "s", description: "Time to handle one update");
        _sends = meter.CreateCounter<long>("incidentbot.sends", description: "Bot API calls by method and outcome (ok, timeout, failed, or Telegram's error code)");
        _throttled = meter.CreateCounter<long>("incidentbot.throttled", description: "429 Too Many Requests answers");
        _paused = meter.CreateCounter<double>("incidentbot.paused", unit: "s", description: "Time all sending was paused by 429s");
        meter.CreateObservableGauge("incidentbot.delivery.queue.depth", () => queue.Read().Depth, description: "Outbox rows due or being sent");
        meter.CreateObservableGauge("incidentbot.delivery.oldest.due.age", () => queue.Read().OldestDueAge.TotalSeconds, unit: "s",
            description: "How long the oldest due outbox row has waited");
        meter.CreateObservableGauge("incidentbot.fanout.per_second", FanOutRate, description: "Alerts sent per second over the last 10 s");
        meter.CreateObservableGauge("incidentbot.instances.live", () => leadership.LiveInstances, description: "Bot instances alive on this database (their heartbeats in the Leases table)");
    }

    public void UpdatesReceived(int count) { if (count > 0) _received.Add(count); }

    public void UpdateHandled(TimeSpan took, bool failed)
    {
        (failed ? _failed : _handled).Add(1);
        _handling.Record(took.TotalSeconds);
    }

    public void Sent(string method, string outcome) =>
        _sends.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", outcome));

    public void Throttled() => _throttled.Add(1);

    public void Paused(TimeSpan added) { if (added > TimeSpan.Zero) _paused.Add(added.TotalSeconds); }

    public void AlertSent()
    {
        lock (_alertsSent) { _alertsSent.Enqueue(Stopwatch.GetTimestamp()); Trim(); }
    }

    double FanOutRate()
    {
        lock (_alertsSent) { Trim(); return _alertsSent.Count / FanOutWindow.TotalSeconds; }
    }

    void Trim()
    {
        var now = Stopwatch.GetTimestamp();
        while (_alertsSent.TryPeek(out var at) && Stopwatch.GetElapsedTime(at, now) > FanOutWindow) _alertsSent.Dequeue();
    }
}
