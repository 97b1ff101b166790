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

    /// <summary>The chat's own number for it, as /subscriptions and /unsubscribe N show it: a chat's first is 1.</summary>
    public int Number { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>
    /// A country, region or place: matches an incident there (a place rolls up to its region and country). The
    /// key is the gazetteer id; older subscriptions hold the lower-cased name as typed.
    /// </summary>
    public string? Area { get; set; }
    public string? AreaKey { get; set; }

    /// <summary>A country typed on its own also means the incidents affecting it (its embassy hit abroad).</summary>
    public bool IncludesAffected { get; set; }
    public TargetCategory? Category { get; set; }
    public string? Affected { get; set; }
    public string? AffectedKey { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public double? RadiusKm { get; set; }

    /// <summary>Only incidents this sure (corroborated, or confirmed); the alert goes out when the incident reaches it.</summary>
    public Grade? Grade { get; set; }

    public long CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}
