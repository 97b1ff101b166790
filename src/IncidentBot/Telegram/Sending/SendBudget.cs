using IncidentBot.Alerts;
using Microsoft.Extensions.Options;

namespace IncidentBot.Telegram.Sending;

internal enum SendPriority { Reply, Bulk }

/// <summary>
/// The one budget every outgoing message draws from, counted as Telegram counts: a sliding one-second
/// window for the whole bot, a minimum spacing per chat, a sliding minute per group or channel.
/// A permit is granted right before the HTTP call and counts in every window at once (separate token
/// buckets drift apart and let bursts through); it is held, counting as sending now, until its request
/// is on the wire (<see cref="SendPermit.Sent"/>), and then counts from that moment: Telegram counts a
/// send when it arrives, and a request can wait for a connection after its grant. Replies to people are
/// granted before bulk alerts; one chat's sends are granted in the order they asked.
/// </summary>
internal sealed class SendBudget
{
    // A little headroom under each configured rate absorbs scheduling jitter on the way to Telegram.
    static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(25);
    static readonly TimeSpan Second = TimeSpan.FromSeconds(1) + Slack;
    static readonly TimeSpan Minute = TimeSpan.FromMinutes(1) + Slack;
    // On an overloaded machine any thread can stall between writing a request and its leaving, by as much
    // as the pump's own timers are late: that lateness is added to every window while it lasts.
    static readonly TimeSpan MaxLag = TimeSpan.FromMilliseconds(250), LagMemory = TimeSpan.FromSeconds(10);

    readonly TimeProvider _clock;
    readonly int _groupPerMinute;
    readonly TimeSpan _chatSpacing;
    readonly Lock _gate = new();
    readonly LinkedList<Waiter> _waiters = new();
    readonly SendWindow _all, _free, _burst;
    readonly Dictionary<long, ChatWindow> _chats = [];
    DateTimeOffset _pausedUntil, _startsAt, _lagSeen;
    TimeSpan _lag;
    TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    TaskCompletionSource? _passed;
    bool _pumping;

    public SendBudget(IOptions<AlertOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        _clock = clock;
        var global = Math.Max(1, (int)Math.Floor(o.GlobalPerSecond));
        _all = new SendWindow(Second, global);
        _free = new SendWindow(Second, o.PaidBroadcast ? (int)Math.Min(global, AlertOptions.FreeGlobalPerSecond) : global);
        // Spread each second's sends over the second (at least three at a time, so a timer that wakes
        // a little late costs little): a send that reaches Telegram late then shares its window with
        // fewer others than a full-second burst would.
        var burst = Math.Clamp(global / 30, Math.Min(3, global), global);
        _burst = new SendWindow(Second * burst / global, burst);
        _groupPerMinute = Math.Max(1, o.GroupPerMinute);
        _chatSpacing = TimeSpan.FromSeconds(1 / o.PerChatPerSecond) + Slack;
        // A process that just started cannot know what its predecessor sent in the last second
        // (a crash, a quick restart): it waits that second out before its first send.
        _startsAt = clock.GetUtcNow() + (Second > _chatSpacing ? Second : _chatSpacing);
    }

    sealed class Waiter(SendBudget budget, long chatId, SendPriority priority, bool paid) : SendPermit
    {
        public readonly long ChatId = chatId;
        public readonly SendPriority Priority = priority;
        public readonly bool Paid = paid;
        public readonly TaskCompletionSource<SendPermit> Granted = new();
        public ChatWindow? Chat;
        int _sent;

        public override void Sent()
        {
            if (Chat is not null && Interlocked.Exchange(ref _sent, 1) == 0) budget.Sent(this);
        }
    }

    sealed class ChatWindow(SendWindow minute)
    {
        public DateTimeOffset Last = DateTimeOffset.MinValue;
        public int Pending;
        public readonly SendWindow Minute = minute;
    }

    /// <summary>
    /// Waits for the right to send one message to a chat now. The caller marks the permit
    /// <see cref="SendPermit.Sent"/> when the request is on the wire, and disposes it when the call is over.
    /// </summary>
    public Task<SendPermit> Acquire(long chatId, SendPriority priority, bool paid, CancellationToken ct)
    {
        // Completed synchronously by the pump: the caller's HTTP call starts on the pump's thread at the
        // moment of the grant, so a starved thread pool cannot bunch granted sends into a burst.
        var waiter = new Waiter(this, chatId, priority, paid);
        lock (_gate)
        {
            _waiters.AddLast(waiter);
            Wake();
            if (!_pumping) { _pumping = true; _ = Task.Run(Pump, CancellationToken.None); }
        }
        return ct.CanBeCanceled ? Granted(waiter, ct) : waiter.Granted.Task;
    }

    async Task<SendPermit> Granted(Waiter waiter, CancellationToken ct)
    {
        using var registration = ct.Register(() => Cancel(waiter, ct));
        return await waiter.Granted.Task;
    }

    /// <summary>A 429: nothing at all is sent until retry_after has passed.</summary>
    public void PauseFor(TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var until = _clock.GetUtcNow() + retryAfter;
            if (until > _pausedUntil) _pausedUntil = until;
            Wake();
        }
    }

    /// <summary>
    /// This instance has just become the bot's sender (<see cref="Instances.Leadership"/>): what the one before it
    /// sent in the last second is unknown, so that second is waited out, as at start-up.
    /// </summary>
    public void Restart()
    {
        lock (_gate)
        {
            var at = _clock.GetUtcNow() + (Second > _chatSpacing ? Second : _chatSpacing);
            if (at > _startsAt) _startsAt = at;
            Wake();
        }
    }

    /// <summary>Until when a 429 holds all sending (the start-up second is not a 429 and not shown).</summary>
    public DateTimeOffset PausedUntil { get { lock (_gate) return _pausedUntil; } }

    /// <summary>
    /// Completes once the pump has looked at every waiter again and granted what it may, so a caller can
    /// see that something was not granted without waiting a while for it.
    /// </summary>
    internal Task NextPass()
    {
        lock (_gate)
        {
            if (!_pumping) return Task.CompletedTask;
            _passed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Wake();
            return _passed.Task;
        }
    }

    void Cancel(Waiter waiter, CancellationToken ct)
    {
        lock (_gate) _waiters.Remove(waiter);
        waiter.Granted.TrySetCanceled(ct);
    }

    async Task Pump()
    {
        var granted = new List<Waiter>();
        while (true)
        {
            Task wake;
            DateTimeOffset due;
            TaskCompletionSource? passed;
            lock (_gate)
            {
                passed = _passed;
                _passed = null;
                if (_waiters.Count == 0) { _pumping = false; passed?.TrySetResult(); return; }
                var now = _clock.GetUtcNow();
                due = now + GrantReady(now, granted);
                wake = _wake.Task;
            }
            // Outside the lock: each grant runs its sender up to its first await, usually with its request
            // written. One cancelled meanwhile gives its place back at once.
            foreach (var w in granted)
                if (!w.Granted.TrySetResult(w)) w.Sent();
            granted.Clear();
            passed?.TrySetResult();
            // Timed from now, not from the pass: granting took time (and a test clock may have moved since), and
            // a pass that ends after the next send was due is as late as a timer that fires late.
            var wait = due - _clock.GetUtcNow();
            if (wait <= TimeSpan.Zero) NoteLag(-wait);
            else if (await Task.WhenAny(wake, Task.Delay(wait, _clock)) != wake) NoteLag(_clock.GetUtcNow() - due);
        }
    }

    void NoteLag(TimeSpan late)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (late > _lag || now - _lagSeen > LagMemory)
                (_lag, _lagSeen) = (late < MaxLag ? late : MaxLag, now);
        }
    }

    TimeSpan Lag(DateTimeOffset now) => now - _lagSeen > LagMemory || _lag < TimeSpan.Zero ? TimeSpan.Zero : _lag;

    /// <summary>Grants every waiter that may send now; returns how long until the next may.</summary>
    TimeSpan GrantReady(DateTimeOffset now, List<Waiter> granted)
    {
        var next = TimeSpan.MaxValue;
        var blocked = _pausedUntil > _startsAt ? _pausedUntil : _startsAt;
        if (blocked > now) return blocked - now;
        // A grant below completes after this returns, so the time it records is the send's own.
        foreach (var priority in (SendPriority[])[SendPriority.Reply, SendPriority.Bulk])
        {
            var seen = new HashSet<long>();
            for (var node = _waiters.First; node is not null;)
            {
                var waiter = node.Value;
                var following = node.Next;
                if (waiter.Priority == priority && seen.Add(waiter.ChatId))
                {
                    var ready = ReadyAt(waiter, now);
                    if (ready <= now)
                    {
                        Grant(waiter, now);
                        granted.Add(waiter);
                        _waiters.Remove(node);
                    }
                    else if (ready - now < next) next = ready - now;
                }
                else if (waiter.Priority != priority) seen.Add(waiter.ChatId); // a chat's earlier bulk send stays ahead of its later reply
                node = following;
            }
        }
        var global = GlobalReadyAt(now, paid: true);
        if (global > now && global - now < next) next = global - now;
        return next == TimeSpan.MaxValue ? TimeSpan.FromSeconds(1) : next;
    }

    DateTimeOffset ReadyAt(Waiter w, DateTimeOffset now)
    {
        var ready = GlobalReadyAt(now, w.Paid);
        if (_chats.TryGetValue(w.ChatId, out var chat))
        {
            if (chat.Pending > 0) return now + TimeSpan.FromHours(1); // until the send in flight has left
            if (chat.Last + _chatSpacing + Lag(now) > ready) ready = chat.Last + _chatSpacing + Lag(now);
            if (w.ChatId < 0 && chat.Minute.ReadyAt(now, Lag(now)) is var minute && minute > ready) ready = minute;
        }
        return ready;
    }

    DateTimeOffset GlobalReadyAt(DateTimeOffset now, bool paid)
    {
        var ready = _all.ReadyAt(now, Lag(now));
        if (_burst.ReadyAt(now) is var burst && burst > ready) ready = burst;
        if (!paid && _free.ReadyAt(now, Lag(now)) is var free && free > ready) ready = free;
        return ready;
    }

    void Grant(Waiter w, DateTimeOffset now)
    {
        _all.AddPending();
        // The spreading window keeps its scheduled times: counting from the send instead would let every
        // late start push the next slot back, and the rate would drift below the limit.
        _burst.Add(now);
        if (!w.Paid) _free.AddPending();
        if (!_chats.TryGetValue(w.ChatId, out var chat)) _chats[w.ChatId] = chat = new ChatWindow(new SendWindow(Minute, _groupPerMinute));
        chat.Pending++;
        if (w.ChatId < 0) chat.Minute.AddPending();
        w.Chat = chat;
        if (_chats.Count > 50_000) Forget(now);
    }

    void Sent(Waiter w)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            _all.Sent(now);
            if (!w.Paid) _free.Sent(now);
            var chat = w.Chat!;
            chat.Pending--;
            if (chat.Last < now) chat.Last = now;
            if (w.ChatId < 0) chat.Minute.Sent(now);
            if (_waiters.Count > 0) Wake();
        }
    }

    // Chats idle for over a minute need no memory: their next send is allowed at once anyway.
    void Forget(DateTimeOffset now)
    {
        foreach (var id in _chats.Where(c => c.Value.Pending == 0 && c.Value.Last < now - Minute).Select(c => c.Key).ToList())
            _chats.Remove(id);
    }

    void Wake()
    {
        var wake = _wake;
        _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        wake.TrySetResult();
    }
}
