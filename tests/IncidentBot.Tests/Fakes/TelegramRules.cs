using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IncidentBot.Tests.Fakes;

/// <summary>
/// The checks Telegram makes before it accepts a request, with its own error descriptions.
/// Each returns null when the request is fine.
/// </summary>
public static partial class TelegramRules
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;
    public const int MaxCallbackDataBytes = 64;
    public const int MaxCallbackAnswerLength = 200;

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandName();

    /// <summary>Parses text or a caption under its parse_mode; the result is what the user would see.</summary>
    public static string? FormattedText(JsonObject body, string field, string? parseModeField, out ParsedText parsed)
    {
        var raw = Params.String(body, field) ?? "";
        var mode = parseModeField is null ? null : Params.String(body, parseModeField);
        parsed = mode?.ToLowerInvariant() switch
        {
            null or "" => TelegramHtml.Plain(raw),
            "html" => TelegramHtml.Parse(raw),
            "markdown" or "markdownv2" => TelegramHtml.Plain(raw), // not checked: IncidentBot speaks HTML
            _ => new ParsedText(raw, [], $"unsupported parse_mode \"{mode}\""),
        };
        if (parsed.Error is { } error)
            return error.StartsWith("unsupported parse_mode") ? $"Bad Request: {error}" : $"Bad Request: can't parse entities: {error}";
        var isCaption = field == "caption";
        if (!isCaption && parsed.Text.Trim().Length == 0)
            return "Bad Request: message text is empty";
        if (parsed.Text.Length > (isCaption ? MaxCaptionLength : MaxTextLength))
            return isCaption ? "Bad Request: message caption is too long" : "Bad Request: message is too long";
        return null;
    }

    public static string? ReplyMarkup(JsonObject body)
    {
        if (body["reply_markup"] is not JsonObject markup || markup["inline_keyboard"] is not { } keyboard)
            return null;
        if (keyboard is not JsonArray rows || rows.Any(r => r is not JsonArray))
            return "Bad Request: can't parse inline keyboard: field \"inline_keyboard\" must be an Array of Arrays";
        foreach (var button in rows.Cast<JsonArray>().SelectMany(r => r))
        {
            if (button is not JsonObject b || Params.String(b, "text") is not { Length: > 0 })
                return "Bad Request: can't parse inline keyboard button: Text must be non-empty";
            if (b["callback_data"] is not null)
            {
                var data = Params.String(b, "callback_data") ?? "";
                if (data.Length == 0 || Encoding.UTF8.GetByteCount(data) > MaxCallbackDataBytes)
                    return "Bad Request: BUTTON_DATA_INVALID";
            }
            else if (Params.String(b, "url") is { } url)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "tg"))
                    return "Bad Request: BUTTON_URL_INVALID";
            }
            else if (b.Count == 1)
                return "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
        }
        return null;
    }

    public static string? CallbackAnswer(JsonObject body) =>
        (Params.String(body, "text") ?? "").Length > MaxCallbackAnswerLength ? "Bad Request: MESSAGE_TOO_LONG" : null;

    public static string? Commands(JsonObject body)
    {
        if (Params.Array(body, "commands") is not { } commands)
            return "Bad Request: parameter \"commands\" is required";
        if (commands.Count > 100)
            return "Bad Request: BOT_COMMANDS_TOO_MUCH";
        foreach (var command in commands)
        {
            if (command is not JsonObject c || !CommandName().IsMatch(Params.String(c, "command") ?? ""))
                return "Bad Request: BOT_COMMAND_INVALID";
            if (Params.String(c, "description") is not { Length: > 0 and <= 256 })
                return "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID";
        }
        return null;
    }

    /// <summary>
    /// A venue needs a point, a title and an address, all plain text (no parse_mode). Telegram documents no
    /// length, so the fake holds the bot to what a map card shows whole: 100 and 200 characters.
    /// </summary>
    public static string? Venue(JsonObject body)
    {
        foreach (var field in new[] { "latitude", "longitude", "title", "address" })
            if (body[field] is null) return $"Bad Request: parameter \"{field}\" is required";
        if (Params.Double(body, "latitude") is not (>= -90 and <= 90) || Params.Double(body, "longitude") is not (>= -180 and <= 180))
            return "Bad Request: wrong venue location specified";
        if (string.IsNullOrWhiteSpace(Params.String(body, "title")) || Params.String(body, "title")!.Length > 100)
            return "Bad Request: venue title must be 1-100 characters";
        if (string.IsNullOrWhiteSpace(Params.String(body, "address")) || Params.String(body, "address")!.Length > 200)
            return "Bad Request: venue address must be 1-200 characters";
        return null;
    }
}
