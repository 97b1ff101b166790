using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;

namespace IncidentBot.Tests.Fakes;

/// <summary>A Bot API answer: {"ok":true,"result":...} or an error with Telegram's status code.</summary>
internal sealed record Reply(JsonNode? Result, int? ErrorCode = null, string? Description = null,
    int? RetryAfter = null, long? MigrateToChatId = null)
{
    /// <summary>Serialized with Telegram.Bot's own options, so the client reads back exactly these objects.</summary>
    public static Reply Ok(object value) =>
        new(JsonSerializer.SerializeToNode(value, value.GetType(), JsonBotAPI.Options));

    public static Reply Error(int code, string description, int? retryAfter = null, long? migrateToChatId = null) =>
        new(null, code, description, retryAfter, migrateToChatId);

    public string ToJson()
    {
        if (ErrorCode is not { } code)
            return new JsonObject { ["ok"] = true, ["result"] = Result?.DeepClone() }.ToJsonString();
        var json = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = Description };
        if (RetryAfter is not null || MigrateToChatId is not null)
        {
            var parameters = new JsonObject();
            if (RetryAfter is { } retry) parameters["retry_after"] = retry;
            if (MigrateToChatId is { } migrate) parameters["migrate_to_chat_id"] = migrate;
            json["parameters"] = parameters;
        }
        return json.ToJsonString();
    }
}
