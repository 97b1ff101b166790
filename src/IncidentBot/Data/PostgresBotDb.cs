using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IncidentBot.Data;

/// <summary>
/// The record on PostgreSQL: BotDb's model, migrations of its own (Data/Migrations/Postgres).
/// Every DateTime is a UTC instant, stored as <c>timestamp with time zone</c>. Npgsql refuses to write a DateTime whose
/// Kind is not Utc there, and the code's dates may be Unspecified (a date typed by a moderator, a value that came from
/// SQLite), so every DateTime property is marked Utc on its way in and out; raw SQL passes UtcDateTime values.
/// </summary>
internal sealed class PostgresBotDb(DbContextOptions<PostgresBotDb> options) : BotDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.Properties<DateTime>().HaveConversion<AsUtc>();

    sealed class AsUtc() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
