using System.Text.Json;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;

namespace IncidentBot.Telegram;

/// <summary>
/// One update as Telegram sent it, with what the inbox needs before anything is handled: its id, the
/// chat it belongs to, and whether Telegram.Bot can read it at all. <see cref="Unreadable"/> says why not.
/// </summary>
internal sealed record RawUpdate(long Id, long ChatKey, string Json, string? Unreadable)
{
    const int MaxReason = 500;

    /// <summary>Null when the element has no update_id: Telegram always sends one, so this is not an update.</summary>
    public static RawUpdate? Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("update_id", out var id) || !id.TryGetInt64(out var updateId))
            return null;
        var (update, unreadable) = Parse(json);
        var chatKey = update is not null ? UpdateInbox.ChatKeyOf(update) : ChatKeyOf(json);
        return new RawUpdate(updateId, chatKey, json.GetRawText(), unreadable);
    }

    /// <summary>An update built in code (the console chat), stored the same way.</summary>
    public static RawUpdate From(Update update) =>
        Read(JsonSerializer.SerializeToElement(update, JsonBotAPI.Options))!;

    /// <summary>
    /// The library reads an unknown enum string (a new entity, chat or poll type) as 0 and throws only
    /// when writing it back, and throws at once on an unknown polymorphic type (a new forward origin or
    /// member status). Either way the handlers would meet an update they cannot trust: it is not handled.
    /// </summary>
    public static (Update? Update, string? Unreadable) Parse(JsonElement json)
    {
        Update? update;
        try { update = json.Deserialize<Update>(JsonBotAPI.Options); }
        // Any exception: a converter meeting untrusted JSON may throw anything, and one that escaped
        // would fail the batch and bring it back at every poll.
        catch (Exception e)
        {
            return (null, Reason("Telegram.Bot cannot read it", e));
        }
        if (update is null) return (null, "it is null");
        try { JsonSerializer.Serialize(update, JsonBotAPI.Options); }
        catch (Exception e)
        {
            return (null, Reason("it holds a value Telegram.Bot does not know", e));
        }
        return (update, null);
    }

    static string Reason(string what, Exception e) => HtmlText.Truncate($"{what}: {e.Message}", MaxReason);

    /// <summary>
    /// The chat from the JSON when the library cannot read the update: the first object that carries a
    /// chat (message, my_chat_member...), a pressed message's chat, or the sender; 0 when none does.
    /// </summary>
    static long ChatKeyOf(JsonElement json)
    {
        foreach (var part in json.EnumerateObject())
        {
            if (part.Value.ValueKind != JsonValueKind.Object) continue;
            var pressed = part.Value.TryGetProperty("message", out var message) ? IdOf(message, "chat") : null;
            if ((IdOf(part.Value, "chat") ?? pressed ?? IdOf(part.Value, "from")) is { } id) return id;
        }
        return 0;
    }

    static long? IdOf(JsonElement owner, string property) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(property, out var o) && o.ValueKind == JsonValueKind.Object
            && o.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) ? value : null;
}
