using IncidentBot.Tests.Fakes;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Telegram;

/// <summary>
/// Updates as Telegram really sends them: values newer than Telegram.Bot, buttons on messages the bot can no
/// longer see, forum topics, odd numbers. Served as raw JSON by the fake, through the real host.
/// </summary>
public sealed class OddUpdateTests : IAsyncLifetime
{
    const long OddUpdateId = 777_001;
    static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    static readonly User Carol = new() { Id = 1003, FirstName = "Carol", LanguageCode = "en" };

    BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>Kind, the update's JSON, and a word the stored reason must hold.</summary>
    public static TheoryData<string, string, string> UnknownToTheLibrary => new()
    {
        { "entity type", Message("private", """ "text":"/help me","entities":[{"type":"some_new_entity","offset":0,"length":5}] """), "MessageEntityType" },
        { "chat type", Message("some_new_chat", """ "text":"/help" """), "ChatType" },
        { "sticker type", Message("private", """ "sticker":{"file_id":"s1","file_unique_id":"u1","type":"some_new_sticker","width":512,"height":512,"is_animated":false,"is_video":false} """), "StickerType" },
        { "poll type", Message("private", """ "poll":{"id":"p1","question":"Lunch?","options":[{"text":"Yes","voter_count":0}],"total_voter_count":0,"is_closed":false,"is_anonymous":true,"type":"some_new_poll","allows_multiple_answers":false} """), "PollType" },
        { "forward origin", Message("private", $$""" "text":"/help","forward_origin":{"type":"some_new_origin","date":{{Now}}} """), "some_new_origin" },
        { "member status", $$"""
            {"update_id":{{OddUpdateId}},"my_chat_member":{"chat":{"id":-1005550001,"type":"supergroup","title":"Odd group"},
             "from":{"id":5550001,"is_bot":false,"first_name":"Odd"},"date":{{Now}},
             "old_chat_member":{"status":"member","user":{"id":123456,"is_bot":true,"first_name":"IncidentBot","username":"IncidentBot"} },
             "new_chat_member":{"status":"some_new_status","user":{"id":123456,"is_bot":true,"first_name":"IncidentBot","username":"IncidentBot"} } } }
            """, "some_new_status" },
    };

    static string Message(string chatType, string fields) => $$"""
        {"update_id":{{OddUpdateId}},"message":{"message_id":1,"date":{{Now}},
         "chat":{"id":5550001,"type":"{{chatType}}","first_name":"Odd"},"from":{"id":5550001,"is_bot":false,"first_name":"Odd"},{{fields}} } }
        """;

    [Theory]
    [MemberData(nameof(UnknownToTheLibrary))]
    public async Task An_update_the_library_cannot_read_is_stored_once_as_unreadable_and_its_batch_is_answered(string kind, string json, string reason)
    {
        User[] others = [Tg.Alice, Tg.Bob, Carol];
        await _bot.StopHostAsync(); // so the odd update and the others arrive in one batch
        _bot.Api.Enqueue(Tg.Text("/help", from: others[0]));
        _bot.Api.EnqueueRaw(json);
        foreach (var person in others[1..]) _bot.Api.Enqueue(Tg.Text("/help", from: person));
        await _bot.StartHostAsync();

        await _bot.Api.WaitUntil(a => others.All(p => a.Sent(p.Id).Any()));
        await _bot.Api.WaitUntilConfirmed(OddUpdateId);
        Assert.True(_bot.Api.LastConfirmedOffset > OddUpdateId, kind);
        Assert.Contains(_bot.Api.Calls, c => c.Method == "getUpdates" && c.Result is System.Text.Json.Nodes.JsonArray { Count: 4 });
        Assert.Empty(_bot.Api.Sent(5550001));

        // A few more rounds of polling: a batch that failed would come back and be logged again.
        for (var i = 0; i < 3; i++)
            await _bot.Ask(Tg.Text("/stats", from: Tg.Alice));
        var about = _bot.Logs.Where(l => l.Contains(OddUpdateId.ToString(), StringComparison.Ordinal)).ToList();
        var line = Assert.Single(about);
        Assert.StartsWith("Warning", line);
        Assert.Contains(reason, line);
        Assert.DoesNotContain("   at ", line); // no stack trace
        Assert.DoesNotContain(_bot.Logs, l => l.Contains("getUpdates failed") || l.Contains("Storing fetched updates failed"));

        await using var db = _bot.NewDb();
        var row = await db.Inbox.SingleAsync(i => i.UpdateId == OddUpdateId);
        Assert.Contains(reason, row.Unreadable);
        Assert.NotNull(row.HandledAt);
        Assert.Contains("some_new_", row.Payload); // what Telegram sent, not the library's reading of it
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_batch_of_nothing_but_unreadable_updates_is_confirmed_all_the_same()
    {
        var id = _bot.Api.EnqueueRaw(Message("private", """ "text":"hi","entities":[{"type":"some_new_entity","offset":0,"length":2}] """));

        await _bot.Api.WaitUntilConfirmed(id);

        await using var db = _bot.NewDb();
        Assert.NotNull((await db.Inbox.SingleAsync(i => i.UpdateId == id)).Unreadable);
        Assert.Equal(0, _bot.Api.PendingUpdates);
    }

    [Fact]
    public async Task Unknown_update_kinds_sent_as_json_are_stored_and_ignored()
    {
        var id = _bot.Api.EnqueueRaw($$"""
            {"message_reaction":{"chat":{"id":1001,"type":"private","first_name":"Alice"},"message_id":1,"date":{{Now}},
             "old_reaction":[],"new_reaction":[{"type":"emoji","emoji":"👍"}]},"some_future_field":{"x":1} }
            """);
        await _bot.Ask(Tg.Text("/help", from: Tg.Alice));
        await _bot.Services.GetRequiredService<ChatSequencer>().WhenIdle();

        await using var db = _bot.NewDb();
        var row = await db.Inbox.SingleAsync(i => i.UpdateId == id);
        Assert.Null(row.Unreadable);
        Assert.NotNull(row.HandledAt);
        Assert.Contains("some_future_field", row.Payload);
    }
}
