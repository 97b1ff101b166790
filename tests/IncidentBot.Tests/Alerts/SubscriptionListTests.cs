using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Tests.Fakes;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>/subscriptions, /unsubscribe and the remove buttons in a private chat.</summary>
public sealed class SubscriptionListTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await Start();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>Alice's two subscriptions: the chat's numbers 1 and 2 (as shown and typed), whatever their ids.</summary>
    async Task<(Subscription Kyiv, Subscription Affected)> TwoSubscriptions()
    {
        await _bot.Ask(Tg.Text("/subscribe Kyiv, diplomatic", from: Tg.Alice));
        await _bot.Ask(Tg.Text("/subscribe affected: Azerbaijan", from: Tg.Alice));
        var subs = await ActiveSubscriptions(_bot, Tg.Alice.Id);
        Assert.Equal([1, 2], subs.Select(x => x.Number));
        return (subs[0], subs[1]);
    }

    [Fact]
    public async Task Subscriptions_are_listed_each_with_a_remove_button()
    {
        var (kyiv, affected) = await TwoSubscriptions();

        var list = await _bot.Ask(Tg.Text("/subscriptions", from: Tg.Alice));

        Assert.Contains("This chat's subscriptions", list.Text);
        Assert.Contains($"#{kyiv.Number} · in Kyiv · diplomatic", list.Text);
        Assert.Contains($"#{affected.Number} · affecting Azerbaijan", list.Text);
        Assert.Equal([($"✖️ Remove #{kyiv.Number}", $"us:{kyiv.Id}"), ($"✖️ Remove #{affected.Number}", $"us:{affected.Id}")], Buttons(list));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task An_empty_list_says_how_to_subscribe()
    {
        var list = await _bot.Ask(Tg.Text("/subscriptions", from: Tg.Alice));

        Assert.Contains("This chat has no subscriptions. /subscribe starts one.", list.Text);
        Assert.Empty(Buttons(list));
    }

    [Fact]
    public async Task The_remove_button_removes_that_one_and_edits_the_list()
    {
        var (kyiv, affected) = await TwoSubscriptions();
        var list = await _bot.Ask(Tg.Text("/subscriptions", from: Tg.Alice));

        var answer = await Press(_bot, Tg.Tap($"us:{kyiv.Id}", from: Tg.Alice, messageId: list.MessageId));
        var edit = await _bot.Api.WaitForCall(c => c.Method == "editMessageText" && c["message_id"] == list.MessageId.ToString());

        Assert.Equal("🔕 Removed 1 subscription.", answer["text"]);
        Assert.DoesNotContain($"#{kyiv.Number} ·", edit.Text);
        Assert.Contains($"#{affected.Number} · affecting Azerbaijan", edit.Text);
        Assert.Equal([$"us:{affected.Id}"], Buttons(edit).Select(b => b.Data));
        Assert.Equal([affected.Id], (await ActiveSubscriptions(_bot, Tg.Alice.Id)).Select(s => s.Id));

        // The last one: the list becomes the "none" line, without buttons.
        await Press(_bot, Tg.Tap($"us:{affected.Id}", from: Tg.Alice, messageId: list.MessageId));
        await _bot.Api.WaitUntil(a => a.LastBotMessage(Tg.Alice.Id)?.Text?.Contains("no subscriptions") == true);
        Assert.Null(_bot.Api.Messages(Tg.Alice.Id).Single(m => m.Id == list.MessageId).ReplyMarkup);
        Assert.Empty(await ActiveSubscriptions(_bot, Tg.Alice.Id));
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Unsubscribe_without_an_argument_shows_the_list_and_removes_nothing()
    {
        var (kyiv, affected) = await TwoSubscriptions();

        var reply = await _bot.Ask(Tg.Text("/unsubscribe", from: Tg.Alice));

        Assert.Contains($"#{kyiv.Number} · in Kyiv · diplomatic", reply.Text);
        Assert.Equal([$"us:{kyiv.Id}", $"us:{affected.Id}"], Buttons(reply).Select(b => b.Data));
        Assert.Equal(2, (await ActiveSubscriptions(_bot, Tg.Alice.Id)).Count);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Unsubscribe_by_number_removes_that_one_and_all_removes_the_rest()
    {
        await Subscribe(_bot, Everything(Tg.Bob.Id));
        var bobs = Assert.Single(await ActiveSubscriptions(_bot, Tg.Bob.Id));
        var (kyiv, _) = await TwoSubscriptions();
        await _bot.Ask(Tg.Text("/subscribe energy", from: Tg.Alice));

        var one = await _bot.Ask(Tg.Text($"/unsubscribe {kyiv.Number}", from: Tg.Alice));
        Assert.Contains("Removed 1 subscription.", one.Text);
        Assert.DoesNotContain(kyiv.Id, (await ActiveSubscriptions(_bot, Tg.Alice.Id)).Select(s => s.Id));

        var again = await _bot.Ask(Tg.Text($"/unsubscribe #{kyiv.Number}", from: Tg.Alice));
        Assert.Contains("No such subscription in this chat.", again.Text);
        var others = await _bot.Ask(Tg.Text($"/unsubscribe {bobs.Number + 3}", from: Tg.Alice)); // a number this chat never had
        Assert.Contains("No such subscription in this chat.", others.Text);
        var nonsense = await _bot.Ask(Tg.Text("/unsubscribe Kyiv", from: Tg.Alice));
        Assert.Contains("Usage: <code>/unsubscribe N</code>", nonsense.Text);

        var all = await _bot.Ask(Tg.Text("/unsubscribe all", from: Tg.Alice));
        Assert.Contains("Removed 2 subscriptions.", all.Text);
        Assert.Empty(await ActiveSubscriptions(_bot, Tg.Alice.Id));
        Assert.Single(await ActiveSubscriptions(_bot, Tg.Bob.Id));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_forged_button_for_another_chats_subscription_changes_nothing()
    {
        await Subscribe(_bot, Everything(Tg.Bob.Id));
        var bobs = Assert.Single(await ActiveSubscriptions(_bot, Tg.Bob.Id));
        await _bot.Ask(Tg.Text("/subscribe", from: Tg.Alice));

        var remove = await Press(_bot, Tg.Tap($"us:{bobs.Id}", from: Tg.Alice));
        var narrow = await Press(_bot, Tg.Tap($"sc:{bobs.Id}:{(int)TargetCategory.Energy}", from: Tg.Alice));

        Assert.Equal("No such subscription in this chat.", remove["text"]);
        Assert.Contains("no longer valid", narrow["text"]);
        var untouched = Assert.Single(await ActiveSubscriptions(_bot, Tg.Bob.Id));
        Assert.Null(untouched.Category);
        Assert.Single(await ActiveSubscriptions(_bot, Tg.Alice.Id));
        Assert.Empty(_bot.Api.Sent(Tg.Bob.Id));
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Method == "editMessageText" && c.ChatId == Tg.Bob.Id);
        Assert.Empty(_bot.Api.Violations);
    }
}
