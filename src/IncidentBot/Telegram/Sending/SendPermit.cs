namespace IncidentBot.Telegram.Sending;

/// <summary>
/// The right to send one message, from <see cref="SendBudget.Acquire"/>. Until <see cref="Sent"/> it
/// counts as sending now; the <see cref="PermittedRequest{TResponse}"/> that carries it marks it when its body
/// has been written, and disposing it marks it in any case (a request that failed before it was written
/// counts from then).
/// </summary>
internal abstract class SendPermit : IDisposable
{
    /// <summary>The request is on the wire; idempotent.</summary>
    public abstract void Sent();

    public void Dispose() => Sent();
}
