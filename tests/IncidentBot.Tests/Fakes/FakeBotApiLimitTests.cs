using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace IncidentBot.Tests.Fakes;

/// <summary>
/// The fake's send limits, latency and faults, through the real TelegramBotClient (its 429 retry off).
/// Arrival times come from a FakeTimeProvider, so windows are tested to the millisecond without waiting.
/// </summary>
public sealed class FakeBotApiLimitTests : IAsyncLifetime
{
    static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    static readonly long Group = Tg.Group.Id;

    readonly FakeTimeProvider _clock = new(T0);
    FakeBotApi _api = null!;
    TelegramBotClient _bot = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _api.Clock = _clock;
        // These tests send to made-up private chats 1..200 as well: people who have written to the bot.
        _api.Started([.. Enumerable.Range(1, 200).Select(i => (long)i), Tg.Alice.Id, Tg.Bob.Id]);
        _bot = Client(_api);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    static TelegramBotClient Client(FakeBotApi api, HttpClient? http = null) =>
        new(new TelegramBotClientOptions(api.Token, baseUrl: api.BaseUrl.ToString()) { RetryThreshold = 0 }, http);

    Task<Message> Send(long chatId, string text = "hi") => _bot.SendMessage(chatId, text);

    void At(double seconds) => _clock.SetUtcNow(T0.AddSeconds(seconds));

    async Task<ApiRequestException> Refused(long chatId, int code = 429)
    {
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => Send(chatId));
        Assert.Equal(code, e.ErrorCode);
        return e;
    }

    [Fact]
    public async Task A_second_send_to_a_group_within_a_second_is_refused_unless_only_tolerance_early()
    {
        At(0); await Send(Group);
        At(0.970);
        var e = await Refused(Group);
        Assert.Equal("Too Many Requests: retry after 1", e.Message);
        Assert.Equal(1, e.Parameters?.RetryAfter);
        At(0.980); await Send(Group); // 20 ms early: within the 25 ms tolerance

        Assert.Equal([T0, T0.AddSeconds(0.980)], _api.SendTimes(Group));
        Assert.Equal(2, _api.Sent(Group).Count()); // the refused one was not delivered
        var violation = Assert.Single(_api.Violations);
        Assert.Equal($"sendMessage chat={Group}: 429 per-chat limit 1/s (sends at least 1.000 s apart, less 25 ms tolerance): "
            + "2 sends 0.970 s apart", violation);
    }

    [Fact]
    public async Task The_429_has_Telegrams_exact_shape()
    {
        At(0); await Send(Group);
        using var http = new HttpClient();
        var response = await http.PostAsync($"{_api.BaseUrl}bot{_api.Token}/sendMessage",
            new StringContent($$"""{"chat_id":{{Group}},"text":"again"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("""{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Private_chats_may_burst_unless_told_otherwise_and_RetryAfterSeconds_is_what_the_429_says()
    {
        At(0);
        await Send(Tg.Alice.Id);
        await Send(Tg.Alice.Id);
        Assert.Empty(_api.Violations);

        _api.Limits = _api.Limits with { ApplyToPrivateChatBursts = true, RetryAfterSeconds = 3 };
        At(0.5);
        Assert.Equal(3, (await Refused(Tg.Alice.Id)).Parameters?.RetryAfter);
        At(0.975); await Send(Tg.Alice.Id); // exactly one second less the tolerance after the last delivered send
        Assert.Single(_api.Violations);
    }

    [Fact]
    public async Task The_global_limit_slides_over_arrival_times_instead_of_resetting_each_second()
    {
        At(0.95);
        for (var chat = 1; chat <= 30; chat++)
            await Send(chat);
        At(1.05); // a fixed window starting at 1.0 would be empty here
        await Refused(31);
        At(1.924); await Refused(32); // 31 sends spanning 974 ms: one too many
        At(1.925); await Send(33);   // span 975 ms = 1 s less the tolerance

        // Measurements are raw: the tolerance let a 31st send into a plain one-second window.
        Assert.Equal(31, _api.MaxSendsInAnyWindow(TimeSpan.FromSeconds(1)));
        Assert.Equal(30, _api.MaxSendsInAnyWindow(TimeSpan.FromSeconds(0.975)));
        Assert.Equal(2, _api.Violations.Count);
        Assert.Contains("global limit 30/s: 31 sends within 0.100 s (300/s)", _api.Violations[0]);
    }

    [Fact]
    public async Task A_group_gets_twenty_sends_in_any_minute()
    {
        for (var i = 0; i < 20; i++) { At(i * 2); await Send(Group); } // 0..38 s
        At(40);
        await Refused(Group);
        Assert.Contains("group limit 20/min: 21 sends within 40.000 s (30/min)", Assert.Single(_api.Violations));
        At(59.975); await Send(Group); // the first send's minute, less the tolerance, is over
        Assert.Equal(20, _api.MaxSendsInAnyWindow(TimeSpan.FromSeconds(59.975), Group));
        Assert.Equal(21, _api.MaxSendsInAnyWindow(TimeSpan.FromMinutes(1), Group)); // raw: no tolerance
    }

    [Fact]
    public async Task Paid_broadcasts_count_against_their_own_limit_and_still_respect_chats()
    {
        _api.Limits = _api.Limits with { PaidGlobalPerSecond = 40 };
        At(0);
        for (var chat = 1; chat <= 30; chat++)
            await Send(chat);
        await Refused(31);
        for (var chat = 31; chat <= 40; chat++) // 10 more paid: 40 sends in all
            await _bot.SendMessage(chat, "paid", allowPaidBroadcast: true);
        var paid = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(41, "paid", allowPaidBroadcast: true));
        Assert.Equal(429, paid.ErrorCode);
        await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(1, "paid", allowPaidBroadcast: true)); // 41st again

        _api.Limits = _api.Limits with { PaidGlobalPerSecond = 1000 };
        await _bot.SendMessage(Group, "paid", allowPaidBroadcast: true);
        await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(Group, "again", allowPaidBroadcast: true));

        var violations = _api.Violations;
        Assert.Equal(4, violations.Count);
        Assert.Contains("global limit 30/s", violations[0]);
        Assert.Contains("paid broadcast limit 40/s: 41 sends", violations[1]);
        Assert.Contains("per-chat limit", violations[3]);
        Assert.DoesNotContain("global", violations[3]);
    }

    [Fact]
    public async Task Windows_count_by_arrival_even_when_an_earlier_arrival_is_answered_later()
    {
        var (arrived, gate) = (new TaskCompletionSource(), new TaskCompletionSource());
        _api.BeforeReply = call =>
        {
            if (call.Text != "slow") return Task.CompletedTask;
            arrived.TrySetResult();
            return gate.Task;
        };
        At(0);
        var slow = _bot.SendMessage(Group, "slow"); // arrives at 0, decided only after the gate opens
        await arrived.Task;
        At(0.5); await Send(Group, "fast");         // delivered first
        gate.SetResult();

        Assert.Equal(429, (await Assert.ThrowsAsync<ApiRequestException>(() => slow)).ErrorCode);
        Assert.Contains("2 sends 0.500 s apart", Assert.Single(_api.Violations));
    }

    [Fact]
    public async Task Sends_refused_as_invalid_do_not_take_a_place_in_the_window()
    {
        At(0);
        Assert.Equal(400, (await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(Group, "<b>unclosed", ParseMode.Html))).ErrorCode);
        await Send(Group);
        Assert.Single(_api.SendTimes(Group));
        Assert.DoesNotContain(_api.Violations, v => v.Contains("429"));
    }

    [Fact]
    public async Task Random_traffic_is_judged_as_a_brute_force_count_would()
    {
        var limits = new SendLimits { GlobalPerSecond = 5, PerChatPerSecond = 4, GroupPerMinute = 8, ApplyToPrivateChatBursts = true };
        _api.Limits = limits;
        long[] chats = [Group, Tg.Alice.Id, Tg.Bob.Id, Tg.Channel.Id];
        var random = new Random(20261130);
        var accepted = new List<(int Ms, long Chat)>(); // milliseconds, so boundaries compare exactly
        var now = 0;
        for (var i = 0; i < 200; i++)
        {
            now += random.Next(4) == 0 ? 0 : random.Next(300);
            var chat = chats[random.Next(chats.Length)];
            var sameChat = accepted.Where(a => a.Chat == chat).ToList();
            var expectRefusal =
                sameChat.Any(a => now - a.Ms < 250 - 25)
                || (chat < 0 && sameChat.Count(a => now - a.Ms < 60_000 - 25) + 1 > limits.GroupPerMinute)
                || accepted.Count(a => now - a.Ms < 1000 - 25) + 1 > limits.GlobalPerSecond;

            _clock.SetUtcNow(T0.AddMilliseconds(now));
            var refused = false;
            try { await Send(chat); }
            catch (ApiRequestException e) when (e.ErrorCode == 429) { refused = true; }
            Assert.True(expectRefusal == refused, $"send {i} to {chat} at {now} ms: expected {(expectRefusal ? "429" : "success")}");
            if (!refused) accepted.Add((now, chat));
        }
        var violations = _api.Violations;
        Assert.Equal(200 - accepted.Count, violations.Count);
        foreach (var kind in new[] { "per-chat limit", "group limit", "global limit" }) // every rule was exercised
            Assert.Contains(violations, v => v.Contains(kind));
    }

    [Fact]
    public async Task Only_message_sends_count_and_a_media_group_counts_once()
    {
        At(0);
        var sent = await Send(Group);
        _api.Enqueue(Tg.Tap("x", chatId: Group, messageId: sent.Id));
        var update = (await _bot.GetUpdates()).Single();
        await _bot.AnswerCallbackQuery(update.CallbackQuery!.Id);
        for (var i = 0; i < 40; i++)
        {
            await _bot.EditMessageText(Group, sent.Id, $"edit {i}");
            await _bot.SendChatAction(Group, ChatAction.Typing);
        }
        await _bot.SetMyCommands([new BotCommand { Command = "help", Description = "Help" }]);
        for (var chat = 1; chat <= 29; chat++)
            await _bot.SendMediaGroup(chat, [new InputMediaPhoto("file-a"), new InputMediaPhoto("file-b")]);

        Assert.Empty(_api.Violations);
        Assert.Equal(30, _api.SendTimes().Count);
        await Refused(100);
    }

    [Fact]
    public async Task With_enforcement_off_nothing_is_refused_but_sends_are_still_timed()
    {
        _api.Limits = SendLimits.Off;
        At(0);
        for (var i = 0; i < 40; i++)
            await Send(Group);
        Assert.Empty(_api.Violations);
        Assert.Equal(40, _api.MaxSendsInAnyWindow(TimeSpan.FromSeconds(1), Group));
        Assert.Equal(40, _api.SendTimes(Group).Count);
        Assert.Empty(_api.SendTimes(Tg.Alice.Id));
    }

    [Fact]
    public async Task Latency_is_served_concurrently()
    {
        _api.Clock = TimeProvider.System;
        _api.ResponseLatency = TimeSpan.FromMilliseconds(200);
        await Send(1); // warm up the connection pool and JIT outside the measurement
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(2, 20).Select(chat => Send(chat)));
        watch.Stop();

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(190), TimeSpan.FromSeconds(2)); // 20 in a row would be 4 s
        Assert.Equal(21, _api.SendTimes().Count);
        Assert.Empty(_api.Violations);
    }

    [Fact]
    public async Task Chats_can_block_kick_vanish_and_migrate_without_violations()
    {
        const long oldGroup = -4001, supergroup = -1004001;
        _api.BlockBot(Tg.Alice.Id);
        _api.KickBot(Group);
        _api.ForgetChat(Tg.Bob.Id);
        _api.MigrateGroup(oldGroup, supergroup);
        At(0);

        Assert.Equal(TelegramErrors.BlockedByUser, (await Refused(Tg.Alice.Id, 403)).Message);
        Assert.Equal(TelegramErrors.BlockedByUser, (await Refused(Tg.Alice.Id, 403)).Message);
        Assert.Equal(TelegramErrors.KickedFromGroup, (await Refused(Group, 403)).Message);
        Assert.Equal(TelegramErrors.ChatNotFound, (await Refused(Tg.Bob.Id, 400)).Message);
        var migrated = await Refused(oldGroup, 400);
        Assert.Equal(TelegramErrors.UpgradedToSupergroup, migrated.Message);
        Assert.Equal(supergroup, migrated.Parameters?.MigrateToChatId);
        var moved = await Send(supergroup);
        Assert.Equal(ChatType.Supergroup, moved.Chat.Type);

        _api.ClearChatFault(Tg.Alice.Id); // unblocked
        await Send(Tg.Alice.Id);
        Assert.Empty(_api.Violations);
        Assert.Equal(2, _api.SendTimes().Count); // faulted sends were not delivered, nor counted
        Assert.Empty(_api.Sent(Group));
    }

    [Fact]
    public async Task Transient_failures_and_flood_waits_hit_the_next_sends_only()
    {
        _api.FailNextWithBadGateway(times: 2);
        _api.FailNextWithFloodWait(FakeBotApi.AnySend, retryAfterSeconds: 7);
        At(0);
        await _bot.SetMyCommands([new BotCommand { Command = "help", Description = "Help" }]); // not a send: untouched
        Assert.Equal("Bad Gateway", (await Refused(Group, 502)).Message);
        Assert.Equal(502, (await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendPhoto(Group, "file-a"))).ErrorCode);
        var flood = await Refused(Group);
        Assert.Equal(7, flood.Parameters?.RetryAfter);
        Assert.Equal("Too Many Requests: retry after 7", flood.Message);
        await Send(Group); // the faults did not count as sends, so the chat is free

        Assert.Empty(_api.Violations);
        Assert.Single(_api.Sent(Group));
    }

    [Fact]
    public async Task A_held_reply_times_the_client_out_although_the_message_was_delivered()
    {
        _api.HoldNext(TimeSpan.FromSeconds(2));
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var impatient = Client(_api, http);
        At(0);

        var e = await Assert.ThrowsAnyAsync<RequestException>(() => impatient.SendMessage(Group, "lost reply"));
        Assert.IsNotType<ApiRequestException>(e);
        var delivered = Assert.Single(_api.Sent(Group));
        Assert.Equal("lost reply", delivered.Text);
        Assert.Single(_api.Messages(Group));

        At(1); await Send(Group); // the next call is answered at once
        Assert.Empty(_api.Violations);
    }
}
