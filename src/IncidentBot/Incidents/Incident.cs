namespace IncidentBot.Incidents;

/// <summary>One strike, kept the way a careful researcher would (ACLED is the model).</summary>
internal sealed class Incident
{
    public long Id { get; set; }

    // The date is stored at its first possible day, in UTC; Precision says how much of it is known,
    // so "January 2024" is stored as 2024-01-01 + Month and never shown as "1 January 2024".
    public DateTime OccurredOn { get; set; }
    public DatePrecision Precision { get; set; }

    /// <summary>
    /// Only an upper bound is known: it happened on or before OccurredOn (a report filed without a date is dated the day
    /// it was reported). Every view says "on or before"; none shows the bound as the day it happened.
    /// </summary>
    public bool OnOrBefore { get; set; }
    public string? DateNote { get; set; }

    public string Country { get; set; } = "unknown";
    public string? Region { get; set; }
    public string? Place { get; set; }

    /// <summary>The gazetteer entry the location resolved to (its most specific part); null for a place it does not know.</summary>
    public string? PlaceId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public CoordinatePrecision? CoordinatePrecision { get; set; }

    /// <summary>
    /// Approximate coordinates snapped to a grid (<see cref="Geo.Snap"/>): its cell size, so they read "approximate, ±1 km".
    /// Null for exact coordinates, and for approximate ones recorded before the grid (their margin is not known).
    /// </summary>
    public double? CoordinateKm { get; set; }
    public string? LocationNote { get; set; }

    /// <summary>What happened, in the reporter's or the source's words.</summary>
    public string? Summary { get; set; }

    public string Target { get; set; } = "";
    public TargetCategory? Category { get; set; }
    public string? AffectedCountry { get; set; }
    public string? Weapon { get; set; }
    public string? Damage { get; set; }

    // null = unknown; 0 = known to be none.
    public int? Killed { get; set; }
    public int? Injured { get; set; }
    public string? CasualtiesNote { get; set; }

    public string? AttributedTo { get; set; }
    public bool? Acknowledged { get; set; }
    public string? AttributionNote { get; set; }

    public string? Context { get; set; }

    /// <summary>How sure the record is: <see cref="GradeOverride"/> when a moderator set one, else what the sources give (<see cref="Grades"/>).</summary>
    public Grade Grade { get; set; }

    /// <summary>A grade a moderator set by hand, with <see cref="GradeBasis"/> (the source that confirms it, or why); it stands until a moderator clears it.</summary>
    public Grade? GradeOverride { get; set; }
    public string? GradeBasis { get; set; }

    /// <summary>
    /// Moderators' translations of the free-text fields, as JSON: <c>{"uk": {"target": "Посольство ..."}}</c>. Read and
    /// written through <see cref="IncidentFields"/> (field@uk); a reader sees their language where it exists.
    /// </summary>
    public string? Translations { get; set; }

    /// <summary>
    /// What search finds the incident by beyond its own fields: its place's names in every language and spelling,
    /// its affected country's, its category in every language, and its translations. Kept by BotDb on every save.
    /// </summary>
    public string? SearchNames { get; set; }
    public IncidentStatus Status { get; set; } = IncidentStatus.Published;

    /// <summary>False for a backlog entry a moderator published without alerts: no correction alerts it later either.</summary>
    public bool Alerted { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<IncidentSource> Sources { get; set; } = [];

    /// <summary>A copy to render from (a reader's translation laid over it); never saved.</summary>
    public Incident Copy() => (Incident)MemberwiseClone();
}

internal sealed class IncidentSource
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public string Name { get; set; } = "";

    // Only ever a link the source really has; never invented.
    public string? Url { get; set; }
    public string? Note { get; set; }
    public SourceKind Kind { get; set; }

    /// <summary>The report it came with (the contributor's own line and the link they sent), so that one person's reports count as one account.</summary>
    public long? ReportId { get; set; }

    /// <summary>
    /// The same source, listed once: the same link (http or https, "www.", a trailing slash and a #fragment aside), or,
    /// neither having a link, the same name ("Contributor report #12" names one report).
    /// </summary>
    public bool SameAs(IncidentSource other) => (LinkKey(Url), LinkKey(other.Url)) switch
    {
        (null, null) => string.Equals(Name.Trim(), other.Name.Trim(), StringComparison.OrdinalIgnoreCase),
        var (a, b) => a == b,
    };

    static string? LinkKey(string? url) =>
        url is null ? null
        : Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) ? $"{(u.Host.StartsWith("www.", StringComparison.Ordinal) ? u.Host[4..] : u.Host)}{u.AbsolutePath.TrimEnd('/')}{u.Query}"
        : url.Trim();
}

/// <summary>An outlet (a publisher, named or linked), a contributor's report, or an official statement.</summary>
internal enum SourceKind { Outlet, Contributor, Official }

internal enum DatePrecision { Day, Month, Year }

/// <summary>
/// Exact: a point a moderator set as exact on purpose. Approximate: every other point, a reporter's pin included,
/// coarsened to Reports:PublishedCoordinateKm before anyone but the moderators sees it.
/// </summary>
internal enum CoordinatePrecision { Exact, Approximate, PlaceCentroid }

/// <summary>Draft: a pending report's incident, shaped by moderators and never shown to the public.</summary>
internal enum IncidentStatus { Draft, Published, Retracted }

internal enum TargetCategory { Diplomatic, Energy, Aviation, Civilian, Infrastructure, Military, Other }
