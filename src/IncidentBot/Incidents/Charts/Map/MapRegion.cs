using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Incidents.Charts.Map;

/// <summary>
/// The map's borders, shipped inside the program (Natural Earth, public domain; see SOURCES.md beside it): land and
/// inland water as rings, country borders and Ukraine's regions as lines, each a flat [lon, lat, lon, lat, …] array.
/// </summary>
internal sealed record MapRegion(
    [property: JsonPropertyName("frame")] double[] Frame,
    [property: JsonPropertyName("land")] double[][] Land,
    [property: JsonPropertyName("water")] double[][] Water,
    [property: JsonPropertyName("borders")] double[][] Borders,
    [property: JsonPropertyName("regions")] double[][] Regions)
{
    static readonly Lazy<MapRegion> Lazy = new(Load);

    public static MapRegion Shipped => Lazy.Value;

    public double West => Frame[0];
    public double South => Frame[1];
    public double East => Frame[2];
    public double North => Frame[3];

    static MapRegion Load()
    {
        using var stream = typeof(MapRegion).Assembly.GetManifestResourceStream("IncidentBot.MapRegion.json")
            ?? throw new InvalidOperationException("The map's borders are not embedded");
        return JsonSerializer.Deserialize<MapRegion>(stream) ?? throw new InvalidOperationException("The map's borders do not load");
    }
}
