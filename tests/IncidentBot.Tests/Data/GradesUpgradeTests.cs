using IncidentBot.Data;
using IncidentBot.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IncidentBot.Tests.Data;

/// <summary>
/// An install from before grades: after the upgrade every incident has the grade its sources give, with the sources
/// a report brought recognised as that report's (so one person's reports still count once).
/// </summary>
public sealed class GradesUpgradeTests
{
    const string BeforeGrades = "20261201182346_Leases";

    [Fact]
    public async Task An_older_installs_incidents_get_the_grade_their_sources_give()
    {
        await using var bot = await BotHarness.StartAsync(existing: harness => OldInstall(harness.ConnectionString));

        await using var db = bot.NewDb();
        var grades = await db.Incidents.OrderBy(i => i.Id).Select(i => new { i.Id, i.Grade }).ToListAsync();
        Assert.Equal(
        [
            new { Id = 101L, Grade = Grade.Corroborated }, // reports of two people
            new { Id = 102L, Grade = Grade.Reported },     // two reports of one person, one with its link
            new { Id = 103L, Grade = Grade.Corroborated }, // two outlets
            new { Id = 104L, Grade = Grade.Reported },     // a moderator's source typed like a report's name, no such report: an outlet
        ], grades);
        var link = await db.IncidentSources.SingleAsync(s => s.Url == "https://kyivindependent.com/a");
        Assert.Equal((SourceKind.Outlet, 3L), (link.Kind, link.ReportId));
        Assert.Equal(4, await db.IncidentSources.CountAsync(s => s.Kind == SourceKind.Contributor));
    }

    static async Task OldInstall(string connectionString)
    {
        await using var db = new BotDb(new DbContextOptionsBuilder<BotDb>().UseSqlite(connectionString).Options);
        await db.GetService<IMigrator>().MigrateAsync(BeforeGrades);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Incidents (Id, Status, Summary, Country, Target, OccurredOn, Precision, CreatedAt, UpdatedAt, Alerted)
            VALUES (101, 'Published', 'Drone hit the depot', 'Ukraine', 'fuel depot', '2025-11-19 00:00:00', 'Day', '2025-11-19 00:00:00', '2025-11-19 00:00:00', 1),
                   (102, 'Published', 'Missile hit the fence', 'Ukraine', 'fence', '2025-11-19 00:00:00', 'Day', '2025-11-19 00:00:00', '2025-11-19 00:00:00', 1),
                   (103, 'Published', 'Strike on the port', 'Ukraine', 'port', '2025-11-19 00:00:00', 'Day', '2025-11-19 00:00:00', '2025-11-19 00:00:00', 1),
                   (104, 'Published', 'Strike on the bridge', 'Ukraine', 'bridge', '2025-11-19 00:00:00', 'Day', '2025-11-19 00:00:00', '2025-11-19 00:00:00', 1);
            INSERT INTO Reports (Id, ReporterId, ReporterName, ChatId, State, DirectLog, WhenAnswered, LinkAnswered, PhotosDone, Photos,
                                 CategoryAnswered, TargetAnswered, AffectedAnswered, CreatedAt, SubmittedAt, IncidentId, Link)
            VALUES (1, 1001, 'Alice', 1001, 'Approved', 0, 1, 1, 1, '', 0, 0, 0, '2025-11-19 00:00:00', '2025-11-19 00:00:00', 101, NULL),
                   (2, 1002, 'Bob', 1002, 'Merged', 0, 1, 1, 1, '', 0, 0, 0, '2025-11-19 00:00:00', '2025-11-19 00:00:00', 101, NULL),
                   (3, 1001, 'Alice', 1001, 'Approved', 0, 1, 1, 1, '', 0, 0, 0, '2025-11-19 00:00:00', '2025-11-19 00:00:00', 102, 'https://kyivindependent.com/a'),
                   (4, 1001, 'Alice', 1001, 'Merged', 0, 1, 1, 1, '', 0, 0, 0, '2025-11-19 00:00:00', '2025-11-19 00:00:00', 102, NULL);
            INSERT INTO IncidentSources (IncidentId, Name, Url)
            VALUES (101, 'Contributor report #1', NULL), (101, 'Contributor report #2', NULL),
                   (102, 'Contributor report #3', NULL), (102, 'kyivindependent.com', 'https://kyivindependent.com/a'), (102, 'Contributor report #4', NULL),
                   (103, 'Euronews', NULL), (103, 'Digi24', 'https://www.digi24.ro/stiri/1'),
                   (104, 'Contributor report #99', NULL);
            """);
    }
}
