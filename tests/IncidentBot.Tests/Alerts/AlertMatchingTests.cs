using IncidentBot.Tests.Data;
using IncidentBot.Data;
using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>Publishing alerts exactly the chats whose filters match, each once.</summary>
public sealed class AlertMatchingTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    /// <summary>Each test starts the bot, on SQLite unless it runs on both databases.</summary>
    async Task Start(string database = nameof(DatabaseProvider.Sqlite)) =>
        _bot = await AlertScenario.Start(BothDatabasesAttribute.Provider(database));

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    [Theory, BothDatabases]
    public async Task Every_filter_kind_matches_and_overlapping_subscriptions_give_one_alert(string database)
    {
        await Start(database);
        // Kyiv city centre; the incident is placed 1 km away.
        const double lat = 50.4501, lon = 30.5234;
        await Subscribe(_bot,
            Everything(101),
            new() { ChatId = 102, Area = "Kyiv" }, new() { ChatId = 102, Area = "Ukraine" }, new() { ChatId = 102 }, // three match: one alert
            new() { ChatId = 103, Area = "Ukraine", Category = TargetCategory.Diplomatic },
            new() { ChatId = 104, Category = TargetCategory.Energy },                                              // wrong category
            new() { ChatId = 105, Affected = "azerbaijan" },
            new() { ChatId = 106, Affected = "Georgia" },                                                          // wrong country
            new() { ChatId = 107, Latitude = lat, Longitude = lon, RadiusKm = 10 },
            new() { ChatId = 108, Latitude = 49.8397, Longitude = 24.0297, RadiusKm = 200 },                      // Lviv: ~470 km away
            new() { ChatId = 109, Area = "Kharkiv" },                                                              // wrong place
            new() { ChatId = 110, Active = false });                                                               // unsubscribed

        var id = await Publish(_bot, "Missile hit near the <b>embassy</b>",
            ("place", "Kyiv"), ("country", "Ukraine"), ("category", "diplomatic"), ("affected", "Azerbaijan"), ("coords", "50.4591,30.5234"));

        long[] expected = [101, 102, 103, 105, 107];
        await _bot.Api.WaitUntil(a => expected.All(c => AlertsTo(a, c, id).Any()));
        await using var db = _bot.NewDb();
        var rows = await db.Deliveries.Where(d => d.IncidentId == id).Select(d => d.ChatId).ToListAsync();
        Assert.Equal(expected, rows.Order());
        Assert.All(expected, c => Assert.Single(AlertsTo(_bot.Api, c, id)));
        Assert.Empty(_bot.Api.Violations);

        var alert = AlertsTo(_bot.Api, 101, id).Single();
        Assert.Contains("&lt;b&gt;embassy&lt;/b&gt;", alert.Text);      // user text escaped
        Assert.Contains("Kyiv, Ukraine", alert.Text);
        Assert.Contains("diplomatic", alert.Text);
        Assert.Contains(DateTime.UtcNow.ToString("yyyy"), alert.Text);
    }

    [Theory, BothDatabases]
    public async Task A_radius_includes_an_incident_just_inside_and_excludes_one_just_outside(string database)
    {
        await Start(database);
        // 0.1 degree of latitude is about 11.1 km.
        await Subscribe(_bot, new Subscription { ChatId = 201, Latitude = 50.0, Longitude = 30.0, RadiusKm = 11.2 },
            new Subscription { ChatId = 202, Latitude = 50.0, Longitude = 30.0, RadiusKm = 11.0 });

        // Exact on purpose: a point snapped to the 1 km grid would move the edge this test measures.
        var id = await Publish(_bot, "Drone strike", ("coords", "50.1,30.0 exact"), ("country", "Ukraine"));

        await _bot.Api.WaitUntil(a => AlertsTo(a, 201, id).Any());
        await using var db = _bot.NewDb();
        Assert.False(await db.Deliveries.AnyAsync(d => d.ChatId == 202));
    }

    [Fact]
    public async Task An_incident_without_category_or_place_reaches_only_unfiltered_subscriptions()
    {
        await Start();
        await Subscribe(_bot, Everything(301), new Subscription { ChatId = 302, Category = TargetCategory.Energy },
            new Subscription { ChatId = 303, Area = "Ukraine" });

        var id = await Publish(_bot, "Something exploded");

        await _bot.Api.WaitUntil(a => AlertsTo(a, 301, id).Any());
        await using var db = _bot.NewDb();
        Assert.Equal([301L], await db.Deliveries.Where(d => d.IncidentId == id).Select(d => d.ChatId).ToListAsync());
    }

    [Fact]
    public async Task A_place_filter_rolls_up_through_region_and_country()
    {
        await Start();
        await Subscribe(_bot, new Subscription { ChatId = 401, Area = "Odesa Oblast" }, new Subscription { ChatId = 402, Area = "UKRAINE" },
            new Subscription { ChatId = 403, Area = "Odesa" });

        var id = await Publish(_bot, "Fuel depot hit", ("place", "Izmail"), ("region", "Odesa Oblast"), ("country", "Ukraine"));

        await _bot.Api.WaitUntil(a => AlertsTo(a, 401, id).Any() && AlertsTo(a, 402, id).Any());
        await using var db = _bot.NewDb();
        Assert.False(await db.Deliveries.AnyAsync(d => d.ChatId == 403));
    }
}
