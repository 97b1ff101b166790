using IncidentBot.Alerts;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>Subscriptions mean what people type, in any of the bot's languages, through the gazetteer.</summary>
public sealed class SubscriptionMeaningTests : IAsyncLifetime
{
    static readonly User Olena = new() { Id = 3101, FirstName = "Olena", LanguageCode = "uk" };
    static readonly User Ivan = new() { Id = 3102, FirstName = "Ivan", LanguageCode = "ru" };
    static readonly User Sam = new() { Id = 3103, FirstName = "Sam", LanguageCode = "en" };
    static readonly User Aysel = new() { Id = 3104, FirstName = "Aysel", LanguageCode = "az" };
    BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await Start();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Kyiv_in_any_spelling_reaches_a_strike_in_one_of_its_districts()
    {
        // Each is answered in their own language, Kyiv named in it (subscribe.done with subscribe.in).
        foreach (var (who, typed, answer) in new[]
                 {
                     (Olena, "Київ", "Підписано: Київ."), (Ivan, "Киев", "Подписка оформлена: 📍 Киев."), (Sam, "Kiev", "Subscribed: in Kyiv."),
                 })
            Assert.Contains(answer, (await _bot.Ask(Tg.Text($"/subscribe {typed}", from: who))).Text);

        var id = await Publish(_bot, "Drone debris hit a residential block", ("place", "Pechersk district, Kyiv, Ukraine"));

        await _bot.Api.WaitUntil(a => new[] { Olena, Ivan, Sam }.All(u => AlertsTo(a, u.Id, id, u.LanguageCode!).Any()));
        await using var db = _bot.NewDb();
        var incident = await db.Incidents.SingleAsync(i => i.Id == id);
        Assert.Equal(("ua-kyiv-pecherskyi", "Ukraine"), (incident.PlaceId, incident.Country));
        Assert.Contains("Kyiv", incident.Place);
    }

    [Fact]
    public async Task Azerbaijan_on_its_own_reaches_a_strike_on_its_embassy_in_kyiv()
    {
        var reply = await _bot.Ask(Tg.Text("/subscribe Azerbaijan", from: Aysel));
        Assert.Contains("Abunə oldunuz: Azərbaycan (ərazisində və ya zərər çəkən ölkə kimi).", reply.Text); // Aysel reads Azerbaijani
        await Subscribe(_bot, new Subscription { ChatId = 3105, Area = "Georgia" });

        var id = await Publish(_bot, "Missile fragments hit the embassy fence", ("place", "Kyiv"), ("target", "Azerbaijani embassy"),
            ("category", "diplomatic"), ("affected", "Azerbaijan"));

        await _bot.Api.WaitUntil(a => AlertsTo(a, Aysel.Id, id, "az").Any());
        await WaitForDb(_bot, async db => !await db.Deliveries.AnyAsync(d => d.State == IncidentBot.Telegram.Sending.DeliveryState.Pending));
        Assert.Empty(AlertsTo(_bot.Api, 3105, id));
    }

    [Fact]
    public async Task A_word_for_what_was_hit_is_taken_as_its_category()
    {
        Assert.Contains("Subscribed: diplomatic.", (await _bot.Ask(Tg.Text("/subscribe embassy", from: Sam))).Text);
        Assert.Contains("Підписано: енергетика.", (await _bot.Ask(Tg.Text("/subscribe refinery", from: Olena))).Text);
        Assert.Contains("Подписка оформлена: гражданская авиация.", (await _bot.Ask(Tg.Text("/subscribe airport", from: Ivan))).Text);
    }

    [Fact]
    public async Task A_filter_that_means_nothing_is_refused_with_a_suggestion_and_nothing_is_stored()
    {
        var reply = await _bot.Ask(Tg.Text("/subscribe Kharkif", from: Sam));

        Assert.Contains("I don't know a place or a category called “Kharkif”. Did you mean: Kharkiv", TelegramHtml.Parse(reply.Text!).Text);
        Assert.Empty(await ActiveSubscriptions(_bot, Sam.Id));
    }

    [Fact]
    public async Task An_older_subscription_that_can_never_match_is_flagged_with_its_fix()
    {
        await Subscribe(_bot, new Subscription { ChatId = Sam.Id, Area = "embassy" }); // stored by name, before places were understood

        var list = TelegramHtml.Parse((await _bot.Ask(Tg.Text("/subscriptions", from: Sam))).Text!).Text;

        Assert.Contains("#1 · in embassy", list);
        Assert.Contains("“embassy” is no place I know, so #1 never matches: /unsubscribe 1, then /subscribe diplomatic.", list);
    }
}
