using IncidentBot.Incidents;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Telegram;

/// <summary>Presses, topics and commands as real clients produce them, through the real host.</summary>
public sealed class RealWorldUpdateTests : IAsyncLifetime
{
    static readonly Chat Forum = new() { Id = -1005550002, Type = global::Telegram.Bot.Types.Enums.ChatType.Supergroup, Title = "Forum", IsForum = true };

    BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>Telegram's "inaccessible message": only the chat, the id and date 0 (too old, or gone).</summary>
    static string PressOnInaccessible(string queryId, string data, int messageId) => $$"""
        {"callback_query":{"id":"{{queryId}}","from":{"id":1001,"is_bot":false,"first_name":"Alice","language_code":"en"},
         "chat_instance":"ci1001","data":"{{data}}",
         "message":{"message_id":{{messageId}},"date":0,"chat":{"id":1001,"type":"private","first_name":"Alice"} } } }
        """;

    [Fact]
    public async Task A_subscription_button_on_a_message_telegram_no_longer_shows_changes_nothing_and_is_answered()
    {
        var reply = await _bot.Ask(Tg.Text("/subscribe", from: Tg.Alice));
        await using var db = _bot.NewDb();
        var everything = await db.Subscriptions.SingleAsync(s => s.ChatId == Tg.Alice.Id);

        _bot.Api.EnqueueRaw(PressOnInaccessible("odd-press", $"sc:{everything.Id}:{(int)TargetCategory.Energy}", reply.MessageId!.Value));
        var answer = await _bot.Api.WaitForCall(c => c.Method == "answerCallbackQuery" && c["callback_query_id"] == "odd-press");

        Assert.Contains("no longer valid", answer.Text);
        var after = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.ChatId == Tg.Alice.Id);
        Assert.True(after is { Active: true, Category: null });
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Method == "editMessageText");
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_page_button_on_a_message_someone_else_sent_is_answered_and_edits_nothing()
    {
        var notOurs = new Message { Id = 4242, Date = DateTime.UtcNow, Chat = Tg.PrivateChat(Tg.Alice), From = Tg.Alice, Text = "mine" };
        _bot.Api.Enqueue(Tg.Tap("rc:5:5", from: Tg.Alice, message: notOurs));

        await _bot.Api.WaitUntil(a => a.Calls.Any(c => c.Method == "answerCallbackQuery"));

        Assert.Contains("no longer valid", _bot.Api.Calls.Single(c => c.Method == "answerCallbackQuery").Text);
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Method == "editMessageText");
        Assert.Empty(_bot.Api.Violations);
    }

    [Theory]
    [InlineData("near: NaN NaN")]
    [InlineData("near: Infinity 1")]
    [InlineData("near: 50.45 -Infinity")]
    [InlineData("near: 1e400 30")]
    [InlineData("near: 50.45 30.52, radius: NaN")]
    public async Task Coordinates_that_are_not_finite_numbers_are_refused_with_the_usage(string filters)
    {
        var reply = await _bot.Ask(Tg.Text("/subscribe " + filters, from: Tg.Alice));

        Assert.Contains("Usage:", reply.Text);
        await using var db = _bot.NewDb();
        Assert.False(await db.Subscriptions.AnyAsync(s => s.ChatId == Tg.Alice.Id));
    }

    [Fact]
    public async Task A_command_in_a_forum_topic_is_answered_in_that_topic_even_once_the_command_is_deleted()
    {
        var command = Tg.Text("/stats", from: Tg.Alice, chat: Forum);
        (command.Message!.IsTopicMessage, command.Message.MessageThreadId) = (true, 77);
        await _bot.StopHostAsync(); // so the command can be deleted before the bot sees it
        _bot.Api.Enqueue(command);
        _bot.Api.DeleteByUser(Forum.Id, command.Message.Id);
        await _bot.StartHostAsync();

        await _bot.Api.WaitUntil(a => a.Sent(Forum.Id).Any());

        var reply = _bot.Api.Sent(Forum.Id).Single();
        Assert.Equal("77", reply["message_thread_id"]);
        Assert.Contains("incidents", reply.Text);
        Assert.Empty(_bot.Api.Violations);
    }

    [Theory]
    [InlineData("/recent@IncidentBot")]
    [InlineData("/recent@incidentbot 2")]
    public async Task A_command_addressed_to_the_bot_by_name_is_answered_in_private(string text)
    {
        var reply = await _bot.Ask(Tg.Text(text, from: Tg.Alice));

        Assert.Contains(" of 6", reply.Text);
    }
}
