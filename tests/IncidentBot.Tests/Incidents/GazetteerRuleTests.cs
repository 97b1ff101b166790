using IncidentBot.Incidents.Places;

namespace IncidentBot.Tests.Incidents;

/// <summary>The resolver's rules on a few made-up places, where the shipped data has no example.</summary>
public sealed class GazetteerRuleTests
{
    static Place P(string id, PlaceKind kind, string? parent, string en, params string[] aka) =>
        new(id, kind, parent, 47, 31, en, en, en, en, aka);

    static readonly Gazetteer Twins = new(
    [
        P("ua", PlaceKind.Country, null, "Ukraine"),
        P("ua-mykolaiv-oblast", PlaceKind.Region, "ua", "Mykolaiv Oblast"),
        P("ua-kharkiv-oblast", PlaceKind.Region, "ua", "Kharkiv Oblast"),
        P("ua-pervomaisk-mk", PlaceKind.City, "ua-mykolaiv-oblast", "Pervomaisk"),
        P("ua-pervomaisk-kh", PlaceKind.City, "ua-kharkiv-oblast", "Pervomaisk", "Pervomaiskyi"),
    ]);

    [Fact]
    public void Two_towns_of_one_name_are_ambiguous()
    {
        var match = Twins.Resolve("Pervomaisk");
        Assert.Equal(PlaceMatchKind.Ambiguous, match.Kind);
        Assert.Equal(["ua-pervomaisk-kh", "ua-pervomaisk-mk"], match.Places.Select(p => p.Id).Order());
        Assert.Null(match.Place);
    }

    [Theory]
    [InlineData("Pervomaisk, Mykolaiv Oblast", "ua-pervomaisk-mk")]
    [InlineData("Pervomaisk, Kharkiv oblast, Ukraine", "ua-pervomaisk-kh")]
    [InlineData("Pervomaiskyi", "ua-pervomaisk-kh")]
    public void The_region_or_another_spelling_tells_them_apart(string text, string id) =>
        Assert.Equal(id, Twins.Resolve(text).Place?.Id);

    [Fact]
    public void A_country_named_after_its_region_is_a_misordered_list() =>
        Assert.Equal(PlaceMatchKind.Unknown, Twins.Resolve("Ukraine, Mykolaiv Oblast").Kind);

    static readonly Dictionary<string, Place[]> Broken = new()
    {
        ["a duplicate id"] = [P("ua", PlaceKind.Country, null, "Ukraine"), P("ua", PlaceKind.Region, "ua", "Twice")],
        ["an unknown parent"] = [P("ua", PlaceKind.Country, null, "Ukraine"), P("x", PlaceKind.City, "nowhere", "Orphan")],
        ["a loop"] = [P("a", PlaceKind.Region, "b", "A"), P("b", PlaceKind.Region, "a", "B")],
        ["no country"] = [P("a", PlaceKind.City, null, "Floating")],
        ["a country inside another place"] = [P("ua", PlaceKind.Country, "ua", "Own parent")],
    };

    public static TheoryData<string> Faults => [.. Broken.Keys];

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_list_with_a_broken_hierarchy_is_refused_at_start_up(string fault) =>
        Assert.Throws<InvalidOperationException>(() => new Gazetteer(Broken[fault]));

    [Fact]
    public void Resolving_a_known_name_allocates_nothing()
    {
        var places = new Gazetteer();
        places.Resolve("Одеська область"); // the first call may JIT and initialise statics
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            places.Resolve("Одеська область");
            places.Resolve("Kyiv");
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
