using IncidentBot.Tests.Fakes;
using Telegram.Bot;
using Telegram.Bot.Polling;
using Telegram.Bot.Types;

namespace IncidentBot.Benchmarks;

/// <summary>
/// Scenario 3: update handling against a database of 100k incidents, compared with an echo bot on
/// Telegram.Bot's own receiver against a fake of its own in the same run. The budget at its widest (1000/s), limits off,
/// no server latency: the bot's own cost shows. Then the mix at a 150 ms round trip with the defaults.
/// </summary>
internal static class UpdateBench
{
    public static async Task<List<Row>> Run(Options o)
    {
        var rows = new List<Row>();
        if (Environment.GetEnvironmentVariable("BENCH_LATENCY_ONLY") == "1") return [await AtTelegramLatency(o)]; // diagnostics
        var perChat = o.Updates / o.UpdateChats;
        var timeout = TimeSpan.FromMinutes(5);
        Console.WriteLine($"updates: {o.Updates:N0} from {o.UpdateChats:N0} chats, {o.Incidents:N0} incidents");

        UpdateLoad.Measure botReads, botMix, echoReads, echoMix, botLight, echoLight;
        await using (var bot = await BotHost.StartAsync("updates", SendLimits.Off,
            new Dictionary<string, string?>
            {
                ["Alerts:GlobalPerSecond"] = "1000", ["Alerts:PaidBroadcast"] = "true", ["Alerts:PerChatPerSecond"] = "1000", ["Alerts:GroupPerMinute"] = "60000",
            }, cs => Db.InsertIncidents(cs, o.Incidents)))
        {
            bot.Api.Enqueue(Tg.Text("/start", from: new User { Id = BotHost.ModeratorId, FirstName = "Mo", LanguageCode = "en" }));
            await UpdateLoad.Drive(bot.Api, UpdateLoad.Make(5_000_000, 100, 5, readsOnly: false, o.Incidents), timeout); // warm-up
            botReads = await Report("bot, reads", UpdateLoad.Drive(bot.Api, UpdateLoad.Make(1_000_000, o.UpdateChats, perChat, true, o.Incidents), timeout));
            botMix = await Report("bot, mix", UpdateLoad.Drive(bot.Api, UpdateLoad.Make(2_000_000, o.UpdateChats, perChat, false, o.Incidents), timeout));
            botLight = await Report("bot, mix at 20/s offered", UpdateLoad.Drive(bot.Api, UpdateLoad.Make(3_000_000, 100, 2, false, o.Incidents), timeout, 20));
            Console.WriteLine($"  WAL after the bot's runs: {bot.WalBytes / 1048576.0:0} MB");
        }
        if (Environment.GetEnvironmentVariable("BENCH_DIAG") == "1") return rows; // diagnostics: the bot's runs only
        await using (var echo = await EchoBot.StartAsync())
        {
            await UpdateLoad.Drive(echo.Api, UpdateLoad.Make(5_000_000, 100, 5, readsOnly: false, o.Incidents), timeout); // warm-up
            echoReads = await Report("echo, reads", UpdateLoad.Drive(echo.Api, UpdateLoad.Make(1_000_000, o.UpdateChats, perChat, true, o.Incidents), timeout));
            echoMix = await Report("echo, mix", UpdateLoad.Drive(echo.Api, UpdateLoad.Make(2_000_000, o.UpdateChats, perChat, false, o.Incidents), timeout));
            echoLight = await Report("echo, mix at 20/s offered", UpdateLoad.Drive(echo.Api, UpdateLoad.Make(3_000_000, 100, 2, false, o.Incidents), timeout, 20));
        }
        const string Scenario = "Updates, no latency";
        var burst = $"{o.Updates:N0} queued at once, {o.UpdateChats:N0} chats";
        rows.Add(new($"{Scenario}, reads", "updates/s", [botReads.PerSecond], "/s", $"{Stats.Ratio(botReads.PerSecond / echoReads.PerSecond)} of echo ({Stats.F(echoReads.PerSecond)}/s)", "≥ 0.7 of echo", burst));
        rows.Add(new($"{Scenario}, mix", "updates/s", [botMix.PerSecond], "/s", $"{Stats.Ratio(botMix.PerSecond / echoMix.PerSecond)} of echo ({Stats.F(echoMix.PerSecond)}/s)", "≥ 0.5 of echo", burst));
        foreach (var (name, bot, echo) in new[] { ("reads", botReads, echoReads), ("mix", botMix, echoMix) })
        {
            rows.Add(new($"{Scenario}, {name}", "p50 fetched → reply (backlog included)", [bot.P50], "ms", $"echo {Stats.F(echo.P50)} ms", "", burst));
            rows.Add(new($"{Scenario}, {name}", "p99 fetched → reply (backlog included)", [bot.P99], "ms", $"echo {Stats.F(echo.P99)} ms", "< 20 ms", burst));
        }
        var light = $"{botLight.Updates:N0} updates offered at 20/s, 100 chats";
        rows.Add(new($"{Scenario}, mix (light load)", "p50 fetched → reply", [botLight.P50], "ms", $"echo {Stats.F(echoLight.P50)} ms", "", light));
        rows.Add(new($"{Scenario}, mix (light load)", "p99 fetched → reply", [botLight.P99], "ms", $"echo {Stats.F(echoLight.P99)} ms", "< 20 ms", light));

        rows.Add(await AtTelegramLatency(o));
        return rows;
    }

    static async Task<UpdateLoad.Measure> Report(string name, Task<UpdateLoad.Measure> run)
    {
        var m = await run;
        Console.WriteLine($"  {name}: {m.Updates} updates, {m.PerSecond:0} /s, p50 {m.P50:0.0} ms, p99 {m.P99:0.0} ms, max {m.Max:0} ms, unmatched {m.Unmatched}");
        return m;
    }

    /// <summary>The mix at a 150 ms round trip (every call), Telegram's default limits, the bot's defaults (30/s paced).</summary>
    static async Task<Row> AtTelegramLatency(Options o)
    {
        const int PerChat = 5;
        var chats = o.LatencyUpdates / PerChat;
        await using var bot = await BotHost.StartAsync("latency", SendLimits.Telegram, new Dictionary<string, string?>(), cs => Db.InsertIncidents(cs, o.Incidents));
        bot.Api.Enqueue(Tg.Text("/start", from: new User { Id = BotHost.ModeratorId, FirstName = "Mo", LanguageCode = "en" }));
        bot.Api.ResponseLatency = TimeSpan.FromMilliseconds(150);
        await Task.Delay(1500);
        var m = await Report("bot, mix at 150 ms", UpdateLoad.Drive(bot.Api, UpdateLoad.Make(4_000_000, chats, PerChat, false, o.Incidents), TimeSpan.FromMinutes(5)));
        // Where the time goes: moderator cards all go to one chat, paced at one per second.
        var cards = bot.Api.SendTimes(BotHost.ModeratorId);
        var all = bot.Api.SendTimes();
        if (cards.Count > 1)
            Console.WriteLine($"  {cards.Count} moderator cards over {(cards[^1] - cards[0]).TotalSeconds:0.0} s to one chat; {all.Count} sends in all over {(all[^1] - all[0]).TotalSeconds:0.0} s");
        return new("Updates, 150 ms round trip, default limits", "updates/s", [m.PerSecond], "/s", $"{Stats.Ratio(m.PerSecond / 30)} of 30/s",
            "near 30/s (sends); buttons need no send", $"{m.Updates:N0} updates, {chats} chats; p50 {Stats.F(m.P50)} ms, p99 {Stats.F(m.P99)} ms; violations {bot.Api.Violations.Count}");
    }
}

/// <summary>The baseline: Telegram.Bot's own receiver, one update at a time, replying with SendMessage (or answering the button).</summary>
internal sealed class EchoBot : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();

    EchoBot(FakeBotApi api) => Api = api;

    public FakeBotApi Api { get; }

    public static async Task<EchoBot> StartAsync()
    {
        var api = await FakeBotApi.StartAsync(BotHost.Token);
        api.Limits = SendLimits.Off;
        var echo = new EchoBot(api);
        var client = new TelegramBotClient(new TelegramBotClientOptions(BotHost.Token, api.BaseUrl.ToString()) { RetryThreshold = 0 },
            new HttpClient { Timeout = TimeSpan.FromSeconds(100) });
        client.StartReceiving(async (bot, update, ct) =>
        {
            if (update.CallbackQuery is { } query) await bot.AnswerCallbackQuery(query.Id, cancellationToken: ct);
            else if (update.Message is { } message) await bot.SendMessage(message.Chat.Id, "echo: " + message.Text, cancellationToken: ct);
        }, (_, _, _, _) => Task.CompletedTask, new ReceiverOptions { Limit = 100 }, echo._stop.Token);
        return echo;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Api.DisposeAsync();
    }
}
