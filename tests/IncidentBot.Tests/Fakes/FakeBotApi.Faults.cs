namespace IncidentBot.Tests.Fakes;

// Fault injection. A faulted call changes nothing (no message stored, no offset confirmed) and is
// not a violation: it is the test's doing, not the bot's.
public sealed partial class FakeBotApi
{
    private readonly Dictionary<string, Queue<Reply>> _nextFaults = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, Reply> _chatFaults = [];
    private Reply? _outage;

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> answer with this error.</summary>
    public void FailNext(string method, int errorCode, string description, int? retryAfter = null,
        long? migrateToChatId = null, int times = 1)
    {
        lock (_gate)
        {
            if (!_nextFaults.TryGetValue(method, out var queue))
                _nextFaults[method] = queue = new Queue<Reply>();
            for (var i = 0; i < times; i++)
                queue.Enqueue(Reply.Error(errorCode, description, retryAfter, migrateToChatId));
        }
    }

    /// <summary>Telegram's flood wait: 429 "Too Many Requests: retry after N" with parameters.retry_after.</summary>
    public void FailNextWithFloodWait(string method, int retryAfterSeconds, int times = 1) =>
        FailNext(method, 429, $"Too Many Requests: retry after {retryAfterSeconds}", retryAfterSeconds, times: times);

    /// <summary>
    /// Every call addressed to this chat fails until <see cref="ClearFaults"/>, e.g. 403 "Forbidden: bot was
    /// blocked by the user", or 400 "Bad Request: group chat was upgraded to a supergroup chat" with a new id.
    /// </summary>
    public void FailChat(long chatId, int errorCode, string description, long? migrateToChatId = null)
    {
        lock (_gate) _chatFaults[chatId] = Reply.Error(errorCode, description, migrateToChatId: migrateToChatId);
    }

    /// <summary>Every call, getUpdates included, fails until <see cref="ClearFaults"/>.</summary>
    public void FailAllWith(int code, string description)
    {
        lock (_gate) _outage = Reply.Error(code, description);
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _nextFaults.Clear();
            _chatFaults.Clear();
            _outage = null;
        }
    }

    private Reply? TakeFault(ApiCall call)
    {
        if (_outage is not null)
            return _outage;
        if (_nextFaults.TryGetValue(call.Method, out var queue) && queue.TryDequeue(out var next))
            return next;
        return call.ChatId is { } chat && _chatFaults.TryGetValue(chat, out var chatFault) ? chatFault : null;
    }
}
