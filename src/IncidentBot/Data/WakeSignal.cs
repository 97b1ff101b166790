namespace IncidentBot.Data;

/// <summary>
/// Wakes a background worker when new rows are committed for it, so it acts within moments rather
/// than at its next poll. One subclass per worker, so each is registered and woken on its own.
/// </summary>
internal abstract class WakeSignal
{
    readonly Lock _gate = new();
    TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify()
    {
        lock (_gate) _signal.TrySetResult();
    }

    public async Task Wait(TimeSpan atMost, TimeProvider clock, CancellationToken ct)
    {
        Task signalled;
        lock (_gate) signalled = _signal.Task;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(signalled, Task.Delay(atMost, clock, timeout.Token));
        await timeout.CancelAsync();
        ct.ThrowIfCancellationRequested();
        lock (_gate)
            if (_signal.Task.IsCompleted) _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
