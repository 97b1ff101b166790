namespace IncidentBot.Telegram.Sending;

/// <summary>
/// A sliding window of send times: at most capacity sends within any length. A granted send is pending
/// until its request is on the wire, and a pending send counts as sending now: a request that waited for a
/// connection or a cold serializer reaches Telegram late, and Telegram counts it when it arrives.
/// </summary>
internal sealed class SendWindow(TimeSpan length, int capacity)
{
    readonly LinkedList<DateTimeOffset> _times = new(); // sends on the wire, oldest first
    int _pending;

    /// <summary>
    /// When the next send may go: now while the window has room, else when enough sent entries leave it.
    /// When pending sends alone fill it, not before one of them is sent (an hour stands for "unknown").
    /// <paramref name="lag"/> lengthens the window for now.
    /// </summary>
    public DateTimeOffset ReadyAt(DateTimeOffset now, TimeSpan lag = default)
    {
        var span = lag > TimeSpan.Zero ? length + lag : length;
        while (_times.First is { } first && first.Value <= now - span) _times.RemoveFirst();
        var over = _times.Count + _pending - capacity; // entries that must leave before there is room, less one
        if (over < 0) return now;
        if (over >= _times.Count) return now + TimeSpan.FromHours(1);
        var node = _times.First!;
        for (var i = 0; i < over; i++) node = node.Next!;
        return node.Value + span;
    }

    /// <summary>A send that has left at <paramref name="at"/> (now, or the time it was scheduled for).</summary>
    public void Add(DateTimeOffset at) => _times.AddLast(at);

    /// <summary>A send granted but not yet on the wire.</summary>
    public void AddPending() => _pending++;

    /// <summary>A pending send has left (or failed before it could): it counts from now.</summary>
    public void Sent(DateTimeOffset now)
    {
        _pending--;
        Add(now);
    }
}
