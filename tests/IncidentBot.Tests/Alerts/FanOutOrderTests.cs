using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Tests.Fakes;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>The nearest first: within one fan-out the chats whose subscription is most specific to the strike hear first.</summary>
public sealed class FanOutOrderTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    // One send at a time, so the order the fake sees is the order the dispatcher chose.
    public async Task InitializeAsync() => _bot = await Start(settings: ("Alerts:MaxInFlight", "1"));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_radius_around_the_strike_goes_first_nearest_centre_first_then_place_region_country_filters_and_everything()
    {
        // Subscribed in the reverse of the expected order, so the order cannot come from ids.
        await Subscribe(_bot, [.. Enumerable.Range(801, 5).Select(c => Everything(c))]);
        await Subscribe(_bot,
            new Subscription { ChatId = 821, Category = TargetCategory.Energy },
            new Subscription { ChatId = 831, Area = "Ukraine" },
            new Subscription { ChatId = 836, Area = "Kyiv Oblast" },
            new Subscription { ChatId = 841, Area = "Brovary" },
            new Subscription { ChatId = 853, Latitude = 50.90, Longitude = 30.80, RadiusKm = 100 },  // ~40 km from the strike
            new Subscription { ChatId = 851, Latitude = 50.53, Longitude = 30.80, RadiusKm = 10 },   // ~2 km
            new Subscription { ChatId = 852, Latitude = 50.511, Longitude = 30.791, RadiusKm = 10 }); // ~0.1 km

        var id = await Publish(_bot, "Drone hit a substation", ("country", "Ukraine"), ("region", "Kyiv Oblast"), ("place", "Brovary"),
            ("coords", "50.511,30.790"), ("category", "energy"));
        long[] expected = [852, 851, 853, 841, 836, 831, 821, 801, 802, 803, 804, 805];
        await _bot.Api.WaitUntil(a => expected.All(chat => AlertsTo(a, chat, id).Any()));

        var order = _bot.Api.Calls.Where(c => c.Succeeded && c.Text?.Contains($"/incident_{id}") == true && c.Text.Contains("New strike"))
            .Select(c => c.ChatId!.Value).ToList();
        Assert.Equal(expected, order);
    }
}
