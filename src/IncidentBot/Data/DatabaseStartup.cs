using IncidentBot.Incidents;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using IncidentBot.Reports;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Data;

/// <summary>
/// Registered before every other hosted service, so migrations and the seed are in place before
/// anything reads the database.
/// </summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes, Gazetteer places, BotStatus status, TimeProvider clock, ILogger<DatabaseStartup> log)
    : IHostedService
{
    /// <summary>The migration that brought grades (its id's suffix, after the timestamp).</summary>
    const string GradesMigration = "_GradesAndStanding";

    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        // SQLite only: WAL persists in the file; it lets readers run beside the one writer.
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        // A new database has no history table yet: made first, so the migrator's first read of it does not fail
        // (and log an error) on PostgreSQL.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        var grading = (await db.Database.GetPendingMigrationsAsync(ct)).Any(m => m.EndsWith(GradesMigration, StringComparison.Ordinal));
        await db.Database.MigrateAsync(ct);
        // An older install's incidents came in as reported: each gets the grade its sources give, once.
        if (grading) await Reports.Grading.DeriveAll(db, ct);
        int seeded, corrected;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Instances starting together on an empty database: one seeds, the others then find it seeded. SQLite's
            // transaction holds the write lock from its start; PostgreSQL needs a lock to wait on. The same goes for
            // correcting an older seed: one instance corrects and audits it, the others find nothing left to do.
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(727001)", ct);
            var now = clock.GetUtcNow().UtcDateTime;
            seeded = await SeedImport.ImportIfEmpty(db, places, now, ct);
            corrected = await SeedCorrection.Apply(db, scope.ServiceProvider.GetRequiredService<AuditLog>(), now, ct);
            await tx.CommitAsync(ct);
        }
        if (seeded > 0) log.LogInformation("Empty database: imported {Count} documented incidents", seeded);
        if (corrected > 0) log.LogInformation("Corrected {Count} fields of the seed that said more than its source", corrected);
        await IndexNames(db, ct);
        await BoundUndated(db, ct);
        status.DatabaseMigrated = true;
    }

    /// <summary>
    /// Incidents recorded before search knew places in every language get their names now (saving computes them), so
    /// /search Київ finds an old install's Kyiv incidents too. Once done, no row matches again.
    /// </summary>
    static async Task IndexNames(BotDb db, CancellationToken ct)
    {
        var unnamed = await db.Incidents.Where(i => i.SearchNames == null && (i.PlaceId != null || i.Category != null || i.AffectedCountry != null || i.Translations != null))
            .ToListAsync(ct);
        foreach (var incident in unnamed) db.Entry(incident).Property(i => i.SearchNames).IsModified = true;
        if (unnamed.Count > 0) await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Reports filed without a date before "on or before" was recorded carry only the note saying so: they get the bound
    /// now, so no view shows the day they were reported as the day it happened. Once done, no row matches again.
    /// </summary>
    static async Task BoundUndated(BotDb db, CancellationToken ct)
    {
        var notGiven = Localizer.InLanguage(Localizer.Fallback, "date.not_given");
        await db.Incidents.Where(i => !i.OnOrBefore && i.Precision == DatePrecision.Day && i.DateNote == notGiven)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnOrBefore, true), ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
