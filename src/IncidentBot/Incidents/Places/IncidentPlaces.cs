namespace IncidentBot.Incidents.Places;

/// <summary>
/// Where an incident is, through the gazetteer: a typed location ("Pechersk district, Kyiv, Ukraine",
/// "Київ", "Odesa region") becomes the incident's entry and its hierarchy, written as its place, region and
/// country; a location the gazetteer does not know is kept as typed. And the keys an incident matches
/// subscriptions by: every level of its entry's hierarchy, plus the names it carries (older subscriptions
/// hold names, not ids).
/// </summary>
internal sealed class IncidentPlaces(Gazetteer gazetteer)
{
    /// <summary>
    /// Sets the incident's location from a place, region or country typed for it; returns how the gazetteer read
    /// it. A known entry replaces the whole location, unless the incident already lies inside it (a country or
    /// region typed after its city changes nothing). Unknown text is kept as typed in its field, placed by
    /// whatever part after a comma the gazetteer knows ("Smallvillage, Kharkiv Oblast"); without such a part the
    /// levels below the typed one go, and so does the region of a typed place: an unknown town is not in the old
    /// town's region ("Burshtyn", never "Burshtyn, Kyiv"). Only the country stays, as the one level it is likely to share.
    /// </summary>
    public PlaceMatch Apply(Incident incident, string field, string typed)
    {
        typed = typed.Trim();
        var match = gazetteer.Resolve(typed);
        if (match.Place is { } place)
        {
            var current = incident.PlaceId is { } id ? gazetteer.Find(id) : null;
            Locate(incident, current is not null && gazetteer.Ancestors(current).Contains(place) ? current : place);
            return match;
        }
        var comma = typed.IndexOf(',');
        if (comma > 0 && gazetteer.Resolve(typed[(comma + 1)..]).Place is { } known)
        {
            Locate(incident, known);
            typed = typed[..comma].Trim();
        }
        else (incident.PlaceId, incident.Place, incident.Region) = (null, null, null);
        switch (field)
        {
            case "country": (incident.Place, incident.Region, incident.Country) = (null, null, typed); break;
            case "region": (incident.Place, incident.Region) = (null, typed); break;
            default: incident.Place = typed; break;
        }
        return match;
    }

    /// <summary>
    /// A moderator's place, region or country (/edit, /correct): <see cref="Apply"/>, and the incident's own coordinates
    /// stay only where they fit the new location: within reach of its entry's centre (15 km of a district's, 50 km of a
    /// city's, 300 km of a region's), or, for a country or a place the gazetteer does not know, only if no known place
    /// stood there before to contradict (a pin-only report being named). Returns how the text was read and whether the
    /// coordinates went.
    /// </summary>
    public (PlaceMatch Match, bool CoordinatesCleared) Relocate(Incident incident, string field, string typed)
    {
        var before = incident.PlaceId;
        var match = Apply(incident, field, typed);
        if (incident is not { Latitude: { } lat, Longitude: { } lon } || incident.PlaceId == before && before is not null) return (match, false);
        var entry = Entry(incident);
        var fits = entry?.Kind switch
        {
            PlaceKind.District => Geo.DistanceKm(lat, lon, entry.Latitude, entry.Longitude) <= 15,
            PlaceKind.City => Geo.DistanceKm(lat, lon, entry.Latitude, entry.Longitude) <= 50,
            PlaceKind.Region => Geo.DistanceKm(lat, lon, entry.Latitude, entry.Longitude) <= 300,
            _ => before is null,
        };
        if (fits) return (match, false);
        (incident.Latitude, incident.Longitude, incident.CoordinatePrecision) = (null, null, null);
        return (match, true);
    }

    /// <summary>
    /// How far apart two incidents are, in km: by their own coordinates when both have them, else by their own
    /// coordinates or their places' centres; null when one's place lies within the other's (Kyiv is in Ukraine, however
    /// far from Ukraine's centre) or either has no position at all.
    /// </summary>
    public double? KmApart(Incident a, Incident b)
    {
        if (a is { Latitude: { } la, Longitude: { } loa } && b is { Latitude: { } lb, Longitude: { } lob }) return Geo.DistanceKm(la, loa, lb, lob);
        var (pa, pb) = (Entry(a), Entry(b));
        if (pa is not null && pb is not null && (pa == pb || gazetteer.Ancestors(pa).Contains(pb) || gazetteer.Ancestors(pb).Contains(pa))) return null;
        return (Position(a, pa), Position(b, pb)) is ({ } x, { } y) ? Geo.DistanceKm(x.Lat, x.Lon, y.Lat, y.Lon) : null;
    }

    Place? Entry(Incident i) => i.PlaceId is { } id ? gazetteer.Find(id) : null;

    static (double Lat, double Lon)? Position(Incident i, Place? entry) =>
        i is { Latitude: { } lat, Longitude: { } lon } ? (lat, lon) : entry is null ? null : (entry.Latitude, entry.Longitude);

    /// <summary>The fields that say where an incident is.</summary>
    public static readonly HashSet<string> Fields = ["place", "region", "country"];

    /// <summary>Where an incident is, as plain text (for the audit), its own coordinates included.</summary>
    public static string Describe(Incident i) =>
        string.Join(", ", new[] { i.Place, i.Region, i.Country }.Where(p => !string.IsNullOrWhiteSpace(p)))
        + (i.Latitude is { } lat && i.Longitude is { } lon ? FormattableString.Invariant($" · {lat},{lon}") : "");

    /// <summary>The incident's place, region and country as the entry's hierarchy names them, in English.</summary>
    public void Locate(Incident incident, Place place)
    {
        var (city, region, country) = Lines(gazetteer, place, p => p.En);
        incident.PlaceId = place.Id;
        (incident.Place, incident.Region, incident.Country) = (city, region, country ?? incident.Country);
    }

    /// <summary>
    /// An entry's place ("Pechersk district, Kyiv"; a city; none for a region or country), region and country,
    /// each named by <paramref name="name"/>: English for the stored record, the reader's language on a card.
    /// </summary>
    public static (string? Place, string? Region, string? Country) Lines(Gazetteer gazetteer, Place place, Func<Place, string> name)
    {
        var chain = new List<Place> { place };
        chain.AddRange(gazetteer.Ancestors(place));
        var city = chain.FirstOrDefault(p => p.Kind == PlaceKind.City);
        var region = chain.FirstOrDefault(p => p.Kind == PlaceKind.Region);
        var country = chain.FirstOrDefault(p => p.Kind == PlaceKind.Country);
        var line = place.Kind switch
        {
            PlaceKind.District => city is null ? name(place) : $"{name(place)}, {name(city)}",
            PlaceKind.City => name(place),
            _ => null,
        };
        // A city that is a region of its own ("Kyiv City" holds Kyiv) needs no second mention.
        var cityRegion = city is not null && region is not null && region.Id == city.Id + "-city";
        return (line, cityRegion || region is null ? null : name(region), country is null ? null : name(country));
    }

    /// <summary>The keys of each level an incident lies in, most specific first: place (district and city), region, country.</summary>
    public AreaKeys Keys(Incident incident)
    {
        var chain = incident.PlaceId is { } id && gazetteer.Find(id) is { } place ? [place, .. gazetteer.Ancestors(place)] : new List<Place>();
        string[] Level(PlaceKind kind, PlaceKind? also, string? name) =>
            [.. chain.Where(p => p.Kind == kind || p.Kind == also).Select(p => p.Id), .. Name(name)];
        return new AreaKeys(
            Level(PlaceKind.District, PlaceKind.City, incident.Place),
            Level(PlaceKind.Region, null, incident.Region),
            Level(PlaceKind.Country, null, incident.Country),
            Affected(incident.AffectedCountry));
    }

    /// <summary>An affected country by id and by name.</summary>
    string[] Affected(string? name) =>
        name is null ? [] : [.. gazetteer.Resolve(name).Place is { Kind: PlaceKind.Country } country ? [country.Id] : Array.Empty<string>(), .. Name(name)];

    static string[] Name(string? name) => Key(name) is { } key ? [key] : [];

    /// <summary>Names meet on lower-cased, trimmed text (how older subscriptions were keyed).</summary>
    public static string? Key(string? name) => string.IsNullOrWhiteSpace(name) || name.Trim() == "unknown" ? null : name.Trim().ToLowerInvariant();
}

/// <summary>An incident's match keys, each level most specific first.</summary>
internal sealed record AreaKeys(string[] Place, string[] Region, string[] Country, string[] Affected);
