using System.Net;
using IncidentBot.Alerts;

namespace IncidentBot.Tests.Alerts;

/// <summary>A permit is marked sent when its request body is written, not when the call starts.</summary>
public sealed class SentStampHandlerTests
{
    sealed class CountingPermit : SendPermit
    {
        public int Marks;
        public override void Sent() => Interlocked.Increment(ref Marks);
    }

    /// <summary>A connection that opens only when the test says so, then writes the body.</summary>
    sealed class SlowConnection : HttpMessageHandler
    {
        public readonly TaskCompletionSource Open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? Body;
        public string? ContentType;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Open.Task;
            ContentType = request.Content!.Headers.ContentType?.ToString();
            using var buffer = new MemoryStream();
            await request.Content.CopyToAsync(buffer, cancellationToken);
            Body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task The_permit_is_marked_when_the_body_is_written_with_the_request_unchanged()
    {
        var connection = new SlowConnection();
        using var http = new HttpClient(new SentStampHandler(connection));
        var permit = new CountingPermit();

        SendPermit.Current.Value = permit;
        var call = http.PostAsync("http://127.0.0.1:9/botT/sendMessage",
            new StringContent("""{"chat_id":1,"text":"hi"}""", System.Text.Encoding.UTF8, "application/json"));
        SendPermit.Current.Value = null;

        Assert.Equal(0, permit.Marks); // the request is waiting for its connection
        Assert.False(call.IsCompleted);
        connection.Open.SetResult();
        (await call).Dispose();

        Assert.Equal(1, permit.Marks);
        Assert.Equal("""{"chat_id":1,"text":"hi"}""", connection.Body);
        Assert.Equal("application/json; charset=utf-8", connection.ContentType);
    }

    [Fact]
    public async Task Calls_without_a_permit_pass_through_untouched()
    {
        var connection = new SlowConnection();
        connection.Open.SetResult();
        using var http = new HttpClient(new SentStampHandler(connection));
        (await http.PostAsync("http://127.0.0.1:9/botT/getUpdates", new StringContent("{}"))).Dispose();
        Assert.Equal("{}", connection.Body);
    }
}
