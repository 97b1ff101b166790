using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;

namespace IncidentBot.Tests.Alerts;

public sealed class SubscriptionFiltersTests
{
    static readonly Texts En = new Localizer().English;

    static readonly Gazetteer Places = new();

    static Subscription Parse(string text, out string? error) => Parse(text, out error, out _);

    static Subscription Parse(string text, out string? error, out object[] args)
    {
        var s = new Subscription();
        var refused = SubscriptionFilters.Parse(text, s, Places, "en");
        (error, args) = (refused?.Key, refused?.Args ?? []);
        return s;
    }

    [Fact]
    public void Bare_words_are_a_category_when_they_name_one_and_a_place_otherwise()
    {
        var s = Parse("Odesa Oblast, energy, affected: Azerbaijan", out var error);
        Assert.Null(error);
        Assert.Equal(("Odesa Oblast", "ua-odesa-oblast"), (s.Area, s.AreaKey));
        Assert.Equal(TargetCategory.Energy, s.Category);
        Assert.Equal("az", s.AffectedKey);
        Assert.Equal("in Odesa Oblast · energy · affecting Azerbaijan", SubscriptionFilters.Describe(s, En));
    }

    [Fact]
    public void A_centre_without_a_radius_gets_50_km()
    {
        var s = Parse("near: 50.45 30.52", out var error);
        Assert.Null(error);
        Assert.Equal((50.45, 30.52, 50.0), (s.Latitude!.Value, s.Longitude!.Value, s.RadiusKm!.Value));
    }

    [Theory]
    [InlineData("near: 50.45, 30.52, radius: 10")]
    [InlineData("near: 50.45 30.52, radius: 10")]
    public void A_centre_may_be_written_with_or_without_a_comma(string text)
    {
        var s = Parse(text, out var error);
        Assert.Null(error);
        Assert.Equal((50.45, 30.52, 10.0), (s.Latitude!.Value, s.Longitude!.Value, s.RadiusKm!.Value));
    }

    [Theory]
    [InlineData("radius: 50", "subscribe.radius_needs_near")]
    [InlineData("near: 95 30", "subscribe.bad_near")]
    [InlineData("near: 50 30, radius: 0", "subscribe.bad_radius")]
    [InlineData("Kyiv, Kharkiv", "subscribe.twice")]
    [InlineData("colour: red", "subscribe.bad_key")]
    [InlineData("category: 3", "field.bad_category")]
    [InlineData("category: weather", "field.bad_category")]
    public void Bad_filters_name_what_is_wrong(string text, string expected)
    {
        Parse(text, out var error);
        Assert.Equal(expected, error);
        Assert.NotEqual(expected, En[expected]); // and the key has words behind it
    }

    [Fact]
    public void No_filter_is_everything()
    {
        var s = Parse("", out var error);
        Assert.Null(error);
        Assert.Equal("every new incident", SubscriptionFilters.Describe(s, En));
    }

    [Theory]
    [InlineData("Київ")]
    [InlineData("Kiev")]
    [InlineData("Киев")]
    [InlineData("Kyiv")]
    [InlineData("Kiyev")]
    public void A_city_in_any_language_or_spelling_is_the_gazetteers_city(string typed)
    {
        var s = Parse(typed, out var error);
        Assert.Null(error);
        Assert.Equal(("Kyiv", "ua-kyiv", false), (s.Area, s.AreaKey, s.IncludesAffected));
    }

    [Theory]
    [InlineData("Azerbaijan")]
    [InlineData("Азербайджан")]
    [InlineData("Azərbaycan")]
    public void A_country_on_its_own_means_incidents_there_and_incidents_affecting_it(string typed)
    {
        var s = Parse(typed, out var error);
        Assert.Null(error);
        Assert.Equal(("az", true), (s.AreaKey, s.IncludesAffected));
        Assert.Equal("in or affecting Azerbaijan", SubscriptionFilters.Describe(s, En));
    }

    [Theory]
    [InlineData("embassy", "Diplomatic")]
    [InlineData("consulate", "Diplomatic")]
    [InlineData("посольство", "Diplomatic")]
    [InlineData("refinery", "Energy")]
    [InlineData("fuel", "Energy")]
    [InlineData("airport", "Aviation")]
    [InlineData("aircraft", "Aviation")]
    public void A_word_for_what_was_hit_is_its_category(string typed, string expected)
    {
        var s = Parse(typed, out var error);
        Assert.Null(error);
        Assert.Equal((Enum.Parse<TargetCategory>(expected), (string?)null), (s.Category, s.AreaKey));
    }

    [Theory]
    [InlineData("Kyyv", "Kyiv")]
    [InlineData("Kharkif", "Kharkiv")]
    [InlineData("embasy", "embassy")]
    public void A_filter_that_is_no_place_and_no_category_is_refused_with_what_it_may_mean(string typed, string suggestion)
    {
        var s = Parse(typed, out var error, out var args);
        Assert.Equal("subscribe.did_you_mean", error);
        Assert.Contains(suggestion, (string)args[1]);
        Assert.Null(s.AreaKey);
    }

    [Fact]
    public void Nonsense_is_refused_and_never_stored()
    {
        var s = Parse("qwxzvbn", out var error);
        Assert.Equal("subscribe.unknown", error);
        Assert.Null(s.Area);
    }
}
