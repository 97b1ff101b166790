using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace IncidentBot.Tests.Fakes;

// What the fake knows about chats: the people and chats seen in queued updates, every message in each
// chat (so edits, replies and deletes can be checked), the pressed buttons, and who administers a group
// (who may be written to and who is in a group: FakeBotApi.Reach).
public sealed partial class FakeBotApi
{
    private readonly Dictionary<long, User> _users = [];
    private readonly Dictionary<long, Chat> _chats = [];
    private readonly Dictionary<long, List<Message>> _messages = [];
    private readonly Dictionary<string, bool> _callbackQueries = []; // id -> answered
    private int _nextMessageId = 5000;

    /// <summary>Group chat id -> user ids getChatMember reports as "administrator". Set before the bot asks.</summary>
    public Dictionary<long, List<long>> GroupAdmins { get; } = [];

    /// <summary>Group chat id -> the user getChatMember reports as "creator".</summary>
    public Dictionary<long, long> GroupOwners { get; } = [];

    /// <summary>The chat as it stands: users' messages and the bot's, with edits applied and deletions gone.</summary>
    public IReadOnlyList<Message> Messages(long chatId)
    {
        lock (_gate) return _messages.TryGetValue(chatId, out var list) ? list.ToArray() : [];
    }

    /// <summary>A message the bot sent before this fake started (an earlier run's card, say): it can be edited now.</summary>
    public void SentEarlier(long chatId, int messageId, string text)
    {
        lock (_gate)
            Store(new Message { Id = messageId, Date = DateTime.UtcNow, Chat = ChatFor(chatId), From = BotUser, Text = text });
    }

    /// <summary>A person deletes a message (their own command, say) before the bot gets to answer it.</summary>
    public void DeleteByUser(long chatId, int messageId)
    {
        lock (_gate)
            if (_messages.TryGetValue(chatId, out var list)) list.RemoveAll(m => m.Id == messageId);
    }

    public Message? LastBotMessage(long chatId) => Messages(chatId).LastOrDefault(m => m.From?.Id == BotUser.Id);

    /// <summary>Button presses queued as updates that the bot has not answered with answerCallbackQuery.</summary>
    public IReadOnlyList<string> UnansweredCallbackQueries
    {
        get { lock (_gate) return _callbackQueries.Where(q => !q.Value).Select(q => q.Key).ToArray(); }
    }

    private void Remember(Update update)
    {
        LearnFrom(update);
        foreach (var message in new[] { update.Message, update.ChannelPost, update.EditedMessage, update.EditedChannelPost })
            if (message is not null)
                Store(Clone(message));
        if (update.CallbackQuery is { } query)
        {
            RememberUser(query.From);
            _callbackQueries.TryAdd(query.Id, false);
            // The pressed message is one the bot sent earlier: make it known if the test made it up.
            // One Telegram no longer shows the bot (date 0, "inaccessible") is not made up.
            if (query.Message is { } pressed && pressed.Date != default && Find(pressed.Chat.Id, pressed.Id) is null)
                Store(Clone(pressed));
        }
        if (update.InlineQuery is { } inline)
            RememberInline(inline);
    }

    private void RememberUser(User? user)
    {
        if (user is not null && user.Id != BotUser.Id) _users[user.Id] = user;
    }

    /// <summary>Adds a message, or replaces the one with the same id (an edit).</summary>
    private void Store(Message message)
    {
        RememberUser(message.From);
        _chats.TryAdd(message.Chat.Id, message.Chat);
        if (!_messages.TryGetValue(message.Chat.Id, out var list))
            _messages[message.Chat.Id] = list = [];
        var index = list.FindIndex(m => m.Id == message.Id);
        if (index >= 0) list[index] = message;
        else list.Add(message);
    }

    private Message? Find(long chatId, long messageId) =>
        _messages.TryGetValue(chatId, out var list) ? list.Find(m => m.Id == messageId) : null;

    private static Message Clone(Message message) =>
        JsonSerializer.Deserialize<Message>(JsonSerializer.Serialize(message, JsonBotAPI.Options), JsonBotAPI.Options)!;

    /// <summary>chat_id as Telegram resolves it: a number, or "@username" of a chat it has seen.</summary>
    private long? ResolveChat(ApiCall call)
    {
        if (call.ChatId is { } id) return id;
        var name = Params.String(call.Body, "chat_id");
        return _chats.Values.FirstOrDefault(c => name is ['@', ..] && c.Username == name[1..])?.Id;
    }

    private Chat ChatFor(long id) => _chats.TryGetValue(id, out var chat) ? chat
        : id > 0 ? new Chat { Id = id, Type = ChatType.Private, FirstName = UserFor(id).FirstName }
        : new Chat { Id = id, Type = ChatType.Supergroup, Title = $"Chat {id}" };

    private User UserFor(long id) => _users.TryGetValue(id, out var user) ? user : new User { Id = id, FirstName = $"User {id}" };

    private Reply GetChatMember(ApiCall call) =>
        ResolveChat(call) is { } chat && Params.Long(call.Body, "user_id") is { } user
            ? Reply.Ok(MemberOf(chat, user))
            : Invalid(call, "Bad Request: chat not found");

    private Reply GetChatAdministrators(ApiCall call)
    {
        if (ResolveChat(call) is not { } chat)
            return Invalid(call, "Bad Request: chat not found");
        var ids = GroupOwners.TryGetValue(chat, out var owner) ? [owner] : new List<long>();
        ids.AddRange(GroupAdmins.GetValueOrDefault(chat) ?? []);
        return Reply.Ok(ids.Distinct().Select(id => MemberOf(chat, id)).ToArray());
    }
}
