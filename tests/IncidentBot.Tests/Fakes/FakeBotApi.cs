using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Fakes;

/// <summary>
/// A Bot API server on 127.0.0.1 that the real TelegramBotClient talks to: it records every call,
/// serves queued updates through getUpdates, keeps the chats' messages, and answers errors the way
/// Telegram does (see TelegramRules) so that bugs the real server would reject fail here too, sending
/// limits included (see SendLimits), and a bot writing first to a person (see FakeBotApi.Reach). Faults, latency and held replies can be injected (FakeBotApi.Faults).
/// All state sits behind one lock; every change completes <see cref="_changed"/> so waits never poll.
/// </summary>
public sealed partial class FakeBotApi : IAsyncDisposable
{
    public const string DefaultToken = "123456:TEST-token-never-log-me";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly List<ApiCall> _calls = [];
    private readonly List<string> _violations = [];
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Dictionary<string, Func<ApiCall, Reply>> _handlers;
    private TaskCompletionSource _changed = NewSignal();
    private WebApplication? _app;

    private FakeBotApi(string token)
    {
        Token = token;
        _handlers = Handlers();
    }

    public string Token { get; }

    /// <summary>http://127.0.0.1:{port}/ — pass it as TelegramBotClientOptions' baseUrl.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string BotUsername { get; set; } = "IncidentBot";

    /// <summary>
    /// Stamps arrival times (<see cref="ApiCall.At"/>), which the send limits count. A FakeTimeProvider here
    /// (shared with the bot's own clock, or advanced by the test) places sends exactly; waits (latency, holds,
    /// long polls) and message dates stay on the real clock.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public User BotUser => new() { Id = 123456, IsBot = true, FirstName = "IncidentBot", Username = BotUsername };

    /// <summary>Runs before each reply is decided, e.g. to add latency or hold a call back.</summary>
    public Func<ApiCall, Task>? BeforeReply { get; set; }

    /// <summary>
    /// A round trip added to every call (getUpdates included), after <see cref="BeforeReply"/> and before the
    /// reply is decided; zero by default. Calls wait concurrently and never under the lock. Limits still count
    /// the arrival time (<see cref="ApiCall.At"/>), not the end of the wait.
    /// </summary>
    public TimeSpan ResponseLatency { get; set; }

    /// <summary>Per-call latency (e.g. only for sendMessage); when set it replaces <see cref="ResponseLatency"/>.</summary>
    public Func<ApiCall, TimeSpan>? ResponseLatencyFor { get; set; }

    private TimeSpan LatencyOf(ApiCall call) => ResponseLatencyFor is { } latencyFor ? latencyFor(call) : ResponseLatency;

    public IReadOnlyList<ApiCall> Calls { get { lock (_gate) return _calls.ToArray(); } }

    /// <summary>
    /// Requests Telegram would have rejected as malformed, and sends refused by <see cref="Limits"/> (429);
    /// tests usually assert it is empty. Injected faults are never violations.
    /// </summary>
    public IReadOnlyList<string> Violations { get { lock (_gate) return _violations.ToArray(); } }

    public static async Task<FakeBotApi> StartAsync(string token = DefaultToken)
    {
        var api = new FakeBotApi(token);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear(); // no appsettings.json or ASPNETCORE_URLS from the test run
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(api.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        api.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        api._app = app;
        return api;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments is not [var botToken, var method] || !botToken.StartsWith("bot", StringComparison.Ordinal))
        {
            await WriteAsync(context, Reply.Error(404, "Not Found"));
            return;
        }
        JsonObject body;
        try
        {
            body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or BadHttpRequestException)
        {
            body = new JsonObject { ["unparsed_body_error"] = e.Message };
        }
        var call = new ApiCall(CanonicalName(method), body, Clock.GetUtcNow());
        if (BeforeReply is { } hook)
            await hook(call);
        await PauseAsync(LatencyOf(call)); // the reply is decided after the latency, by arrival time

        Reply reply;
        TimeSpan hold;
        if (botToken[3..] != Token)
            lock (_gate) reply = Record(call, Reply.Error(401, "Unauthorized"));
        else if (call.Method == "getUpdates")
            reply = await GetUpdatesAsync(call, context.RequestAborted);
        else
            lock (_gate) reply = Record(call, Dispatch(call));
        lock (_gate) hold = TakeHold(call);
        await PauseAsync(hold); // done and recorded, but the client waits (and may time out)
        if (!context.RequestAborted.IsCancellationRequested)
            await WriteAsync(context, reply);
    }

    /// <summary>Waits without holding the lock; cut short when the server shuts down.</summary>
    private async Task PauseAsync(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
            return;
        try { await Task.Delay(delay, _shutdown.Token); }
        catch (OperationCanceledException) { }
    }

    /// <summary>What answers before the method itself: an unreadable body, then injected faults.</summary>
    private Reply? Precheck(ApiCall call) =>
        call.Body["unparsed_body_error"] is not null
            ? Violation(call, 400, $"Bad Request: can't parse request body: {Params.String(call.Body, "unparsed_body_error")}")
            : TakeFault(call);

    private Reply Dispatch(ApiCall call)
    {
        if (Precheck(call) is { } early)
            return early;
        if (!_handlers.TryGetValue(call.Method, out var handle))
            return Violation(call, 404, "Not Found");
        var sendTo = SendMethods.Contains(call.Method) ? ResolveChat(call) : null; // unknown chats fail in the handler
        if (Unreachable(call, sendTo) is { } forbidden)
            return forbidden; // expected in normal operation (the bot cannot know), so not a violation
        if (sendTo is { } limited && CheckLimits(call, limited) is { } tooMany)
            return tooMany;
        try
        {
            var reply = handle(call);
            if (sendTo is { } chat && reply.ErrorCode is null)
                CountSend(call, chat);
            return reply;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return Violation(call, 400, $"Bad Request: {e.Message}");
        }
    }

    private string CanonicalName(string method) =>
        _handlers.Keys.FirstOrDefault(k => string.Equals(k, method, StringComparison.OrdinalIgnoreCase))
        ?? (string.Equals(method, "getUpdates", StringComparison.OrdinalIgnoreCase) ? "getUpdates" : method);

    /// <summary>Completes the call: from here on tests can see it. Call with the lock held.</summary>
    private Reply Record(ApiCall call, Reply reply)
    {
        call.ErrorCode = reply.ErrorCode;
        call.ErrorDescription = reply.Description;
        call.Result = reply.Result?.DeepClone();
        _calls.Add(call);
        Signal();
        return reply;
    }

    private Reply Violation(ApiCall call, int code, string description)
    {
        _violations.Add($"{call.Method}{(call.ChatId is { } chat ? $" chat={chat}" : "")}: {description}");
        return Reply.Error(code, description);
    }

    private Reply Invalid(ApiCall call, string description) => Violation(call, 400, description);

    private static async Task WriteAsync(HttpContext context, Reply reply)
    {
        context.Response.StatusCode = reply.ErrorCode ?? 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.ToJson());
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate) (previous, _changed) = (_changed, NewSignal());
        previous.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (_shutdown.IsCancellationRequested) return;
        _shutdown.Cancel(); // ends long polls at once, as Telegram closing the connection would
        if (_app is { } app)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(grace.Token);
            await app.DisposeAsync();
        }
    }

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
