using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IncidentBot.Data;

/// <summary>Lets `dotnet ef migrations add --context BotDb` build the model without a bot token.</summary>
internal sealed class DesignTimeBotDb : IDesignTimeDbContextFactory<BotDb>
{
    public BotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BotDb>().UseSqlite(StartupSettings.DefaultConnectionString).Options);
}

/// <summary>Lets `dotnet ef migrations add --context PostgresBotDb` build the model; nothing connects.</summary>
internal sealed class DesignTimePostgresBotDb : IDesignTimeDbContextFactory<PostgresBotDb>
{
    public PostgresBotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBotDb>().UseNpgsql("Host=localhost;Database=incidentbot").Options);
}
