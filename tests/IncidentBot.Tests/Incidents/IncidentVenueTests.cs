using IncidentBot.Incidents;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Tests.Incidents;

/// <summary>The "📍 Map" button: a card with coordinates offers Telegram's own map, as a venue.</summary>
public sealed class IncidentVenueTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.StartAsync();
        await using var db = _bot.NewDb();
        var kyiv = await db.Incidents.SingleAsync(i => i.Id == 2);
        (kyiv.Latitude, kyiv.Longitude, kyiv.CoordinatePrecision) = (50.4501, 30.5234, CoordinatePrecision.Approximate);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_card_with_coordinates_sends_a_venue_in_the_readers_language_marked_approximate()
    {
        var card = await _bot.Ask(Tg.Text("/incident 2", from: Tg.Bob));
        var button = card.Body["reply_markup"]!["inline_keyboard"]![0]![0]!;
        Assert.Equal("map:2", button["callback_data"]!.GetValue<string>());
        Assert.Equal("📍 Мапа", button["text"]!.GetValue<string>());

        _bot.Api.Enqueue(Tg.Tap("map:2", from: Tg.Bob, messageId: card.MessageId));
        var venue = await _bot.Api.WaitForCall(c => c.Method == "sendVenue");
        await _bot.Api.WaitForCall(c => c.Method == "answerCallbackQuery");

        Assert.Equal(Tg.Bob.Id, venue.ChatId);
        Assert.Equal("50.4501", venue["latitude"]);
        Assert.Equal("30.5234", venue["longitude"]);
        Assert.StartsWith("≈ ", venue["title"]);
        Assert.Contains("приблизно", venue["title"]);
        Assert.Contains("Київ", venue["address"]);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_card_without_coordinates_has_no_map_button()
    {
        var card = await _bot.Ask(Tg.Text("/incident 1", from: Tg.Alice));
        Assert.Contains("Incident 1", card.Text);
        Assert.DoesNotContain("map:", card.Body.ToJsonString());
    }

    [Fact]
    public async Task Forged_or_stale_map_buttons_are_answered_and_send_nothing()
    {
        _bot.Api.Enqueue(Tg.Tap("map:1", from: Tg.Alice, messageId: 5));     // no coordinates
        _bot.Api.Enqueue(Tg.Tap("map:999", from: Tg.Alice, messageId: 5));   // no such incident
        _bot.Api.Enqueue(Tg.Tap("map:2:7", from: Tg.Alice, messageId: 5));   // not what the bot writes

        await _bot.Api.WaitUntil(a => a.Calls.Count(c => c.Method == "answerCallbackQuery") == 3);
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Method == "sendVenue");
        Assert.All(_bot.Api.Calls.Where(c => c.Method == "answerCallbackQuery"), c => Assert.Contains("no longer valid", c["text"]));
    }
}
