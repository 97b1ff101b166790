namespace IncidentBot.Alerts;

/// <summary>
/// A sliding window of send times: at most Capacity sends within any Length. Entries can be moved to
/// when their send really left (a grant is stamped provisionally, then restamped after the HTTP call
/// started), so the window counts what Telegram will count.
/// </summary>
internal sealed class SendWindow(TimeSpan length, int capacity)
{
    readonly LinkedList<DateTimeOffset> _times = new();

    public int Capacity => capacity;

    /// <summary>When the next send may go: now while the window has room, else when its oldest leaves.</summary>
    public DateTimeOffset ReadyAt(DateTimeOffset now)
    {
        while (_times.First is { } first && first.Value <= now - length) _times.RemoveFirst();
        return _times.Count < capacity ? now : _times.First!.Value + length;
    }

    public LinkedListNode<DateTimeOffset> Add(DateTimeOffset at) => _times.AddLast(at);
}
