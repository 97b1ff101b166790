namespace IncidentBot.Telegram;

/// <summary>What the receiver last saw, for /status.</summary>
internal sealed class BotStatus
{
    long _lastUpdateTicks;

    public DateTimeOffset? LastUpdateAt
    {
        get { var t = Interlocked.Read(ref _lastUpdateTicks); return t == 0 ? null : new DateTimeOffset(t, TimeSpan.Zero); }
    }

    public void UpdateReceived(DateTimeOffset at) => Interlocked.Exchange(ref _lastUpdateTicks, at.UtcTicks);
}
