using IncidentBot.Data;
using IncidentBot.Reports;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Telegram.Sending;

/// <summary>What became of one claimed outbox row.</summary>
internal sealed record Outcome(long RowId, DeliveryKind Kind, long ChatId, DeliveryState State, int? MessageId = null, DateTime? NotBefore = null,
    string? Error = null, bool ChatGone = false, long? MigratedTo = null, bool CountsAsAttempt = true, bool Silent = false,
    DateTime? RenderedAt = null, string? ClaimedBy = null);

/// <summary>
/// The dispatcher's SQL, in one place, written once for SQLite and PostgreSQL (quoted names, TRUE/FALSE). A claim
/// is an UPDATE ... RETURNING of the due rows, personal messages before broadcasts, oldest first, marked with the
/// claiming term (<see cref="Instances.Term"/>): only the holder of the lease claims, and what an earlier holder
/// left Sending is released when the next term starts. On PostgreSQL the inner SELECT also takes FOR UPDATE SKIP
/// LOCKED, so claimers on one database never take the same row (SQLite has one writer at a time and no row locks).
/// </summary>
internal static class DeliveryStore
{
    /// <summary>
    /// Rows left Sending by another term (a killed or cut-off instance, or this one before it lost the lease) go back
    /// to the queue: at most the sends that were in flight are repeated. ClaimedBy stays, so an outcome the old
    /// term still records before the row is claimed again counts, and saves the repeat.
    /// </summary>
    public static Task<int> ReleaseOthers(BotDb db, string claimer, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "Deliveries" SET "State" = 'Pending'
            WHERE "State" = 'Sending' AND ("ClaimedBy" IS NULL OR "ClaimedBy" <> {claimer})
            """, ct);

    const string ClaimSql = """
        UPDATE "Deliveries" SET "State" = 'Sending', "ClaimedBy" = {0}
        WHERE "Id" IN (SELECT "Id" FROM "Deliveries"
                       WHERE "State" = {1} AND "NotBefore" <= {2}
                         AND "ChatId" NOT IN (SELECT "ChatId" FROM "Deliveries" WHERE "State" = 'Sending')
                       ORDER BY "Priority", "Id" LIMIT {3}
                       /* lock */)
        RETURNING *
        """;

    /// <summary>
    /// Due rows, none for a chat that still has a row on its way: one chat's messages leave one after
    /// another in the order they were owed (a card before its update, an edit before the next edit).
    /// </summary>
    public static async Task<List<Delivery>> Claim(BotDb db, DeliveryState from, DateTime now, int limit, string claimer, CancellationToken ct)
    {
        // PostgreSQL: a row another claimer holds is skipped, not waited for; SQLite has one writer and no row locks.
        var sql = db.Database.IsNpgsql() ? ClaimSql.Replace("/* lock */", "FOR UPDATE SKIP LOCKED", StringComparison.Ordinal) : ClaimSql;
        var rows = await db.Deliveries.FromSqlRaw(sql, claimer, from.ToString(), now, limit).AsNoTracking().ToListAsync(ct);
        rows.Sort((a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : a.Id.CompareTo(b.Id));
        return rows;
    }

    /// <summary>
    /// Applies a batch of outcomes in one transaction. An outcome counts only while its row is still claimed by the
    /// term that sent it: a row another term has claimed since is that term's to record.
    /// </summary>
    public static async Task Apply(BotDb db, IReadOnlyList<Outcome> outcomes, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var o in outcomes)
        {
            var attempts = o.CountsAsAttempt ? 1 : 0;
            var applied = await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "Deliveries" SET "State" = {o.State.ToString()}, "MessageId" = coalesce({o.MessageId}, "MessageId"),
                    "NotBefore" = coalesce({o.NotBefore}, "NotBefore"), "LastError" = {o.Error}, "Attempts" = "Attempts" + {attempts}, "Silent" = {o.Silent},
                    "SentAt" = CASE WHEN {o.State == DeliveryState.Sent} THEN {now} ELSE "SentAt" END
                WHERE "Id" = {o.RowId} AND "ClaimedBy" = {o.ClaimedBy}
                """, ct);
            if (applied == 0) continue;
            // A card copy rendered before its report was edited or decided is owed an update.
            if (o.Kind == DeliveryKind.Card && o.State == DeliveryState.Sent) await ReportOutbox.UpdateCopies(db, null, (o.RowId, o.RenderedAt ?? now), now, ct);
            if (o.ChatGone) await Deactivate(db, o.ChatId, o.Error, ct);
            if (o.MigratedTo is { } to) await Migrate(db, o.ChatId, to, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Telegram will not take messages for this chat any more: stop its subscriptions, close what it is owed.</summary>
    public static async Task Deactivate(BotDb db, long chatId, string? reason, CancellationToken ct)
    {
        await db.Subscriptions.Where(s => s.ChatId == chatId && s.Active).ExecuteUpdateAsync(s => s.SetProperty(x => x.Active, false), ct);
        await db.Deliveries.Where(d => d.ChatId == chatId && (d.State == DeliveryState.Pending || d.State == DeliveryState.Held))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Cancelled).SetProperty(d => d.LastError, reason), ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "AlertChats" ("ChatId", "Active", "DeactivatedReason", "QuietMode") VALUES ({chatId}, FALSE, {reason}, 'Silent')
            ON CONFLICT ("ChatId") DO UPDATE SET "Active" = FALSE, "DeactivatedReason" = excluded."DeactivatedReason"
            """, ct);
    }

    /// <summary>
    /// The person opened the bot: what was closed because Telegram would not let the bot write to them (403:
    /// never started, blocked) is owed again if it still matters: the cards of reports still pending, and
    /// reporters' outcomes and standing notices. Alerts are not: their subscriptions stopped, and subscribing again is the person's choice.
    /// </summary>
    public static Task<int> Reopen(BotDb db, long chatId, DateTime now, CancellationToken ct) =>
        db.Deliveries.Where(d => d.ChatId == chatId
                && (d.State == DeliveryState.Failed || d.State == DeliveryState.Cancelled) && d.LastError != null && d.LastError.StartsWith("Forbidden")
                && (d.Kind == DeliveryKind.ReportOutcome || d.Kind == DeliveryKind.Standing
                    || d.Kind == DeliveryKind.Card && db.Reports.Any(r => r.Id == d.ReportId && r.State == Reports.ReportState.Pending)))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Pending).SetProperty(d => d.NotBefore, now)
                .SetProperty(d => d.Attempts, 0), ct);

    /// <summary>
    /// A group became a supergroup: everything of the old id moves to the new one, at once for any reader (in the caller's
    /// transaction, or its own): never subscriptions under the new id while the chat's settings are still under the old.
    /// </summary>
    public static async Task Migrate(BotDb db, long from, long to, CancellationToken ct)
    {
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Subscriptions.Where(s => s.ChatId == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.ChatId, to), ct);
        // A chat already owed the same alert under its new id keeps that one; the old row is cancelled. (SQLite's UPDATE OR IGNORE,
        // written as NOT EXISTS so that PostgreSQL runs it too: the unique alert index and the chats' keys are the only conflicts.)
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "Deliveries" SET "ChatId" = {to}
            WHERE "ChatId" = {from} AND "State" IN ('Pending', 'Held', 'Sending')
              AND NOT ("Kind" = 'Alert' AND EXISTS (SELECT 1 FROM "Deliveries" AS o
                                                    WHERE o."ChatId" = {to} AND o."Kind" = 'Alert' AND o."IncidentId" = "Deliveries"."IncidentId"))
            """, ct);
        await db.Deliveries.Where(d => d.ChatId == from && (d.State == DeliveryState.Pending || d.State == DeliveryState.Held))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Cancelled), ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "AlertChats" SET "ChatId" = {to} WHERE "ChatId" = {from} AND NOT EXISTS (SELECT 1 FROM "AlertChats" WHERE "ChatId" = {to})
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "ChatLanguages" SET "ChatId" = {to} WHERE "ChatId" = {from} AND NOT EXISTS (SELECT 1 FROM "ChatLanguages" WHERE "ChatId" = {to})
            """, ct);
        if (own is not null) await own.CommitAsync(ct);
    }
}
