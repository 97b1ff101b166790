using System.Text.Json.Nodes;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Fakes;

// Inline mode: a query queued as an update (Tg.Inline) is answered once with answerInlineQuery, under Telegram's
// rules (TelegramRules.InlineAnswer); the answer is kept for assertions.
public sealed partial class FakeBotApi
{
    private readonly Dictionary<string, InlineAnswer?> _inlineQueries = []; // id -> the answer, null until answered

    /// <summary>What the bot answered an inline query with, as Telegram received it.</summary>
    public sealed record InlineAnswer(string QueryId, JsonArray Results, long? CacheTime, bool IsPersonal, string? NextOffset)
    {
        public IEnumerable<JsonObject> Articles => Results.OfType<JsonObject>();

        /// <summary>The message each result posts (HTML as sent), in order.</summary>
        public IEnumerable<string> MessageTexts =>
            Articles.Select(a => Params.String(Params.Object(a, "input_message_content") ?? [], "message_text") ?? "");

        public IEnumerable<string> Ids => Articles.Select(a => Params.String(a, "id") ?? "");
    }

    /// <summary>Inline queries queued as updates that the bot has not answered.</summary>
    public IReadOnlyList<string> UnansweredInlineQueries
    {
        get { lock (_gate) return _inlineQueries.Where(q => q.Value is null).Select(q => q.Key).ToArray(); }
    }

    /// <summary>Waits until the bot has answered the inline query; returns its answer.</summary>
    public async Task<InlineAnswer> WaitForInlineAnswer(string queryId, TimeSpan? timeout = null)
    {
        await WaitUntil(api => { lock (_gate) return _inlineQueries.GetValueOrDefault(queryId) is not null; }, timeout);
        lock (_gate) return _inlineQueries[queryId]!;
    }

    private void RememberInline(InlineQuery query)
    {
        RememberUser(query.From);
        _inlineQueries.TryAdd(query.Id, null);
    }

    private Reply AnswerInlineQuery(ApiCall call)
    {
        if (TelegramRules.InlineAnswer(call.Body) is { } error)
            return Invalid(call, error);
        var id = Params.String(call.Body, "inline_query_id")!;
        if (!_inlineQueries.TryGetValue(id, out var answered) || answered is not null)
            return Invalid(call, QueryTooOld);
        _inlineQueries[id] = new InlineAnswer(id, (JsonArray)call.Body["results"]!.DeepClone(), Params.Long(call.Body, "cache_time"),
            Params.Bool(call.Body, "is_personal"), Params.String(call.Body, "next_offset"));
        return Reply.Ok(true);
    }
}
