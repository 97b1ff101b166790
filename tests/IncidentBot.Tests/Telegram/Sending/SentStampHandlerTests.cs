using System.Net;
using IncidentBot.Telegram.Sending;
using Telegram.Bot;
using Telegram.Bot.Requests;

namespace IncidentBot.Tests.Telegram.Sending;

/// <summary>A permit travels with its request and is marked sent when the request body is written, not when the call starts.</summary>
public sealed class SentStampHandlerTests
{
    sealed class CountingPermit : SendPermit
    {
        public int Marks;
        public override void Sent() => Interlocked.Increment(ref Marks);
    }

    /// <summary>A connection that opens only when the test says so, then reads the body and answers as Telegram would.</summary>
    sealed class SlowConnection : HttpMessageHandler
    {
        public readonly TaskCompletionSource Open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? Body;
        public string? ContentType;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Open.Task;
            ContentType = request.Content!.Headers.ContentType?.MediaType;
            Body = await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"ok":true,"result":{"message_id":7,"date":0,"chat":{"id":1,"type":"private"},"text":"hi"}}"""),
            };
        }
    }

    /// <summary>The connection's write side: what the permit said when the body was written, and when it was flushed to the socket.</summary>
    sealed class Socket(CountingPermit permit) : MemoryStream
    {
        public int MarksWhenWritten = -1, MarksWhenFlushed = -1;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            MarksWhenWritten = permit.Marks;
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            MarksWhenWritten = permit.Marks;
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            MarksWhenFlushed = permit.Marks;
            return Task.CompletedTask;
        }
    }

    /// <summary>Writes the request body to a <see cref="Socket"/>, as the connection does.</summary>
    sealed class WritingConnection(Socket socket) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await request.Content!.CopyToAsync(socket, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"ok":true,"result":{"message_id":7,"date":0,"chat":{"id":1,"type":"private"},"text":"hi"}}"""),
            };
        }
    }

    [Fact]
    public async Task The_permit_is_marked_only_after_the_body_is_flushed_out_of_the_connections_buffer()
    {
        var permit = new CountingPermit();
        var socket = new Socket(permit);
        var bot = new TelegramBotClient(new TelegramBotClientOptions("1:T", "http://127.0.0.1:9"), new HttpClient(new SentStampHandler(new WritingConnection(socket))));

        await bot.SendRequest(new PermittedRequest<global::Telegram.Bot.Types.Message>(new SendMessageRequest { ChatId = 1, Text = "hi" }, permit));

        Assert.True(socket.Length > 0);
        Assert.Equal(0, socket.MarksWhenWritten);
        Assert.Equal(0, socket.MarksWhenFlushed); // flushed while not yet counted: a pause between the two cannot make it count early
        Assert.Equal(1, permit.Marks);
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

    [Fact]
    public async Task The_permit_is_marked_when_the_body_is_written_with_the_request_unchanged()
    {
        var connection = new SlowConnection();
        var bot = new TelegramBotClient(new TelegramBotClientOptions("1:T", "http://127.0.0.1:9"), new HttpClient(new SentStampHandler(connection)));
        var permit = new CountingPermit();
        var request = new SendMessageRequest { ChatId = 1, Text = "hi" };

        var call = bot.SendRequest(new PermittedRequest<global::Telegram.Bot.Types.Message>(request, permit));

        Assert.Equal(0, permit.Marks); // the request is waiting for its connection
        Assert.False(call.IsCompleted);
        connection.Open.SetResult();
        Assert.Equal(7, (await call).Id);

        Assert.Equal(1, permit.Marks);
        Assert.Equal(await request.ToHttpContent()!.ReadAsStringAsync(), connection.Body);
        Assert.Equal("application/json", connection.ContentType);
    }
}
