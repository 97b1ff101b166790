using IncidentBot.Data;
using IncidentBot.Telegram.Sending;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Instances;

/// <summary>A stretch of time during which this instance holds the lease; <see cref="Token"/> ends it.</summary>
internal sealed record Term(string Id, CancellationToken Token);

/// <summary>
/// Active/standby between instances on one database. Telegram's limits are per bot, so one sender can use
/// the whole budget; the holder of this lease polls, handles the inbox, sends the outbox and runs the duties
/// that must run once, and every other instance waits to take over. The holder renews every second; a
/// standby tries as often and wins once the lease has run out, so a killed holder is replaced within about
/// <see cref="Ttl"/> plus <see cref="Every"/>. The holder stops trusting itself a second before its lease
/// could run out when it cannot renew (River's leader election does the same). A single instance simply
/// always holds it.
/// </summary>
internal sealed class Leadership(IServiceScopeFactory scopes, SendBudget budget, TimeProvider clock, ILogger<Leadership> log) : BackgroundService
{
    public const string Name = "active";
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    static readonly TimeSpan Trust = Ttl - TimeSpan.FromSeconds(1);

    /// <summary>New per process: a restarted instance is a new holder, and its predecessor's claims are not its own.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    readonly Lock _gate = new();
    TaskCompletionSource<Term> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    CancellationTokenSource? _term;
    int _terms;
    long _renewedAt;

    public bool IsActive { get { lock (_gate) return _term is not null; } }

    /// <summary>Instances whose heartbeat is current (this one included), as of the last beat; 1 before the first.</summary>
    public int LiveInstances => Volatile.Read(ref _live);

    /// <summary>Whether some instance (this or another) held the lease at the last beat: a standby is healthy only then.</summary>
    public bool SomeoneActive => Volatile.Read(ref _someoneActive);

    int _live = 1;
    bool _someoneActive;

    /// <summary>Waits until this instance holds the lease; throws when <paramref name="stopping"/> comes first.</summary>
    public async Task<Term> NextTerm(CancellationToken stopping)
    {
        while (true)
        {
            stopping.ThrowIfCancellationRequested();
            Task<Term> next;
            lock (_gate) next = _next.Task;
            var term = await next.WaitAsync(stopping);
            // The caller's own stop ends its term too: hosted services stop one by one, the lease last.
            if (!term.Token.IsCancellationRequested) return term with { Token = CancellationTokenSource.CreateLinkedTokenSource(term.Token, stopping).Token };
            // else it ended already, and _next was replaced first
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        log.LogInformation("Instance {Holder} started; the holder of the lease does the work, others stand by", Holder);
        var standing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var held = await TryHold(stoppingToken);
            if (held == true && !IsActive) Begin(stoppingToken);
            else if (held == false && IsActive) End("another instance holds the lease");
            else if (held is null && IsActive && clock.GetElapsedTime(Interlocked.Read(ref _renewedAt)) > Trust)
                End("the lease could not be renewed in time");
            if (held == false && !standing) log.LogInformation("Standing by: another instance holds the lease");
            standing = held == false;
            try { await Task.Delay(Every, clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>True: ours until TTL from the start of the call. False: another's. Null: the database did not answer.</summary>
    async Task<bool?> TryHold(CancellationToken stopping)
    {
        var started = clock.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(Trust);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var held = await Lease.TryHold(db, Name, Holder, now, Ttl, timeout.Token);
            if (held) Interlocked.Exchange(ref _renewedAt, started);
            var (live, someone) = await Lease.Beat(db, Holder, Name, now, Ttl, timeout.Token);
            (_live, _someoneActive) = (Math.Max(1, live), someone);
            return held;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            log.LogWarning("Could not renew the lease: {Error}", e.GetBaseException().Message);
            return null;
        }
        catch (OperationCanceledException) { return null; }
    }

    void Begin(CancellationToken stopping)
    {
        // The last holder may have sent within the last second; a clean hand-over takes less than that.
        budget.Restart();
        lock (_gate)
        {
            _term = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _next.SetResult(new Term($"{Holder}#{++_terms}", _term.Token));
        }
        log.LogInformation("This instance holds the lease: it receives and handles updates, sends, and runs the background duties");
    }

    /// <summary>Stops the duties at once; their work in flight ends on its own.</summary>
    void End(string why)
    {
        CancellationTokenSource? ended;
        lock (_gate)
        {
            ended = _term;
            _term = null;
            _next = new TaskCompletionSource<Term>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        if (ended is null) return;
        log.LogWarning("This instance no longer holds the lease ({Reason}); it stands by", why);
        // Not disposed: duties may still link to its token. A term ends rarely.
        ended.Cancel();
    }

    /// <summary>Registered before the duties, so it stops after them: the lease is given up only once their work has ended.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!IsActive) return;
        lock (_gate) _term = null;
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await using var scope = scopes.CreateAsyncScope();
            await Lease.Release(scope.ServiceProvider.GetRequiredService<BotDb>(), Name, Holder, quick.Token);
        }
        catch (Exception e)
        {
            log.LogDebug("Could not give up the lease on stop ({Error}); another instance takes over when it runs out", e.GetBaseException().Message);
        }
    }
}
