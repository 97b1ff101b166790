using IncidentBot.Incidents;

namespace IncidentBot.Alerts;

/// <summary>
/// One chat's standing request for alerts. Null filters match everything; set filters must all match.
/// Keys are stored lower-case so matching is a plain equality the database can index.
/// </summary>
internal sealed class Subscription
{
    public long Id { get; set; }
    public long ChatId { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>A country, region or place: matches an incident whose country, region or place it names.</summary>
    public string? Area { get; set; }
    public string? AreaKey { get; set; }
    public TargetCategory? Category { get; set; }
    public string? Affected { get; set; }
    public string? AffectedKey { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public double? RadiusKm { get; set; }

    public long CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal enum DeliveryKind { Alert, Correction, Retraction }

/// <summary>Sending: claimed by a dispatcher; a row left Sending by a crash goes back to Pending at start.</summary>
internal enum DeliveryState { Pending, Sending, Held, Sent, Failed, Cancelled }

/// <summary>
/// One message owed to one chat: the outbox. Written in the transaction that publishes, corrects or
/// retracts, so nothing published can miss its alerts; a dispatcher sends and marks them.
/// </summary>
internal sealed class Delivery
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public long ChatId { get; set; }
    public DeliveryKind Kind { get; set; }
    public DeliveryState State { get; set; }
    public DateTime NotBefore { get; set; }
    public int Attempts { get; set; }

    /// <summary>What a correction changed, for its short reply.</summary>
    public string? Note { get; set; }

    /// <summary>The alert this row answers (a correction or retraction is a reply to it).</summary>
    public int? ReplyTo { get; set; }
    public int? MessageId { get; set; }
    public bool Silent { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}
