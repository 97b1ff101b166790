using System.Diagnostics;
using IncidentBot.Data;
using IncidentBot.Tests.Fakes;

namespace IncidentBot.Benchmarks;

/// <summary>
/// Scenario 1: fan-outs against a fake that answers sends after 50-100 ms and refuses what Telegram
/// would (429, counted as violations). Each run publishes one incident to N chats and is timed from
/// the publish to the last send the fake received.
/// </summary>
internal static class FanOutBench
{
    sealed record Case(string Name, int Chats, double Limit, SendLimits Limits, Dictionary<string, string?> Settings,
        DatabaseProvider Provider = DatabaseProvider.Sqlite, int Instances = 1);

    public static async Task<List<Row>> Run(Options o)
    {
        var enforced = SendLimits.Telegram with { ApplyToPrivateChatBursts = true };
        Case thirty = new("600 chats at 30/s", 600, 30, enforced, new() { ["Alerts:GlobalPerSecond"] = "30" });
        Case[] cases =
        [
            thirty,
            .. PostgresCases(thirty),
            new($"{o.PaidChats:N0} chats at 1000/s (paid)", o.PaidChats, 1000, enforced,
                new() { ["Alerts:GlobalPerSecond"] = "1000", ["Alerts:PaidBroadcast"] = "true" }),
        ];
        var rows = new List<Row>();
        if (Environment.GetEnvironmentVariable("BENCH_FANOUT_CASE") is { } only) cases = [cases[int.Parse(only)]]; // diagnostics
        foreach (var c in cases) rows.AddRange(await RunCase(c, o.FanOutRuns));
        return rows;
    }

    /// <summary>
    /// The PostgreSQL rows: <paramref name="thirty"/> again (same chats, limits, runs and targets) with one bot on a
    /// database of the run's PostgreSQL, so its rows sit beside SQLite's; and with two instances of the bot on that
    /// database, the fake counting their sends together (the aggregate must keep to the bot's limits).
    /// </summary>
    static Case[] PostgresCases(Case thirty) =>
    [
        thirty with { Name = thirty.Name + BenchDatabase.RowSuffix(DatabaseProvider.Postgres), Provider = DatabaseProvider.Postgres },
        thirty with { Name = thirty.Name + ", two instances' aggregate" + BenchDatabase.RowSuffix(DatabaseProvider.Postgres),
            Provider = DatabaseProvider.Postgres, Instances = 2 },
    ];

    static async Task<List<Row>> RunCase(Case c, int runs)
    {
        Console.WriteLine($"fan-out: {c.Name}, {runs} runs");
        await using var bot = await BotHost.StartAsync("fanout", c.Limits, c.Settings, async cs =>
        {
            await Db.InsertSubscriptions(cs, c.Chats, 1_000_000);
            await Db.InsertSubscriptions(cs, 50, 9_000_000, Db.WarmupArea);
        }, c.Provider, c.Instances);
        bot.Api.Started(1_000_000, c.Chats); // subscribers have opened the bot, or Telegram would refuse
        bot.Api.Started(9_000_000, 50);
        bot.Api.ResponseLatencyFor = call => call.Method == "sendMessage" ? TimeSpan.FromMilliseconds(50 + Random.Shared.Next(51)) : TimeSpan.Zero;
        await Task.Delay(1500); // the budget's cold-start second

        // Warm-up: a 50-chat fan-out of its own, so JIT and connection pools are warm.
        await FanOut(bot, "Warmup", 50, TimeSpan.FromSeconds(60));

        var floor = c.Chats / c.Limit;
        List<double> rate = [], total = [], first = [], violations = [], busiest = [];
        for (var run = 0; run < runs; run++)
        {
            var r = await FanOut(bot, "Ukraine", c.Chats, TimeSpan.FromSeconds(floor * 4 + 60));
            rate.Add(c.Chats / r.Total.TotalSeconds);
            total.Add(r.Total.TotalSeconds);
            first.Add(r.First.TotalMilliseconds);
            violations.Add(r.Violations);
            busiest.Add(r.Busiest);
            Console.WriteLine($"  run {run + 1}: {r.Total.TotalSeconds:0.00} s, first send {r.First.TotalMilliseconds:0} ms, {r.Violations} violations, busiest second {r.Busiest}");
        }
        var paced = c.Limits.Enforce;
        var target = paced ? "≥ 0.97, 0 violations" : "headroom (> 1)";
        return
        [
            new($"Fan-out {c.Name}", "delivered/s (N ÷ publish→last send)", rate, "/s", $"{Stats.Ratio(Stats.Median(rate) / c.Limit)} of {c.Limit}/s", target),
            new($"Fan-out {c.Name}", $"total time (floor N÷limit = {floor:0.#} s)", total, "s", $"{Stats.Ratio(Stats.Median(total) / floor)} × floor", paced ? "≤ 1.03 × floor" : ""),
            new($"Fan-out {c.Name}", "violations (429s) seen by the fake", violations, "", "", paced ? "0" : "(limits off)"),
            new($"Fan-out {c.Name}", "most sends in any 1 s window", busiest, "", $"{Stats.Ratio(Stats.Median(busiest) / c.Limit)} of {c.Limit}/s", paced ? "≤ limit" : ""),
        ];
    }

    // Diagnostics: sends arrive in bursts (the budget's sub-second window); their size and period show the pacing.
    static void PrintBursts(List<DateTimeOffset> sends)
    {
        var starts = new List<DateTimeOffset> { sends[0] };
        var sizes = new List<int> { 1 };
        for (var i = 1; i < sends.Count; i++)
            if (sends[i] - sends[i - 1] > TimeSpan.FromMilliseconds(4)) { starts.Add(sends[i]); sizes.Add(1); } else sizes[^1]++;
        var periods = starts.Zip(starts.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        var spans = new List<double>();
        for (int i = 0, k = 0; i < sizes.Count; k += sizes[i], i++) spans.Add((sends[k + sizes[i] - 1] - sends[k]).TotalMilliseconds);
        Console.WriteLine($"  bursts: {sizes.Count}, size median {Stats.Median(sizes.Select(x => (double)x).ToList()):0}, period median {Stats.Median(periods):0.0} ms (p90 {Stats.Percentile(periods, 90):0.0}), burst spread median {Stats.Median(spans):0.0} ms");
    }

    public sealed record Result(TimeSpan First, TimeSpan Total, int Violations, double Busiest);

    /// <summary>Publishes one incident and waits for <paramref name="chats"/> new sends.</summary>
    public static async Task<Result> FanOut(BotHost bot, string country, int chats, TimeSpan timeout)
    {
        var before = bot.Api.SendTimes().Count;
        var violationsBefore = bot.Api.Violations.Count;
        var start = DateTimeOffset.UtcNow;
        await Db.Publish(bot.Services, country);
        var watch = Stopwatch.StartNew();
        IReadOnlyList<DateTimeOffset> times;
        while ((times = bot.Api.SendTimes()).Count < before + chats)
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"fan-out to {chats} chats: only {times.Count - before} sends after {timeout.TotalSeconds:0} s");
            await Task.Delay(20);
        }
        var mine = times.Skip(before).ToList();
        if (Environment.GetEnvironmentVariable("BENCH_BURSTS") == "1") PrintBursts(mine);
        var busiest = 0;
        for (int end = 0, begin = 0; end < mine.Count; end++)
        {
            while (mine[end] - mine[begin] >= TimeSpan.FromSeconds(1)) begin++;
            busiest = Math.Max(busiest, end - begin + 1);
        }
        return new Result(mine[0] - start, mine[^1] - start, bot.Api.Violations.Count - violationsBefore, busiest);
    }
}
