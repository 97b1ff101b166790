using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace IncidentBot.Tests.Fakes;

/// <summary>
/// People, chats and updates as Telegram would send them. Each property returns a fresh object, so a test
/// that changes one cannot leak into another. Update ids are left 0 for FakeBotApi.Enqueue to assign.
/// </summary>
public static class Tg
{
    public const long AnonymousAdminId = 1087968824; // "GroupAnonymousBot": an admin writing as the group

    private static int _messageId;
    private static int _queryId;

    public static User Bot => new() { Id = 123456, IsBot = true, FirstName = "IncidentBot", Username = "IncidentBot" };
    public static User Alice => new() { Id = 1001, FirstName = "Alice", LanguageCode = "en" };
    public static User Bob => new() { Id = 1002, FirstName = "Bob", LanguageCode = "uk" };
    public static User Ivan => new() { Id = 1005, FirstName = "Ivan", LanguageCode = "ru" };
    public static User Aysel => new() { Id = 1006, FirstName = "Aysel", LanguageCode = "az" };

    /// <summary>One reader of each language the bot speaks, with that language.</summary>
    public static (User Reader, string Language)[] Readers => [(Alice, "en"), (Bob, "uk"), (Aysel, "az"), (Ivan, "ru")];
    public static User Moderator => new() { Id = 9001, FirstName = "Mo", Username = "mo_moderates", LanguageCode = "en" };
    public static User SecondModerator => new() { Id = 9002, FirstName = "Sam", LanguageCode = "en" };
    public static User AnonymousAdmin => new() { Id = AnonymousAdminId, IsBot = true, FirstName = "Group", Username = "GroupAnonymousBot" };

    public static Chat Group => new() { Id = -1001234567890, Type = ChatType.Supergroup, Title = "Kyiv watchers" };
    public static Chat Channel => new() { Id = -1009876543210, Type = ChatType.Channel, Title = "Kyiv alerts", Username = "kyiv_alerts" };

    public static Chat PrivateChat(User user) =>
        new() { Id = user.Id, Type = ChatType.Private, FirstName = user.FirstName, LastName = user.LastName, Username = user.Username };

    /// <summary>A chat by id: the group, a known person's private chat, or a made-up one.</summary>
    public static Chat ChatFor(long id)
    {
        if (id == Group.Id) return Group;
        if (id == Channel.Id) return Channel;
        var person = new[] { Alice, Bob, Moderator, SecondModerator }.FirstOrDefault(u => u.Id == id);
        return id > 0 ? PrivateChat(person ?? new User { Id = id, FirstName = $"User {id}" })
            : new Chat { Id = id, Type = ChatType.Supergroup, Title = $"Chat {id}" };
    }

    /// <summary>
    /// A text message; a leading /command gets its bot_command entity, as Telegram adds one. An anonymous
    /// admin writes as the chat itself; <paramref name="senderChat"/> says otherwise (e.g. a post on behalf of a channel).
    /// </summary>
    public static Update Text(string text, User? from = null, Chat? chat = null, Chat? senderChat = null)
    {
        var message = UserMessage(from, chat);
        message.Text = text;
        if (senderChat is not null) message.SenderChat = senderChat;
        if (text.StartsWith('/'))
        {
            var end = text.IndexOfAny([' ', '\n', '\t']);
            message.Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = end < 0 ? text.Length : end }];
        }
        return new Update { Message = message };
    }

    /// <summary>A button press on a bot message: the given one, or a minimal one in chatId (default: the presser's private chat).</summary>
    public static Update Tap(string data, User? from = null, Message? message = null, long? chatId = null, int? messageId = null)
    {
        var user = from ?? Alice;
        message ??= new Message
        {
            Id = messageId ?? NextMessageId(),
            Date = Now(),
            Chat = chatId is { } id ? ChatFor(id) : PrivateChat(user),
            From = Bot,
            Text = "Earlier bot message",
        };
        var query = new CallbackQuery
        {
            Id = $"cbq-{Interlocked.Increment(ref _queryId)}",
            From = user,
            Data = data,
            ChatInstance = $"instance{message.Chat.Id}",
            Message = message,
        };
        return new Update { CallbackQuery = query };
    }

    public static Update Location(double latitude, double longitude, User? from = null, Chat? chat = null)
    {
        var message = UserMessage(from, chat);
        message.Location = new Location { Latitude = latitude, Longitude = longitude };
        return new Update { Message = message };
    }

    /// <summary>A photo in two sizes; the largest, last one carries <paramref name="fileId"/>.</summary>
    public static Update Photo(string fileId, string? caption = null, User? from = null, Chat? chat = null)
    {
        var message = UserMessage(from, chat);
        message.Photo =
        [
            new PhotoSize { FileId = fileId + "-small", FileUniqueId = fileId + "-small-u", Width = 320, Height = 240, FileSize = 12_000 },
            new PhotoSize { FileId = fileId, FileUniqueId = fileId + "-u", Width = 1280, Height = 960, FileSize = 180_000 },
        ];
        message.Caption = caption;
        return new Update { Message = message };
    }

    /// <summary>A file sent as a document ("send as file"): Telegram passes it on untouched, with its name and type.</summary>
    public static Update Document(string fileId, string fileName, string? mimeType, string? caption = null, User? from = null, Chat? chat = null)
    {
        var message = UserMessage(from, chat);
        message.Document = new Document { FileId = fileId, FileUniqueId = fileId + "-u", FileName = fileName, MimeType = mimeType, FileSize = 2_400_000 };
        message.Caption = caption;
        return new Update { Message = message };
    }

    /// <summary>A channel post: no "from" at all, the channel is the sender.</summary>
    public static Update ChannelPost(string text, Chat channel) => new()
    {
        ChannelPost = new Message { Id = NextMessageId(), Date = Now(), Chat = channel, SenderChat = channel, Text = text },
    };

    public static Update EditedMessage(string text, User? from = null, Chat? chat = null, int? messageId = null)
    {
        var message = UserMessage(from, chat);
        message.Id = messageId ?? message.Id;
        message.Text = text;
        message.EditDate = Now();
        return new Update { EditedMessage = message };
    }

    /// <summary>
    /// "@IncidentBot <paramref name="query"/>" typed in a chat (by default a group, as chat_type says; an inline query
    /// never names the chat); <paramref name="offset"/> is the next_offset of the bot's previous answer when scrolling.
    /// </summary>
    public static Update Inline(string query, User? from = null, string offset = "", ChatType chatType = ChatType.Supergroup) => new()
    {
        InlineQuery = new InlineQuery
        {
            Id = $"iq-{Interlocked.Increment(ref _queryId)}", From = from ?? Alice, Query = query, Offset = offset, ChatType = chatType,
        },
    };

    /// <summary>An update of a kind the bot does not handle (a poll state).</summary>
    public static Update Unknown() => new()
    {
        Poll = new Poll
        {
            Id = $"poll-{NextMessageId()}",
            Question = "Lunch?",
            Options = [new PollOption { PersistentId = "0", Text = "Yes" }, new PollOption { PersistentId = "1", Text = "No" }],
            IsAnonymous = true,
            Type = PollType.Regular,
        },
    };

    private static Message UserMessage(User? from, Chat? chat)
    {
        var sender = from ?? Alice;
        var where = chat ?? PrivateChat(sender);
        return new Message
        {
            Id = NextMessageId(),
            Date = Now(),
            Chat = where,
            From = sender,
            SenderChat = sender.Id == AnonymousAdminId ? where : null,
        };
    }

    private static int NextMessageId() => Interlocked.Increment(ref _messageId);

    private static DateTime Now() => DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
