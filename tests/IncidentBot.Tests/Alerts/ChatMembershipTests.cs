using IncidentBot.Tests.Data;
using IncidentBot.Data;
using IncidentBot.Alerts;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>What Telegram tells the bot about a chat (the bot removed, a group upgraded) and what becomes of its subscriptions.</summary>
public sealed class ChatMembershipTests : IAsyncLifetime
{
    static readonly long Group = Tg.Group.Id;

    BotHarness _bot = null!;

    /// <summary>Each test starts the bot, on SQLite unless it runs on both databases.</summary>
    async Task Start(string database = nameof(DatabaseProvider.Sqlite))
    {
        _bot = await AlertScenario.Start(BothDatabasesAttribute.Provider(database));
        _bot.Api.GroupAdmins[Group] = [Tg.Bob.Id];
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    [Theory]
    [InlineData(ChatMemberStatus.Kicked)]
    [InlineData(ChatMemberStatus.Left)]
    public async Task A_bot_removed_from_a_group_stops_the_groups_subscriptions(ChatMemberStatus status)
    {
        await Start();
        await Subscribe(_bot, Everything(Group), new Subscription { ChatId = Group, Area = "Kyiv" }, Everything(1501));

        _bot.Api.Enqueue(BotMembership(Tg.Group, status == ChatMemberStatus.Kicked
            ? new ChatMemberBanned { User = Tg.Bot } : new ChatMemberLeft { User = Tg.Bot }));
        // Added back later: one chat's updates are handled in order, so this command sees the removal done.
        _bot.Api.Enqueue(BotMembership(Tg.Group, new ChatMemberMember { User = Tg.Bot }));
        var list = await _bot.Ask(Tg.Text("/subscriptions", from: Tg.Bob, chat: Tg.Group));

        Assert.Contains("У цьому чаті немає підписок.", list.Text); // Bob, the group's admin, reads Ukrainian
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

    [Theory, BothDatabases]
    public async Task A_group_upgraded_to_a_supergroup_takes_its_subscriptions_to_the_new_id(string database)
    {
        await Start(database);
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
        await _bot.Api.WaitUntil(a => AlertsTo(a, supergroup, id, "uk").Any()); // in the language of Bob, who subscribed the group
        Assert.DoesNotContain(_bot.Api.Sent(old.Id), c => c.Text?.Contains($"/incident_{id}", StringComparison.Ordinal) == true); // no alert, in any language
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
