using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Charts;
using IncidentBot.Localization;
using IncidentBot.Tests.Fakes;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Incidents;

/// <summary>/stats as a chart: a PNG with the figures as its caption, drawn once per record and language.</summary>
public sealed class StatsChartTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    [Fact]
    public async Task Stats_is_a_png_chart_captioned_with_the_figures_and_a_second_ask_reuses_the_file_id()
    {
        _bot = await Start(new TestClock());
        var (first, png) = await Chart(Tg.Alice, "en");
        Assert.Contains("6 incidents", first.Text);
        Assert.Contains("August 2025: 2", first.Text);
        Assert.Contains("diplomatic: 4", first.Text);

        var second = await _bot.Ask(Tg.Text("/stats", from: Tg.Alice));
        Assert.Equal("sendPhoto", second.Method);
        Assert.Null(second.Upload("photo"));
        Assert.Equal(PictureAnswers.FileIdOf(first), second["photo"]);
        Assert.Equal(first.Text, second.Text);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_new_incident_draws_a_new_picture()
    {
        _bot = await Start(new TestClock());
        var (_, before) = await Chart(Tg.Alice, "en");
        await Publish(_bot, "Drone hit a substation in Lviv", ("category", "energy"));
        var (after, png) = await Chart(Tg.Alice, "en");
        Assert.Contains("7 incidents", after.Text);
        Assert.NotEqual(before, png);
    }

    [Fact]
    public async Task A_ukrainian_reader_gets_a_ukrainian_caption_and_picture()
    {
        _bot = await Start(new TestClock());
        var (english, englishPng) = await Chart(Tg.Alice, "en");
        var (ukrainian, png) = await Chart(Tg.Bob, "uk"); // Bob reads Ukrainian
        Assert.Contains("інцидент", ukrainian.Text);
        Assert.Contains("серпень 2025: 2", ukrainian.Text);
        Assert.NotEqual(englishPng, png); // not the English picture's file_id
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task The_caption_is_cut_at_a_line_to_fit_1024_characters_in_every_language()
    {
        _bot = await Start(new TestClock());
        await using (var db = _bot.NewDb())
        {
            // Twelve months of places with long names: the three lists together are far longer than a caption.
            for (var n = 0; n < 40; n++)
                db.Incidents.Add(new Incident
                {
                    OccurredOn = new DateTime(2025, 1 + n % 12, 1 + n % 28, 0, 0, 0, DateTimeKind.Utc), Precision = DatePrecision.Day,
                    Country = "Ukraine", Place = $"A village with a rather long name, on the river bank beyond the old mill, number {n}", Target = "a warehouse",
                    Category = (TargetCategory)(n % 7), Status = IncidentStatus.Published, Alerted = false,
                    CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                });
            await db.SaveChangesAsync();
        }
        foreach (var (reader, language) in Tg.Readers)
        {
            _bot.Api.Started([reader.Id]);
            var (photo, _) = await Chart(reader, language);
            Assert.InRange(photo.Text!.Length, 500, 1024);
            Assert.EndsWith("\n…", photo.Text);
        }
        Assert.Empty(_bot.Api.Violations); // the fake parses each caption as Telegram's HTML and counts it
    }

    /// <summary>No label is drawn as a missing-glyph box: the shipped font has every letter of every language's labels.</summary>
    [Fact]
    public void The_shipped_font_has_every_letter_the_chart_draws_in_every_language()
    {
        using var font = PictureAnswers.ShippedFont();
        var localizer = new Localizer();
        foreach (var language in Localizer.Spoken)
        {
            var t = localizer.For(language);
            var labels = Enumerable.Range(1, 12).Select(t.Month)
                .Concat(Enum.GetValues<TargetCategory>().Select(c => t[$"category.{c}"]))
                .Concat([t["category.none"], t["stats.chart_title"], t["stats.chart_axis"]]);
            foreach (var label in labels)
                Assert.True(font.ContainsGlyphs(label), $"{language}: {label}");
        }
        Assert.False(font.ContainsGlyphs("中")); // the check can fail
    }

    /// <summary>Asks /stats, checks the upload is a 1200×600 PNG, and keeps a copy to look at.</summary>
    Task<(ApiCall Photo, byte[] Png)> Chart(global::Telegram.Bot.Types.User from, string language) =>
        PictureAnswers.Photo(_bot, Tg.Text("/stats", from: from), StatsChart.Width, StatsChart.Height, $"stats-{language}.png");
}
