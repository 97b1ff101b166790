using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IncidentBot.Tests.Fakes;

/// <summary>Reads a Bot API request the ways Telegram accepts it: JSON, empty, form-urlencoded or multipart.</summary>
internal static class RequestBody
{
    public static async Task<JsonObject> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
            return await ReadFormAsync(request, ct);

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
            return [];
        return JsonNode.Parse(text) as JsonObject
            ?? throw new JsonException("the request body is not a JSON object");
    }

    private static async Task<JsonObject> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var body = new JsonObject();
        foreach (var (key, value) in form)
            body[key] = FieldValue(value.ToString());
        // The uploaded bytes are kept so a test can read a sent document back.
        foreach (var file in form.Files)
        {
            using var bytes = new MemoryStream();
            await file.CopyToAsync(bytes, ct);
            body[file.Name] = new JsonObject { ["file_name"] = file.FileName, ["size"] = file.Length, ["bytes"] = Convert.ToBase64String(bytes.ToArray()) };
        }
        return body;
    }

    // Multipart requests carry nested objects (reply_markup, media) as JSON text: keep them as JSON.
    private static JsonNode? FieldValue(string value)
    {
        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try { return JsonNode.Parse(value); }
            catch (JsonException) { }
        }
        return JsonValue.Create(value);
    }
}

/// <summary>Lenient accessors: Telegram accepts "123" where 123 is expected, and so do these.</summary>
internal static class Params
{
    public static string? String(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v => v.ToJsonString(),
        var node => node.ToJsonString(),
    };

    public static long? Long(JsonObject body, string name) => body[name] switch
    {
        JsonValue v when v.TryGetValue(out long l) => l,
        JsonValue v when v.TryGetValue(out string? s)
            && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static double? Double(JsonObject body, string name) => body[name] switch
    {
        JsonValue v when v.TryGetValue(out double d) => d,
        JsonValue v when v.TryGetValue(out string? s)
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static bool Bool(JsonObject body, string name) => body[name] switch
    {
        JsonValue v when v.TryGetValue(out bool b) => b,
        JsonValue v when v.TryGetValue(out string? s) => s is "true" or "True" or "1",
        _ => false,
    };

    public static JsonObject? Object(JsonObject body, string name) => body[name] as JsonObject;

    public static JsonArray? Array(JsonObject body, string name) => body[name] as JsonArray;
}
