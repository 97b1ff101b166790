using IncidentBot.Incidents;
using IncidentBot.Incidents.Charts;
using IncidentBot.Incidents.Charts.Map;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using SkiaSharp;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Incidents;

/// <summary>/map: the published incidents on a picture of the region, what is not on it named in the caption.</summary>
public sealed class MapTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    [Theory, BothDatabases]
    public async Task A_ukrainian_reader_gets_a_map_with_what_is_not_on_it_listed_in_the_caption(string database)
    {
        _bot = await Start(BothDatabasesAttribute.Provider(database), new TestClock());
        var (photo, _) = await Map(Tg.Bob, "/map", "uk"); // Bob reads Ukrainian
        var caption = photo.Text!;
        Assert.Contains("6 опублікованих інцидентів", caption);
        Assert.Contains("На карті — 4 з них", caption);
        // The seed's Odesa-region and AZAL incidents have no place finer than a region: named, not drawn.
        var notOnMap = caption[caption.IndexOf("Не на карті", StringComparison.Ordinal)..];
        Assert.Contains("/incident_4", notOnMap);
        Assert.Contains("/incident_3", notOnMap);
        Assert.DoesNotContain("/incident_2", notOnMap);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task The_same_map_is_not_drawn_twice_and_a_new_incident_draws_it_again()
    {
        _bot = await Start(new TestClock());
        var (first, before) = await Map(Tg.Alice, "/map", "en");
        var second = await _bot.Ask(Tg.Text("/map", from: Tg.Alice));
        Assert.Equal("sendPhoto", second.Method);
        Assert.Null(second.Upload("photo"));
        Assert.Equal(PictureAnswers.FileIdOf(first), second["photo"]);

        await Publish(_bot, "Drone hit a substation in Lviv", ("place", "Lviv"), ("category", "energy"));
        var (third, after) = await Map(Tg.Alice, "/map", "en");
        Assert.Contains("7 published incidents", third.Text);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task Filters_are_the_subscription_filters_and_a_period()
    {
        _bot = await Start(new TestClock());
        var (kyiv, _) = await Map(Tg.Alice, "/map Kyiv", "en");
        Assert.Contains("3 published incidents</b> · in Kyiv", kyiv.Text);
        Assert.DoesNotContain("Not on the map", kyiv.Text);

        var (affecting, _) = await Map(Tg.Alice, "/map diplomatic, affected: Azerbaijan", "en");
        Assert.Contains("4 published incidents", affecting.Text);

        // The test clock's today is long after the seed's newest incident.
        var recent = await _bot.Ask(Tg.Text("/map 30d", from: Tg.Alice));
        Assert.Equal("sendMessage", recent.Method);
        Assert.Contains("No published incident matches: last 30 days.", recent.Text);

        // The seed's incidents rest on one account each: none is corroborated yet.
        var corroborated = await _bot.Ask(Tg.Text("/map corroborated", from: Tg.Alice));
        Assert.Equal("sendMessage", corroborated.Method);
        Assert.Contains("No published incident matches", corroborated.Text);

        var unknown = await _bot.Ask(Tg.Text("/map Narnia", from: Tg.Alice));
        Assert.Contains("Narnia", unknown.Text);
        Assert.Contains("/map Kyiv", unknown.Text); // the usage line

        foreach (var period in new[] { "0d", "4000d", "999999999d" })
        {
            var bad = await _bot.Ask(Tg.Text("/map " + period, from: Tg.Alice));
            Assert.Contains("from 1 to 3650", bad.Text);
        }
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task The_caption_stays_within_1024_characters_in_every_language()
    {
        _bot = await Start(new TestClock());
        await using (var db = _bot.NewDb())
        {
            // Known only to their region: every one of them is listed in the caption.
            for (var n = 0; n < 60; n++)
                db.Incidents.Add(new Incident
                {
                    OccurredOn = new DateTime(2025, 1 + n % 12, 1 + n % 28, 0, 0, 0, DateTimeKind.Utc), Precision = DatePrecision.Day,
                    Country = "Ukraine", Region = "Odesa Oblast", PlaceId = "ua-odesa-oblast", Target = $"a warehouse with a long description number {n}",
                    Category = TargetCategory.Civilian, Status = IncidentStatus.Published, Alerted = false,
                    CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                });
            await db.SaveChangesAsync();
        }
        foreach (var (reader, language) in Tg.Readers)
        {
            _bot.Api.Started([reader.Id]);
            var (photo, _) = await Map(reader, "/map", language);
            Assert.InRange(photo.Text!.Length, 500, 1024);
            Assert.EndsWith("\n…", photo.Text);
        }
        Assert.Empty(_bot.Api.Violations);
    }

    /// <summary>A dot is filled where its coordinates are exact, an open ring where they are approximate.</summary>
    [Fact]
    public void Exact_and_approximate_positions_are_drawn_differently()
    {
        var t = new Localizer().For("uk");
        IncidentMap.Spot exact = new(1, 50.45, 30.52, Exact: true, TargetCategory.Energy), approximate = new(2, 46.48, 30.73, Exact: false, TargetCategory.Energy);
        var png = IncidentMap.Png([exact, approximate], t, t["map.title"], Gazetteer.Shipped, wholeRegion: true);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((IncidentMap.Width, IncidentMap.Height), (bitmap.Width, bitmap.Height));
        var view = IncidentMap.View([exact, approximate], wholeRegion: true);
        var energy = ChartStyle.Colour(TargetCategory.Energy);
        SKColor Inside(IncidentMap.Spot s) { var (x, y) = s.Pixel(view); return bitmap.GetPixel((int)x - 9, (int)y + 6); }
        Assert.Equal((energy.R, energy.G, energy.B), (Inside(exact).Red, Inside(exact).Green, Inside(exact).Blue));
        Assert.Equal(SKColors.White, Inside(approximate));
    }

    /// <summary>Every word drawn on the map is in the shipped font, and the map's labels use it.</summary>
    [Fact]
    public void The_shipped_font_has_every_letter_the_map_draws_in_every_language()
    {
        using var font = PictureAnswers.ShippedFont();
        var localizer = new Localizer();
        foreach (var language in Localizer.Spoken)
        {
            var t = localizer.For(language);
            var labels = Gazetteer.Shipped.All.Where(p => p.Kind == PlaceKind.Country).Select(t.Name)
                .Concat([t["map.title"], t["map.credit"], t["map.exact"], t["map.approximate"], t.Plural("map.days", 5, 5)]);
            foreach (var label in labels)
                Assert.True(font.ContainsGlyphs(label), $"{language}: {label}");
        }
        _ = IncidentMap.Png([], localizer.For("uk"), "Київ", Gazetteer.Shipped, wholeRegion: true);
        Assert.Equal(ChartStyle.FontName, ScottPlot.Fonts.Default); // texts without a font of their own use it too
    }

    Task<(ApiCall Photo, byte[] Png)> Map(global::Telegram.Bot.Types.User from, string command, string language) =>
        PictureAnswers.Photo(_bot, Tg.Text(command, from: from), IncidentMap.Width, IncidentMap.Height, $"map-{language}.png");
}
