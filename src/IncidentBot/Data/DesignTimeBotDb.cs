using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IncidentBot.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a bot token.</summary>
internal sealed class DesignTimeBotDb : IDesignTimeDbContextFactory<BotDb>
{
    public BotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BotDb>().UseSqlite(StartupSettings.DefaultConnectionString).Options);
}
