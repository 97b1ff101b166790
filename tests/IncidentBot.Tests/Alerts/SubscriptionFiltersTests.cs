using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Localization;

namespace IncidentBot.Tests.Alerts;

public sealed class SubscriptionFiltersTests
{
    static readonly Texts En = new Localizer().English;

    static Subscription Parse(string text, out string? error)
    {
        var s = new Subscription();
        error = SubscriptionFilters.Parse(text, s);
        return s;
    }

    [Fact]
    public void Bare_words_are_a_category_when_they_name_one_and_a_place_otherwise()
    {
        var s = Parse("Odesa Oblast, energy, affected: Azerbaijan", out var error);
        Assert.Null(error);
        Assert.Equal(("Odesa Oblast", "odesa oblast"), (s.Area, s.AreaKey));
        Assert.Equal(TargetCategory.Energy, s.Category);
        Assert.Equal("azerbaijan", s.AffectedKey);
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
}
