using IncidentBot.Data;
using IncidentBot.Telegram.Sending;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Data;

/// <summary>
/// An install from before the one outbox, stopped while its follow-up sender still owed messages: after the
/// upgrade's migrations the bot sends what was owed, and card copies sent before the upgrade can still be edited.
/// </summary>
public sealed class OutboxUpgradeTests
{
    const string BeforeTheOutbox = "20261201153502_InboxUnreadable";
    const long AddedModerator = 9003;

    [Fact]
    public async Task What_the_old_follow_up_sender_still_owed_is_sent_after_the_upgrade()
    {
        await using var bot = await BotHarness.StartAsync(
            b => b.Configuration.AddInMemoryCollection([KeyValuePair.Create("Moderation:ModeratorIds:0", (string?)Tg.Moderator.Id.ToString())]),
            started: [Tg.Moderator.Id, AddedModerator, Tg.Alice.Id], existing: async harness =>
            {
                await OldInstall(harness.ConnectionString);
                harness.Api.SentEarlier(Tg.Moderator.Id, 55, "📝 Report #1 · pending");
            });

        // Report 1 was approved but neither its card copy nor its reporter had heard; report 2's cards never left.
        await bot.Api.WaitUntil(a => a.Sent(Tg.Alice.Id).Any(c => Shown(c).Contains("Your report #1 was approved"))
            && a.Sent(AddedModerator).Any(c => Shown(c).Contains("Report #2 ·"))
            && a.Calls.Any(c => c is { Method: "editMessageText", Succeeded: true } && c.ChatId == Tg.Moderator.Id && c["message_id"] == "55"));
        Assert.StartsWith("✅ Approved by Mo", TelegramHtml.Parse(bot.Api.Calls.Last(c => c.Method == "editMessageText").Text!).Text);

        await using var db = bot.NewDb();
        var alert = await db.Deliveries.SingleAsync(d => d.Kind == DeliveryKind.Alert);
        Assert.Equal((DeliveryState.Sent, Delivery.Broadcast), (alert.State, alert.Priority)); // already sent: not sent again
        Assert.DoesNotContain(bot.Api.Calls, c => c.ChatId == 777);
        Assert.Equal(2, await db.Reports.CountAsync());
    }

    static async Task OldInstall(string connectionString)
    {
        await using var db = new BotDb(new DbContextOptionsBuilder<BotDb>().UseSqlite(connectionString).Options);
        await db.GetService<IMigrator>().MigrateAsync(BeforeTheOutbox);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Incidents (Id, Status, Summary, Country, Target, OccurredOn, Precision, CreatedAt, UpdatedAt)
            VALUES (101, 'Published', 'Drone hit the depot', 'Ukraine', 'fuel depot', '2025-11-19 00:00:00', 'Day', '2025-11-19 00:00:00', '2025-11-19 00:00:00'),
                   (102, 'Draft', 'Missile hit the fence', 'Ukraine', 'fence', '2025-11-19 00:00:00', 'Day', '2025-11-19 00:00:00', '2025-11-19 00:00:00');
            INSERT INTO Reports (Id, ReporterId, ReporterName, ChatId, State, DirectLog, WhenAnswered, LinkAnswered, PhotosDone, Photos, CreatedAt,
                                 SubmittedAt, IncidentId, DecidedBy, DecidedByName, CardsSentAt, OutcomeSentAt)
            VALUES (1, 1001, 'Alice', 1001, 'Approved', 0, 1, 1, 1, '', '2025-11-19 00:00:00', '2025-11-19 00:00:00', 101, 9001, 'Mo', '2025-11-19 00:00:00', NULL),
                   (2, 1001, 'Alice', 1001, 'Pending', 0, 1, 1, 1, '', '2025-11-19 00:00:00', '2025-11-19 00:00:00', 102, NULL, NULL, NULL, NULL);
            INSERT INTO ModeratorCards (ReportId, ChatId, MessageId) VALUES (1, 9001, 55);
            INSERT INTO Moderators (UserId, AddedBy, AddedAt) VALUES (9003, 9001, '2025-11-19 00:00:00');
            INSERT INTO Deliveries (IncidentId, ChatId, Kind, State, NotBefore, Attempts, Silent, CreatedAt, SentAt, MessageId)
            VALUES (101, 777, 'Alert', 'Sent', '2025-11-19 00:00:00', 1, 0, '2025-11-19 00:00:00', '2025-11-19 00:00:00', 5);
            """);
    }
}
