using IncidentBot.Telegram.Sending;
using IncidentBot.Alerts;
using IncidentBot.Localization;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Places;
using IncidentBot.Instances;
using IncidentBot.Reports;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Data;

/// <summary>The record on SQLite; <see cref="PostgresBotDb"/> is the same model on PostgreSQL, with its own migrations.</summary>
internal class BotDb : DbContext
{
    public BotDb(DbContextOptions<BotDb> options) : base(options) { }

    /// <summary>For a provider's subclass: EF finds each context's migrations by its exact type.</summary>
    protected BotDb(DbContextOptions options) : base(options) { }

    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentSource> IncidentSources => Set<IncidentSource>();
    public DbSet<InboxUpdate> Inbox => Set<InboxUpdate>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<Moderator> Moderators => Set<Moderator>();
    public DbSet<BannedUser> BannedUsers => Set<BannedUser>();
    public DbSet<ReporterPause> ReporterPauses => Set<ReporterPause>();
    public DbSet<Pause> Pauses => Set<Pause>();
    public DbSet<ModeratorPrompt> Prompts => Set<ModeratorPrompt>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<AlertChat> AlertChats => Set<AlertChat>();
    public DbSet<ChatLanguage> ChatLanguages => Set<ChatLanguage>();
    public DbSet<Lease> Leases => Set<Lease>();

    /// <summary>Every save keeps what search finds an added or changed incident by.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        IndexIncidents();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        IndexIncidents();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    void IndexIncidents()
    {
        foreach (var entry in ChangeTracker.Entries<Incident>())
            if (entry.State is EntityState.Added or EntityState.Modified)
                entry.Entity.SearchNames = IncidentSearch.Names(entry.Entity, Gazetteer.Shipped);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Incident>(e =>
        {
            e.Property(i => i.Precision).HasConversion<string>().HasMaxLength(8);
            e.Property(i => i.CoordinatePrecision).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Category).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Grade).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.GradeOverride).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(i => new { i.Status, i.OccurredOn });
            e.HasMany(i => i.Sources).WithOne().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<IncidentSource>().Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        model.Entity<Report>(e =>
        {
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.RejectedAs).HasConversion<string>().HasMaxLength(8);
            e.Property(r => r.Precision).HasConversion<string>().HasMaxLength(8);
            e.Property(r => r.Category).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(r => new { r.State, r.Id });
            e.HasIndex(r => new { r.ReporterId, r.SubmittedAt });
            // One open draft per person and chat: the conversation cannot fork.
            e.HasIndex(r => new { r.ChatId, r.ReporterId }).IsUnique().HasFilter("\"State\" = 'Drafting'");
        });
        model.Entity<ChatLanguage>(e =>
        {
            e.HasKey(c => c.ChatId);
            e.Property(c => c.ChatId).ValueGeneratedNever();
            e.Property(c => c.Chosen).HasMaxLength(8);
            e.Property(c => c.Seen).HasMaxLength(8);
            e.Ignore(c => c.Language);
        });
        model.Entity<Moderator>().HasKey(m => m.UserId);
        model.Entity<Moderator>().Property(m => m.UserId).ValueGeneratedNever();
        model.Entity<BannedUser>().HasKey(b => b.UserId);
        model.Entity<BannedUser>().Property(b => b.UserId).ValueGeneratedNever();
        model.Entity<ReporterPause>().HasKey(p => p.UserId);
        model.Entity<ReporterPause>().Property(p => p.UserId).ValueGeneratedNever();
        model.Entity<Pause>().HasKey(p => p.Name);
        model.Entity<Pause>().Property(p => p.Name).HasMaxLength(32);
        model.Entity<ModeratorPrompt>(e =>
        {
            e.HasKey(p => new { p.ChatId, p.UserId });
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => a.ReportId);
            e.HasIndex(a => a.IncidentId);
        });
        model.Entity<Subscription>(e =>
        {
            e.Property(x => x.Category).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Grade).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.ChatId, x.Active });
            e.HasIndex(x => new { x.Active, x.AreaKey });
            e.HasIndex(x => new { x.ChatId, x.Number });
        });
        model.Entity<Delivery>(e =>
        {
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.ClaimedBy).HasMaxLength(200);
            // Claiming work: the dispatcher scans due rows, personal messages first, in id order.
            e.HasIndex(d => new { d.State, d.Priority, d.Id });
            // A report's card copies, for their updates.
            e.HasIndex(d => new { d.ReportId, d.Kind });
            e.HasIndex(d => new { d.ChatId, d.State });
            e.HasIndex(d => new { d.IncidentId, d.Kind, d.State });
            // One alert per incident per chat, however many of its subscriptions match.
            e.HasIndex(d => new { d.IncidentId, d.ChatId }).IsUnique().HasFilter("\"Kind\" = 'Alert'");
        });
        model.Entity<AlertChat>(e =>
        {
            e.HasKey(c => c.ChatId);
            e.Property(c => c.ChatId).ValueGeneratedNever();
            e.Property(c => c.QuietMode).HasConversion<string>().HasMaxLength(8);
        });
        model.Entity<Lease>(e =>
        {
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(250); // "active", or "instance:" + a holder (machine/guid)
            e.Property(l => l.Holder).HasMaxLength(200);
        });
        model.Entity<InboxUpdate>(e =>
        {
            e.HasKey(u => u.Seq);
            e.HasIndex(u => u.UpdateId).IsUnique();
            e.HasIndex(u => new { u.HandledAt, u.Seq });
        });
    }
}
