using IncidentBot.Alerts;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>Subscriptions of groups and channels: who may change them, and what follows the chat when Telegram changes it.</summary>
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

        Assert.Contains("Subscribed: in Kyiv.", admin.Text);
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
        Assert.Equal("🔕 Removed 1 subscription(s).", removed["text"]);
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
        Assert.Contains("Removed 2 subscription(s).", removed.Text);
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
        Assert.Equal("🔕 Removed 1 subscription(s).", admin["text"]);
        Assert.Empty(await ActiveSubscriptions(_bot, Channel));
        Assert.Empty(_bot.Api.Violations);
    }

    [Theory]
    [InlineData(ChatMemberStatus.Kicked)]
    [InlineData(ChatMemberStatus.Left)]
    public async Task A_bot_removed_from_a_group_stops_the_groups_subscriptions(ChatMemberStatus status)
    {
        await Subscribe(_bot, Everything(Group), new Subscription { ChatId = Group, Area = "Kyiv" }, Everything(1501));

        _bot.Api.Enqueue(BotMembership(Tg.Group, status == ChatMemberStatus.Kicked
            ? new ChatMemberBanned { User = Tg.Bot } : new ChatMemberLeft { User = Tg.Bot }));
        // Added back later: one chat's updates are handled in order, so this command sees the removal done.
        _bot.Api.Enqueue(BotMembership(Tg.Group, new ChatMemberMember { User = Tg.Bot }));
        var list = await _bot.Ask(Tg.Text("/subscriptions", from: Tg.Bob, chat: Tg.Group));

        Assert.Contains("This chat has no subscriptions.", list.Text);
        await using (var db = _bot.NewDb())
        {
            var chat = await db.AlertChats.AsNoTracking().SingleAsync(c => c.ChatId == Group);
            Assert.False(chat.Active);
            Assert.Equal($"bot {status.ToString().ToLowerInvariant()}", chat.DeactivatedReason);
        }
        var id = await Publish(_bot, "Strike in Kyiv", ("place", "Kyiv"), ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 1501, id).Any());
        await using (var db = _bot.NewDb())
            Assert.False(await db.Deliveries.AnyAsync(d => d.ChatId == Group));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_group_upgraded_to_a_supergroup_takes_its_subscriptions_to_the_new_id()
    {
        var old = new Chat { Id = -4002, Type = ChatType.Group, Title = "Kyiv watchers" };
        const long supergroup = -1004002;
        _bot.Api.GroupAdmins[old.Id] = [Tg.Bob.Id];
        await _bot.Ask(Tg.Text("/subscribe Kyiv", from: Tg.Bob, chat: old));
        var sub = Assert.Single(await ActiveSubscriptions(_bot, old.Id));

        _bot.Api.Enqueue(new Update
        {
            Message = new Message { Id = 900_001, Date = DateTime.UtcNow, Chat = old, From = Tg.Bob, MigrateToChatId = supergroup },
        });
        await WaitForDb(_bot, db => db.Subscriptions.AnyAsync(s => s.ChatId == supergroup));

        Assert.Equal([sub.Id], (await ActiveSubscriptions(_bot, supergroup)).Select(s => s.Id));
        await using (var db = _bot.NewDb())
        {
            Assert.False(await db.Subscriptions.AnyAsync(s => s.ChatId == old.Id));
            Assert.True(await db.AlertChats.AnyAsync(c => c.ChatId == supergroup && c.Active));
            Assert.False(await db.AlertChats.AnyAsync(c => c.ChatId == old.Id));
        }
        var id = await Publish(_bot, "Strike in Kyiv", ("place", "Kyiv"), ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, supergroup, id).Any());
        Assert.Empty(AlertsTo(_bot.Api, old.Id, id));
        Assert.Empty(_bot.Api.Violations);
    }

    static Update BotMembership(Chat chat, ChatMember now) => new()
    {
        MyChatMember = new ChatMemberUpdated
        {
            Chat = chat,
            From = Tg.Bob,
            Date = DateTime.UtcNow,
            OldChatMember = now is ChatMemberMember ? new ChatMemberLeft { User = Tg.Bot } : new ChatMemberMember { User = Tg.Bot },
            NewChatMember = now,
        },
    };
}
