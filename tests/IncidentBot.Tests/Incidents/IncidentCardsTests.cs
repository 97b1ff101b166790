using IncidentBot.Incidents;
using IncidentBot.Localization;

namespace IncidentBot.Tests.Incidents;

public sealed class IncidentCardsTests
{
    static readonly Texts En = new Localizer().English;

    static Incident Sample(Action<Incident>? change = null)
    {
        var i = new Incident
        {
            Id = 7, OccurredOn = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Precision = DatePrecision.Month,
            Country = "Ukraine", Place = "Kyiv", Target = "Embassy", Category = TargetCategory.Diplomatic,
            Sources = [new IncidentSource { Name = "Outlet" }],
        };
        change?.Invoke(i);
        return i;
    }

    [Theory]
    [InlineData("Day", "1 January 2024")]
    [InlineData("Month", "January 2024")]
    [InlineData("Year", "2024")]
    public void Dates_are_shown_at_their_precision(string precision, string expected) =>
        Assert.Equal(expected, IncidentCards.When(Sample(i => i.Precision = Enum.Parse<DatePrecision>(precision)), En));

    [Fact]
    public void Hostile_stored_text_is_escaped_everywhere_in_the_card()
    {
        var card = IncidentCards.Card(Sample(i =>
        {
            i.Target = "<b>pwned</b>";
            i.Place = "Kyiv & <i>";
            i.Context = "\u202Eevil right-to-left <a href=\"tg://x\">";
            i.Sources = [new IncidentSource { Name = "<script>", Url = "javascript:alert(1)" }];
        }), En);

        Assert.Contains("&lt;b&gt;pwned&lt;/b&gt;", card);
        Assert.Contains("Kyiv &amp; &lt;i&gt;", card);
        Assert.DoesNotContain("<a href", card); // not a web link: shown as text, never linked
        Assert.DoesNotContain("<script>", card);
    }

    [Fact]
    public void A_known_web_link_is_linked_with_its_attribute_escaped()
    {
        var card = IncidentCards.Card(Sample(i => i.Sources = [new IncidentSource { Name = "Outlet", Url = "https://example.org/a?b=1&c=\"2\"" }]), En);
        Assert.Contains("<a href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\">Outlet</a>", card);
    }

    [Fact]
    public void A_card_of_huge_fields_stays_under_telegrams_limit()
    {
        var huge = new string('я', 5000);
        var card = IncidentCards.Card(Sample(i =>
        {
            i.Target = i.Damage = i.Context = i.Weapon = i.AffectedCountry = i.LocationNote = huge;
            i.Sources = [.. Enumerable.Range(0, 50).Select(n => new IncidentSource { Name = huge, Note = huge })];
        }), En);
        Assert.True(card.Length <= 4096, $"card is {card.Length} chars");
    }

    [Fact]
    public void Unknown_casualties_differ_from_known_zero()
    {
        Assert.Contains("<b>Casualties:</b> unknown", IncidentCards.Card(Sample(), En));
        Assert.Contains("0 killed, 0 injured", IncidentCards.Card(Sample(i => { i.Killed = 0; i.Injured = 0; }), En));
    }
}
