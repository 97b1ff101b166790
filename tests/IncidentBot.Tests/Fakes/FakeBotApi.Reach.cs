using Telegram.Bot.Types;

namespace IncidentBot.Tests.Fakes;

// Who the bot may write to, and who is in a group, as Telegram sees it. A bot cannot write first: a person's
// private chat (positive id) accepts the bot's messages only once that person has written to the bot there
// (sent a message or pressed a button in it); until then every send, and a command menu scoped to that chat,
// answers 403. Groups and channels are not affected. getChatMember answers from what the fake has seen: a
// user who wrote or pressed a button in the group is a member, admins and the owner are as configured, and
// anyone else has "left".
public sealed partial class FakeBotApi
{
    private readonly HashSet<long> _started = [];
    private readonly List<(long First, int Count)> _startedRanges = [];
    private readonly Dictionary<long, HashSet<long>> _members = [];

    /// <summary>
    /// The person has opened the bot and pressed Start, as if the fake had seen an update from them: for
    /// tests that set a chat up straight in the database (a subscriber, a configured moderator).
    /// </summary>
    public void Started(params long[] chatIds)
    {
        lock (_gate)
            foreach (var id in chatIds)
                _started.Add(id);
    }

    /// <summary><paramref name="count"/> people from <paramref name="firstChatId"/> on have opened the bot (a benchmark's subscribers), kept as one range.</summary>
    public void Started(long firstChatId, int count)
    {
        lock (_gate) _startedRanges.Add((firstChatId, count));
    }

    /// <summary>Whether the bot may write to this private chat (always true for groups and channels).</summary>
    public bool CanWriteTo(long chatId)
    {
        lock (_gate) return chatId < 0 || HasStarted(chatId);
    }

    private bool HasStarted(long chatId) =>
        _started.Contains(chatId) || _startedRanges.Exists(r => chatId >= r.First && chatId - r.First < r.Count);

    /// <summary>The user now writes in the group: getChatMember answers "member" (admins and owner stay as configured).</summary>
    public void JoinGroup(long chatId, long userId)
    {
        lock (_gate) Join(chatId, userId);
    }

    /// <summary>Lock held: what an incoming update tells about reach and membership.</summary>
    private void LearnFrom(Update update)
    {
        if ((update.Message ?? update.EditedMessage) is { From: { } from, Chat: var chat })
            Saw(chat.Id, from.Id);
        if (update.CallbackQuery is { From: var presser } query)
            Saw(query.Message?.Chat.Id ?? presser.Id, presser.Id);
    }

    private void Saw(long chatId, long userId)
    {
        if (chatId > 0) _started.Add(chatId);
        else Join(chatId, userId);
    }

    private void Join(long chatId, long userId)
    {
        if (!_members.TryGetValue(chatId, out var members))
            _members[chatId] = members = [];
        members.Add(userId);
    }

    private bool IsMember(long chatId, long userId) =>
        userId == BotUser.Id || (_members.TryGetValue(chatId, out var members) && members.Contains(userId));

    /// <summary>Lock held: the 403 for a send or a chat-scoped menu addressed to a person who never wrote to the bot.</summary>
    private Reply? Unreachable(ApiCall call, long? sendTo)
    {
        var target = sendTo ?? (call.Method == "setMyCommands" ? ScopedChat(call) : null);
        return target is > 0 and var id && !HasStarted(id)
            ? Reply.Error(403, TelegramErrors.CantInitiateConversation)
            : null;
    }

    private static long? ScopedChat(ApiCall call) =>
        Params.Object(call.Body, "scope") is { } scope && Params.String(scope, "type") == "chat" ? Params.Long(scope, "chat_id") : null;

    private ChatMember MemberOf(long chatId, long userId)
    {
        var user = UserFor(userId);
        if (GroupOwners.TryGetValue(chatId, out var owner) && owner == userId)
            return new ChatMemberOwner { User = user };
        if (GroupAdmins.TryGetValue(chatId, out var admins) && admins.Contains(userId))
            return new ChatMemberAdministrator { User = user, CanManageChat = true, CanDeleteMessages = true, CanRestrictMembers = true };
        return IsMember(chatId, userId) ? new ChatMemberMember { User = user } : new ChatMemberLeft { User = user };
    }
}
