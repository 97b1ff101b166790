using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Incidents.Places;

/// <summary>
/// The places the bot knows by name (Incidents/Places/places.json, shipped inside the program): countries, their
/// regions, cities and city districts, each under its parent. Loaded once; every lookup is in memory, and nothing
/// changes after construction, so one instance serves every update at once.
/// </summary>
internal sealed partial class Gazetteer
{
    const string Resource = "IncidentBot.Incidents.Places.places.json";
    const int MaxDepth = 8;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    readonly FrozenDictionary<string, Place> _byId;
    readonly FrozenDictionary<string, Place[]> _ancestors;

    public Gazetteer() : this(Load()) { }

    /// <summary>The shipped list, loaded once; what the database's search names come from.</summary>
    public static Gazetteer Shipped => Lazy.Value;

    static readonly Lazy<Gazetteer> Lazy = new(() => new Gazetteer());

    /// <summary>For tests of the rules with a handful of made-up places; the bot uses the shipped list.</summary>
    internal Gazetteer(IReadOnlyList<Place> places)
    {
        var duplicate = places.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Place id {duplicate.Key} is used twice.");
        _byId = places.ToFrozenDictionary(p => p.Id);
        _ancestors = places.ToFrozenDictionary(p => p.Id, ChainOf);
        (_byName, _byNameSpan) = IndexNames(places);
        _resolved = places.ToFrozenDictionary(p => p.Id, p => new PlaceMatch(PlaceMatchKind.Resolved, [p]));
    }

    public IReadOnlyCollection<Place> All => _byId.Values;

    public Place? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The parent, its parent and so on, ending at the country.</summary>
    public IReadOnlyList<Place> Ancestors(Place place) => _ancestors[place.Id];

    /// <summary>The name in a Telegram language code ("uk", "az", "ru-RU"); English for any other language.</summary>
    public static string Name(Place place, string? language)
    {
        Span<char> code = stackalloc char[2];
        if (language is not { Length: >= 2 } || language.AsSpan(0, 2).ToLowerInvariant(code) != 2) return place.En;
        return code switch { "uk" => place.Uk, "az" => place.Az, "ru" => place.Ru, _ => place.En };
    }

    public static IReadOnlyList<Place> Load()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded gazetteer {Resource} is missing from the build.");
        return JsonSerializer.Deserialize<PlacesFile>(stream, Json)?.Places
            ?? throw new InvalidOperationException("The embedded gazetteer has no places.");
    }

    /// <summary>Checked once at start-up, so a bad edit of places.json fails loudly instead of mis-filing alerts.</summary>
    Place[] ChainOf(Place place)
    {
        if (place.Kind == PlaceKind.Country)
            return place.Parent is null ? [] : throw new InvalidOperationException($"Country {place.Id} has a parent.");
        var chain = new List<Place>();
        for (var p = place; p.Parent is not null; chain.Add(p))
        {
            if (chain.Count == MaxDepth) throw new InvalidOperationException($"Place {place.Id} has its parents in a loop.");
            p = _byId.GetValueOrDefault(p.Parent) ?? throw new InvalidOperationException($"Place {p.Id} has an unknown parent {p.Parent}.");
        }
        return chain.Count > 0 && chain[^1].Kind == PlaceKind.Country
            ? [.. chain]
            : throw new InvalidOperationException($"Place {place.Id} does not lie in a country.");
    }

    sealed record PlacesFile(List<Place> Places);
}
