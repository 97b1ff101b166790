using System.Diagnostics;
using IncidentBot.Data;
using IncidentBot.Tests.Fakes;

namespace IncidentBot.Benchmarks;

/// <summary>
/// Scenario 2: how soon a fan-out to many subscribers starts. Publish → all delivery rows committed
/// (AlertOutbox.Published inside the publishing transaction), and publish → first send at the fake,
/// with the production defaults (30/s paced, Telegram's limits enforced). A fresh bot per run, on SQLite and then on
/// PostgreSQL (same size, runs and targets).
/// The 1M figures come from the memory scenario's run (see MemoryBench), to insert 1M rows only once.
/// </summary>
internal static class StartBench
{
    public static async Task<List<Row>> Run(Options o) =>
        [.. await Run(o, DatabaseProvider.Sqlite), .. await Run(o, DatabaseProvider.Postgres)];

    static async Task<List<Row>> Run(Options o, DatabaseProvider provider)
    {
        Console.WriteLine($"fan-out start: {o.StartSubscriptions:N0} subscriptions on {provider}, {o.StartRuns} runs");
        List<double> written = [], first = [];
        for (var run = 0; run < o.StartRuns; run++)
        {
            await using var bot = await BotHost.StartAsync("start", SendLimits.Telegram, new Dictionary<string, string?>(),
                async cs =>
                {
                    await Db.InsertSubscriptions(cs, o.StartSubscriptions, 1_000_000);
                    await Db.InsertSubscriptions(cs, 20, 9_000_000, Db.WarmupArea);
                }, provider);
            bot.Api.Started(1_000_000, o.StartSubscriptions); // subscribers have opened the bot, or Telegram would refuse
            bot.Api.Started(9_000_000, 20);
            await Task.Delay(1500); // the budget's cold-start second
            await FanOutBench.FanOut(bot, "Warmup", 20, TimeSpan.FromSeconds(30)); // warm: the send path is compiled
            var already = bot.Api.SendTimes().Count;
            var start = DateTimeOffset.UtcNow;
            var (_, rows, rowsWritten) = await Db.Publish(bot.Services, "Ukraine");
            if (rows != o.StartSubscriptions) throw new InvalidOperationException($"{rows} delivery rows for {o.StartSubscriptions} subscriptions");
            var watch = Stopwatch.StartNew();
            IReadOnlyList<DateTimeOffset> times;
            while ((times = bot.Api.SendTimes()).Count == already && watch.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(5);
            var firstSend = times.Skip(already).Min() - start;
            written.Add(rowsWritten.TotalMilliseconds);
            first.Add(firstSend.TotalMilliseconds);
            Console.WriteLine($"  run {run + 1}: rows written {rowsWritten.TotalMilliseconds:0} ms, first send {firstSend.TotalMilliseconds:0} ms");
        }
        return Rows($"{o.StartSubscriptions:N0}", written, first, "in-process, fresh bot per run, warmed by a 20-chat fan-out", provider);
    }

    public static List<Row> Rows(string size, List<double> written, List<double> first, string note, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var scenario = $"Fan-out start, {size} subscriptions{BenchDatabase.RowSuffix(provider)}";
        return
        [
            new(scenario, "publish → all delivery rows written", written, "ms", $"{Stats.Ratio(Stats.Median(written) / 1000)} of 1 s", "< 1 s (100k)", note),
            new(scenario, "publish → first send", first, "ms", $"{Stats.Ratio(Stats.Median(first) / 1000)} of 1 s", "< 1 s (100k)", note),
        ];
    }
}
