using IncidentBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Instances;

/// <summary>
/// A named right to do something alone, held by one instance until <see cref="ExpiresAt"/> (UTC). The holder
/// renews it; when it stops renewing (killed, cut off from the database) anyone may take it once it expires.
/// </summary>
internal sealed class Lease
{
    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTime ExpiresAt { get; set; }

    /// <summary>
    /// Takes the lease if it is free or expired, renews it if we hold it; false if someone else holds it. One
    /// statement, the same on SQLite and PostgreSQL: the row lock of the upsert decides between two instances.
    /// </summary>
    public static async Task<bool> TryHold(BotDb db, string name, string holder, DateTime now, TimeSpan ttl, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Leases" ("Name", "Holder", "ExpiresAt") VALUES ({name}, {holder}, {now + ttl})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt"
            WHERE "Leases"."ExpiresAt" < {now} OR "Leases"."Holder" = {holder}
            """, ct) == 1;

    public const string InstancePrefix = "instance:";

    /// <summary>
    /// Every instance's heartbeat, a lease of its own no one else takes ("instance:machine/guid"); returns how many
    /// instances beat within their TTL and whether someone holds <paramref name="active"/>. Long-dead beats are pruned.
    /// </summary>
    public static async Task<(int Live, bool ActiveHeld)> Beat(BotDb db, string holder, string active, DateTime now, TimeSpan ttl, CancellationToken ct)
    {
        await TryHold(db, InstancePrefix + holder, holder, now, ttl, ct);
        var forgotten = now - TimeSpan.FromMinutes(10);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM "Leases" WHERE "Name" LIKE 'instance:%' AND "ExpiresAt" < {forgotten}
            """, ct);
        var live = await db.Set<Lease>().CountAsync(l => l.Name.StartsWith(InstancePrefix) && l.ExpiresAt >= now, ct);
        var held = await db.Set<Lease>().AnyAsync(l => l.Name == active && l.ExpiresAt >= now, ct);
        return (live, held);
    }

    /// <summary>Gives the lease up on a clean stop, so a standby takes over at its next try instead of after the TTL.</summary>
    public static Task<int> Release(BotDb db, string name, string holder, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM "Leases" WHERE "Name" = {name} AND "Holder" = {holder}
            """, ct);
}
