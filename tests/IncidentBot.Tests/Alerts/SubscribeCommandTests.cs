using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Tests.Fakes;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>/subscribe and its buttons in a private chat, through the real bot and database.</summary>
public sealed class SubscribeCommandTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await Start();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Subscribe_without_filters_takes_everything_and_a_category_button_narrows_it()
    {
        var reply = await _bot.Ask(Tg.Text("/subscribe", from: Tg.Alice));

        Assert.Contains("Subscribed: every new incident", reply.Text);
        var everything = Assert.Single(await ActiveSubscriptions(_bot, Tg.Alice.Id));
        Assert.True(everything is { AreaKey: null, Category: null, AffectedKey: null, Latitude: null, RadiusKm: null });
        var buttons = Buttons(reply);
        Assert.Equal(Enum.GetValues<TargetCategory>().Select(c => $"sc:{everything.Id}:{(int)c}"), buttons.Select(b => b.Data));
        Assert.Contains(("energy", $"sc:{everything.Id}:{(int)TargetCategory.Energy}"), buttons);

        var answer = await Press(_bot, Tg.Tap($"sc:{everything.Id}:{(int)TargetCategory.Energy}", from: Tg.Alice, messageId: reply.MessageId));
        var edit = await _bot.Api.WaitForCall(c => c.Method == "editMessageText" && c["message_id"] == reply.MessageId.ToString());

        Assert.Null(answer["text"]);
        Assert.Contains("Subscribed: energy.", edit.Text);
        Assert.Empty(Buttons(edit));
        var narrowed = Assert.Single(await ActiveSubscriptions(_bot, Tg.Alice.Id));
        Assert.Equal((everything.Id, TargetCategory.Energy), (narrowed.Id, narrowed.Category));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Narrowing_to_a_subscription_the_chat_already_has_leaves_one_of_them()
    {
        await _bot.Ask(Tg.Text("/subscribe energy", from: Tg.Alice));
        var reply = await _bot.Ask(Tg.Text("/subscribe", from: Tg.Alice));
        var everything = (await ActiveSubscriptions(_bot, Tg.Alice.Id))[1];

        await Press(_bot, Tg.Tap($"sc:{everything.Id}:{(int)TargetCategory.Energy}", from: Tg.Alice, messageId: reply.MessageId));
        var edit = await _bot.Api.WaitForCall(c => c.Method == "editMessageText" && c["message_id"] == reply.MessageId.ToString());

        Assert.Contains("Subscribed: energy.", edit.Text);
        var left = Assert.Single(await ActiveSubscriptions(_bot, Tg.Alice.Id));
        Assert.Equal(TargetCategory.Energy, left.Category);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Filters_are_stored_and_named_back_one_subscription_each()
    {
        var place = await _bot.Ask(Tg.Text("/subscribe Kyiv, diplomatic", from: Tg.Alice));
        var affected = await _bot.Ask(Tg.Text("/subscribe affected: Azerbaijan", from: Tg.Alice));
        var near = await _bot.Ask(Tg.Text("/subscribe near: 50.45 30.52, radius: 50", from: Tg.Alice));

        Assert.Contains("Subscribed: in Kyiv · diplomatic.", place.Text);
        Assert.Contains("Subscribed: affecting Azerbaijan.", affected.Text);
        Assert.Contains("Subscribed: within 50 km of 50.45, 30.52.", near.Text);
        Assert.All([place, affected, near], r => Assert.Empty(Buttons(r))); // filters given: no category offer
        var subs = await ActiveSubscriptions(_bot, Tg.Alice.Id);
        Assert.Equal(3, subs.Count);
        Assert.True(subs[0] is { Area: "Kyiv", AreaKey: "ua-kyiv", Number: 1, Category: TargetCategory.Diplomatic, AffectedKey: null, RadiusKm: null });
        Assert.True(subs[1] is { Affected: "Azerbaijan", AffectedKey: "az", Number: 2, AreaKey: null, Category: null });
        Assert.True(subs[2] is { Latitude: 50.45, Longitude: 30.52, RadiusKm: 50, AreaKey: null, Category: null });
        Assert.All(subs, s => Assert.Equal(Tg.Alice.Id, s.CreatedBy));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_subscription_made_by_command_gets_only_the_alerts_its_filters_match()
    {
        await _bot.Ask(Tg.Text("/subscribe Kyiv, diplomatic", from: Tg.Alice));

        var energy = await Publish(_bot, "Substation hit", ("place", "Kyiv"), ("country", "Ukraine"), ("category", "energy"));
        var embassy = await Publish(_bot, "Embassy fence hit", ("place", "Kyiv"), ("country", "Ukraine"), ("category", "diplomatic"));

        await _bot.Api.WaitUntil(a => AlertsTo(a, Tg.Alice.Id, embassy).Any());
        Assert.Empty(AlertsTo(_bot.Api, Tg.Alice.Id, energy));
        Assert.Single(AlertsTo(_bot.Api, Tg.Alice.Id, embassy));
        Assert.Empty(_bot.Api.Violations);
    }

    [Theory]
    [InlineData("/subscribe colour: red", "I know these filters: place, category, affected, near, radius, grade.")]
    [InlineData("/subscribe radius: 50", "A radius needs a centre")]
    [InlineData("/subscribe near: north", "near needs latitude and longitude")]
    [InlineData("/subscribe near: 50.45 30.52, radius: 9000", "The radius must be a number of km from 1 to 2000.")]
    [InlineData("/subscribe Kyiv, Lviv", "Each kind of filter once per subscription")]
    [InlineData("/subscribe category: weather", "category must be one of: diplomatic, energy, aviation")]
    public async Task A_bad_filter_gets_its_reason_and_the_usage_and_subscribes_nothing(string command, string reason)
    {
        var reply = await _bot.Ask(Tg.Text(command, from: Tg.Alice));

        Assert.Contains(reason, reply.Text);
        Assert.Contains("Usage: <code>/subscribe</code>", reply.Text);
        Assert.DoesNotContain("{0}", reply.Text);
        Assert.DoesNotContain("subscribe.", reply.Text); // a strings key, not its text
        Assert.Empty(await ActiveSubscriptions(_bot, Tg.Alice.Id));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Subscribing_twice_to_the_same_filters_keeps_one_subscription()
    {
        var first = await _bot.Ask(Tg.Text("/subscribe Kyiv, diplomatic", from: Tg.Alice));
        var again = await _bot.Ask(Tg.Text("/subscribe diplomatic, KYIV ", from: Tg.Alice));
        await _bot.Ask(Tg.Text("/subscribe", from: Tg.Alice));
        await _bot.Ask(Tg.Text("/subscribe", from: Tg.Alice));

        Assert.Contains("Subscribed: in Kyiv · diplomatic.", again.Text);
        var subs = await ActiveSubscriptions(_bot, Tg.Alice.Id);
        Assert.Equal(2, subs.Count);
        Assert.Equal("ua-kyiv", subs[0].AreaKey);
        Assert.Null(subs[1].Category);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_chat_at_the_limit_is_told_so_in_words()
    {
        await Subscribe(_bot, [.. Enumerable.Range(1, 50).Select(i => new Subscription { ChatId = Tg.Alice.Id, Area = $"Place {i}" })]);

        var reply = await _bot.Ask(Tg.Text("/subscribe Kyiv", from: Tg.Alice));

        Assert.Contains("This chat has 50 subscriptions, the most allowed.", reply.Text);
        Assert.Equal(50, (await ActiveSubscriptions(_bot, Tg.Alice.Id)).Count);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_location_pin_outside_a_report_offers_radius_buttons_and_one_subscribes()
    {
        var offer = await _bot.Ask(Tg.Location(50.45, 30.52, from: Tg.Alice));

        Assert.Contains("Get an alert for strikes near this place?", offer.Text);
        Assert.Equal(
            [("within 10 km", "sr:504500:305200:10"), ("within 50 km", "sr:504500:305200:50"), ("within 200 km", "sr:504500:305200:200")],
            Buttons(offer));
        Assert.Empty(await ActiveSubscriptions(_bot, Tg.Alice.Id)); // the pin alone subscribes nothing

        var answer = await Press(_bot, Tg.Tap("sr:504500:305200:50", from: Tg.Alice, messageId: offer.MessageId));
        var edit = await _bot.Api.WaitForCall(c => c.Method == "editMessageText" && c["message_id"] == offer.MessageId.ToString());

        Assert.Null(answer["text"]);
        Assert.Contains("Subscribed: within 50 km of 50.45, 30.52.", edit.Text);
        Assert.Empty(Buttons(edit));
        var near = Assert.Single(await ActiveSubscriptions(_bot, Tg.Alice.Id));
        Assert.True(near is { Latitude: 50.45, Longitude: 30.52, RadiusKm: 50, AreaKey: null, Category: null });
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_radius_button_with_a_radius_never_offered_subscribes_nothing()
    {
        var answer = await Press(_bot, Tg.Tap("sr:504500:305200:7", from: Tg.Alice));

        Assert.Contains("no longer valid", answer["text"]);
        Assert.Empty(await ActiveSubscriptions(_bot, Tg.Alice.Id));
    }

    [Fact]
    public async Task The_start_subscribe_deep_link_subscribes_to_everything()
    {
        var reply = await _bot.Ask(Tg.Text("/start subscribe", from: Tg.Alice));

        Assert.Contains("Subscribed: every new incident", reply.Text);
        var sub = Assert.Single(await ActiveSubscriptions(_bot, Tg.Alice.Id));
        Assert.Null(sub.Category);
        Assert.Equal(7, Buttons(reply).Count);
        Assert.Empty(_bot.Api.Violations);
    }
}
