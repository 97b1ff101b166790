namespace IncidentBot.Alerts;

internal sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Telegram's free broadcast limit; above it only paid broadcast is allowed.</summary>
    public const double FreeGlobalPerSecond = 30;

    /// <summary>Messages per second the bot sends in all (replies, cards and alerts together).</summary>
    public double GlobalPerSecond { get; set; } = 30;

    public double PerChatPerSecond { get; set; } = 1;

    /// <summary>Messages per minute to one group or channel.</summary>
    public int GroupPerMinute { get; set; } = 20;

    /// <summary>Send alerts with allow_paid_broadcast (up to 1000/s, paid in Stars).</summary>
    public bool PaidBroadcast { get; set; }

    /// <summary>Sends in flight at once; 0 = enough to reach GlobalPerSecond at a 0.5 s round trip.</summary>
    public int MaxInFlight { get; set; }

    /// <summary>
    /// How long one alert send may take before its outcome counts as unknown; it is then retried
    /// (Telegram may have delivered it: the price of never losing one is a rare repeat).
    /// </summary>
    public double SendTimeoutSeconds { get; set; } = 20;

    /// <summary>An incident dated further back than this when it is published is announced as newly recorded.</summary>
    public int NewWithinDays { get; set; } = 7;

    /// <summary>
    /// Minutes a public alert waits after its incident is published (operators who must not broadcast strike locations in
    /// real time); a retraction meanwhile cancels it silently. 0 = at once.
    /// </summary>
    public int DelayMinutes { get; set; }

    public int InFlight => MaxInFlight > 0 ? MaxInFlight : (int)Math.Clamp(Math.Ceiling(GlobalPerSecond * 0.5), 8, 1000);
}
