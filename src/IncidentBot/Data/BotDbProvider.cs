using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Data;

/// <summary>
/// The two engines the record can live on, chosen once at start-up. Every consumer asks for <see cref="BotDb"/>;
/// on PostgreSQL it gets a <see cref="PostgresBotDb"/>, which differs only in its migrations and date mapping.
/// </summary>
internal static class BotDbProvider
{
    public static void AddBotDb(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres) services.AddDbContext<BotDb, PostgresBotDb>(o => UseNpgsql(o, connectionString));
        else services.AddDbContext<BotDb>(o => UseSqlite(o, connectionString));
    }

    /// <summary>A context outside the host (tools, tests), configured as the host configures it.</summary>
    public static BotDb Create(DatabaseProvider provider, string connectionString) => provider == DatabaseProvider.Postgres
        ? new PostgresBotDb((DbContextOptions<PostgresBotDb>)UseNpgsql(new DbContextOptionsBuilder<PostgresBotDb>(), connectionString).Options)
        : new BotDb((DbContextOptions<BotDb>)UseSqlite(new DbContextOptionsBuilder<BotDb>(), connectionString).Options);

    static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder o, string connectionString) => o
        .UseSqlite(connectionString)
        .AddInterceptors(new SqlitePragmas())
        // SQLite rebuilds a table to change a column, with foreign keys off outside the transaction: EF's
        // standard way, which it warns about on every fresh install. Nothing for an operator to act on.
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));

    static DbContextOptionsBuilder UseNpgsql(DbContextOptionsBuilder o, string connectionString) => o.UseNpgsql(connectionString);
}
