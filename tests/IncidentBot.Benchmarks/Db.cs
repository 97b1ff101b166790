using IncidentBot.Incidents.Places;
using System.Diagnostics;
using IncidentBot.Alerts;
using IncidentBot.Telegram.Sending;
using IncidentBot.Data;
using IncidentBot.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Benchmarks;

/// <summary>Set-based set-up (one INSERT ... SELECT over a recursive CTE each) and publishing the way Moderation.Approve does.</summary>
internal static class Db
{
    public const string Area = "ukraine", WarmupArea = "warmup";

    /// <summary>As DatabaseStartup does: on SQLite WAL first (it persists in the file), then the provider's migrations.</summary>
    public static async Task Migrate(BenchDatabase database)
    {
        await using var db = database.Open();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await db.Database.MigrateAsync();
    }

    /// <summary>
    /// Chats firstChat .. firstChat+count-1, each with one subscription to everything in <paramref name="area"/>
    /// (null: to everything, no filter at all), numbered #1 in its chat as /subscribe numbers a chat's first. One
    /// set-based statement on either engine; only the row source differs.
    /// </summary>
    public static async Task<TimeSpan> InsertSubscriptions(BenchDatabase database, int count, long firstChat, string? area = Area)
    {
        var watch = Stopwatch.StartNew();
        await using var db = database.Open();
        var insert = $$"""
            INSERT INTO "Subscriptions" ("ChatId", "Number", "Active", "Area", "AreaKey", "IncludesAffected", "CreatedBy", "CreatedAt")
            {{Numbers(database)}}
            SELECT {1} + i, 1, TRUE, nullif({2}, ''), nullif({2}, ''), FALSE, {1} + i, {3} FROM n
            """;
        await db.Database.ExecuteSqlRawAsync(insert, count, firstChat, area ?? "", Created);
        return watch.Elapsed;
    }

    static readonly DateTime Created = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Rows n(i), i = 0 .. {0} - 1, to select from. SQLite counts with a recursive CTE; PostgreSQL has generate_series,
    /// which streams where its recursive CTE would first fill a work table.
    /// </summary>
    static string Numbers(BenchDatabase database) => database.Provider == DatabaseProvider.Postgres
        ? "WITH n(i) AS (SELECT generate_series(0, {0} - 1))"
        : "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {0} - 1)";

    /// <summary>
    /// Chats firstChat .. firstChat+count-1, each with one radius subscription of <paramref name="radiusKm"/>
    /// whose centre is scattered (deterministically) up to about 3 km north-south and east-west of
    /// (<paramref name="latitude"/>, <paramref name="longitude"/>), at most ~4 km from it. SQLite's SQL: the nearest
    /// scenario runs on SQLite.
    /// </summary>
    public static async Task<TimeSpan> InsertRadiusSubscriptions(BenchDatabase database, int count, long firstChat,
        double latitude, double longitude, double radiusKm)
    {
        var watch = Stopwatch.StartNew();
        await using var db = database.Open();
        // ±0.027° of latitude ≈ ±3 km; ±0.040° of longitude ≈ ±2.8 km at 50°N.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Subscriptions (ChatId, Active, Latitude, Longitude, RadiusKm, CreatedBy, CreatedAt)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {0} - 1)
            SELECT {1} + i, 1, {2} + ((i * 7919) % 55 - 27) * 0.001, {3} + ((i * 104729) % 81 - 40) * 0.001, {4},
                   {1} + i, '2026-01-01 00:00:00' FROM n
            """, count, firstChat, latitude, longitude, radiusKm);
        return watch.Elapsed;
    }

    /// <summary>
    /// Published incidents 1..count over six years, eight countries, every category; the FTS triggers index them.
    /// SQLite's SQL (its date functions, unquoted names): the update scenarios run on SQLite.
    /// </summary>
    public static async Task<TimeSpan> InsertIncidents(BenchDatabase database, int count)
    {
        var watch = Stopwatch.StartNew();
        await using var db = database.Open();
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Incidents (OccurredOn, Precision, Country, Region, Place, Latitude, Longitude, Summary, Target, Category,
                                   AffectedCountry, Weapon, Damage, Killed, Status, CreatedAt, UpdatedAt)
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {0})
            SELECT datetime('2020-01-01', '+' || (i % 2190) || ' days'), 'Day',
                   CASE i % 8 WHEN 0 THEN 'Ukraine' WHEN 1 THEN 'Russia' WHEN 2 THEN 'Israel' WHEN 3 THEN 'Iran'
                              WHEN 4 THEN 'Syria' WHEN 5 THEN 'Sudan' WHEN 6 THEN 'Yemen' ELSE 'Lebanon' END,
                   'Region ' || (i % 97), 'Town ' || (i % 4999), 30 + (i % 200) / 10.0, 30 + (i % 300) / 10.0,
                   'Strike number ' || i || ' reported by local sources; damage to nearby buildings.',
                   CASE i % 5 WHEN 0 THEN 'Consulate' WHEN 1 THEN 'Power station' WHEN 2 THEN 'Airport' WHEN 3 THEN 'Apartment block' ELSE 'Bridge' END || ' ' || (i % 1000),
                   CASE i % 7 WHEN 0 THEN 'Diplomatic' WHEN 1 THEN 'Energy' WHEN 2 THEN 'Aviation' WHEN 3 THEN 'Civilian'
                              WHEN 4 THEN 'Infrastructure' WHEN 5 THEN 'Military' ELSE 'Other' END,
                   CASE i % 3 WHEN 0 THEN 'Azerbaijan' ELSE NULL END,
                   CASE i % 4 WHEN 0 THEN 'drone' WHEN 1 THEN 'missile' WHEN 2 THEN 'artillery' ELSE 'unknown' END,
                   'windows broken', i % 5, 'Published', '2026-01-01 00:00:00', '2026-01-01 00:00:00'
            FROM n
            """, count);
        return watch.Elapsed;
    }

    /// <summary>
    /// What Moderation.Approve does: the incident published and its delivery rows written in one
    /// transaction, then the dispatcher woken. Returns the incident id, the rows written, and when the
    /// rows were committed (from the start of the publish).
    /// </summary>
    public static async Task<(long IncidentId, int Rows, TimeSpan Written)> Publish(IServiceProvider services, string country,
        CancellationToken ct = default, (double Latitude, double Longitude)? coords = null)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        var now = DateTime.UtcNow;
        var incident = new Incident
        {
            OccurredOn = now.Date, Precision = DatePrecision.Day, Country = country, Place = "Kyiv",
            Target = "Consulate", Category = TargetCategory.Diplomatic, Summary = "Benchmark strike",
            Status = IncidentStatus.Published, CreatedAt = now, UpdatedAt = now,
        };
        // As the coords field sets them (IncidentFields.SetCoordinates): a radius subscription matches only an incident with coordinates.
        if (coords is { } c) (incident.Latitude, incident.Longitude, incident.CoordinatePrecision) = (c.Latitude, c.Longitude, CoordinatePrecision.Approximate);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(ct);
        var rows = await scope.ServiceProvider.GetRequiredService<AlertOutbox>().Published(incident, ct);
        await tx.CommitAsync(ct);
        var written = watch.Elapsed;
        services.GetRequiredService<DeliverySignal>().Notify();
        return (incident.Id, rows, written);
    }

    /// <summary>The same publish from outside the bot's process (the crash runs): the dispatcher finds the rows on its next poll.</summary>
    public static async Task<int> PublishFromOutside(BenchDatabase database, string country)
    {
        await using var db = database.Open();
        var now = DateTime.UtcNow;
        var incident = new Incident
        {
            OccurredOn = now.Date, Precision = DatePrecision.Day, Country = country, Place = "Kyiv",
            Target = "Consulate", Category = TargetCategory.Diplomatic, Summary = "Benchmark strike",
            Status = IncidentStatus.Published, CreatedAt = now, UpdatedAt = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        var rows = await new AlertOutbox(db, new IncidentPlaces(new Gazetteer()), Microsoft.Extensions.Options.Options.Create(new AlertOptions()), TimeProvider.System).Published(incident, CancellationToken.None);
        await tx.CommitAsync();
        return rows;
    }
}
