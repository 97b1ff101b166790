using System.Text.Json.Nodes;

namespace IncidentBot.Tests.Fakes;

/// <summary>
/// One request the fake Bot API answered. Recorded once its reply is decided, so a test that sees it
/// also sees its effect (the message stored, the offset confirmed).
/// </summary>
public sealed class ApiCall(string method, JsonObject body, DateTimeOffset at)
{
    public string Method { get; } = method;

    /// <summary>Request parameters; form and multipart fields are strings, uploaded files are {file_name, size, bytes (base64)}.</summary>
    public JsonObject Body { get; } = body;

    /// <summary>When the request arrived (FakeBotApi.Clock, the wall clock by default), body read; the send limits count this.</summary>
    public DateTimeOffset At { get; } = at;

    /// <summary>Null when the call succeeded.</summary>
    public int? ErrorCode { get; internal set; }

    public string? ErrorDescription { get; internal set; }

    /// <summary>The "result" the fake answered with, null on error.</summary>
    public JsonNode? Result { get; internal set; }

    public bool Succeeded => ErrorCode is null;

    public long? ChatId => Params.Long(Body, "chat_id");

    public string? Text => Params.String(Body, "text") ?? Params.String(Body, "caption");

    /// <summary>message_id of the message this call sent or edited (from the reply).</summary>
    public int? MessageId => Result is JsonObject result ? (int?)Params.Long(result, "message_id") : null;

    /// <summary>The bytes uploaded as <paramref name="field"/> (multipart, directly or as "attach://name"), or null when none were.</summary>
    public byte[]? Upload(string field) =>
        UploadedFile(field) is { } file && Params.String(file, "bytes") is { } base64 ? Convert.FromBase64String(base64) : null;

    public string? UploadName(string field) => UploadedFile(field) is { } file ? Params.String(file, "file_name") : null;

    JsonObject? UploadedFile(string field) => Body[field] switch
    {
        JsonObject file => file,
        JsonValue v when v.TryGetValue(out string? s) && s.StartsWith("attach://", StringComparison.Ordinal) => Body[s["attach://".Length..]] as JsonObject,
        _ => null,
    };

    /// <summary>Parameter as a string (numbers and JSON values as their text), or null.</summary>
    public string? this[string parameter] => Params.String(Body, parameter);

    public override string ToString()
    {
        var text = Text is { } t ? $" \"{(t.Length > 80 ? t[..80] + "…" : t)}\"" : "";
        var chat = Body["chat_id"] is { } c ? $" chat={Params.String(Body, "chat_id")}" : "";
        var outcome = ErrorCode is { } code ? $" -> {code} {ErrorDescription}"
            : Method == "getUpdates" ? $" offset={this["offset"] ?? "none"} -> {(Result as JsonArray)?.Count} updates" : "";
        return $"{At:HH:mm:ss.fff} {Method}{chat}{text}{outcome}";
    }
}
