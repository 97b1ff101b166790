using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Fakes;

// Incoming updates and getUpdates with Telegram's semantics: an update stays pending until a later
// getUpdates passes an offset above its id, so an unconfirmed batch is delivered again.
public sealed partial class FakeBotApi
{
    private const string Conflict =
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

    private readonly List<PendingUpdate> _pending = [];
    private int _nextUpdateId = 10000;
    private long? _lastOffset;
    private string? _webhookUrl;
    private CancellationTokenSource? _waitingPoll;
    private int _longPolls, _mostLongPolls;

    private sealed record PendingUpdate(int Id, JsonNode Json)
    {
        public bool Delivered { get; set; }
    }

    /// <summary>The offset of the latest getUpdates that passed one (every update below it was confirmed).</summary>
    public long? LastConfirmedOffset { get { lock (_gate) return _lastOffset; } }

    /// <summary>
    /// The most long polls (timeout above 0) that were open at once. Telegram ends the older of two with 409; a bot
    /// whose instances take turns never has two open.
    /// </summary>
    public int MostConcurrentLongPolls { get { lock (_gate) return _mostLongPolls; } }

    /// <summary>Updates not confirmed yet, delivered or not.</summary>
    public int PendingUpdates { get { lock (_gate) return _pending.Count; } }

    /// <summary>
    /// Queues an update. Id 0 gets the next id of a sequence; an explicit id is kept, so a test can deliver
    /// the same update_id again (a redelivery, or Telegram's random id after a quiet week).
    /// </summary>
    public long Enqueue(Update update)
    {
        lock (_gate)
        {
            if (update.Id == 0)
                update.Id = _nextUpdateId++;
            else
                _nextUpdateId = Math.Max(_nextUpdateId, update.Id + 1);
            _pending.Add(new PendingUpdate(update.Id, JsonSerializer.SerializeToNode(update, JsonBotAPI.Options)!));
            Remember(update);
            Signal();
            return update.Id;
        }
    }

    /// <summary>
    /// Queues an update as JSON, served verbatim: fields and values Telegram.Bot does not know (a new entity
    /// type, forward origin or member status) reach the bot as Telegram would send them. Without an
    /// update_id it gets the next one. What the library can read is remembered as <see cref="Enqueue"/> does
    /// (the sender, a pressed button), so the bot can answer it.
    /// </summary>
    public long EnqueueRaw(string json)
    {
        var node = JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("an update is a JSON object", nameof(json));
        lock (_gate)
        {
            if (node["update_id"] is null)
                node["update_id"] = _nextUpdateId++;
            var id = node["update_id"]!.GetValue<int>();
            _nextUpdateId = Math.Max(_nextUpdateId, id + 1);
            _pending.Add(new PendingUpdate(id, node));
            try
            {
                if (node.Deserialize<Update>(JsonBotAPI.Options) is { } known)
                    Remember(known);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException) { } // unknown to the library: nothing to remember
            Signal();
            return id;
        }
    }

    /// <summary>Waits until the bot has confirmed the update (called getUpdates with a higher offset).</summary>
    public Task WaitUntilConfirmed(long updateId, TimeSpan? timeout = null) =>
        WaitUntil(api => { lock (_gate) return !_pending.Any(p => p.Id == updateId); }, timeout);

    private async Task<Reply> GetUpdatesAsync(ApiCall call, CancellationToken aborted)
    {
        var offset = Params.Long(call.Body, "offset") ?? 0;
        var limit = (int)Math.Clamp(Params.Long(call.Body, "limit") ?? 100, 1, 100);
        var timeout = Math.Clamp(Params.Long(call.Body, "timeout") ?? 0, 0, 3600);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(timeout);
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(aborted, _shutdown.Token);
        lock (_gate)
        {
            if (Precheck(call) is { } early)
                return Record(call, early);
            if (_webhookUrl is not null)
                return Record(call, Reply.Error(409,
                    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
            Confirm(offset);
            _waitingPoll?.Cancel(); // Telegram ends the older of two concurrent polls with 409
            _waitingPoll = poll;
            if (timeout > 0) _mostLongPolls = Math.Max(_mostLongPolls, ++_longPolls);
        }
        try
        {
            while (true)
            {
                Task changed;
                TimeSpan remaining;
                lock (_gate)
                {
                    changed = _changed.Task;
                    var batch = _pending.Take(limit).ToList();
                    remaining = deadline - DateTimeOffset.UtcNow;
                    if (batch.Count > 0 || remaining <= TimeSpan.Zero)
                    {
                        batch.ForEach(p => p.Delivered = true);
                        return Record(call, new Reply(new JsonArray(batch.Select(p => p.Json.DeepClone()).ToArray())));
                    }
                    if (poll.IsCancellationRequested)
                        return Record(call, PollEnded(aborted));
                }
                try { await changed.WaitAsync(remaining, poll.Token); }
                catch (TimeoutException) { }
                catch (OperationCanceledException) { }
            }
        }
        finally
        {
            lock (_gate)
            {
                if (_waitingPoll == poll) _waitingPoll = null;
                if (timeout > 0) _longPolls--;
            }
        }
    }

    // A poll cancelled by neither its client nor shutdown was superseded by a newer poll.
    private Reply PollEnded(CancellationToken aborted) =>
        aborted.IsCancellationRequested || _shutdown.IsCancellationRequested ? new Reply(new JsonArray()) : Reply.Error(409, Conflict);

    /// <summary>
    /// offset > 0 confirms delivered updates below it; an update queued after it (a re-delivery with an old
    /// id) is still served. A negative offset keeps only the last -offset updates, as Telegram does.
    /// </summary>
    private void Confirm(long offset)
    {
        if (offset > 0)
        {
            _lastOffset = offset;
            _pending.RemoveAll(p => p.Delivered && p.Id < offset);
        }
        else if (offset < 0 && _pending.Count > -offset)
            _pending.RemoveRange(0, _pending.Count - (int)-offset);
        Signal();
    }
}
