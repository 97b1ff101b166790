namespace IncidentBot.Alerts;

/// <summary>
/// The right to send one message, from <see cref="SendBudget.Acquire"/>. Until <see cref="Sent"/> it
/// counts as sending now; <see cref="SentStampHandler"/> marks it when the request body has been written,
/// and disposing it marks it in any case (a request that failed before it was written counts from then).
/// </summary>
internal abstract class SendPermit : IDisposable
{
    /// <summary>The permit of the send the current async flow is making, for <see cref="SentStampHandler"/>.</summary>
    public static readonly AsyncLocal<SendPermit?> Current = new();

    public static readonly Task<SendPermit> Unpaced = Task.FromResult<SendPermit>(new None());

    /// <summary>The request is on the wire; idempotent.</summary>
    public abstract void Sent();

    public void Dispose() => Sent();

    sealed class None : SendPermit
    {
        public override void Sent() { }
    }
}
