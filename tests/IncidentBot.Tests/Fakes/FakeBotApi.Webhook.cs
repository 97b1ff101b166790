using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace IncidentBot.Tests.Fakes;

// setWebhook / getWebhookInfo / deleteWebhook with Telegram's fields, and delivery like Telegram's: while a
// webhook is set, pending updates are POSTed to it one at a time in update_id order with the secret header;
// an update leaves the queue only on a 2xx answer, and a non-2xx answer, a refused connection or a timeout
// has it POSTed again. getUpdates is refused with 409 meanwhile (FakeBotApi.Updates).
public sealed partial class FakeBotApi
{
    private const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private sealed record Webhook(string Url, string? Secret, int MaxConnections, UpdateType[]? AllowedUpdates);

    private readonly List<(long UpdateId, int? Status)> _webhookPosts = [];
    private Webhook? _webhook;
    private DateTime? _lastWebhookErrorDate;
    private string? _lastWebhookError;
    private Task? _webhookPump;

    /// <summary>
    /// Where the fake really POSTs: the registered URL's scheme, host and port replaced by this base, path kept
    /// (the reverse proxy that terminates https in front of the bot). Null: the registered URL itself.
    /// </summary>
    public Uri? WebhookForwardTo { get; set; }

    /// <summary>How long a POST may take before it counts as failed and is made again.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause before POSTing again after a failure (Telegram's is longer).</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Called with each answer (update id, status; null when none came) before the fake acts on it. Returning
    /// false treats a 2xx as lost, as when the connection dies with the process: the update is POSTed again.
    /// </summary>
    public Func<long, int?, Task<bool>>? WebhookAnswered { get; set; }

    /// <summary>Every webhook POST the fake made: update id and the status answered (null: none).</summary>
    public IReadOnlyList<(long UpdateId, int? Status)> WebhookPosts { get { lock (_gate) return _webhookPosts.ToArray(); } }

    private Reply SetWebhook(ApiCall call)
    {
        var url = Params.String(call.Body, "url");
        if (string.IsNullOrEmpty(url)) { _webhookUrl = null; _webhook = null; return Reply.Ok(true); }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            return Invalid(call, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        var secret = Params.String(call.Body, "secret_token");
        if (secret is not null && !Regex.IsMatch(secret, "^[A-Za-z0-9_-]{1,256}$"))
            return Invalid(call, "Bad Request: secret token contains unallowed characters");
        var max = (int)(Params.Long(call.Body, "max_connections") ?? 40);
        if (max is < 1 or > 100)
            return Invalid(call, "Bad Request: bad webhook: max_connections must be between 1 and 100");
        var allowed = Params.Array(call.Body, "allowed_updates")?.Deserialize<UpdateType[]>(JsonBotAPI.Options);
        _webhook = new Webhook(url, secret, max, allowed);
        _webhookUrl = url;
        _lastWebhookError = null;
        _lastWebhookErrorDate = null;
        if (Params.Bool(call.Body, "drop_pending_updates")) _pending.Clear();
        _webhookPump ??= Task.Run(PumpWebhook);
        Signal();
        return Reply.Ok(true);
    }

    private WebhookInfo WebhookInfo() => new()
    {
        Url = _webhook?.Url ?? "",
        PendingUpdateCount = _pending.Count,
        MaxConnections = _webhook?.MaxConnections,
        AllowedUpdates = _webhook?.AllowedUpdates,
        LastErrorDate = _lastWebhookErrorDate,
        LastErrorMessage = _lastWebhookError,
    };

    private async Task PumpWebhook()
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        while (!_shutdown.IsCancellationRequested)
        {
            Task changed;
            (Webhook Hook, PendingUpdate Update)? next;
            lock (_gate)
            {
                changed = _changed.Task;
                next = _webhook is { } hook && _pending.OrderBy(p => p.Id).FirstOrDefault() is { } first ? (hook, first) : null;
            }
            if (next is not { } work)
            {
                try { await changed.WaitAsync(_shutdown.Token); } catch (OperationCanceledException) { }
                continue;
            }
            var status = await PostAsync(http, work.Hook, work.Update);
            var delivered = status is >= 200 and < 300;
            if (WebhookAnswered is { } answered && !await answered(work.Update.Id, status)) delivered = false;
            lock (_gate)
            {
                _webhookPosts.Add((work.Update.Id, status));
                if (delivered) _pending.Remove(work.Update);
                else (_lastWebhookErrorDate, _lastWebhookError) = (DateTime.UtcNow, status is { } s ? $"Wrong response from the webhook: {s}" : "Connection refused or timed out");
            }
            Signal();
            if (!delivered) await PauseAsync(WebhookRetryDelay);
        }
    }

    private async Task<int?> PostAsync(HttpClient http, Webhook hook, PendingUpdate update)
    {
        var target = new Uri(hook.Url);
        if (WebhookForwardTo is { } proxy) target = new Uri(proxy, target.PathAndQuery);
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new StringContent(update.Json.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (hook.Secret is { } secret) request.Headers.Add(SecretHeader, secret);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        timeout.CancelAfter(WebhookTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException) { return null; }
    }
}
