using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.InlineQueryResults;

namespace IncidentBot.Tests.Fakes;

/// <summary>
/// The fake refuses what Telegram refuses: writing first to a person, albums of the wrong size, malformed inline
/// answers; and it answers getChatMember from what it has seen of a group. Through the real TelegramBotClient.
/// </summary>
public sealed class FakeBotApiRefusalTests : IAsyncLifetime
{
    const long Stranger = 5550001;
    static readonly long Group = Tg.Group.Id;

    FakeBotApi _api = null!;
    TelegramBotClient _bot = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _api.Limits = SendLimits.Off; // these tests are about refusals, not pacing
        _bot = new(new TelegramBotClientOptions(_api.Token, baseUrl: _api.BaseUrl.ToString()) { RetryThreshold = 0 });
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    async Task<ApiRequestException> Refused(Func<Task> call, int code)
    {
        var e = await Assert.ThrowsAsync<ApiRequestException>(call);
        Assert.Equal(code, e.ErrorCode);
        return e;
    }

    Task<ApiRequestException> CannotInitiate(Func<Task> call) => Refused(call, 403);

    static BotCommand[] Menu => [new() { Command = "help", Description = "Help" }];

    [Fact]
    public async Task A_person_who_never_wrote_to_the_bot_refuses_every_send_and_a_menu_for_their_chat_until_they_do()
    {
        var e = await CannotInitiate(() => _bot.SendMessage(Stranger, "hello"));
        Assert.Equal("Forbidden: bot can't initiate conversation with a user", e.Message);
        await CannotInitiate(() => _bot.SendPhoto(Stranger, InputFile.FromFileId("file-a")));
        await CannotInitiate(() => _bot.SendMediaGroup(Stranger, [new InputMediaPhoto("file-a"), new InputMediaPhoto("file-b")]));
        await CannotInitiate(() => _bot.SendLocation(Stranger, 50.45, 30.52));
        await CannotInitiate(() => _bot.SetMyCommands(Menu, BotCommandScope.Chat(Stranger)));
        await _bot.SendMessage(Group, "groups are not affected");
        await _bot.SetMyCommands(Menu, BotCommandScope.Chat(Group));
        await _bot.SetMyCommands(Menu); // nor is the default menu

        _api.Enqueue(Tg.Text("hi all", from: new User { Id = Stranger, FirstName = "Stranger" }, chat: Tg.Group));
        await CannotInitiate(() => _bot.SendMessage(Stranger, "writing in a group does not open a private chat"));

        _api.Enqueue(Tg.Text("/start", from: new User { Id = Stranger, FirstName = "Stranger" }));
        await _bot.SendMessage(Stranger, "now it goes");
        await _bot.SetMyCommands(Menu, BotCommandScope.Chat(Stranger));
        Assert.Equal(2, _api.Sent(Stranger).Count() + _api.Commands(BotCommandScope.Chat(Stranger)).Count);
        Assert.Empty(_api.Violations); // the bot cannot know beforehand: a refusal, not a malformed request
    }

    [Fact]
    public async Task Started_and_a_button_press_in_the_private_chat_count_as_having_written()
    {
        await CannotInitiate(() => _bot.SendMessage(Tg.Bob.Id, "not yet"));
        _api.Started(Tg.Bob.Id);
        await _bot.SendMessage(Tg.Bob.Id, "set up by the test");

        _api.Enqueue(Tg.Tap("x", from: Tg.Alice));
        await _bot.SendMessage(Tg.Alice.Id, "she pressed a button in her chat");
        Assert.True(_api.CanWriteTo(Tg.Alice.Id) && _api.CanWriteTo(Group) && !_api.CanWriteTo(Stranger));
    }

    [Fact]
    public async Task A_standing_chat_fault_answers_before_the_cannot_initiate_refusal()
    {
        _api.BlockBot(Stranger);
        var e = await Refused(() => _bot.SendMessage(Stranger, "blocked"), 403);
        Assert.Equal(TelegramErrors.BlockedByUser, e.Message);
    }

    [Theory]
    [InlineData(0, "Bad Request: there are no messages to send")]
    [InlineData(1, "Bad Request: wrong number of media in the group")]
    [InlineData(11, "Bad Request: too many messages to send as an album")]
    public async Task An_album_of_fewer_than_two_or_more_than_ten_items_is_refused(int items, string description)
    {
        var media = Enumerable.Range(0, items).Select(i => new InputMediaPhoto($"file-{i}"));
        var e = await Refused(() => _bot.SendMediaGroup(Group, media), 400);

        Assert.StartsWith(description, e.Message);
        Assert.Single(_api.Violations);
        Assert.Empty(_api.Messages(Group));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public async Task An_album_of_two_to_ten_items_is_sent_as_one_group(int items)
    {
        var sent = await _bot.SendMediaGroup(Group, Enumerable.Range(0, items).Select(i => new InputMediaPhoto($"file-{i}")));

        Assert.Equal(items, sent.Length);
        Assert.Single(sent.Select(m => m.MediaGroupId).Distinct());
        Assert.Empty(_api.Violations);
    }

    [Fact]
    public async Task Get_chat_member_answers_from_the_groups_real_membership()
    {
        _api.GroupOwners[Group] = Tg.Moderator.Id;
        _api.GroupAdmins[Group] = [Tg.SecondModerator.Id];
        async Task<ChatMemberStatus> Status(long user) => (await _bot.GetChatMember(Group, user)).Status;

        Assert.Equal(ChatMemberStatus.Left, await Status(Tg.Alice.Id)); // never seen there
        _api.Enqueue(Tg.Text("/start", from: Tg.Alice)); // her private chat is not the group
        Assert.Equal(ChatMemberStatus.Left, await Status(Tg.Alice.Id));
        _api.Enqueue(Tg.Text("hello", from: Tg.Alice, chat: Tg.Group));
        Assert.Equal(ChatMemberStatus.Member, await Status(Tg.Alice.Id));
        _api.Enqueue(Tg.Tap("x", from: Tg.Bob, chatId: Group));
        Assert.Equal(ChatMemberStatus.Member, await Status(Tg.Bob.Id)); // pressing a button under a group message
        _api.JoinGroup(Group, Stranger);
        Assert.Equal(ChatMemberStatus.Member, await Status(Stranger));

        Assert.Equal(ChatMemberStatus.Creator, await Status(Tg.Moderator.Id));
        Assert.Equal(ChatMemberStatus.Administrator, await Status(Tg.SecondModerator.Id));
        Assert.Equal(ChatMemberStatus.Member, await Status(_api.BotUser.Id));
    }

    static InlineQueryResultArticle Article(string id, string text = "card") =>
        new(id, "title", new InputTextMessageContent(text) { ParseMode = ParseMode.Html });

    [Fact]
    public async Task An_inline_answer_is_refused_as_Telegram_refuses_it_and_an_inline_query_is_answered_once()
    {
        string Query() { var update = Tg.Inline("kyiv"); _api.Enqueue(update); return update.InlineQuery!.Id; }

        await Refused(() => _bot.AnswerInlineQuery(Query(), Enumerable.Range(1, 51).Select(n => Article($"{n}"))), 400);
        await Refused(() => _bot.AnswerInlineQuery(Query(), [Article("1"), Article("1")]), 400);
        await Refused(() => _bot.AnswerInlineQuery(Query(), [Article(new string('x', 65))]), 400);
        await Refused(() => _bot.AnswerInlineQuery(Query(), [Article("1", new string('x', 4097))]), 400);
        await Refused(() => _bot.AnswerInlineQuery(Query(), [Article("1", "<b>unclosed")]), 400);
        await Refused(() => _bot.AnswerInlineQuery(Query(), [Article("1")], nextOffset: new string('9', 65)), 400);
        await Refused(() => _bot.AnswerInlineQuery(Query(), [Article("1")], cacheTime: -1), 400);
        Assert.Equal(7, _api.Violations.Count);

        var id = Query();
        await _bot.AnswerInlineQuery(id, [Article("1", new string('x', 4096)), Article(new string('y', 64))], cacheTime: 10, isPersonal: true, nextOffset: "20");
        var answer = await _api.WaitForInlineAnswer(id);
        Assert.Equal(["1", new string('y', 64)], answer.Ids);
        Assert.Equal((10L, true, "20"), (answer.CacheTime, answer.IsPersonal, answer.NextOffset));
        var again = await Refused(() => _bot.AnswerInlineQuery(id, []), 400);
        Assert.Contains("query is too old", again.Message);
        await Refused(() => _bot.AnswerInlineQuery("never-asked", []), 400);
        Assert.Equal(7, _api.UnansweredInlineQueries.Count); // a refused answer answers nothing
    }
}
