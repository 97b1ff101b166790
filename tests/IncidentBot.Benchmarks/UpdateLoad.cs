using System.Diagnostics;
using System.Text.Json.Nodes;
using IncidentBot.Incidents;
using IncidentBot.Telegram;
using IncidentBot.Tests.Fakes;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace IncidentBot.Benchmarks;

/// <summary>
/// Builds the update mix and measures one load against a fake: when each update was handed out by
/// getUpdates (the poll's arrival at the fake, or the update's enqueue if the poll was already waiting)
/// and when its reply request reached the fake (sendMessage to the chat, or answerCallbackQuery).
/// </summary>
internal static class UpdateLoad
{
    static readonly string[] Words = ["consulate", "drone", "kyiv", "airport", "power station", "missile", "town 42", "bridge", "azerbaijan", "region 7"];

    /// <summary>
    /// perChat updates for each chat, round-robin over chats as real traffic interleaves. The mix per
    /// 20: 5 /recent, 5 /incident N, 4 /search, 4 "older" button presses (rc:...), 2 /report text;
    /// reads only: the two reports become /incident.
    /// </summary>
    public static List<Update> Make(long firstChat, int chats, int perChat, bool readsOnly, int incidents)
    {
        var updates = new List<Update>(chats * perChat);
        var random = new Random(42);
        for (var k = 0; k < perChat; k++)
            for (var c = 0; c < chats; c++)
            {
                var user = new User { Id = firstChat + c, FirstName = $"User {c}", LanguageCode = "en" };
                var slot = (k + c) % 20;
                updates.Add(slot switch
                {
                    < 5 => Tg.Text(slot == 0 ? "/recent 10" : "/recent", from: user),
                    < 10 => Tg.Text($"/incident {random.Next(1, incidents + 1)}", from: user),
                    < 14 => Tg.Text($"/search {Words[random.Next(Words.Length)]}", from: user),
                    < 18 => Tg.Tap(CallbackData.Format(IncidentCommands.RecentPagePrefix, 5 * random.Next(1, 40), 5), from: user),
                    _ when readsOnly => Tg.Text($"/incident {random.Next(1, incidents + 1)}", from: user),
                    _ => Tg.Text($"/report Strike on the consulate in Town {random.Next(5000)}, windows broken", from: user),
                });
            }
        return updates;
    }

    public sealed record Measure(int Updates, double PerSecond, double P50, double P99, double Max, int Unmatched);

    /// <summary>
    /// Queues the updates (all at once, or at <paramref name="offeredPerSecond"/>), waits until every one
    /// has its reply, and measures. Updates/s is updates ÷ (first hand-out → last reply).
    /// </summary>
    public static async Task<Measure> Drive(FakeBotApi api, List<Update> updates, TimeSpan timeout, double? offeredPerSecond = null)
    {
        var callsBefore = api.Calls.Count;
        var queuedAt = new Dictionary<long, DateTimeOffset>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < updates.Count; i++)
        {
            if (offeredPerSecond is { } rate)
            {
                var due = TimeSpan.FromSeconds(i / rate);
                if (due > watch.Elapsed) await Task.Delay(due - watch.Elapsed);
            }
            var at = DateTimeOffset.UtcNow;
            queuedAt[api.Enqueue(updates[i])] = at;
        }
        var messageChats = updates.Where(u => u.Message is not null).Select(u => u.Message!.Chat.Id).ToHashSet();
        var messages = updates.Count(u => u.Message is not null);
        var queries = updates.Where(u => u.CallbackQuery is not null).Select(u => u.CallbackQuery!.Id).ToHashSet();
        List<ApiCall> calls;
        while (true)
        {
            calls = api.Calls.Skip(callsBefore).ToList();
            var sent = calls.Count(c => c is { Method: "sendMessage", Succeeded: true } && c.ChatId is { } id && messageChats.Contains(id));
            var answered = calls.Count(c => c.Method == "answerCallbackQuery" && c["callback_query_id"] is { } q && queries.Contains(q));
            if (sent >= messages && answered >= queries.Count) break;
            if (watch.Elapsed > timeout) throw new TimeoutException($"{sent}/{messages} messages and {answered}/{queries.Count} buttons answered after {timeout.TotalSeconds:0} s");
            await Task.Delay(100);
        }
        await Task.Delay(200);
        calls = api.Calls.Skip(callsBefore).ToList();
        return Analyse(calls, updates, queuedAt);
    }

    static Measure Analyse(List<ApiCall> calls, List<Update> updates, Dictionary<long, DateTimeOffset> queuedAt)
    {
        // When each update was handed out: its first getUpdates (a waiting poll hands it out when it is queued).
        var fetched = new Dictionary<long, DateTimeOffset>();
        foreach (var poll in calls.Where(c => c.Method == "getUpdates" && c.Result is JsonArray).OrderBy(c => c.At))
            foreach (var u in (JsonArray)poll.Result!)
                if (u?["update_id"]?.GetValue<long>() is { } id && queuedAt.TryGetValue(id, out var queued) && !fetched.ContainsKey(id))
                    fetched[id] = poll.At > queued ? poll.At : queued;

        var answers = calls.Where(c => c.Method == "answerCallbackQuery" && c["callback_query_id"] is not null)
            .GroupBy(c => c["callback_query_id"]!).ToDictionary(g => g.Key, g => g.Min(c => c.At));
        var sends = calls.Where(c => c is { Method: "sendMessage", Succeeded: true } && c.ChatId is not null)
            .GroupBy(c => c.ChatId!.Value).ToDictionary(g => g.Key, g => g.Select(c => c.At).Order().ToList());
        var next = new Dictionary<long, int>();
        var latencies = new List<double>();
        DateTimeOffset last = DateTimeOffset.MinValue;
        var unmatched = 0;
        var byKind = new Dictionary<string, List<double>>();
        foreach (var u in updates)
        {
            if (!fetched.TryGetValue(u.Id, out var got)) { unmatched++; continue; }
            DateTimeOffset? reply = null;
            if (u.CallbackQuery is { } q) reply = answers.TryGetValue(q.Id, out var a) ? a : null;
            else if (sends.TryGetValue(u.Message!.Chat.Id, out var list))
            {
                // One chat's updates are handled in order: its k-th reply after the hand-out answers this one.
                var i = next.GetValueOrDefault(u.Message.Chat.Id);
                while (i < list.Count && list[i] < got) i++;
                if (i < list.Count) { reply = list[i]; next[u.Message.Chat.Id] = i + 1; }
            }
            if (reply is not { } r) { unmatched++; continue; }
            latencies.Add((r - got).TotalMilliseconds);
            var kind = u.CallbackQuery is not null ? "button" : u.Message!.Text!.Split(' ')[0];
            if (!byKind.TryGetValue(kind, out var ks)) byKind[kind] = ks = [];
            ks.Add((r - got).TotalMilliseconds);
            if (r > last) last = r;
        }
        var span = (last - fetched.Values.Min()).TotalSeconds;
        Console.WriteLine("    by kind: " + string.Join(", ", byKind.Select(k => $"{k.Key} p50 {Stats.Percentile(k.Value, 50):0.0} p99 {Stats.Percentile(k.Value, 99):0.0} ms")));
        return new Measure(updates.Count, latencies.Count / span, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), latencies.Max(), unmatched);
    }
}
