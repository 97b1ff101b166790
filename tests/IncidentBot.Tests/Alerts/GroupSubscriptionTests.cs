using IncidentBot.Alerts;
using IncidentBot.Tests.Fakes;
using Telegram.Bot.Types;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>Who may change the subscriptions of a group or a channel, by command and by button.</summary>
public sealed class GroupSubscriptionTests : IAsyncLifetime
{
    const string AdminsOnly = "Only this chat's admins can change its alerts.";
    static readonly User Owner = new() { Id = 1003, FirstName = "Olha", LanguageCode = "en" };
    static readonly long Group = Tg.Group.Id, Channel = Tg.Channel.Id;

    BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await Start();
        _bot.Api.GroupAdmins[Group] = [Tg.Bob.Id];
        _bot.Api.GroupOwners[Group] = Owner.Id;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_members_subscribe_is_refused_and_an_admins_and_the_owners_work()
    {
        var refused = await _bot.Ask(Tg.Text("/subscribe", from: Tg.Alice, chat: Tg.Group));
        Assert.Contains(AdminsOnly, refused.Text);
        Assert.Contains(_bot.Api.Calls, c => c.Method == "getChatMember" && c["user_id"] == Tg.Alice.Id.ToString());
        Assert.Empty(await ActiveSubscriptions(_bot, Group));

        var admin = await _bot.Ask(Tg.Text("/subscribe Kyiv", from: Tg.Bob, chat: Tg.Group));
        var owner = await _bot.Ask(Tg.Text("/subscribe@IncidentBot energy", from: Owner, chat: Tg.Group));

        Assert.Contains("Підписано: Київ.", admin.Text); // Bob, the admin, reads Ukrainian
        Assert.Contains("Subscribed: energy.", owner.Text);
        Assert.NotNull(admin.Body["reply_parameters"]); // threaded to the command in a group
        var subs = await ActiveSubscriptions(_bot, Group);
        Assert.Equal([Tg.Bob.Id, Owner.Id], subs.Select(s => s.CreatedBy));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task An_anonymous_admin_writing_as_the_group_may_subscribe()
    {
        var reply = await _bot.Ask(Tg.Text("/subscribe diplomatic", from: Tg.AnonymousAdmin, chat: Tg.Group));

        Assert.Contains("Subscribed: diplomatic.", reply.Text);
        Assert.Single(await ActiveSubscriptions(_bot, Group));
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Method == "getChatMember"); // the group itself is the sender
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Writing_on_behalf_of_another_chat_is_not_an_admins_word()
    {
        const long channelBot = 136817688; // Telegram's sender for messages posted on behalf of a channel
        var asChannel = new User { Id = channelBot, IsBot = true, FirstName = "Channel", Username = "Channel_Bot" };

        var forgedAnonymous = await _bot.Ask(Tg.Text("/subscribe", from: Tg.AnonymousAdmin, chat: Tg.Group, senderChat: Tg.Channel));
        var onBehalf = await _bot.Ask(Tg.Text("/subscribe", from: asChannel, chat: Tg.Group, senderChat: Tg.Channel));

        Assert.Contains(AdminsOnly, forgedAnonymous.Text);
        Assert.Contains(AdminsOnly, onBehalf.Text);
        Assert.Empty(await ActiveSubscriptions(_bot, Group));
    }

    [Fact]
    public async Task A_channel_post_subscribes_the_channel_and_its_alerts_arrive_there()
    {
        var reply = await _bot.Ask(Tg.ChannelPost("/subscribe", Tg.Channel));

        Assert.Contains("Subscribed: every new incident", reply.Text);
        var sub = Assert.Single(await ActiveSubscriptions(_bot, Channel));
        Assert.Equal(Channel, sub.CreatedBy); // a channel post has no "from": the channel itself
        var id = await Publish(_bot, "Strike", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, Channel, id).Any());
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_members_press_on_a_groups_buttons_is_refused_and_an_admins_works()
    {
        await _bot.Ask(Tg.Text("/subscribe", from: Tg.Bob, chat: Tg.Group));
        var sub = Assert.Single(await ActiveSubscriptions(_bot, Group));
        var list = await _bot.Ask(Tg.Text("/subscriptions", from: Tg.Alice, chat: Tg.Group)); // reading is open to all

        var remove = await Press(_bot, Tg.Tap($"us:{sub.Id}", from: Tg.Alice, chatId: Group, messageId: list.MessageId));
        var narrow = await Press(_bot, Tg.Tap($"sc:{sub.Id}:1", from: Tg.Alice, chatId: Group, messageId: list.MessageId));

        Assert.Equal(AdminsOnly, remove["text"]);
        Assert.Equal(AdminsOnly, narrow["text"]);
        Assert.True(Assert.Single(await ActiveSubscriptions(_bot, Group)) is { Category: null });
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Method == "editMessageText");

        var removed = await Press(_bot, Tg.Tap($"us:{sub.Id}", from: Tg.Bob, chatId: Group, messageId: list.MessageId));
        Assert.Equal("🔕 Видалено 1 підписку.", removed["text"]); // Bob, the admin, reads Ukrainian
        Assert.Empty(await ActiveSubscriptions(_bot, Group));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_members_unsubscribe_is_refused_but_the_list_is_shown_to_all()
    {
        await Subscribe(_bot, Everything(Group), new Subscription { ChatId = Group, Area = "Kyiv" });

        var all = await _bot.Ask(Tg.Text("/unsubscribe all", from: Tg.Alice, chat: Tg.Group));
        var one = await _bot.Ask(Tg.Text($"/unsubscribe {(await ActiveSubscriptions(_bot, Group))[0].Id}", from: Tg.Alice, chat: Tg.Group));
        var list = await _bot.Ask(Tg.Text("/unsubscribe", from: Tg.Alice, chat: Tg.Group));

        Assert.Contains(AdminsOnly, all.Text);
        Assert.Contains(AdminsOnly, one.Text);
        Assert.Equal(2, Buttons(list).Count);
        Assert.Equal(2, (await ActiveSubscriptions(_bot, Group)).Count);

        var removed = await _bot.Ask(Tg.Text("/unsubscribe all", from: Tg.Bob, chat: Tg.Group));
        Assert.Contains("Видалено 2 підписки.", removed.Text); // Bob, the admin, reads Ukrainian
        Assert.Empty(await ActiveSubscriptions(_bot, Group));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_channel_readers_press_on_the_channels_buttons_is_refused_and_an_admins_works()
    {
        await _bot.Ask(Tg.ChannelPost("/subscribe", Tg.Channel));
        var sub = Assert.Single(await ActiveSubscriptions(_bot, Channel));
        var list = await _bot.Ask(Tg.ChannelPost("/subscriptions", Tg.Channel));

        // Anyone who reads a channel can press the buttons under its posts.
        var reader = await Press(_bot, Tg.Tap($"us:{sub.Id}", from: Tg.Alice, chatId: Channel, messageId: list.MessageId));
        Assert.Equal(AdminsOnly, reader["text"]);
        Assert.Single(await ActiveSubscriptions(_bot, Channel));

        _bot.Api.GroupAdmins[Channel] = [Tg.Bob.Id];
        var admin = await Press(_bot, Tg.Tap($"us:{sub.Id}", from: Tg.Bob, chatId: Channel, messageId: list.MessageId));
        Assert.Equal("🔕 Видалено 1 підписку.", admin["text"]); // Bob, the admin, reads Ukrainian
        Assert.Empty(await ActiveSubscriptions(_bot, Channel));
        Assert.Empty(_bot.Api.Violations);
    }
}
