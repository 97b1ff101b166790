using IncidentBot.Alerts;
using IncidentBot.Data;
using IncidentBot.Tests.Fakes;

namespace IncidentBot.Benchmarks;

/// <summary>
/// Scenario 5: the built IncidentBot.dll is killed with SIGKILL at a random point of a fan-out (after a
/// random number of sends), restarted on the same database, and the fake counts each chat's alerts.
/// Lost: a chat with none. Duplicated: each extra alert; at most the sends in flight may repeat.
/// </summary>
internal static class CrashBench
{
    public static async Task<List<Row>> Run(Options o)
    {
        Console.WriteLine($"crash: {o.CrashRuns} kill -9 runs, {o.CrashChats:N0} chats at 1000/s (paid), 50-100 ms round trip");
        var inFlight = new AlertOptions { GlobalPerSecond = 1000 }.InFlight;
        var random = new Random(7);
        List<double> lost = [], duplicated = [], killedAfter = [], violations = [];
        for (var run = 0; run < o.CrashRuns; run++)
        {
            var database = await BenchDatabase.Create(DatabaseProvider.Sqlite, "crash");
            await using var api = await FakeBotApi.StartAsync(BotHost.Token);
            api.Limits = SendLimits.Telegram with { ApplyToPrivateChatBursts = true };
            api.ResponseLatencyFor = call => call.Method == "sendMessage" ? TimeSpan.FromMilliseconds(50 + Random.Shared.Next(51)) : TimeSpan.Zero;
            (string, string)[] settings = [("Alerts__GlobalPerSecond", "1000"), ("Alerts__PaidBroadcast", "true")];
            try
            {
                await Db.Migrate(database);
                await Db.InsertSubscriptions(database, o.CrashChats, 1_000_000);
                api.Started(1_000_000, o.CrashChats); // subscribers have opened the bot, or Telegram would refuse
                api.Started(BotHost.ModeratorId);
                var killAt = random.Next(1, (int)(o.CrashChats * 0.9));
                using (var first = ChildProcess.StartBot(api.BaseUrl, database.ConnectionString, settings))
                {
                    await api.WaitUntil(a => a.Calls.Any(c => c.Method == "setMyCommands"), TimeSpan.FromSeconds(60));
                    await Db.PublishFromOutside(database, "Ukraine");
                    while (api.SendTimes().Count < killAt) await Task.Delay(1);
                    first.Kill();
                }
                var atKill = api.SendTimes().Count;
                using (var second = ChildProcess.StartBot(api.BaseUrl, database.ConnectionString, settings))
                {
                    var deadline = DateTime.UtcNow.AddSeconds(60);
                    while (Delivered(api).Count < o.CrashChats && DateTime.UtcNow < deadline) await Task.Delay(100);
                    await Task.Delay(1000); // repeats still in flight land too
                    second.Kill();
                }
                var perChat = Delivered(api);
                var missing = o.CrashChats - perChat.Count;
                var extra = perChat.Values.Sum(n => n - 1);
                lost.Add(missing);
                duplicated.Add(extra);
                killedAfter.Add(atKill);
                violations.Add(api.Violations.Count);
                Console.WriteLine($"  run {run + 1}: killed after {atKill} sends; lost {missing}, duplicated {extra}, violations {api.Violations.Count}");
            }
            finally { database.Delete(); }
        }
        var note = $"{o.CrashRuns} runs of {o.CrashChats:N0} chats; killed after {killedAfter.Min():0}–{killedAfter.Max():0} sends";
        return
        [
            new("Crash (kill -9 mid fan-out)", "lost alerts per run", lost, "", $"total {lost.Sum():0}", "0", note),
            new("Crash (kill -9 mid fan-out)", "duplicated alerts per run", duplicated, "", $"max {Stats.Ratio(duplicated.Max() / inFlight)} of {inFlight} in flight", $"≤ {inFlight} (in flight)", note),
            new("Crash (kill -9 mid fan-out)", "violations per run", violations, "", "", "0", note),
        ];
    }

    static Dictionary<long, int> Delivered(FakeBotApi api) =>
        api.Calls.Where(c => c is { Method: "sendMessage", Succeeded: true } && c.ChatId is >= 1_000_000)
            .GroupBy(c => c.ChatId!.Value).ToDictionary(g => g.Key, g => g.Count());
}
