using IncidentBot.Tests.Data;
using IncidentBot.Data;
using IncidentBot.Telegram;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Telegram;

/// <summary>Polling, the inbox, ordering and the routing rules, through the real client and host.</summary>
public sealed class UpdatePipelineTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    /// <summary>Each test starts the bot, on SQLite unless it runs on both databases.</summary>
    async Task Start(string database = nameof(DatabaseProvider.Sqlite)) =>
        _bot = await BotHarness.StartAsync(provider: BothDatabasesAttribute.Provider(database));

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    [Fact]
    public async Task The_command_menu_is_registered_at_start()
    {
        await Start();
        var menu = await _bot.Api.WaitForCall(c => c.Method == "setMyCommands");
        var json = menu.Body.ToJsonString();
        foreach (var command in new[] { "recent", "incident", "search", "stats", "help" })
            Assert.Contains($"\"command\":\"{command}\"", json);
        Assert.Empty(_bot.Api.Violations);
    }

    [Theory, BothDatabases]
    public async Task A_redelivered_update_is_handled_once(string database)
    {
        await Start(database);
        var update = Tg.Text("/help", from: Tg.Alice);
        await _bot.Ask(update);
        await _bot.Api.WaitUntilConfirmed(update.Id);

        _bot.Api.Enqueue(update); // Telegram delivers at least once
        await _bot.Ask(Tg.Text("/stats", from: Tg.Alice));

        var replies = _bot.Api.Sent(Tg.Alice.Id).ToList();
        Assert.Equal(2, replies.Count);
        Assert.Contains("incidents", replies[1].Text);
    }

    [Fact]
    public async Task Group_commands_with_our_suffix_are_answered_and_other_bots_commands_ignored()
    {
        await Start();
        _bot.Api.Enqueue(Tg.Text("/recent@OtherBot", from: Tg.Alice, chat: Tg.Group));
        _bot.Api.Enqueue(Tg.Text("/nonsense", from: Tg.Alice, chat: Tg.Group));
        _bot.Api.Enqueue(Tg.Text("just chatting", from: Tg.Alice, chat: Tg.Group));
        var reply = await _bot.Ask(Tg.Text("/recent@IncidentBot 2", from: Tg.Alice, chat: Tg.Group));

        Assert.Single(_bot.Api.Sent(Tg.Group.Id));
        Assert.Contains("1–2 of 6", reply.Text);
        Assert.Contains("reply_parameters", reply.Body.ToJsonString()); // threaded to the asker in a group
    }

    [Fact]
    public async Task Unknown_commands_and_plain_text_in_private_get_a_pointer_to_help()
    {
        await Start();
        Assert.Contains("I don't know /frobnicate", (await _bot.Ask(Tg.Text("/frobnicate", from: Tg.Alice))).Text);
        Assert.Contains("/help", (await _bot.Ask(Tg.Text("hello there", from: Tg.Alice))).Text);
    }

    [Fact]
    public async Task Unknown_update_types_are_ignored_and_polling_goes_on()
    {
        await Start();
        var unknown = _bot.Api.Enqueue(Tg.Unknown());
        var reply = await _bot.Ask(Tg.Text("/help", from: Tg.Alice));

        Assert.Contains("/recent", reply.Text);
        await using var db = _bot.NewDb();
        Assert.NotNull((await db.Inbox.SingleAsync(i => i.UpdateId == unknown)).HandledAt);
    }

    [Fact]
    public async Task A_failing_handler_is_logged_and_the_chat_keeps_working()
    {
        await Start();
        _bot.Api.FailNext("sendMessage", 400, "Bad Request: chat not found");
        _bot.Api.Enqueue(Tg.Text("/recent", from: Tg.Bob)); // answered with sendMessage (/stats now sends a photo)
        // The failure is logged and the person is told, rather than left waiting.
        var sorry = await _bot.Api.WaitForCall(c => c.Method == "sendMessage" && c.ChatId == Tg.Bob.Id && c.Succeeded);
        Assert.Contains("щось пішло не так", sorry.Text); // Bob reads Ukrainian: error.generic

        var reply = await _bot.Ask(Tg.Text("/help", from: Tg.Bob));
        Assert.Contains("/recent", reply.Text);
        Assert.Contains(_bot.Logs, l => l.StartsWith("Error") && l.Contains("failed in its handler"));
    }

    [Fact]
    public async Task A_reply_that_meets_server_errors_is_sent_again_and_the_effect_is_kept_once()
    {
        await Start();
        _bot.Api.FailNextWithBadGateway(times: 2, method: "sendMessage");

        var reply = await _bot.Ask(Tg.Text("/subscribe", from: Tg.Alice)); // retried 1 s, then 2 s later

        Assert.Contains("subscribed", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, _bot.Api.Calls.Count(c => c.ChatId == Tg.Alice.Id && c.ErrorCode == 502));
        Assert.Single(_bot.Api.Sent(Tg.Alice.Id));
        await using var db = _bot.NewDb();
        Assert.Equal(1, await db.Subscriptions.CountAsync(s => s.ChatId == Tg.Alice.Id));
        Assert.DoesNotContain(_bot.Logs, l => l.Contains("failed in its handler"));
    }

    [Fact]
    public async Task Different_chats_are_served_while_one_chat_waits_and_each_chat_stays_in_order()
    {
        await Start();
        var aliceGate = new TaskCompletionSource();
        _bot.Api.BeforeReply = call => call.Method == "sendMessage" && call.ChatId == Tg.Alice.Id ? aliceGate.Task : Task.CompletedTask;

        _bot.Api.Enqueue(Tg.Text("/help", from: Tg.Alice));
        _bot.Api.Enqueue(Tg.Text("/stats", from: Tg.Alice));
        var bob = await _bot.Ask(Tg.Text("/help", from: Tg.Bob)); // answered although Alice's reply hangs

        Assert.Contains("/recent", bob.Text);
        aliceGate.SetResult();
        await _bot.Api.WaitUntil(a => a.Sent(Tg.Alice.Id).Count(c => c.Succeeded) == 2);
        var alice = _bot.Api.Sent(Tg.Alice.Id).ToList();
        Assert.Contains("What you can ask", alice[0].Text);
        Assert.Contains("incidents", alice[1].Text);
    }

    [Fact]
    public async Task An_update_stored_but_unhandled_by_a_crashed_run_is_handled_after_restart()
    {
        await Start();
        await _bot.StopHostAsync();
        await using (var db = _bot.NewDb())
        {
            var update = Tg.Text("/help", from: Tg.Bob);
            update.Id = 424242;
            db.Inbox.Add(new InboxUpdate
            {
                UpdateId = update.Id, ChatKey = Tg.Bob.Id, ReceivedAt = DateTime.UtcNow,
                Payload = System.Text.Json.JsonSerializer.Serialize(update, global::Telegram.Bot.JsonBotAPI.Options),
            });
            await db.SaveChangesAsync();
        }

        await _bot.StartHostAsync();

        var reply = await _bot.Api.WaitForCall(c => c.Method == "sendMessage" && c.ChatId == Tg.Bob.Id);
        Assert.Contains("/recent", reply.Text);
    }

    [Fact]
    public async Task Stopping_confirms_the_offset_of_everything_received()
    {
        await Start();
        var update = Tg.Text("/help", from: Tg.Alice);
        await _bot.Ask(update);

        await _bot.StopHostAsync();

        Assert.True(_bot.Api.LastConfirmedOffset > update.Id);
        Assert.Equal(0, _bot.Api.PendingUpdates);
    }
}
