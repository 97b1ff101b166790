using IncidentBot.Data;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Data;

/// <summary>
/// An install from before the bot spoke four languages: its subscribed chats keep the language they subscribed
/// in, and its incidents are found by their place in every language once it starts.
/// </summary>
public sealed class LanguageUpgradeTests
{
    const string BeforeLanguages = "20261201163350_LogAsksCategoryTargetAffected";
    const long RussianChat = 777;

    [Fact]
    public async Task Old_chats_keep_their_language_and_old_incidents_are_found_in_every_language()
    {
        await using var bot = await BotHarness.StartAsync(b => Configure(b, null), started: [Tg.Moderator.Id, RussianChat],
            existing: harness => OldInstall(harness.ConnectionString));

        await using (var db = bot.NewDb())
        {
            Assert.Equal("ru", (await db.ChatLanguages.SingleAsync(c => c.ChatId == RussianChat)).Seen);
            Assert.Contains("Kyiv", (await db.Incidents.SingleAsync(i => i.Id == 101)).SearchNames);
        }
        var found = TelegramHtml.Parse((await bot.Ask(Tg.Text("/search Киев", Tg.Alice))).Text!).Text;
        Assert.Contains("/incident_101", found);

        var id = await Publish(bot, "Drone hit a substation", ("place", "Odesa"), ("category", "energy"));
        await bot.Api.WaitUntil(a => a.Sent(RussianChat).Any(c => c.Text?.Contains($"/incident_{id}") == true));
        Assert.Contains("Новый удар", bot.Api.Sent(RussianChat).Single().Text);
    }

    static async Task OldInstall(string connectionString)
    {
        await using var db = new BotDb(new DbContextOptionsBuilder<BotDb>().UseSqlite(connectionString).Options);
        await db.GetService<IMigrator>().MigrateAsync(BeforeLanguages);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Incidents (Id, Status, Summary, Country, Place, PlaceId, Target, OccurredOn, Precision, Alerted, CreatedAt, UpdatedAt)
            VALUES (101, 'Published', 'Drone hit the depot', 'Ukraine', 'Kyiv', 'ua-kyiv', 'fuel depot', '2025-11-19 00:00:00', 'Day', 1, '2025-11-19 00:00:00', '2025-11-19 00:00:00');
            INSERT INTO AlertChats (ChatId, LanguageCode, Active, QuietMode) VALUES (777, 'ru-RU', 1, 'Silent');
            INSERT INTO Subscriptions (ChatId, Active, CreatedAt, CreatedBy, IncludesAffected, Number) VALUES (777, 1, '2025-11-19 00:00:00', 777, 0, 1);
            """);
    }
}
