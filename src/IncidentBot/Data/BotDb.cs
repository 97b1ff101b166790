using IncidentBot.Incidents;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Data;

internal sealed class BotDb(DbContextOptions<BotDb> options) : DbContext(options)
{
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentSource> IncidentSources => Set<IncidentSource>();
    public DbSet<InboxUpdate> Inbox => Set<InboxUpdate>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Incident>(e =>
        {
            e.Property(i => i.Precision).HasConversion<string>().HasMaxLength(8);
            e.Property(i => i.CoordinatePrecision).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Category).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(i => new { i.Status, i.OccurredOn });
            e.HasMany(i => i.Sources).WithOne().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<InboxUpdate>(e =>
        {
            e.HasKey(u => u.Seq);
            e.HasIndex(u => u.UpdateId).IsUnique();
            e.HasIndex(u => new { u.HandledAt, u.Seq });
        });
    }
}
