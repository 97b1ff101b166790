using IncidentBot.Data;
using IncidentBot.Telegram.Sending;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Reports;

/// <summary>
/// What a report owes other people, written as outbox rows in the transaction that files, edits or decides
/// it: a card to each moderators' chat, an update of every card copy already sent, the reporter's
/// outcome, and notices about the reporter's standing. The dispatcher renders each from the report when it sends it.
/// </summary>
internal sealed class ReportOutbox(BotDb db, TimeProvider clock)
{
    /// <summary>A card for each chat (saved with the caller's SaveChanges).</summary>
    public void Cards(Report report, IEnumerable<long> chats)
    {
        foreach (var chat in chats) db.Deliveries.Add(Row(DeliveryKind.Card, chat, report.Id));
    }

    /// <summary>Every copy already sent shows the report as it now stands; copies still on their way are rendered so.</summary>
    public Task<int> UpdateCards(long reportId, CancellationToken ct) => UpdateCopies(db, reportId, copy: null, Now, ct);

    /// <summary>
    /// An update for each sent copy of a report's card; with <paramref name="copy"/>, for that card row alone and
    /// only if the report was decided, or its incident edited, since the copy was rendered: it was on its way
    /// when <see cref="UpdateCards"/> looked for sent copies.
    /// </summary>
    public static Task<int> UpdateCopies(BotDb db, long? reportId, (long Row, DateTime RenderedAt)? copy, DateTime now, CancellationToken ct)
    {
        var (row, renderedAt) = (copy?.Row, copy?.RenderedAt);
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Deliveries" ("Kind", "State", "ChatId", "Priority", "NotBefore", "Attempts", "ReportId", "TargetMessageId", "Silent", "CreatedAt")
            SELECT 'CardUpdate', 'Pending', d."ChatId", {Delivery.Personal}, {now}, 0, d."ReportId", d."MessageId", FALSE, {now}
            FROM "Deliveries" AS d JOIN "Reports" AS r ON r."Id" = d."ReportId"
            WHERE d."Kind" = 'Card' AND d."State" = 'Sent' AND d."MessageId" IS NOT NULL
              AND ({copy is null} AND d."ReportId" = {reportId}
                   OR d."Id" = {row} AND (r."State" NOT IN ('Drafting', 'Pending')
                       OR EXISTS (SELECT 1 FROM "Incidents" AS i WHERE i."Id" = r."IncidentId" AND i."UpdatedAt" >= {renderedAt})))
            """, ct);
    }

    /// <summary>A decision: every card copy shows it, and the reporter is told (a /log's author was answered already).</summary>
    public async Task Decided(Report report, CancellationToken ct)
    {
        await UpdateCards(report.Id, ct);
        if (!report.DirectLog) db.Deliveries.Add(Row(DeliveryKind.ReportOutcome, report.ChatId, report.Id));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A contributor's notice about their standing (<see cref="ReportPauses"/>), saved with the caller's SaveChanges.</summary>
    public void Notice(long chatId, long reportId, string note)
    {
        var row = Row(DeliveryKind.Standing, chatId, reportId);
        row.Note = note;
        db.Deliveries.Add(row);
    }

    Delivery Row(DeliveryKind kind, long chatId, long reportId) => new()
    {
        Kind = kind, ChatId = chatId, ReportId = reportId, Priority = Delivery.Personal, State = DeliveryState.Pending,
        NotBefore = Now, CreatedAt = Now,
    };

    DateTime Now => clock.GetUtcNow().UtcDateTime;
}
