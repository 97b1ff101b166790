namespace IncidentBot.Reports;

internal sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Reports one user may file per hour.</summary>
    public int PerUserPerHour { get; set; } = 5;

    /// <summary>Longest report text accepted.</summary>
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>Photos one report keeps.</summary>
    public const int MaxPhotos = 10;
}
