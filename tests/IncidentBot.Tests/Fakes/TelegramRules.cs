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
    public const int MaxInlineResults = 50;
    public const int MaxInlineIdBytes = 64;
    public const int MaxNextOffsetBytes = 64;

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

    /// <summary>
    /// answerInlineQuery: at most 50 results, each with a unique id of 1-64 bytes; an article needs a title and a
    /// message (text 1-4096 characters after entity parsing); cache_time is a whole number of seconds, 0 or more;
    /// next_offset at most 64 bytes.
    /// </summary>
    public static string? InlineAnswer(JsonObject body)
    {
        if (string.IsNullOrEmpty(Params.String(body, "inline_query_id")))
            return "Bad Request: parameter \"inline_query_id\" is required";
        if (Params.Array(body, "results") is not { } results)
            return "Bad Request: parameter \"results\" is required";
        if (results.Count > MaxInlineResults)
            return "Bad Request: RESULTS_TOO_MUCH";
        if (body["cache_time"] is not null && Params.Long(body, "cache_time") is not >= 0)
            return "Bad Request: CACHE_TIME_INVALID";
        if (Encoding.UTF8.GetByteCount(Params.String(body, "next_offset") ?? "") > MaxNextOffsetBytes)
            return "Bad Request: NEXT_OFFSET_INVALID";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in results)
        {
            if (node is not JsonObject result || Params.String(result, "type") is not { Length: > 0 } type)
                return "Bad Request: can't parse inline query result: field \"type\" must be non-empty";
            var id = Params.String(result, "id") ?? "";
            if (id.Length == 0 || Encoding.UTF8.GetByteCount(id) > MaxInlineIdBytes)
                return "Bad Request: RESULT_ID_INVALID";
            if (!ids.Add(id))
                return "Bad Request: RESULT_ID_DUPLICATE";
            if (ReplyMarkup(result) is { } markupError)
                return markupError;
            if (type == "article" && InlineArticle(result) is { } articleError)
                return articleError;
        }
        return null;
    }

    static string? InlineArticle(JsonObject article)
    {
        if (string.IsNullOrWhiteSpace(Params.String(article, "title")))
            return "Bad Request: RESULT_TITLE_EMPTY";
        if (Params.Object(article, "input_message_content") is not { } content)
            return "Bad Request: can't parse inline query result: field \"input_message_content\" is required";
        if (content["message_text"] is null)
            return "Bad Request: MESSAGE_EMPTY";
        return FormattedText(content, "message_text", "parse_mode", out _);
    }

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
