using IncidentBot.Incidents.Places;

namespace IncidentBot.Tests.Incidents;

/// <summary>The shipped places.json: complete, consistent and on the map where it says.</summary>
public sealed class GazetteerDataTests
{
    static readonly Gazetteer Places = new();

    // Generous boxes around each country (south, north, west, east): they catch a swapped latitude and longitude
    // or a dropped minus sign, not a town a few kilometres off.
    static readonly Dictionary<string, (double S, double N, double W, double E)> Bounds = new()
    {
        ["ua"] = (44.3, 52.4, 22.1, 40.3), ["az"] = (38.3, 42.0, 44.7, 50.7), ["ru"] = (41.1, 82.0, 19.6, 180),
        ["kz"] = (40.5, 55.5, 46.4, 87.4), ["ge"] = (41.0, 43.6, 40.0, 46.8), ["tr"] = (35.8, 42.2, 25.6, 44.9),
        ["by"] = (51.2, 56.2, 23.1, 32.8), ["md"] = (45.4, 48.5, 26.6, 30.2), ["pl"] = (49.0, 54.9, 14.1, 24.2),
        ["ro"] = (43.6, 48.3, 20.2, 29.8), ["am"] = (38.8, 41.3, 43.4, 46.7), ["ir"] = (25.0, 39.8, 44.0, 63.4),
    };

    public static TheoryData<string> Ids => [.. Places.All.Select(p => p.Id).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_place_lies_in_a_chain_of_known_parents_that_ends_at_a_country(string id)
    {
        var place = Places.Find(id)!;
        var chain = Places.Ancestors(place);
        Assert.Equal(place.Kind == PlaceKind.Country, chain.Count == 0);
        if (chain.Count > 0) Assert.Equal((place.Parent, PlaceKind.Country), (chain[0].Id, chain[^1].Kind));
        Assert.All(chain, a => Assert.Same(a, Places.Find(a.Id)));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_place_has_its_four_names_each_in_its_own_script(string id)
    {
        var place = Places.Find(id)!;
        Assert.All(new[] { place.En, place.Uk, place.Az, place.Ru }, n => Assert.False(string.IsNullOrWhiteSpace(n)));
        Assert.DoesNotContain(place.En + place.Az, IsCyrillic);
        Assert.True(place.Uk.Any(IsCyrillic) && place.Ru.Any(IsCyrillic), "Ukrainian and Russian names are written in Cyrillic");
        Assert.DoesNotContain(place.Uk, c => "ыэъё".Contains(c)); // Russian letters in a Ukrainian name
        Assert.DoesNotContain(place.Ru, c => "іїєґ".Contains(c)); // and the other way round
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_place_is_inside_its_country(string id)
    {
        var place = Places.Find(id)!;
        var country = place.Kind == PlaceKind.Country ? place : Places.Ancestors(place)[^1];
        var (s, n, w, e) = Bounds[country.Id];
        Assert.InRange(place.Latitude, s, n);
        Assert.InRange(place.Longitude, w, e);
    }

    [Fact]
    public void No_two_places_of_one_kind_and_parent_share_a_name()
    {
        var clashes = Places.All
            .SelectMany(p => p.AllNames.Select(Key).Distinct().Select(k => (Key: (k, p.Kind, p.Parent), p.Id)))
            .GroupBy(x => x.Key)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.k}: {string.Join(", ", g.Select(x => x.Id))}");
        Assert.Empty(clashes);
    }

    [Fact]
    public void Every_name_in_the_data_resolves_to_its_own_place_or_a_city_region_to_its_city()
    {
        var resolved = Places.All.SelectMany(p => p.AllNames.Select(n => (Name: n, p.Id, Match: Places.Resolve(n)))).ToList();
        Assert.Empty(resolved.Where(r => r.Match.Kind != PlaceMatchKind.Resolved).Select(r => r.Name));
        // "Kyiv City" is the region and the city at once; the city is the one people mean, and the region is its parent.
        Assert.All(resolved.Where(r => r.Match.Place!.Id != r.Id), r => Assert.Equal(r.Id, r.Match.Place!.Parent));
    }

    [Fact]
    public void The_data_has_every_region_and_district_the_bot_promises()
    {
        int Count(string parent, PlaceKind kind) => Places.All.Count(p => p.Parent == parent && p.Kind == kind);
        Assert.Equal(27, Count("ua", PlaceKind.Region)); // 24 oblasts, Crimea, Kyiv and Sevastopol
        Assert.Equal(14, Count("az", PlaceKind.Region)); // the economic regions, Baku and Nakhchivan among them
        Assert.Equal(10, Count("ua-kyiv", PlaceKind.District));
        Assert.All(new[] { "ua", "az", "ru", "kz", "ge", "tr", "by", "md", "pl", "ro", "am", "ir" },
            id => Assert.Equal(PlaceKind.Country, Places.Find(id)?.Kind));
        Assert.All(new[] { "ua-kharkiv", "ua-kyiv", "ua-odesa", "ua-odesa-oblast", "kz-aktau" }, id => Assert.NotNull(Places.Find(id)));
    }

    [Fact]
    public void The_data_file_stays_small()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream("IncidentBot.Incidents.Places.places.json")!;
        Assert.InRange(stream.Length, 1, 200_000);
    }

    static string Key(string name)
    {
        ReadOnlySpan<char> key = PlaceText.Normalize(name);
        return PlaceText.StripKindWord(ref key) + " " + key.ToString();
    }

    static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';
}
