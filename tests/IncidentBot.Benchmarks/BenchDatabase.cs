using IncidentBot.Data;
using IncidentBot.Tests.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IncidentBot.Benchmarks;

/// <summary>
/// Where a benchmark's bot keeps its record: a temp SQLite file, or a new database on the run's PostgreSQL (the
/// tests' <see cref="PostgresServer"/>: one server per process, stopped and deleted when the process exits).
/// </summary>
internal sealed record BenchDatabase(DatabaseProvider Provider, string ConnectionString, string? SqlitePath)
{
    public static async Task<BenchDatabase> Create(DatabaseProvider provider, string name) => provider == DatabaseProvider.Postgres
        ? new(provider, await PostgresServer.NewDatabaseAsync(), null)
        : Sqlite(Path.Combine(Path.GetTempPath(), $"incidentbot-bench-{name}-{Guid.NewGuid():N}.db"));

    public static BenchDatabase Sqlite(string path) => new(DatabaseProvider.Sqlite, $"Data Source={path}", path);

    /// <summary>What a result row's scenario name adds on this engine: nothing on SQLite, the rows' default.</summary>
    public static string RowSuffix(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? " (PostgreSQL)" : "";

    /// <summary>A context configured as the bot configures its own.</summary>
    public BotDb Open() => BotDbProvider.Create(Provider, ConnectionString);

    /// <summary>The SQLite file and its WAL go; a PostgreSQL database stays until the run's server goes, at exit.</summary>
    public void Delete()
    {
        if (SqlitePath is null)
        {
            NpgsqlConnection.ClearAllPools();
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(SqlitePath + suffix); } catch (IOException) { }
    }
}
