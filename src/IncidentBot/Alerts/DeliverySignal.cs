namespace IncidentBot.Alerts;

/// <summary>Wakes the dispatcher when new rows are committed, so an alert leaves within moments, not at the next poll.</summary>
internal sealed class DeliverySignal
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
