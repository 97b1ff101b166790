using System.Text;

namespace IncidentBot.Tests.Fakes;

// Waiting without sleeps: every recorded call, queued update and confirmation completes _changed,
// and a waiter re-checks only then.
public sealed partial class FakeBotApi
{
    private static readonly HashSet<string> SendMethods = new(StringComparer.Ordinal)
    {
        "sendMessage", "sendPhoto", "sendDocument", "sendVideo", "sendAnimation", "sendAudio", "sendVoice",
        "sendSticker", "sendLocation", "sendVenue", "sendContact", "sendDice", "sendMediaGroup",
        "forwardMessage", "copyMessage",
    };

    /// <summary>Successful sends (sendMessage, sendPhoto, sendMediaGroup...) to a chat, in order.</summary>
    public IEnumerable<ApiCall> Sent(long chatId)
    {
        // Only the matches are copied: a wait for "every chat has its alert" asks this for each chat after every call.
        lock (_gate)
            return _calls.Where(c => c.Succeeded && SendMethods.Contains(c.Method) && c.ChatId == chatId).ToList();
    }

    /// <summary>Completes with the first recorded call that matches, past or future.</summary>
    public Task<ApiCall> WaitForCall(Func<ApiCall, bool> match, TimeSpan? timeout = null)
    {
        var checkedCount = 0;
        return WaitAsync(() =>
        {
            lock (_gate)
            {
                for (; checkedCount < _calls.Count; checkedCount++)
                    if (match(_calls[checkedCount]))
                        return _calls[checkedCount];
                return null;
            }
        }, timeout, "no matching call");
    }

    /// <summary>Completes once the condition holds; it is re-checked after every call and update.</summary>
    public Task WaitUntil(Func<FakeBotApi, bool> condition, TimeSpan? timeout = null) =>
        WaitAsync(() => condition(this) ? this : null, timeout, "the condition never held");

    private async Task<T> WaitAsync<T>(Func<T?> probe, TimeSpan? timeout, string failure) where T : class
    {
        var limit = timeout ?? DefaultTimeout;
        using var expiry = new CancellationTokenSource(limit);
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task; // taken before probing, so no change slips between
            if (probe() is { } found)
                return found;
            try
            {
                await changed.WaitAsync(expiry.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(Describe($"Waited {limit.TotalSeconds:0.###} s: {failure}."));
            }
        }
    }

    private static bool IsIdlePoll(ApiCall call) =>
        call is { Method: "getUpdates", Succeeded: true, Result: System.Text.Json.Nodes.JsonArray { Count: 0 } };

    private string Describe(string headline)
    {
        var calls = Calls;
        var text = new StringBuilder(headline)
            .Append($" Pending updates: {PendingUpdates}, last offset: {LastConfirmedOffset?.ToString() ?? "none"}.")
            .Append($" Calls so far ({calls.Count}):");
        var idlePolls = calls.Count(IsIdlePoll);
        foreach (var call in calls.Where(c => !IsIdlePoll(c)))
            text.Append("\n  ").Append(call);
        if (idlePolls > 0)
            text.Append($"\n  (and {idlePolls} getUpdates that returned nothing)");
        foreach (var violation in Violations)
            text.Append("\n  violation: ").Append(violation);
        return text.ToString();
    }
}
