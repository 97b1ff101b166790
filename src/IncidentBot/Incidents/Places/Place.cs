using System.Text.Json.Serialization;

namespace IncidentBot.Incidents.Places;

internal enum PlaceKind { Country, Region, City, District }

/// <summary>
/// One entry of the gazetteer: a stable id that subscriptions and incidents can keep, the parent it lies in
/// (null only for a country), a centre and its names in the bot's four languages plus other spellings.
/// </summary>
internal sealed record Place(
    string Id,
    PlaceKind Kind,
    string? Parent,
    [property: JsonPropertyName("lat")] double Latitude,
    [property: JsonPropertyName("lon")] double Longitude,
    string En,
    string Uk,
    string Az,
    string Ru,
    string[]? Aka)
{
    /// <summary>The four names and every alternative spelling, for the resolver's index.</summary>
    public IEnumerable<string> AllNames => [En, Uk, Az, Ru, .. Aka ?? []];
}

internal enum PlaceMatchKind { Resolved, Ambiguous, Unknown }

/// <summary>
/// What a place name turned out to be. Places holds the one entry when Resolved, the equally good entries
/// when Ambiguous, and up to three suggestions ("Did you mean …?") when Unknown, best first.
/// </summary>
internal sealed record PlaceMatch(PlaceMatchKind Kind, IReadOnlyList<Place> Places)
{
    public Place? Place => Kind == PlaceMatchKind.Resolved ? Places[0] : null;

    public static PlaceMatch Unknown(IReadOnlyList<Place> suggestions) => new(PlaceMatchKind.Unknown, suggestions);
}
