namespace IncidentBot.Alerts;

/// <summary>A chat that subscribes: its language, quiet hours, and whether Telegram still lets us write to it.</summary>
internal sealed class AlertChat
{
    public long ChatId { get; set; }
    public bool Active { get; set; } = true;
    public string? DeactivatedReason { get; set; }

    /// <summary>Quiet hours as minutes after local midnight in TimeZone; null = none.</summary>
    public int? QuietFrom { get; set; }
    public int? QuietTo { get; set; }
    public string? TimeZone { get; set; }
    public QuietMode QuietMode { get; set; }
}

/// <summary>Silent: alerts arrive without sound. Summary: held and sent as one message when the window ends.</summary>
internal enum QuietMode { Silent, Summary }
