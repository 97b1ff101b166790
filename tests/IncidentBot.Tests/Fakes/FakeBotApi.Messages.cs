using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Tests.Fakes;

// Sending, editing and deleting messages. Replies carry what Telegram would return: the plain text with
// its entities (not the HTML that was sent), the chat, the bot as sender, and the inline keyboard.
public sealed partial class FakeBotApi
{
    private const string NotModified = "Bad Request: message is not modified: specified new message content and "
        + "reply markup are exactly the same as a current content and reply markup of the message";

    private int _nextFileId = 1;

    private Reply Send(ApiCall call, string? textField, Action<Message>? fill = null)
    {
        if (ResolveChat(call) is not { } chatId)
            return Invalid(call, "Bad Request: chat not found");
        if (TelegramRules.ReplyMarkup(call.Body) is { } markupError)
            return Invalid(call, markupError);
        var message = NewMessage(chatId, call.Body);
        if (Format(call.Body, textField, message) is { } textError)
            return Invalid(call, textError);
        if (ReplyTarget(call.Body, chatId, out var target) is { } replyError)
            return Invalid(call, replyError);
        message.ReplyToMessage = target;
        fill?.Invoke(message);
        Store(message);
        return Reply.Ok(message);
    }

    private Message NewMessage(long chatId, JsonObject body) => new()
    {
        Id = _nextMessageId++,
        Date = DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        Chat = ChatFor(chatId),
        From = BotUser,
        ReplyMarkup = InlineMarkup(body),
        MessageThreadId = (int?)Params.Long(body, "message_thread_id"),
    };

    /// <summary>Checks and applies "text" or "caption" (with parse_mode) to the message.</summary>
    private static string? Format(JsonObject body, string? field, Message message)
    {
        if (field is null || (field == "caption" && body["caption"] is null))
            return null;
        if (TelegramRules.FormattedText(body, field, "parse_mode", out var parsed) is { } error)
            return error;
        var entities = parsed.Entities.Count == 0 ? null : parsed.Entities.Select(ToEntity).ToArray();
        if (field == "text") (message.Text, message.Entities) = (parsed.Text, entities);
        else (message.Caption, message.CaptionEntities) = (parsed.Text, entities);
        return null;
    }

    private string? ReplyTarget(JsonObject body, long chatId, out Message? target)
    {
        var parameters = Params.Object(body, "reply_parameters");
        var id = parameters is null ? Params.Long(body, "reply_to_message_id") : Params.Long(parameters, "message_id");
        var chat = parameters is null ? chatId : Params.Long(parameters, "chat_id") ?? chatId;
        target = id is { } messageId ? Find(chat, messageId) : null;
        var allowMissing = parameters is not null && Params.Bool(parameters, "allow_sending_without_reply");
        return id is not null && target is null && !allowMissing ? "Bad Request: message to be replied not found" : null;
    }

    private static InlineKeyboardMarkup? InlineMarkup(JsonObject body) =>
        Params.Object(body, "reply_markup") is { } markup && markup["inline_keyboard"] is JsonArray rows
            && rows.Any(r => r is JsonArray { Count: > 0 })
            ? markup.Deserialize<InlineKeyboardMarkup>(JsonBotAPI.Options)
            : null;

    private static MessageEntity ToEntity(ParsedEntity e) => new()
    {
        Type = e.Type switch
        {
            "bold" => MessageEntityType.Bold, "italic" => MessageEntityType.Italic,
            "underline" => MessageEntityType.Underline, "strikethrough" => MessageEntityType.Strikethrough,
            "spoiler" => MessageEntityType.Spoiler, "text_link" => MessageEntityType.TextLink,
            "code" => MessageEntityType.Code, "pre" => MessageEntityType.Pre,
            "blockquote" => MessageEntityType.Blockquote, "expandable_blockquote" => MessageEntityType.ExpandableBlockquote,
            _ => MessageEntityType.CustomEmoji,
        },
        Offset = e.Offset,
        Length = e.Length,
        Url = e.Type == "text_link" ? e.Argument : null,
        Language = e.Type == "pre" ? e.Argument?.Replace("language-", "") : null,
        CustomEmojiId = e.Type == "custom_emoji" ? e.Argument : null,
    };

    private string FileId(JsonObject body, string field) =>
        Params.String(body, field) is { } value && body[field] is JsonValue && !value.StartsWith("attach://")
            ? value : $"fake-file-{_nextFileId++}";

    private void Photo(Message m, string fileId) =>
        m.Photo = [new PhotoSize { FileId = fileId, FileUniqueId = fileId + "-u", Width = 1280, Height = 960 }];

    private Reply SendMediaGroup(ApiCall call)
    {
        if (ResolveChat(call) is not { } chatId)
            return Invalid(call, "Bad Request: chat not found");
        if (Params.Array(call.Body, "media") is not { } media || media.Any(m => m is not JsonObject))
            return Invalid(call, "Bad Request: parameter \"media\" is required");
        if (AlbumSize(media.Count) is { } sizeError)
            return Invalid(call, sizeError);
        var group = $"album-{_nextMessageId}";
        var messages = new List<Message>();
        foreach (var item in media.Cast<JsonObject>())
        {
            var message = NewMessage(chatId, []);
            message.MediaGroupId = group;
            if (Format(item, "caption", message) is { } error)
                return Invalid(call, error);
            if (Params.String(item, "type") == "photo") Photo(message, FileId(item, "media"));
            else message.Document = new Document { FileId = FileId(item, "media"), FileUniqueId = $"doc-{message.Id}" };
            messages.Add(message);
        }
        messages.ForEach(Store);
        return Reply.Ok(messages.ToArray());
    }

    /// <summary>
    /// The Bot API takes 2-10 items. Telegram's wording for none and for more than ten is known; one item is
    /// outside the documented contract (a single photo goes as sendPhoto), so the fake refuses it too.
    /// </summary>
    private static string? AlbumSize(int count) => count switch
    {
        0 => "Bad Request: there are no messages to send",
        1 => "Bad Request: wrong number of media in the group: an album takes 2-10 items, send one photo with sendPhoto",
        > 10 => "Bad Request: too many messages to send as an album",
        _ => null,
    };

    private Reply CopyOrForward(ApiCall call, bool copy)
    {
        if (Params.Long(call.Body, "from_chat_id") is not { } from || Params.Long(call.Body, "message_id") is not { } id
            || Find(from, id) is not { } source)
            return Invalid(call, copy ? "Bad Request: message to copy not found" : "Bad Request: message to forward not found");
        var reply = Send(call, copy ? "caption" : null, m =>
        {
            (m.Text, m.Entities, m.Photo, m.Location) = (source.Text, source.Entities, source.Photo, source.Location);
            m.Caption ??= source.Caption;
            if (!copy) m.ForwardOrigin = new MessageOriginUser { SenderUser = source.From ?? UserFor(from), Date = source.Date };
        });
        return copy && reply.Result is JsonObject sent
            ? Reply.Ok(new MessageId { Id = (int)Params.Long(sent, "message_id")!.Value })
            : reply;
    }
}
