namespace IncidentBot.Telegram;

/// <summary>
/// An update as received from Telegram, written before its offset is confirmed: a crash between
/// fetching and handling replays it, and its unique UpdateId makes a re-delivery a no-op.
/// </summary>
internal sealed class InboxUpdate
{
    public long Seq { get; set; }
    public long UpdateId { get; set; }
    public long ChatKey { get; set; }
    public string Payload { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public DateTime? HandledAt { get; set; }
    public string? Error { get; set; }

    /// <summary>Why Telegram.Bot cannot read the payload; such a row is stored handled and never routed.</summary>
    public string? Unreadable { get; set; }
}
