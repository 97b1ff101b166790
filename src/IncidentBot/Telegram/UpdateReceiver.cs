using System.Text.Json;
using IncidentBot.Instances;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Telegram;

/// <summary>
/// Long polling with a loop of our own rather than ReceiveAsync: the offset is confirmed only after
/// the batch is in the inbox, errors back off instead of looping hot, and stopping confirms the
/// last batch so it is not fetched again. Updates arrive as JSON (<see cref="RawUpdatesRequest"/>):
/// one the library cannot read is stored and skipped instead of failing its whole batch at every poll.
/// Only the instance holding the lease polls (Telegram ends the older of two polls with 409); another
/// instance starts polling when it takes the lease over, and Telegram re-sends what was not confirmed.
/// </summary>
internal sealed class UpdateReceiver(
    ITelegramBotClient bot, UpdateInbox inbox, Leadership leadership, BotStartup startup, BotStatus status,
    IOptions<TelegramOptions> options, TimeProvider clock, ILogger<UpdateReceiver> log) : BackgroundService
{
    /// <summary>The update types the bot handles, asked for by polling and by the webhook alike.</summary>
    internal static readonly UpdateType[] Wanted =
        [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.ChannelPost, UpdateType.MyChatMember, UpdateType.InlineQuery];
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    long? _offset;
    bool _noWebhook;

    RawUpdatesRequest Poll(int limit, int timeout) =>
        new() { Offset = _offset, Limit = limit, Timeout = timeout, AllowedUpdates = Wanted };

    List<RawUpdate> Read(JsonElement[] batch)
    {
        var updates = new List<RawUpdate>(batch.Length);
        foreach (var json in batch)
        {
            if (RawUpdate.Read(json) is { } update) updates.Add(update);
            else log.LogWarning("getUpdates returned an element without an update_id; ignored");
        }
        return updates;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = false;
        while (true)
        {
            var term = await leadership.NextTerm(stoppingToken);
            try
            {
                // The username and command menus, once per process: only the holder needs them, to handle updates.
                if (!started) await startup.Run(term.Token);
                started = true;
                await Receive(term.Token);
            }
            catch (OperationCanceledException) when (term.Token.IsCancellationRequested) { }
        }
    }

    async Task Receive(CancellationToken stoppingToken)
    {
        log.LogInformation("Polling for updates as @{Username}", startup.Username);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_noWebhook) _noWebhook = await DeleteWebhook(stoppingToken);
                var batch = await bot.SendRequest(Poll(100, options.Value.PollTimeoutSeconds), stoppingToken);
                status.PollCompleted(clock.GetUtcNow());
                failures = 0;
                if (batch.Length == 0) continue;
                var updates = Read(batch);
                await inbox.Accept(updates, stoppingToken);
                // Past every update, unreadable ones included: they are stored, so nothing is lost.
                if (updates.Count > 0) _offset = updates.Max(u => u.Id) + 1;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                var delay = Backoff(++failures);
                LogPollingError(e, delay);
                try { await Task.Delay(delay, clock, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>
    /// Back from webhook mode: Telegram refuses getUpdates while a webhook is set. Pending updates are kept
    /// (no drop_pending_updates): what was sent while switching must still arrive.
    /// </summary>
    async Task<bool> DeleteWebhook(CancellationToken ct)
    {
        var info = await bot.GetWebhookInfo(ct);
        if (string.IsNullOrEmpty(info.Url)) return true;
        await bot.DeleteWebhook(dropPendingUpdates: false, ct);
        log.LogInformation("A webhook was set; deleted it to poll instead ({Pending} pending updates kept)", info.PendingUpdateCount);
        return true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await ConfirmOffset();
    }

    // Without this, Telegram re-sends the last batch after a restart (the inbox would skip it anyway). A standby
    // does not: its poll would end the holder's with 409.
    async Task ConfirmOffset()
    {
        if (_offset is null || !leadership.IsActive) return;
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await bot.SendRequest(Poll(1, 0), quick.Token);
        }
        catch (Exception e) when (e is RequestException or HttpRequestException or OperationCanceledException)
        {
            log.LogDebug("Could not confirm the last offset on stop: {Error}", e.Message);
        }
    }

    void LogPollingError(Exception e, TimeSpan delay)
    {
        switch (e)
        {
            case ApiRequestException { ErrorCode: 401 or 404 }:
                log.LogError("Telegram rejected the bot token (Unauthorized): check Telegram:BotToken. Retrying in {Delay}", delay);
                break;
            case ApiRequestException { ErrorCode: 409 }:
                log.LogError("Another process is polling with this token, or a webhook is set (409 Conflict). Retrying in {Delay}", delay);
                break;
            case ApiRequestException api:
                log.LogWarning("getUpdates failed: {Code} {Description}. Retrying in {Delay}", api.ErrorCode, api.Message, delay);
                break;
            case RequestException or HttpRequestException or TaskCanceledException:
                log.LogWarning("getUpdates failed: {Error}. Retrying in {Delay}", e.GetBaseException().Message, delay);
                break;
            default:
                log.LogError(e, "Storing fetched updates failed; they will be fetched again. Retrying in {Delay}", delay);
                break;
        }
    }

    internal static TimeSpan Backoff(int failures) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 10))));
}
