namespace IncidentBot.Http;

internal sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Where Kestrel listens, `;`-separated; unset: no port is opened (polling mode only).</summary>
    public string? Urls { get; set; }
}
