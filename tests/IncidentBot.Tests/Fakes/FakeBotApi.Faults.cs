using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace IncidentBot.Tests.Fakes;

/// <summary>Telegram's descriptions for the errors the fault helpers inject, for assertions.</summary>
public static class TelegramErrors
{
    public const string BlockedByUser = "Forbidden: bot was blocked by the user";
    public const string KickedFromGroup = "Forbidden: bot was kicked from the group chat";
    public const string KickedFromSupergroup = "Forbidden: bot was kicked from the supergroup chat";
    public const string CantInitiateConversation = "Forbidden: bot can't initiate conversation with a user";
    public const string ChatNotFound = "Bad Request: chat not found";
    public const string UpgradedToSupergroup = "Bad Request: group chat was upgraded to a supergroup chat";
    public const string BadGateway = "Bad Gateway";

    public static string TooManyRequests(int retryAfterSeconds) => $"Too Many Requests: retry after {retryAfterSeconds}";
}

// Fault injection. A faulted call changes nothing (no message stored, no offset confirmed), is not counted
// against the send limits, and is not a violation: it is the test's doing, not the bot's.
// Order: an outage (FailAllWith), then the next fault queued for the exact method, then for AnySend (send
// methods only), then for AnyMethod, then the chat's standing fault.
public sealed partial class FakeBotApi
{
    /// <summary>As a method name for FailNext/HoldNext: any message-sending method (sendMessage, sendPhoto, copyMessage...).</summary>
    public const string AnySend = "*send";

    /// <summary>As a method name for FailNext/HoldNext: any call, getUpdates included.</summary>
    public const string AnyMethod = "*";

    private readonly Dictionary<string, Queue<Reply>> _nextFaults = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<TimeSpan>> _holds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, Reply> _chatFaults = [];
    private Reply? _outage;
    private Reply? _sendOutage;

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> (or <see cref="AnySend"/>,
    /// <see cref="AnyMethod"/>) answer with this error.
    /// </summary>
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
        FailNext(method, 429, TelegramErrors.TooManyRequests(retryAfterSeconds), retryAfterSeconds, times: times);

    /// <summary>A transient server error: 502 "Bad Gateway" for the next <paramref name="times"/> sends (by default).</summary>
    public void FailNextWithBadGateway(int times = 1, string method = AnySend) =>
        FailNext(method, 502, TelegramErrors.BadGateway, times: times);

    /// <summary>
    /// A timeout that still delivers: the next <paramref name="times"/> calls are carried out and recorded as
    /// usual (a send is delivered, in <see cref="Sent"/>, and counted against the limits), then the reply is
    /// held for <paramref name="hold"/> before it is written. A client with a shorter timeout gives up,
    /// although Telegram did the work.
    /// </summary>
    public void HoldNext(TimeSpan hold, int times = 1, string method = AnySend)
    {
        lock (_gate)
        {
            if (!_holds.TryGetValue(method, out var queue))
                _holds[method] = queue = new Queue<TimeSpan>();
            for (var i = 0; i < times; i++)
                queue.Enqueue(hold);
        }
    }

    /// <summary>
    /// Every call addressed to this chat fails until <see cref="ClearChatFault"/> or <see cref="ClearFaults"/>,
    /// e.g. 403 "Forbidden: bot was blocked by the user".
    /// </summary>
    public void FailChat(long chatId, int errorCode, string description, long? migrateToChatId = null)
    {
        lock (_gate) _chatFaults[chatId] = Reply.Error(errorCode, description, migrateToChatId: migrateToChatId);
    }

    /// <summary>The user blocked the bot: every call to the chat answers 403 "Forbidden: bot was blocked by the user".</summary>
    public void BlockBot(long chatId) => FailChat(chatId, 403, TelegramErrors.BlockedByUser);

    /// <summary>
    /// The bot was removed from the group: 403 "Forbidden: bot was kicked from the group chat"
    /// (or "...the supergroup chat", which is what Telegram says for supergroups).
    /// </summary>
    public void KickBot(long chatId, bool supergroup = false) =>
        FailChat(chatId, 403, supergroup ? TelegramErrors.KickedFromSupergroup : TelegramErrors.KickedFromGroup);

    /// <summary>The chat is gone or was never reachable: 400 "Bad Request: chat not found".</summary>
    public void ForgetChat(long chatId) => FailChat(chatId, 400, TelegramErrors.ChatNotFound);

    /// <summary>
    /// The group became a supergroup: calls to <paramref name="groupId"/> answer 400 "Bad Request: group chat
    /// was upgraded to a supergroup chat" with parameters.migrate_to_chat_id = <paramref name="supergroupId"/>;
    /// calls to the new id succeed (its standing fault, if any, is cleared).
    /// </summary>
    public void MigrateGroup(long groupId, long supergroupId)
    {
        lock (_gate)
        {
            _chatFaults[groupId] = Reply.Error(400, TelegramErrors.UpgradedToSupergroup, migrateToChatId: supergroupId);
            _chatFaults.Remove(supergroupId);
            var title = _chats.TryGetValue(groupId, out var old) ? old.Title : null;
            _chats[supergroupId] = new Chat { Id = supergroupId, Type = ChatType.Supergroup, Title = title ?? $"Chat {supergroupId}" };
        }
    }

    /// <summary>Every call, getUpdates included, fails until <see cref="ClearFaults"/>.</summary>
    public void FailAllWith(int code, string description)
    {
        lock (_gate) _outage = Reply.Error(code, description);
    }

    /// <summary>
    /// Every message send and every edit fails until <see cref="ClearFaults"/>, while updates still arrive and
    /// button presses can be answered: Telegram's sending side is down, people can still write.
    /// </summary>
    public void FailSendsAndEditsWith(int code, string description)
    {
        lock (_gate) _sendOutage = Reply.Error(code, description);
    }

    /// <summary>Lifts the chat's standing fault (the user unblocked the bot, the bot was added back).</summary>
    public void ClearChatFault(long chatId)
    {
        lock (_gate) _chatFaults.Remove(chatId);
    }

    /// <summary>Removes every injected fault and hold that has not been used.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _nextFaults.Clear();
            _holds.Clear();
            _chatFaults.Clear();
            _outage = null;
            _sendOutage = null;
        }
    }

    private Reply? TakeFault(ApiCall call)
    {
        if (_outage is not null)
            return _outage;
        if (_sendOutage is not null && (SendMethods.Contains(call.Method) || call.Method.StartsWith("edit", StringComparison.Ordinal)))
            return _sendOutage;
        if (TryTakeNext(_nextFaults, call, out var next))
            return next;
        return call.ChatId is { } chat && _chatFaults.TryGetValue(chat, out var chatFault) ? chatFault : null;
    }

    /// <summary>How long to hold this call's reply once decided. Lock held.</summary>
    private TimeSpan TakeHold(ApiCall call) => TryTakeNext(_holds, call, out var hold) ? hold : TimeSpan.Zero;

    private static bool TryTakeNext<T>(Dictionary<string, Queue<T>> queues, ApiCall call, out T item) =>
        TryTakeFrom(queues, call.Method, out item)
        || (SendMethods.Contains(call.Method) && TryTakeFrom(queues, AnySend, out item))
        || TryTakeFrom(queues, AnyMethod, out item);

    private static bool TryTakeFrom<T>(Dictionary<string, Queue<T>> queues, string key, out T item)
    {
        item = default!;
        return queues.TryGetValue(key, out var queue) && queue.TryDequeue(out item!);
    }
}
