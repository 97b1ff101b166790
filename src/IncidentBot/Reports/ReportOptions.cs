namespace IncidentBot.Reports;

internal sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Reports one user may file per hour.</summary>
    public int PerUserPerHour { get; set; } = 5;

    /// <summary>Longest report text accepted.</summary>
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>
    /// The grid a published point is snapped to, in km: a reporter's pin (and coordinates a moderator types without
    /// "exact") never reach the public finer than this. The exact pin stays on the moderators' card.
    /// </summary>
    public double PublishedCoordinateKm { get; set; } = 1;

    /// <summary>Photos one report keeps.</summary>
    public const int MaxPhotos = 10;
}
