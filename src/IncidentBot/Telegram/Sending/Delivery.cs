namespace IncidentBot.Telegram.Sending;

/// <summary>
/// What a message owed to someone is. Alerts and their corrections and retractions go to subscribed chats;
/// a card to a moderator's chat, a card update edits a copy already sent; a report outcome tells the
/// reporter; a standing notice tells a contributor their reporting was paused or opened again; a warning tells a
/// moderator that delivery is failing.
/// </summary>
internal enum DeliveryKind { Alert, Correction, Retraction, Card, CardUpdate, ReportOutcome, Warning, Standing }

/// <summary>
/// Sending: claimed by the dispatcher (a row left Sending by a killed or cut-off sender goes back to Pending when
/// the next holder of the lease starts sending). Held:
/// kept for a quiet-hours summary. Gone: an edit whose message no longer exists; nothing to retry.
/// </summary>
internal enum DeliveryState { Pending, Sending, Held, Sent, Failed, Gone, Cancelled }

/// <summary>
/// One message owed to one chat: a row of the one outbox. Written in the transaction of the decision that
/// makes it owed, it names what it is about (the incident, the report) and is rendered when it is sent, in its
/// recipient's language and from the record as it stands then. The dispatcher sends and marks it.
/// </summary>
internal sealed class Delivery
{
    /// <summary>Claimed first: what people are waiting on about their own work (cards, outcomes, warnings).</summary>
    public const int Personal = 0;

    /// <summary>Claimed after: corrections and retractions, then alerts in the order of <see cref="Rank"/>.</summary>
    public const int Broadcast = 1;

    /// <summary>
    /// An alert's priority, the nearest first: a radius around the strike (its centre's distance in km added),
    /// then the incident's place, its region, its country, then category or affected-country filters, then everything.
    /// </summary>
    public static class Rank
    {
        public const int Radius = 100, Place = 30_000, Region = 30_001, Country = 30_002, Filtered = 30_010, Everything = 30_020;
    }

    public long Id { get; set; }
    public DeliveryKind Kind { get; set; }
    public DeliveryState State { get; set; }

    /// <summary>The term of the lease (<see cref="Instances.Term"/>) that last claimed the row.</summary>
    public string? ClaimedBy { get; set; }
    public long ChatId { get; set; }
    public int Priority { get; set; } = Broadcast;
    public DateTime NotBefore { get; set; }
    public int Attempts { get; set; }

    public long? IncidentId { get; set; }
    public long? ReportId { get; set; }

    /// <summary>What a correction changed, a retraction's reason, a warning's last error, which standing notice.</summary>
    public string? Note { get; set; }

    /// <summary>A warning: since when delivery has been failing.</summary>
    public DateTime? Since { get; set; }

    /// <summary>The message this row replies to (a correction, a retraction) or edits (a card update).</summary>
    public int? TargetMessageId { get; set; }

    /// <summary>The message it became, once sent: a card's copy is edited through it later.</summary>
    public int? MessageId { get; set; }
    public bool Silent { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}
