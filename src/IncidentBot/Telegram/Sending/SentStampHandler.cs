using System.Net;

namespace IncidentBot.Telegram.Sending;

/// <summary>
/// Marks a request's <see cref="SendPermit"/> sent when its body has been written to the socket: the
/// moment Telegram starts counting it. Until then the request may have been waiting for a connection to open
/// or for its JSON to serialize (the bot client may buffer it first), and it must not share a second with
/// sends granted later. The permit comes with the request's body (<see cref="PermittedContent"/>).
/// </summary>
internal sealed class SentStampHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is PermittedContent permitted)
            request.Content = new StampedContent(permitted);
        return base.SendAsync(request, cancellationToken);
    }

    sealed class StampedContent(PermittedContent inner) : PermittedContent(inner, inner.Permit)
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await base.SerializeToStreamAsync(stream, context, cancellationToken);
            // Out of the connection's buffer and into the socket before it counts: a pause of this process
            // between the two would otherwise let the request leave later than its recorded time.
            await stream.FlushAsync(cancellationToken);
            Permit.Sent();
        }
    }
}
