using System.Diagnostics;

namespace IncidentBot.Tests;

/// <summary>
/// The clock of a bot under test: it runs with real time from a chosen start, so the bot's pacing, timeouts
/// and back-offs behave as in production, and a test can move it forward at once (hours of quiet time, a
/// back-off's wait). A jump fires every timer that falls due.
/// </summary>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    readonly long _started = Stopwatch.GetTimestamp();
    readonly Lock _gate = new();
    readonly List<JumpTimer> _timers = [];
    TimeSpan _jumped;

    public TestClock() : this(DateTimeOffset.UtcNow) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return start + _jumped + Stopwatch.GetElapsedTime(_started);
    }

    public void Advance(TimeSpan by)
    {
        List<JumpTimer> timers;
        lock (_gate)
        {
            _jumped += by;
            timers = [.. _timers];
        }
        foreach (var timer in timers) timer.Arm();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new JumpTimer(this, callback, state);
        lock (_gate) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    sealed class JumpTimer : ITimer
    {
        readonly TestClock _clock;
        readonly TimerCallback _callback;
        readonly object? _state;
        readonly Timer _timer;
        DateTimeOffset? _due;
        TimeSpan _period;

        public JumpTimer(TestClock clock, TimerCallback callback, object? state)
        {
            (_clock, _callback, _state) = (clock, callback, state);
            _timer = new Timer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (this)
            {
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
                _period = period;
            }
            Arm();
            return true;
        }

        /// <summary>Sets the real timer to the time left on this clock (none after a jump past it).</summary>
        public void Arm()
        {
            lock (this)
            {
                var wait = _due is { } due ? due - _clock.GetUtcNow() : Timeout.InfiniteTimeSpan;
                _timer.Change(_due is null ? Timeout.InfiniteTimeSpan : wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
            }
        }

        void Fire()
        {
            lock (this)
            {
                if (_due is not { } due) return;
                if (_clock.GetUtcNow() < due) { Arm(); return; }
                _due = _period > TimeSpan.Zero ? due + _period : null;
            }
            Arm();
            _callback(_state);
        }

        public void Dispose()
        {
            _timer.Dispose();
            lock (_clock._gate) _clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
