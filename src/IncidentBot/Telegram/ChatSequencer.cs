using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Telegram;

/// <summary>
/// Serves different chats concurrently and each chat's updates in order. Every reply waits a
/// Telegram round trip, so one-at-a-time handling would cap the bot at a few updates a second.
/// The backlog is bounded: when it is full the inbox feeder waits until handlers catch up; the rest waits in the inbox.
/// </summary>
internal sealed class ChatSequencer(UpdateHandling handling, IOptions<TelegramOptions> options, ILogger<ChatSequencer> log)
{
    public const int MaxBacklog = 2000;

    readonly Lock _gate = new();
    readonly Dictionary<long, Queue<long>> _chats = [];
    readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentChats));
    readonly SemaphoreSlim _backlog = new(MaxBacklog);
    readonly CancellationTokenSource _stopping = new();
    readonly List<Task> _drains = [];
    int _pending;
    TaskCompletionSource _idle = Completed();

    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues an inbox row behind the chat's earlier ones; waits while the backlog is full.</summary>
    public async Task EnqueueAsync(long chatKey, long seq, CancellationToken ct)
    {
        await _backlog.WaitAsync(ct);
        lock (_gate)
        {
            if (_pending++ == 0) _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_chats.TryGetValue(chatKey, out var queue)) { queue.Enqueue(seq); return; }
            _chats[chatKey] = new Queue<long>([seq]);
            _drains.RemoveAll(t => t.IsCompleted);
            _drains.Add(Task.Run(() => Drain(chatKey)));
        }
    }

    /// <summary>Completes when nothing is queued or running.</summary>
    public Task WhenIdle() { lock (_gate) return _idle.Task; }

    /// <summary>
    /// Drops what is queued and not yet running (this instance lost the lease: the new holder handles it);
    /// handlers already running finish.
    /// </summary>
    public void Abandon()
    {
        int dropped;
        lock (_gate)
        {
            dropped = _chats.Values.Sum(q => q.Count);
            foreach (var queue in _chats.Values) queue.Clear();
        }
        for (var i = 0; i < dropped; i++) Done();
    }

    /// <summary>
    /// Lets running handlers finish within the grace period, then cancels them; whatever did not
    /// finish stays unhandled in the inbox, for whichever instance holds the lease next.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await Task.WhenAny(WhenIdle(), Task.Delay(grace));
        await _stopping.CancelAsync();
        Task[] drains;
        lock (_gate) drains = [.. _drains];
        await Task.WhenAll(drains);
    }

    async Task Drain(long chatKey)
    {
        while (true)
        {
            long seq;
            lock (_gate)
            {
                var queue = _chats[chatKey];
                if (queue.Count == 0 || _stopping.IsCancellationRequested) { _chats.Remove(chatKey); return; }
                seq = queue.Dequeue();
            }
            try
            {
                await _slots.WaitAsync(_stopping.Token);
                try { await handling.Handle(seq, _stopping.Token); }
                finally { _slots.Release(); }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
            catch (Exception e) { log.LogError(e, "Inbox row {Seq} could not be handled", seq); }
            finally { Done(); }
        }
    }

    void Done()
    {
        _backlog.Release();
        lock (_gate)
            if (--_pending == 0) _idle.TrySetResult();
    }

    static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
