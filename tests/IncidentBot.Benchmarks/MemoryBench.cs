using System.Diagnostics;
using System.Globalization;
using IncidentBot.Data;
using IncidentBot.Tests.Fakes;

namespace IncidentBot.Benchmarks;

/// <summary>
/// Scenario 4 (and the 1M row of scenario 2): the bot in a child process of its own ("botchild"), so the
/// fake server's records do not count. The budget at its widest (1000/s, paid), limits off, no latency, 500 sends in flight: the most
/// the dispatcher can hold at once. 100k: the whole fan-out; 1M: publish and the first seconds of sending.
/// </summary>
internal static class MemoryBench
{
    const double MB = 1024 * 1024;

    public static async Task<(List<Row> Memory, List<Row> Start)> Run(Options o, bool withMillion)
    {
        var memory = new List<Row>();
        var start = new List<Row>();
        var (m100, _) = await Measure(o.MemoryFanOut, wholeFanOut: true);
        memory.AddRange(Rows($"{o.MemoryFanOut:N0} subscriptions, whole fan-out", m100));
        if (withMillion)
        {
            var (m1, times) = await Measure(o.MillionSubscriptions, wholeFanOut: false);
            memory.AddRange(Rows($"{o.MillionSubscriptions:N0} subscriptions stored, first 15 s of the fan-out", m1));
            start.AddRange(StartBench.Rows($"{o.MillionSubscriptions:N0}", [times.Written], [times.First], "child process, 1 run"));
        }
        return (memory, start);
    }

    sealed record Figures(double BaselineHeap, double BaselineWs, double HeapGrowth, double LiveGrowth, double PeakWs, double Sent, double Seconds);

    static List<Row> Rows(string what, Figures f) =>
    [
        new($"Memory, {what}", "managed heap growth (peak GC.GetTotalMemory − baseline)", [f.HeapGrowth], "MB", $"{Stats.Ratio(f.HeapGrowth / 50)} of 50 MB", "< 50 MB",
            $"baseline heap {f.BaselineHeap:0} MB; live heap after GC grew {f.LiveGrowth:0} MB"),
        new($"Memory, {what}", "peak working set (VmHWM)", [f.PeakWs], "MB", $"{Stats.Ratio(f.PeakWs / 250)} of 250 MB", "< 250 MB",
            $"idle after start {f.BaselineWs:0} MB; {f.Sent:N0} sent in {f.Seconds:0.0} s"),
    ];

    static async Task<(Figures, (double Written, double First))> Measure(int subscriptions, bool wholeFanOut)
    {
        Console.WriteLine($"memory: {subscriptions:N0} subscriptions, {(wholeFanOut ? "whole fan-out" : "first 15 s")}");
        var database = await BenchDatabase.Create(DatabaseProvider.Sqlite, "memory");
        await using var api = await FakeBotApi.StartAsync(BotHost.Token);
        api.Limits = SendLimits.Off;
        try
        {
            await Db.Migrate(database);
            await Db.InsertSubscriptions(database, subscriptions, 1_000_000);
            api.Started(1_000_000, subscriptions); // subscribers have opened the bot, or Telegram would refuse
            using var child = ChildProcess.StartSelf(api.BaseUrl, database.ConnectionString,
                ("Alerts__GlobalPerSecond", "1000"), ("Alerts__PaidBroadcast", "true"), ("Alerts__PerChatPerSecond", "1000"),
                ("Alerts__GroupPerMinute", "60000"));
            await child.WaitFor("READY", TimeSpan.FromSeconds(120));
            await Task.Delay(2000); // settle after start
            child.Send("baseline");
            var baseline = await child.WaitFor("BASELINE ", TimeSpan.FromSeconds(30));
            child.Send("publish");
            var published = await child.WaitFor("PUBLISHED ", TimeSpan.FromSeconds(300));
            var publishedAt = new DateTimeOffset(long.Parse(published[0], CultureInfo.InvariantCulture), TimeSpan.Zero);
            var written = double.Parse(published[1], CultureInfo.InvariantCulture);
            var watch = Stopwatch.StartNew();
            var limit = wholeFanOut ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(15);
            // Polled, not WaitUntil: a condition re-checked on each of 100k calls would rescan them all each time.
            while (api.SendTimes().Count < subscriptions && watch.Elapsed < limit) await Task.Delay(200);
            var times = api.SendTimes();
            if (wholeFanOut && times.Count < subscriptions) Console.WriteLine($"  only {times.Count} of {subscriptions} sent in {limit.TotalMinutes} min");
            child.Send("peak");
            var peak = await child.WaitFor("PEAK ", TimeSpan.FromSeconds(30));
            child.Send("exit");
            double B(string s) => long.Parse(s, CultureInfo.InvariantCulture) / MB;
            var f = new Figures(B(baseline[0]), B(baseline[1]), B(peak[0]) - B(baseline[0]), B(peak[1]) - B(baseline[0]), B(peak[3]), times.Count,
                times.Count == 0 ? 0 : (times[^1] - publishedAt).TotalSeconds);
            var first = times.Count == 0 ? double.NaN : (times[0] - publishedAt).TotalMilliseconds;
            Console.WriteLine($"  heap +{f.HeapGrowth:0} MB (live +{f.LiveGrowth:0} MB), peak WS {f.PeakWs:0} MB, rows written {written:0} ms, first send {first:0} ms, {f.Sent:N0} sent in {f.Seconds:0.0} s");
            await Task.Delay(500);
            return (f, (written, first));
        }
        finally { database.Delete(); }
    }
}
