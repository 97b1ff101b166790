using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Fakes;

// Edits and deletions are checked against the chat's messages: only the bot's own messages can be edited,
// and an edit that changes neither content nor keyboard is refused as "not modified", as Telegram does.
public sealed partial class FakeBotApi
{
    private enum EditKind { Text, Caption, Markup }

    private Reply Edit(ApiCall call, EditKind kind)
    {
        if (call.Body["inline_message_id"] is not null)
            return Reply.Ok(true); // messages sent via inline mode are not tracked
        if (ResolveChat(call) is not { } chatId)
            return Invalid(call, "Bad Request: chat not found");
        if (Params.Long(call.Body, "message_id") is not { } id || Find(chatId, id) is not { } current)
            return Invalid(call, "Bad Request: message to edit not found");
        if (current.From?.Id != BotUser.Id)
            return Invalid(call, "Bad Request: message can't be edited");
        if (TelegramRules.ReplyMarkup(call.Body) is { } markupError)
            return Invalid(call, markupError);

        var edited = Clone(current);
        edited.ReplyMarkup = InlineMarkup(call.Body);
        if (kind == EditKind.Text && current.Text is null)
            return Invalid(call, "Bad Request: there is no text in the message to edit");
        if (kind == EditKind.Caption && current.Text is not null)
            return Invalid(call, "Bad Request: there is no caption in the message to edit");
        if (kind == EditKind.Caption)
            (edited.Caption, edited.CaptionEntities) = (null, null); // an edit without caption removes it
        if (Format(call.Body, kind switch { EditKind.Text => "text", EditKind.Caption => "caption", _ => null }, edited) is { } error)
            return Invalid(call, error);

        if (ContentKey(edited) == ContentKey(current) && MarkupKey(edited) == MarkupKey(current))
            return Reply.Error(400, NotModified); // expected in normal operation, so not a violation
        edited.EditDate = DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Store(edited);
        return Reply.Ok(edited);
    }

    private static string ContentKey(Message m) =>
        $"{m.Text}\u0000{m.Caption}\u0000{Json(m.Entities)}\u0000{Json(m.CaptionEntities)}";

    private static string MarkupKey(Message m) => Json(m.ReplyMarkup);

    private static string Json(object? value) =>
        value is null ? "" : JsonSerializer.Serialize(value, value.GetType(), JsonBotAPI.Options);

    private Reply DeleteMessages(ApiCall call, IEnumerable<long> ids)
    {
        if (ResolveChat(call) is not { } chatId || !_messages.TryGetValue(chatId, out var list))
            return Invalid(call, "Bad Request: message to delete not found");
        var removed = list.RemoveAll(m => ids.Contains(m.Id));
        return removed > 0 ? Reply.Ok(true) : Invalid(call, "Bad Request: message to delete not found");
    }

    private Reply DeleteMessage(ApiCall call) =>
        Params.Long(call.Body, "message_id") is { } id ? DeleteMessages(call, [id])
            : Invalid(call, "Bad Request: message identifier is not specified");

    private Reply DeleteMessagesBatch(ApiCall call)
    {
        var ids = Params.Array(call.Body, "message_ids")?.Select(n => n?.GetValue<long>() ?? 0).ToArray() ?? [];
        return DeleteMessages(call, ids);
    }
}
