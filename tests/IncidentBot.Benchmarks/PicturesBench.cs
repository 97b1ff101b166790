using IncidentBot.Tests.Fakes;
using Telegram.Bot.Types;

namespace IncidentBot.Benchmarks;

/// <summary>
/// Pictures do not hold up other chats: /help from one chat while ten other chats each ask for a map that has to be
/// drawn (a different period each, so none is cached), against /help with nothing else going on. The record holds the
/// update scenarios' incidents, so each /map also reads and filters all of them.
/// </summary>
internal static class PicturesBench
{
    const long HelpChat = 700_000, FirstMapChat = 710_000;
    const int Maps = 10;
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<List<Row>> Run(Options o)
    {
        Console.WriteLine($"pictures: /help while {Maps} maps draw, {o.Incidents:N0} incidents, {o.PictureRounds} rounds");
        await using var bot = await BotHost.StartAsync("pictures", SendLimits.Off, new Dictionary<string, string?>
        {
            ["Alerts:GlobalPerSecond"] = "1000", ["Alerts:PaidBroadcast"] = "true", ["Alerts:PerChatPerSecond"] = "1000", ["Alerts:GroupPerMinute"] = "60000",
        }, cs => Db.InsertIncidents(cs, o.Incidents));
        bot.Api.Started([HelpChat, .. Enumerable.Range(0, Maps).Select(i => FirstMapChat + i)]);

        // Warm-up: the first map loads the font and the borders, the first /help the strings.
        await Ask(bot, FirstMapChat, "/map 3650d", "sendPhoto");
        await Ask(bot, HelpChat, "/help", "sendMessage");

        var idle = new List<double>();
        for (var i = 0; i < 20; i++) idle.Add((await Ask(bot, HelpChat, "/help", "sendMessage")).TotalMilliseconds);

        var loaded = new List<double>();
        var mapSeconds = new List<double>();
        var overlapped = 0;
        for (var round = 0; round < o.PictureRounds; round++)
        {
            var start = DateTimeOffset.UtcNow;
            var maps = Enumerable.Range(0, Maps)
                .Select(i => Ask(bot, FirstMapChat + i, $"/map {3600 - round * Maps - i}d", "sendPhoto")).ToList();
            await bot.Api.WaitUntil(a => a.PendingUpdates == 0, Timeout); // the bot has the maps' updates: they are being made
            var help = await Ask(bot, HelpChat, "/help", "sendMessage");
            var answered = DateTimeOffset.UtcNow;
            loaded.Add(help.TotalMilliseconds);
            await Task.WhenAll(maps);
            var photos = bot.Api.Calls.Where(c => c.Method == "sendPhoto" && c.At >= start).Select(c => c.At).ToList();
            if (photos.Any(at => at > answered)) overlapped++;
            mapSeconds.Add((photos.Max() - start).TotalSeconds);
            Console.WriteLine($"  round {round + 1}: /help {help.TotalMilliseconds:0} ms; {Maps} maps in {mapSeconds[^1]:0.0} s");
        }

        var idleP99 = Stats.Percentile(idle, 99);
        var note = $"{o.Incidents:N0} incidents; {Maps} different /map in {Maps} chats, then /help; {overlapped} of {o.PictureRounds} rounds answered /help before the last map";
        return
        [
            new("Pictures", "/help, nothing else going on (p99)", [idleP99], "ms", "", "", "20 asks"),
            new("Pictures", $"/help while {Maps} maps draw", loaded, "ms", $"{Stats.Ratio(Stats.Median(loaded) / Math.Max(1, idleP99))} of idle p99", "< 100 ms", note),
            new("Pictures", $"{Maps} maps drawn and sent", mapSeconds, "s", "", "", $"at most {Math.Max(1, Environment.ProcessorCount / 2)} drawn at once"),
        ];
    }

    /// <summary>Sends a command from a private chat and waits for the bot's answer of that kind: how long it took.</summary>
    static async Task<TimeSpan> Ask(BotHost bot, long chat, string text, string method)
    {
        var sent = DateTimeOffset.UtcNow;
        bot.Api.Enqueue(Tg.Text(text, from: new User { Id = chat, FirstName = "Reader", LanguageCode = "en" }));
        var answer = await bot.Api.WaitForCall(c => c.Method == method && c.ChatId == chat && c.At >= sent, Timeout);
        return answer.At - sent;
    }
}
