using System.Diagnostics;
using IncidentBot.Telegram.Sending;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Benchmarks;

/// <summary>
/// The nearest first (issue 9 part 4): one incident with coordinates published to N chats at the default
/// 30/s with Telegram's limits enforced, as the "600 chats at 30/s" fan-out. Of the N, a few have a 10 km
/// radius around the strike (centres scattered within ~4 km of it); the rest subscribe to everything and
/// come first both in subscription id and in chat id, so claiming by id alone would send them first.
/// Timed from the publish until the last radius chat has its alert; the run then stops rather than wait for
/// the whole fan-out (N ÷ 30 s). A fresh bot per run, so no run starts behind the previous one's backlog.
/// </summary>
internal static class NearestBench
{
    const double StrikeLatitude = 50.4501, StrikeLongitude = 30.5234, RadiusKm = 10, Rate = 30, TargetSeconds = 4;
    const long FirstChat = 1_000_000, WarmupChat = 9_000_000;
    const int WarmupChats = 50;

    public static async Task<List<Row>> Run(Options o)
    {
        var (chats, near) = (o.NearestChats, o.NearestRadiusChats);
        var everything = chats - near;
        Console.WriteLine($"nearest first: {chats:N0} chats at {Rate}/s, {near} with a {RadiusKm} km radius, {o.FanOutRuns} runs");
        var limits = SendLimits.Telegram with { ApplyToPrivateChatBursts = true };
        var settings = new Dictionary<string, string?> { ["Alerts:GlobalPerSecond"] = Rate.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        List<double> last = [], first = [], others = [], violations = [], busiest = [], ranks = [];
        for (var run = 0; run < o.FanOutRuns; run++)
        {
            await using var bot = await BotHost.StartAsync("nearest", limits, settings,
                cs => Db.InsertSubscriptions(cs, WarmupChats, WarmupChat, Db.WarmupArea));
            bot.Api.Started(FirstChat, chats); // subscribers have opened the bot, or Telegram would refuse
            bot.Api.Started(WarmupChat, WarmupChats);
            bot.Api.ResponseLatencyFor = call => call.Method == "sendMessage" ? TimeSpan.FromMilliseconds(50 + Random.Shared.Next(51)) : TimeSpan.Zero;

            // Warm-up first: a subscription to everything would match the warm-up incident too.
            await FanOutBench.FanOut(bot, "Warmup", WarmupChats, TimeSpan.FromSeconds(60));
            // Everything first (lower subscription ids and chat ids), then the radius chats.
            await Db.InsertSubscriptions(bot.Database, everything, FirstChat, area: null);
            await Db.InsertRadiusSubscriptions(bot.Database, near, FirstChat + everything, StrikeLatitude, StrikeLongitude, RadiusKm);
            // The fan-out starts on a full budget: the warm-up's last send has left Telegram's sliding second.
            var lastWarmup = bot.Api.Calls.Where(c => c.Method == "sendMessage").Max(c => c.At);
            if (lastWarmup + TimeSpan.FromSeconds(1.1) - DateTimeOffset.UtcNow is { Ticks: > 0 } rest) await Task.Delay(rest);

            var nearChats = Enumerable.Range(0, near).Select(i => FirstChat + everything + i).ToArray();
            var violationsBefore = bot.Api.Violations.Count;
            var start = DateTimeOffset.UtcNow;
            var (incident, rows, _) = await Db.Publish(bot.Services, "Ukraine", coords: (StrikeLatitude, StrikeLongitude));
            if (rows != chats) throw new InvalidOperationException($"{rows} delivery rows for {chats} subscribed chats");
            var watch = Stopwatch.StartNew();
            var arrived = new DateTimeOffset?[near];
            while (arrived.Any(a => a is null))
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(120))
                    throw new TimeoutException($"only {arrived.Count(a => a is not null)} of {near} radius chats had their alert after 120 s");
                for (var i = 0; i < near; i++)
                    if (arrived[i] is null && bot.Api.SendTimes(nearChats[i]) is [.., var t] && t >= start) arrived[i] = t;
                await Task.Delay(20);
            }
            var violationCount = bot.Api.Violations.Count - violationsBefore;
            var (firstNear, lastNear) = (arrived.Min()!.Value, arrived.Max()!.Value);
            var mine = bot.Api.SendTimes().Where(t => t >= start && t <= lastNear).ToList();
            var busiestSecond = 0;
            for (int end = 0, begin = 0; end < mine.Count; end++)
            {
                while (mine[end] - mine[begin] >= TimeSpan.FromSeconds(1)) begin++;
                busiestSecond = Math.Max(busiestSecond, end - begin + 1);
            }
            var worstRank = await WorstNearRank(bot, incident, nearChats);
            last.Add((lastNear - start).TotalSeconds);
            first.Add((firstNear - start).TotalMilliseconds);
            others.Add(mine.Count - near);
            violations.Add(violationCount);
            busiest.Add(busiestSecond);
            ranks.Add(worstRank);
            Console.WriteLine($"  run {run + 1}: last radius chat {(lastNear - start).TotalSeconds:0.00} s, first {(firstNear - start).TotalMilliseconds:0} ms, "
                + $"{mine.Count - near} other chats before the last, {violationCount} violations, busiest second {busiestSecond}; "
                + $"stopped after {bot.Api.SendTimes().Count(t => t >= start):N0} of {chats:N0} sends");
        }
        var scenario = $"Fan-out nearest first, {chats:N0} chats at {Rate}/s, {near} within a {RadiusKm} km radius";
        var note = $"stopped once the {near} radius chats had theirs (the whole fan-out takes {chats / Rate:0} s); fresh bot per run; "
            + $"priority radius {Delivery.Rank.Radius}–{Stats.Median(ranks):0}, everything {Delivery.Rank.Everything}";
        var floor = near / Rate;
        return
        [
            new(scenario, $"publish → last radius chat's alert (floor {near}÷{Rate} = {floor:0.0} s)", last, "s", $"{Stats.Ratio(Stats.Median(last) / TargetSeconds)} of {TargetSeconds} s", $"≤ {TargetSeconds} s", note),
            new(scenario, "publish → first radius chat's alert", first, "ms", "", "", note),
            new(scenario, "other chats' alerts before the last radius one", others, "", "", "≈ 0 (in-flight batch at most)", note),
            new(scenario, "violations (429s) seen by the fake", violations, "", "", "0", note),
            new(scenario, "most sends in any 1 s window", busiest, "", $"{Stats.Ratio(Stats.Median(busiest) / Rate)} of {Rate}/s", "≤ limit", note),
        ];
    }

    /// <summary>
    /// The highest priority any radius chat's alert got, after checking that the rows ranked as the set-up
    /// means: the radius chats at the radius rank, every other chat at "everything".
    /// </summary>
    static async Task<double> WorstNearRank(BotHost bot, long incident, long[] nearChats)
    {
        await using var db = bot.NewDb();
        var everything = await db.Deliveries.CountAsync(d => d.IncidentId == incident && !nearChats.Contains(d.ChatId) && d.Priority == Delivery.Rank.Everything);
        var all = await db.Deliveries.CountAsync(d => d.IncidentId == incident);
        if (everything != all - nearChats.Length)
            throw new InvalidOperationException($"{all - nearChats.Length - everything} of the other chats' alerts were not ranked as subscriptions to everything");
        var priorities = await db.Deliveries.Where(d => d.IncidentId == incident && nearChats.Contains(d.ChatId)).Select(d => d.Priority).ToListAsync();
        if (priorities.Count != nearChats.Length || priorities.Any(p => p >= Delivery.Rank.Place))
            throw new InvalidOperationException($"radius chats' alerts were not ranked as radius matches: {string.Join(", ", priorities.Distinct())}");
        return priorities.Max();
    }
}
