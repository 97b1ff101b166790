using IncidentBot.Data;
using IncidentBot.Instances;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Telegram;

/// <summary>Wakes the inbox feeder when this instance has stored updates.</summary>
internal sealed class InboxSignal : WakeSignal;

/// <summary>
/// Hands stored updates to the chat sequencer, on the instance that holds the lease only: wherever an update
/// was stored (this instance's poll, another instance, the console), it is handled once, one chat's updates in
/// inbox order. Rows stored here are fed at once (the signal), rows stored elsewhere within <see cref="Poll"/>.
/// On taking over, what the last holder left unhandled is simply what the first read finds.
/// </summary>
internal sealed class InboxFeeder(Leadership leadership, UpdateInbox inbox, ChatSequencer sequencer, InboxSignal signal, BotIdentity identity,
    TimeProvider clock, ILogger<InboxFeeder> log) : BackgroundService
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var term = await leadership.NextTerm(stoppingToken);
            try { await Feed(term.Token); }
            catch (OperationCanceledException) when (term.Token.IsCancellationRequested) { }
            catch (Exception e) { log.LogError(e, "Feeding the inbox failed; trying again"); await Task.Delay(Poll, clock, stoppingToken); continue; }
            // Lease lost: what is queued is left to the new holder; handlers already running finish.
            if (!stoppingToken.IsCancellationRequested) sequencer.Abandon();
        }
    }

    async Task Feed(CancellationToken term)
    {
        // What an earlier term of this instance started has finished, so nothing below is fed while it still runs;
        // and the bot knows who it is (getMe), or a command naming it or a press on its buttons would be misread.
        await sequencer.WhenIdle().WaitAsync(term);
        await identity.Known.WaitAsync(term);
        var fed = new HashSet<long>();
        var first = true;
        var pruned = clock.GetTimestamp();
        await inbox.ForgetOld(term);
        while (true)
        {
            var rows = await inbox.Unhandled(ChatSequencer.MaxBacklog, term);
            if (first && rows.Count > 0) log.LogInformation("Taking over {Count} unhandled updates from the inbox", rows.Count);
            first = false;
            // A fed row missing from a later read was handled and never comes back; one past the read's limit may.
            var unhandled = rows.Select(r => r.Seq).ToHashSet();
            var complete = rows.Count < ChatSequencer.MaxBacklog;
            fed.RemoveWhere(seq => !unhandled.Contains(seq) && (complete || seq < rows[^1].Seq));
            foreach (var (seq, chatKey) in rows)
                if (fed.Add(seq)) await sequencer.EnqueueAsync(chatKey, seq, term);
            if (clock.GetElapsedTime(pruned) > PruneEvery) { await inbox.ForgetOld(term); pruned = clock.GetTimestamp(); }
            await signal.Wait(Poll, clock, term);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await sequencer.StopAsync(TimeSpan.FromSeconds(5));
    }
}
