using IncidentBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Reports;

/// <summary>Wakes the card sender when a report is filed.</summary>
internal sealed class CardSignal : WakeSignal;

/// <summary>
/// Sends the cards of filed reports to the moderators, outside the reporter's handler: the reporter is
/// answered at once however busy the moderators' chats are (Telegram allows about one message a second
/// to a chat), and a report whose cards had not gone out when the bot stopped gets them at the next
/// start. A report is marked when its cards have gone; a crash in between sends them again.
/// </summary>
internal sealed class ModeratorCardSender(IServiceScopeFactory scopes, CardSignal signal, TimeProvider clock, ILogger<ModeratorCardSender> log)
    : BackgroundService
{
    static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await SendNext(stoppingToken)) await signal.Wait(Poll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                log.LogError(e, "Sending report cards failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Sends the cards of the oldest report still without them; false when there is none.</summary>
    async Task<bool> SendNext(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        var report = await db.Reports.Where(r => r.State == ReportState.Pending && r.CardsSentAt == null).OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        if (report is null) return false;
        var draft = report.IncidentId is { } id ? await db.Incidents.Include(i => i.Sources).FirstOrDefaultAsync(i => i.Id == id, ct) : null;
        if (draft is not null) await scope.ServiceProvider.GetRequiredService<ModeratorCards>().SendNew(report, draft, ct);
        report.CardsSentAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
