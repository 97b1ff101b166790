using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Telegram;

/// <summary>
/// The POST Telegram makes for each update. 200 means "stored": the answer goes only after the inbox has the
/// update durably, so a crash before it makes Telegram re-send (and the inbox recognises the id); handling
/// is never awaited. A wrong or missing secret gets 401 with nothing stored. A body that is not an update
/// gets 200 and a warning: an error would make Telegram re-send it for a day, and it would never get better.
/// </summary>
internal sealed class WebhookEndpoint(UpdateInbox inbox, IOptions<TelegramOptions> options, TimeProvider clock, ILogger<WebhookEndpoint> log)
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.WebhookSecret ?? "");
    readonly Lock _gate = new();
    DateTimeOffset _lastWarning = DateTimeOffset.MinValue;
    int _rejected;

    public async Task<IResult> Post(HttpContext context)
    {
        if (!SecretMatches(context.Request.Headers[SecretHeader]))
        {
            Rejected();
            return Results.Unauthorized();
        }
        RawUpdate? update;
        try
        {
            using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            update = RawUpdate.Read(json.RootElement);
        }
        catch (JsonException) { update = null; }
        if (update is null)
        {
            log.LogWarning("The webhook received a body that is not an update; answered 200 so Telegram does not re-send it");
            return Results.Ok();
        }
        await inbox.Accept([update], context.RequestAborted);
        return Results.Ok();
    }

    bool SecretMatches(string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), _secret);

    // Anyone can reach the URL: one line a minute at most, whatever they send.
    void Rejected()
    {
        int count;
        lock (_gate)
        {
            _rejected++;
            var now = clock.GetUtcNow();
            if (now - _lastWarning < WarnEvery) return;
            (count, _rejected, _lastWarning) = (_rejected, 0, now);
        }
        log.LogWarning("Refused {Count} webhook requests with a wrong or missing secret (401) since the last such line", count);
    }
}
