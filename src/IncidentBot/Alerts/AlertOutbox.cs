using IncidentBot.Telegram.Sending;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentBot.Alerts;

/// <summary>
/// The hand-off from the record to the outbox: called inside the transaction that publishes, corrects
/// or retracts an incident, it writes the delivery rows set-based (one INSERT ... SELECT, however many
/// subscriptions), so nothing published can miss its alerts and a crash cannot half-write them.
/// This file holds the delivery SQL; the unique (IncidentId, ChatId) alert index makes a chat with
/// several matching subscriptions get one alert. The nearest first: each alert's priority says how
/// specific the chat's closest subscription is to the incident (<see cref="Delivery.Rank"/>), and the
/// dispatcher claims in that order, so the fan-out keeps its rate while the chats at the strike hear first.
/// A subscription that asks for a grade matches once the incident has it: called again when the grade rises, the
/// same INSERT alerts those chats then, and the unique index keeps it to one alert, however the grade moves later.
/// With Alerts:DelayMinutes an alert row is not due (NotBefore) until that long after publication: held in the database,
/// it survives a restart and is sent by whichever instance holds the lease then; a retraction meanwhile cancels it
/// unsent, and a correction meanwhile needs no notice (the alert is rendered from the corrected record).
/// </summary>
internal sealed class AlertOutbox(BotDb db, IncidentPlaces places, IOptions<AlertOptions> options, TimeProvider clock)
{
    public Task<int> Published(Incident i, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Counted from publication (CreatedAt): a chat a later correction makes match waits out only what is left of it.
        var due = Max(now, DateTime.SpecifyKind(i.CreatedAt, DateTimeKind.Utc).AddMinutes(options.Value.DelayMinutes));
        var category = i.Category?.ToString();
        var keys = places.Keys(i);
        var (p0, p1, p2) = (At(keys.Place, 0), At(keys.Place, 1), At(keys.Place, 2));
        var (r0, r1, c0, c1, a0, a1) = (At(keys.Region, 0), At(keys.Region, 1), At(keys.Country, 0), At(keys.Country, 1), At(keys.Affected, 0), At(keys.Affected, 1));
        // The grades a subscription may ask for that this incident has: none, corroborated, or both.
        var (g0, g1) = (i.Grade >= Grade.Corroborated ? nameof(Grade.Corroborated) : null, i.Grade >= Grade.Confirmed ? nameof(Grade.Confirmed) : null);
        // A subscription to a country typed on its own (IncludesAffected) also matches the incidents affecting it.
        // Written once for SQLite and PostgreSQL: quoted names, TRUE/FALSE, no scalar min() (PostgreSQL's is least()).
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH near AS (
                SELECT s."ChatId", s."AreaKey", s."IncludesAffected", s."Category", s."AffectedKey", s."RadiusKm",
                       power(sin(radians({i.Latitude} - s."Latitude") / 2), 2) +
                       cos(radians(s."Latitude")) * cos(radians({i.Latitude})) * power(sin(radians({i.Longitude} - s."Longitude") / 2), 2) AS "H"
                FROM "Subscriptions" AS s
                WHERE s."Active" = TRUE
                  AND (s."AreaKey" IS NULL OR s."AreaKey" IN ({p0}, {p1}, {p2}, {r0}, {r1}, {c0}, {c1})
                       OR s."IncludesAffected" = TRUE AND s."AreaKey" IN ({a0}, {a1}))
                  AND (s."Category" IS NULL OR s."Category" = {category})
                  AND (s."AffectedKey" IS NULL OR s."AffectedKey" IN ({a0}, {a1}))
                  AND (s."Grade" IS NULL OR s."Grade" IN ({g0}, {g1}))),
            matching AS (
                SELECT "ChatId", "AreaKey", "Category", "AffectedKey", "RadiusKm",
                       2 * 6371.0088 * asin(sqrt(CASE WHEN "H" > 1 THEN 1 ELSE "H" END)) AS "Km"
                FROM near)
            INSERT INTO "Deliveries" ("IncidentId", "ChatId", "Kind", "State", "Priority", "NotBefore", "Attempts", "Silent", "CreatedAt")
            SELECT {i.Id}, "ChatId", 'Alert', 'Pending',
                   min(CASE WHEN "RadiusKm" IS NOT NULL THEN {Delivery.Rank.Radius} + CAST(floor("Km") AS INTEGER)
                            WHEN "AreaKey" IN ({p0}, {p1}, {p2}) THEN {Delivery.Rank.Place}
                            WHEN "AreaKey" IN ({r0}, {r1}) THEN {Delivery.Rank.Region}
                            WHEN "AreaKey" IN ({c0}, {c1}, {a0}, {a1}) THEN {Delivery.Rank.Country}
                            WHEN "Category" IS NOT NULL OR "AffectedKey" IS NOT NULL THEN {Delivery.Rank.Filtered}
                            ELSE {Delivery.Rank.Everything} END),
                   {due}, 0, FALSE, {now}
            FROM matching
            WHERE "RadiusKm" IS NULL OR "Km" <= "RadiusKm"
            GROUP BY "ChatId"
            ON CONFLICT DO NOTHING
            """, ct);
    }

    /// <summary>
    /// A material correction is a reply to every alert already sent or on its way (its text was rendered before the
    /// correction; the reply waits for its outcome, see <see cref="Telegram.Sending.OutboxMessages"/>); an alert still
    /// pending needs nothing, because alert text is rendered from the incident when it is sent.
    /// </summary>
    public Task<int> Corrected(Incident i, string field, CancellationToken ct) =>
        RepliesToSent(i.Id, DeliveryKind.Correction, field, ct);

    /// <summary>
    /// Alerts not yet sent (still inside Alerts:DelayMinutes, or queued) are cancelled silently; only chats that got one
    /// (or whose alert was on its way) get a short retraction reply.
    /// </summary>
    public async Task Retracted(long incidentId, string reason, CancellationToken ct)
    {
        await db.Deliveries.Where(d => d.IncidentId == incidentId && d.Kind == DeliveryKind.Alert
                && (d.State == DeliveryState.Pending || d.State == DeliveryState.Held))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Cancelled), ct);
        await RepliesToSent(incidentId, DeliveryKind.Retraction, reason, ct);
    }

    Task<int> RepliesToSent(long incidentId, DeliveryKind kind, string note, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Deliveries" ("IncidentId", "ChatId", "Kind", "State", "Priority", "NotBefore", "Attempts", "Silent", "Note", "TargetMessageId", "CreatedAt")
            SELECT d."IncidentId", d."ChatId", {kind.ToString()}, 'Pending', {Delivery.Broadcast}, {now}, 0, FALSE, {note}, d."MessageId", {now}
            FROM "Deliveries" AS d
            WHERE d."IncidentId" = {incidentId} AND d."Kind" = 'Alert' AND d."State" IN ('Sent', 'Sending')
            """, ct);
    }

    static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    static string? At(string[] keys, int index) => index < keys.Length ? keys[index] : null;
}
