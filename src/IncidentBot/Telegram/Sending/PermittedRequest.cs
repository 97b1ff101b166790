using System.Net;
using global::Telegram.Bot.Requests.Abstractions;

namespace IncidentBot.Telegram.Sending;

/// <summary>
/// A request that carries its <see cref="SendPermit"/> in its body, so the permit travels with the request
/// down to <see cref="SentStampHandler"/>, which marks it sent once the body is on the wire.
/// </summary>
internal sealed class PermittedRequest<TResponse>(IRequest<TResponse> inner, SendPermit permit) : IRequest<TResponse>
{
    public IRequest<TResponse> Inner => inner;
    public HttpMethod HttpMethod => inner.HttpMethod;
    public string MethodName => inner.MethodName;
    public bool IsWebhookResponse { get => inner.IsWebhookResponse; set => inner.IsWebhookResponse = value; }

    public HttpContent? ToHttpContent() => inner.ToHttpContent() is { } content ? new PermittedContent(content, permit) : null;
}

/// <summary>A request body and the permit of the send it belongs to; it writes the body unchanged.</summary>
internal class PermittedContent : HttpContent
{
    readonly HttpContent _inner;

    public PermittedContent(HttpContent inner, SendPermit permit)
    {
        (_inner, Permit) = (inner, permit);
        foreach (var (name, values) in inner.Headers)
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                Headers.TryAddWithoutValidation(name, values);
    }

    public SendPermit Permit { get; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyToAsync(stream, context, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? -1;
        return length >= 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
