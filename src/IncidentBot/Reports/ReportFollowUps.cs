using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot.Exceptions;

namespace IncidentBot.Reports;

/// <summary>Wakes <see cref="ReportFollowUps"/> when a report is filed or decided.</summary>
internal sealed class ReportSignal : WakeSignal;

/// <summary>
/// The messages a report's filing and decision owe to other people, sent outside the handler that
/// committed them and recorded in the report itself (CardsSentAt, OutcomeSentAt), so the database is
/// their outbox: the moderators' cards of a filed report, then, once decided, every card copy edited to
/// the outcome and the reporter told. The person acting is answered at once however busy those chats
/// are (Telegram allows about one message a second to a chat), and what a crash cut off is sent at the
/// next start; a crash while they are on their way can send one twice.
/// </summary>
internal sealed class ReportFollowUps(IServiceScopeFactory scopes, ReportSignal signal, Localizer localizer, TimeProvider clock, ILogger<ReportFollowUps> log)
    : BackgroundService
{
    static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);
    static readonly ReportState[] Decided = [ReportState.Approved, ReportState.Merged, ReportState.Rejected];

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
                log.LogError(e, "Sending report follow-ups failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Sends what the oldest report still owes; false when none owes anything.</summary>
    async Task<bool> SendNext(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        var cards = scope.ServiceProvider.GetRequiredService<ModeratorCards>();
        var replies = scope.ServiceProvider.GetRequiredService<Replies>();
        var report = await db.Reports
            .Where(r => r.State == ReportState.Pending && r.CardsSentAt == null || Decided.Contains(r.State) && r.OutcomeSentAt == null)
            .OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        if (report is null) return false;
        var incident = report.IncidentId is { } id ? await db.Incidents.Include(i => i.Sources).FirstOrDefaultAsync(i => i.Id == id, ct) : null;
        if (report.State == ReportState.Pending)
        {
            if (incident is not null) await cards.SendNew(report, incident, ct);
            report.CardsSentAt = Now;
        }
        else
        {
            await cards.Decided(report, report.State == ReportState.Approved ? incident : null, ct);
            // A /log's author is a moderator who has just been answered; anyone else hears the outcome here.
            if (!report.DirectLog) await TellReporter(replies, report, ct);
            report.OutcomeSentAt = Now;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    async Task TellReporter(Replies replies, Report report, CancellationToken ct)
    {
        var t = localizer.For(report.LanguageCode);
        var text = report.State switch
        {
            ReportState.Approved => t.Format("report.outcome_approved", report.Id, report.IncidentId),
            ReportState.Merged => t.Format("report.outcome_merged", report.Id, report.IncidentId),
            _ => t.Format("report.outcome_rejected", report.Id, report.Reason),
        };
        try { await replies.Send(report.ChatId, text, ct: ct); }
        catch (RequestException e) { log.LogWarning("Reporter of {ReportId} not told the outcome: {Error}", report.Id, e.Message); }
    }

    DateTime Now => clock.GetUtcNow().UtcDateTime;
}
