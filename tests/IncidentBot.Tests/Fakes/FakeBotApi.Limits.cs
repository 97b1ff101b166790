using System.Globalization;

namespace IncidentBot.Tests.Fakes;

// Telegram's sending limits (see SendLimits): every delivered send is timed by arrival; a send that would
// crowd a sliding window past its limit answers 429 and is recorded as a violation, because a correct
// pacer never meets one. Refused sends change nothing and are not counted.
public sealed partial class FakeBotApi
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    // Arrival times of delivered sends, each list kept sorted (arrivals can be dispatched out of order).
    private readonly List<DateTimeOffset> _allSends = [];
    private readonly List<DateTimeOffset> _freeSends = []; // without allow_paid_broadcast
    private readonly Dictionary<long, List<DateTimeOffset>> _chatSends = [];
    private SendLimits _limits = SendLimits.Telegram;

    /// <summary>The limits enforced from the next send on; <see cref="SendLimits.Telegram"/> by default.</summary>
    public SendLimits Limits
    {
        get { lock (_gate) return _limits; }
        set { ArgumentNullException.ThrowIfNull(value); lock (_gate) _limits = value; }
    }

    /// <summary>Arrival times of delivered sends (all chats, or one), in order. Refused and faulted sends are not in it.</summary>
    public IReadOnlyList<DateTimeOffset> SendTimes(long? chatId = null)
    {
        lock (_gate)
            return chatId is { } id ? _chatSends.GetValueOrDefault(id)?.ToArray() ?? [] : _allSends.ToArray();
    }

    /// <summary>
    /// The most delivered sends (all chats, or one) whose arrival times span less than <paramref name="window"/>:
    /// raw, without <see cref="SendLimits.Tolerance"/>. A whole number, typed double to compare with rates
    /// (e.g. <c>MaxSendsInAnyWindow(TimeSpan.FromSeconds(1)) &lt;= Limits.GlobalPerSecond</c>).
    /// </summary>
    public double MaxSendsInAnyWindow(TimeSpan window, long? chatId = null)
    {
        var times = SendTimes(chatId);
        int best = 0, start = 0;
        for (var end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= window) start++;
            best = Math.Max(best, end - start + 1);
        }
        return best;
    }

    /// <summary>Null when this send may go; otherwise the 429, recorded as a violation. Lock held.</summary>
    private Reply? CheckLimits(ApiCall call, long chatId)
    {
        var limits = _limits;
        if (!limits.Enforce)
            return null;
        var at = call.At;
        var breaches = new List<string>();
        if (chatId < 0 || limits.ApplyToPrivateChatBursts)
        {
            var spacing = TimeSpan.FromSeconds(1 / limits.PerChatPerSecond);
            if (Crowded(_chatSends.GetValueOrDefault(chatId), at, spacing, 1, limits.Tolerance) is { } close)
                breaches.Add($"per-chat limit {Rate(limits.PerChatPerSecond)}/s (sends at least {Seconds(spacing)} s apart, "
                    + $"less {limits.Tolerance.TotalMilliseconds:0} ms tolerance): 2 sends {Seconds(close.Span)} s apart");
        }
        if (chatId < 0 && Crowded(_chatSends.GetValueOrDefault(chatId), at, OneMinute, limits.GroupPerMinute, limits.Tolerance) is { } group)
            breaches.Add($"group limit {limits.GroupPerMinute}/min: {group.Count} sends within {Seconds(group.Span)} s"
                + $"{(group.Span > TimeSpan.Zero ? $" ({Rate((group.Count - 1) / group.Span.TotalMinutes)}/min)" : "")}");
        var paid = IsPaidBroadcast(call);
        var (globalTimes, globalLimit, name) = paid
            ? (_allSends, limits.PaidGlobalPerSecond, "paid broadcast limit")
            : (_freeSends, limits.GlobalPerSecond, "global limit");
        if (Crowded(globalTimes, at, OneSecond, globalLimit, limits.Tolerance) is { } global)
            breaches.Add($"{name} {Rate(globalLimit)}/s: {global.Count} sends within {Seconds(global.Span)} s"
                + $"{(global.Span > TimeSpan.Zero ? $" ({Rate((global.Count - 1) / global.Span.TotalSeconds)}/s)" : "")}");
        if (breaches.Count == 0)
            return null;

        var description = $"Too Many Requests: retry after {limits.RetryAfterSeconds}";
        _violations.Add($"{call.Method} chat={chatId}: 429 {string.Join("; ", breaches)}");
        return Reply.Error(429, description, retryAfter: limits.RetryAfterSeconds);
    }

    /// <summary>Times a delivered send. Lock held.</summary>
    private void CountSend(ApiCall call, long chatId)
    {
        InsertSorted(_allSends, call.At);
        if (!IsPaidBroadcast(call))
            InsertSorted(_freeSends, call.At);
        if (!_chatSends.TryGetValue(chatId, out var chat))
            _chatSends[chatId] = chat = [];
        InsertSorted(chat, call.At);
    }

    private static bool IsPaidBroadcast(ApiCall call) => Params.Bool(call.Body, "allow_paid_broadcast");

    private readonly record struct Crowd(int Count, TimeSpan Span);

    /// <summary>
    /// The largest group of sends, the new one at <paramref name="at"/> included, whose arrival times span
    /// less than window - tolerance, if it holds more than <paramref name="limit"/>; otherwise null.
    /// Sends arriving after <paramref name="at"/> (dispatched earlier) count too.
    /// </summary>
    private static Crowd? Crowded(List<DateTimeOffset>? times, DateTimeOffset at, TimeSpan window, double limit, TimeSpan tolerance)
    {
        var span = window - tolerance;
        if (times is null || span <= TimeSpan.Zero)
            return null;
        var first = UpperBound(times, at - span); // the earliest send a window holding `at` can start at
        if (LowerBound(times, at + span) - first + 1 <= limit)
            return null;                           // even all sends near `at` fit: the usual case, O(log n)
        var last = UpperBound(times, at);          // sends before this index arrived at or before `at`
        Crowd? worst = null;
        for (var i = first; i <= last; i++)
        {
            var start = i < last ? times[i] : at;
            var end = LowerBound(times, start + span); // first send the window starting at `start` misses
            var count = end - i + 1;                   // sends [i, end) and the new one
            if (count <= limit || (worst is { } w && w.Count >= count))
                continue;
            var latest = end > i && times[end - 1] > at ? times[end - 1] : at;
            worst = new Crowd(count, latest - start);
        }
        return worst;
    }

    private static void InsertSorted(List<DateTimeOffset> times, DateTimeOffset at) => times.Insert(UpperBound(times, at), at);

    /// <summary>Index of the first time after <paramref name="at"/>.</summary>
    private static int UpperBound(List<DateTimeOffset> times, DateTimeOffset at)
    {
        int lo = 0, hi = times.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (times[mid] <= at) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Index of the first time at or after <paramref name="at"/>.</summary>
    private static int LowerBound(List<DateTimeOffset> times, DateTimeOffset at)
    {
        int lo = 0, hi = times.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (times[mid] < at) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Rate(double rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);
}
