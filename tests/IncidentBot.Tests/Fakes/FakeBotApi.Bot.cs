using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Fakes;

// The method table, and the bot-level methods: identity, command menus, webhook, button answers (inline answers: FakeBotApi.Inline).
public sealed partial class FakeBotApi
{
    private const string QueryTooOld =
        "Bad Request: query is too old and response timeout expired or query ID is invalid";

    private readonly Dictionary<string, BotCommand[]> _commands = [];

    private Dictionary<string, Func<ApiCall, Reply>> Handlers()
    {
        Func<ApiCall, Reply> True = _ => Reply.Ok(true);
        return new(StringComparer.OrdinalIgnoreCase)
        {
            ["getMe"] = _ => Reply.Ok(BotUser),
            ["sendMessage"] = c => Send(c, "text"),
            ["sendPhoto"] = c => Send(c, "caption", m => Photo(m, FileId(c.Body, "photo"))),
            ["sendDocument"] = c => Send(c, "caption", m => m.Document = new Document { FileId = FileId(c.Body, "document"), FileUniqueId = $"doc-{m.Id}" }),
            ["sendVideo"] = c => Send(c, "caption"),
            ["sendAnimation"] = c => Send(c, "caption"),
            ["sendAudio"] = c => Send(c, "caption"),
            ["sendVoice"] = c => Send(c, "caption"),
            ["sendSticker"] = c => Send(c, null),
            ["sendContact"] = c => Send(c, null),
            ["sendDice"] = c => Send(c, null),
            ["sendLocation"] = c => Send(c, null, m => m.Location = LocationOf(c.Body)),
            ["sendVenue"] = c => TelegramRules.Venue(c.Body) is { } venueError ? Invalid(c, venueError)
                : Send(c, null, m => m.Venue = new Venue { Location = LocationOf(c.Body), Title = Params.String(c.Body, "title")!, Address = Params.String(c.Body, "address")! }),
            ["sendMediaGroup"] = SendMediaGroup,
            ["copyMessage"] = c => CopyOrForward(c, copy: true),
            ["forwardMessage"] = c => CopyOrForward(c, copy: false),
            ["editMessageText"] = c => Edit(c, EditKind.Text),
            ["editMessageCaption"] = c => Edit(c, EditKind.Caption),
            ["editMessageReplyMarkup"] = c => Edit(c, EditKind.Markup),
            ["deleteMessage"] = DeleteMessage,
            ["deleteMessages"] = DeleteMessagesBatch,
            ["answerCallbackQuery"] = AnswerCallbackQuery,
            ["answerInlineQuery"] = AnswerInlineQuery,
            ["setMyCommands"] = SetMyCommands,
            ["getMyCommands"] = c => Reply.Ok(_commands.GetValueOrDefault(ScopeKey(c.Body)) ?? []),
            ["deleteMyCommands"] = c => { _commands.Remove(ScopeKey(c.Body)); return Reply.Ok(true); },
            ["getChatMember"] = GetChatMember,
            ["getChatAdministrators"] = GetChatAdministrators,
            ["setWebhook"] = SetWebhook,
            ["deleteWebhook"] = DeleteWebhook,
            ["getWebhookInfo"] = _ => Reply.Ok(WebhookInfo()),
            ["sendChatAction"] = True, ["setChatMenuButton"] = True, ["setMyDescription"] = True,
            ["setMyShortDescription"] = True, ["setMyName"] = True, ["pinChatMessage"] = True,
            ["unpinChatMessage"] = True, ["leaveChat"] = True, ["close"] = True, ["logOut"] = True,
        };
    }

    /// <summary>The command menu last set for this scope (default scope when null) and language.</summary>
    public IReadOnlyList<BotCommand> Commands(BotCommandScope? scope = null, string? languageCode = null)
    {
        var body = new JsonObject { ["language_code"] = languageCode };
        if (scope is not null)
            body["scope"] = JsonSerializer.SerializeToNode(scope, scope.GetType(), JsonBotAPI.Options);
        lock (_gate) return _commands.GetValueOrDefault(ScopeKey(body)) ?? [];
    }

    private static string ScopeKey(JsonObject body)
    {
        var scope = Params.Object(body, "scope") ?? [];
        return string.Join("|", Params.String(scope, "type") ?? "default", Params.String(scope, "chat_id"),
            Params.String(scope, "user_id"), Params.String(body, "language_code"));
    }

    private Reply SetMyCommands(ApiCall call)
    {
        if (TelegramRules.Commands(call.Body) is { } error)
            return Invalid(call, error);
        _commands[ScopeKey(call.Body)] = call.Body["commands"].Deserialize<BotCommand[]>(JsonBotAPI.Options) ?? [];
        return Reply.Ok(true);
    }

    private Reply AnswerCallbackQuery(ApiCall call)
    {
        if (TelegramRules.CallbackAnswer(call.Body) is { } error)
            return Invalid(call, error);
        var id = Params.String(call.Body, "callback_query_id");
        if (id is null || !_callbackQueries.TryGetValue(id, out var answered) || answered)
            return Invalid(call, QueryTooOld);
        _callbackQueries[id] = true;
        return Reply.Ok(true);
    }

    private Reply DeleteWebhook(ApiCall call)
    {
        _webhookUrl = null;
        _webhook = null;
        if (Params.Bool(call.Body, "drop_pending_updates"))
            _pending.Clear();
        return Reply.Ok(true);
    }

    private static Location LocationOf(JsonObject body) => new()
    {
        Latitude = Params.Double(body, "latitude") ?? throw new FormatException("latitude is required"),
        Longitude = Params.Double(body, "longitude") ?? throw new FormatException("longitude is required"),
    };
}
