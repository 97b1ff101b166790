namespace IncidentBot.Telegram;

/// <summary>What the receiver, the database start-up and the dispatcher last did, for /status and /readyz.</summary>
internal sealed class BotStatus
{
    long _lastUpdateTicks, _lastPollTicks, _lastDispatchTicks;
    volatile bool _migrated, _webhookRegistered;

    public DateTimeOffset? LastUpdateAt => Read(ref _lastUpdateTicks);

    public void UpdateReceived(DateTimeOffset at) => Interlocked.Exchange(ref _lastUpdateTicks, at.UtcTicks);

    /// <summary>When a getUpdates call last came back (with updates or empty): polling is alive.</summary>
    public DateTimeOffset? LastPollAt => Read(ref _lastPollTicks);

    public void PollCompleted(DateTimeOffset at) => Interlocked.Exchange(ref _lastPollTicks, at.UtcTicks);

    /// <summary>Telegram has our webhook (set now or found already set): updates are pushed to us.</summary>
    public bool WebhookRegistered { get => _webhookRegistered; set => _webhookRegistered = value; }

    public bool DatabaseMigrated { get => _migrated; set => _migrated = value; }

    /// <summary>When the outbox dispatcher last began a round.</summary>
    public DateTimeOffset? LastDispatchAt => Read(ref _lastDispatchTicks);

    public void DispatcherLooped(DateTimeOffset at) => Interlocked.Exchange(ref _lastDispatchTicks, at.UtcTicks);

    static DateTimeOffset? Read(ref long ticks)
    {
        var t = Interlocked.Read(ref ticks);
        return t == 0 ? null : new DateTimeOffset(t, TimeSpan.Zero);
    }
}
