using IncidentBot.Http;
using global::Telegram.Bot;
using global::Telegram.Bot.Args;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Requests;
using global::Telegram.Bot.Requests.Abstractions;
using global::Telegram.Bot.Types;

namespace IncidentBot.Telegram.Sending;

/// <summary>
/// The bot client every feature uses: each message-sending call first takes a permit from the
/// <see cref="SendBudget"/>, so replies, moderator cards and alerts share one budget, and the request carries
/// it (<see cref="PermittedRequest{TResponse}"/>) until its body is written or the call is over. Edits,
/// callback and inline query answers and polling are not messages and pass straight through. A 429 pauses all sending, and a retry waits out retry_after.
/// Calls through <see cref="ITelegramBotClient"/> are answers to the person acting and go before bulk
/// sends; the outbox dispatcher says <see cref="SendPriority.Bulk"/> with each request. A reply that meets a
/// transient failure — a 5xx, or a request that never got through — is tried again twice, 1 s and 2 s
/// later: Telegram did nothing, and the person is waiting. A timeout is not retried: the message may have
/// arrived. Bulk sends are not retried here: the dispatcher reschedules their rows.
/// </summary>
internal sealed class PacedBotClient(ITelegramBotClient inner, SendBudget budget, TimeSpan sendTimeout, TimeProvider clock, BotMetrics metrics)
    : ITelegramBotClient
{
    static readonly TimeSpan RetryReplyWithin = TimeSpan.FromSeconds(30);
    const int ReplyAttempts = 3;

    public Task<TResponse> SendRequest<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        Send(request, SendPriority.Reply, cancellationToken);

    public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request, SendPriority priority, CancellationToken cancellationToken)
    {
        var chatId = IsMessage(request) && request is IChatTargetable { ChatId.Identifier: { } id } ? id : (long?)null;
        for (var attempt = 1; ; attempt++)
        {
            using var permit = chatId is { } chat
                ? await budget.Acquire(chat, priority, request is SendMessageRequest { AllowPaidBroadcast: true }, cancellationToken)
                : null;
            // The timeout starts with the permit: waiting for the budget (or a 429 pause) is not a slow Telegram.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (chatId is not null) timeout.CancelAfter(sendTimeout);
            try
            {
                var response = await inner.SendRequest(permit is null ? request : new PermittedRequest<TResponse>(request, permit), timeout.Token);
                Count(request, "ok");
                return response;
            }
            // Always false: the filter counts the failure, then the catches below decide what it means.
            catch (Exception e) when (Count(request, Outcome(e, timeout, cancellationToken)))
            {
                throw;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{request.MethodName} got no answer within {sendTimeout.TotalSeconds:0.#} s; it may or may not have been delivered");
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429)
            {
                var retryAfter = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                var pausedFrom = Max(budget.PausedUntil, clock.GetUtcNow());
                budget.PauseFor(retryAfter);
                metrics.Throttled();
                metrics.Paused(budget.PausedUntil - pausedFrom);
                // A person waiting for a reply is worth one paced retry; bulk rows are rescheduled by the dispatcher.
                if (priority == SendPriority.Bulk || attempt > 1 || retryAfter > RetryReplyWithin) throw;
                // A message's retry waits for its permit, which the pause holds back; any other call waits here.
                if (chatId is null) await Task.Delay(retryAfter, clock, cancellationToken);
            }
            catch (RequestException e) when (priority == SendPriority.Reply && attempt < ReplyAttempts
                && (chatId is not null || request.MethodName.StartsWith("edit", StringComparison.Ordinal)) && NothingDone(e))
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), clock, cancellationToken);
            }
        }
    }

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // Long polls are not sends: an empty getUpdates every 30 s would drown the counts.
    bool Count(IRequest request, string outcome)
    {
        if (request.MethodName != "getUpdates") metrics.Sent(request.MethodName, outcome);
        return false;
    }

    static string Outcome(Exception e, CancellationTokenSource timeout, CancellationToken caller) => e switch
    {
        ApiRequestException api => api.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OperationCanceledException when timeout.IsCancellationRequested && !caller.IsCancellationRequested => "timeout",
        OperationCanceledException => "cancelled",
        _ => "failed",
    };

    /// <summary>A server error, or a request that failed on the way: Telegram did not carry it out.</summary>
    static bool NothingDone(RequestException e) =>
        e is ApiRequestException { ErrorCode: >= 500 }
        || e is not ApiRequestException && (e.InnerException is HttpRequestException || (int?)e.HttpStatusCode >= 500);

    static bool IsMessage(IRequest request) =>
        request.MethodName is "copyMessage" or "copyMessages" or "forwardMessage" or "forwardMessages"
        || request.MethodName.StartsWith("send", StringComparison.Ordinal) && request.MethodName != "sendChatAction";

    public bool LocalBotServer => inner.LocalBotServer;
    public long BotId => inner.BotId;
    public TimeSpan Timeout { get => inner.Timeout; set => inner.Timeout = value; }
    public IExceptionParser ExceptionsParser { get => inner.ExceptionsParser; set => inner.ExceptionsParser = value; }

    public event AsyncEventHandler<ApiRequestEventArgs>? OnMakingApiRequest
    {
        add => inner.OnMakingApiRequest += value;
        remove => inner.OnMakingApiRequest -= value;
    }

    public event AsyncEventHandler<ApiResponseEventArgs>? OnApiResponseReceived
    {
        add => inner.OnApiResponseReceived += value;
        remove => inner.OnApiResponseReceived -= value;
    }

    public Task<bool> TestApi(CancellationToken cancellationToken = default) => inner.TestApi(cancellationToken);
    public Task DownloadFile(string filePath, Stream destination, CancellationToken cancellationToken = default) =>
        inner.DownloadFile(filePath, destination, cancellationToken);
    public Task DownloadFile(TGFile file, Stream destination, CancellationToken cancellationToken = default) =>
        inner.DownloadFile(file, destination, cancellationToken);
}
