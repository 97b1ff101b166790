using System.Text.Json;
using System.Text.Json.Serialization;
using global::Telegram.Bot.Requests;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Telegram;

/// <summary>
/// getUpdates with the answer left as JSON. Telegram.Bot's own GetUpdates parses every update, and an
/// update it cannot parse (a new forward origin or member status) fails the whole batch, forever: we
/// store what Telegram sent and let the library read each update on its own (see <see cref="RawUpdate"/>).
/// </summary>
internal sealed class RawUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
{
    [JsonPropertyName("offset")]
    public long? Offset { get; init; }

    [JsonPropertyName("limit")]
    public int? Limit { get; init; }

    [JsonPropertyName("timeout")]
    public int? Timeout { get; init; }

    [JsonPropertyName("allowed_updates")]
    public IEnumerable<UpdateType>? AllowedUpdates { get; init; }
}
