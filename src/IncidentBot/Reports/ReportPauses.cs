using IncidentBot.Data;
using Microsoft.EntityFrameworkCore;
using global::Telegram.Bot.Types;

namespace IncidentBot.Reports;

/// <summary>
/// Stopping reports. One person's stop on their own once <see cref="Limit"/> of their reports were rejected as spam or
/// false, until a moderator lifts it (/unpause); everyone's stop when a moderator pauses them during a brigading wave
/// (/pause reports, /resume reports). Both are rows, so they hold across restarts and on every instance; moderators are
/// never stopped (they can still /log). Each change is audited, in the transaction that makes it.
/// </summary>
internal sealed class ReportPauses(BotDb db, Moderators moderators, ReportOutbox outbox, AuditLog audit, TimeProvider clock)
{
    public const int Limit = 3;
    public const string Reports = "reports";

    public Task<bool> IsPaused(long userId, CancellationToken ct) => db.ReporterPauses.AnyAsync(p => p.UserId == userId && p.LiftedAt == null, ct);

    /// <summary>Who paused all new reports and when, or null while they are open.</summary>
    public Task<Pause?> AllPaused(CancellationToken ct) => db.Pauses.AsNoTracking().FirstOrDefaultAsync(p => p.Name == Reports, ct);

    /// <summary>
    /// Called in the transaction of a rejection: the reporter's third report rejected as spam or false (since a moderator
    /// last let them back) pauses their reporting, and they are told after the rejection itself. True when it did.
    /// </summary>
    public async Task<bool> AfterRejection(Report report, User actor, CancellationToken ct)
    {
        if (report.RejectedAs is null || moderators.IsAdmin(report.ReporterId) || await db.Moderators.AnyAsync(m => m.UserId == report.ReporterId, ct))
            return false;
        var pause = await db.ReporterPauses.FindAsync([report.ReporterId], ct);
        if (pause is { LiftedAt: null }) return false;
        if (await Flagged(report.ReporterId).CountAsync(ct) - (pause?.FlaggedWhenLifted ?? 0) < Limit) return false;
        if (pause is null) db.ReporterPauses.Add(pause = new ReporterPause { UserId = report.ReporterId });
        (pause.PausedAt, pause.LiftedAt, pause.LiftedBy) = (Now, null, null);
        audit.Record(actor, "pause", report.Id, subjectUserId: report.ReporterId);
        outbox.Notice(report.ChatId, report.Id, Paused);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Lets a paused person report again and tells them; false when their reporting was not paused.</summary>
    public async Task<bool> Lift(User actor, long userId, CancellationToken ct)
    {
        var pause = await db.ReporterPauses.FindAsync([userId], ct);
        if (pause is not { LiftedAt: null }) return false;
        (pause.LiftedAt, pause.LiftedBy, pause.FlaggedWhenLifted) = (Now, actor.Id, await Flagged(userId).CountAsync(ct));
        audit.Record(actor, "unpause", subjectUserId: userId);
        // Told where they last reported: their private chat with the bot.
        if (await db.Reports.Where(r => r.ReporterId == userId && r.State != ReportState.Drafting).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct) is { } last)
            outbox.Notice(last.ChatId, last.Id, Unpaused);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Stops all new reports; false when they were stopped already.</summary>
    public async Task<bool> PauseAll(User actor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two moderators at once: the row's key lets one in.
        var added = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Pauses" ("Name", "By", "ByName", "At") VALUES ({Reports}, {actor.Id}, {AuditLog.NameOf(actor)}, {Now})
            ON CONFLICT DO NOTHING
            """, ct);
        if (added == 0) return false;
        audit.Record(actor, "pause reports");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Opens new reports again; false when they were open.</summary>
    public async Task<bool> ResumeAll(User actor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Pauses.Where(p => p.Name == Reports).ExecuteDeleteAsync(ct) == 0) return false;
        audit.Record(actor, "resume reports");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The notes of the notices a contributor gets (<see cref="Telegram.Sending.DeliveryKind.Standing"/>).</summary>
    public const string Paused = "paused", Unpaused = "unpaused";

    IQueryable<Report> Flagged(long userId) =>
        db.Reports.Where(r => r.ReporterId == userId && r.State == ReportState.Rejected && r.RejectedAs != null);

    DateTime Now => clock.GetUtcNow().UtcDateTime;
}
