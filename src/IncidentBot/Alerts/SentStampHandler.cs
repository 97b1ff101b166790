using System.Net;

namespace IncidentBot.Alerts;

/// <summary>
/// Marks the current <see cref="SendPermit"/> sent when its request body has been written to the
/// connection: the moment Telegram starts counting it. Until then the request may have been waiting for a
/// connection to open or for its JSON to serialize, and it must not share a second with sends granted later.
/// </summary>
internal sealed class SentStampHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (SendPermit.Current.Value is { } permit && request.Content is { } content)
            request.Content = new StampedContent(content, permit);
        return base.SendAsync(request, cancellationToken);
    }

    sealed class StampedContent : HttpContent
    {
        readonly HttpContent _inner;
        readonly SendPermit _permit;

        public StampedContent(HttpContent inner, SendPermit permit)
        {
            (_inner, _permit) = (inner, permit);
            foreach (var (name, values) in inner.Headers)
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    Headers.TryAddWithoutValidation(name, values);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await _inner.CopyToAsync(stream, context, cancellationToken);
            _permit.Sent();
        }

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
}
