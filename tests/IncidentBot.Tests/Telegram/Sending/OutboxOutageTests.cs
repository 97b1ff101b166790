using IncidentBot.Reports;
using IncidentBot.Telegram.Sending;
using IncidentBot.Tests.Fakes;
using IncidentBot.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Telegram.Sending;

/// <summary>
/// Telegram's sending side down for half a minute while a report is filed and another decided: what the bot
/// owes the moderators and the reporter waits in the outbox and arrives, once, when Telegram is back.
/// </summary>
public sealed class OutboxOutageTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Cards_card_updates_and_the_reporters_notice_survive_thirty_seconds_of_502s_and_arrive_once()
    {
        var decided = await _bot.File("Drone hit the fuel depot in Odesa");
        _bot.Api.FailSendsAndEditsWith(502, TelegramErrors.BadGateway);

        _bot.Api.Enqueue(Tg.Text("/report Missile hit the embassy fence in Kyiv", from: Tg.Alice));
        _bot.Api.Enqueue(Tg.Text($"/approve #{decided}", from: Tg.Moderator));
        await Alerts.AlertScenario.WaitForDb(_bot.Harness, async db =>
            await db.Reports.AnyAsync(r => r.Id == decided && r.State == ReportState.Approved)
            && await db.Reports.AnyAsync(r => r.Id == decided + 1 && r.State == ReportState.Pending));
        var filed = decided + 1;
        await Alerts.AlertScenario.WaitForDb(_bot.Harness, async db =>
            await db.Deliveries.AnyAsync(d => d.ReportId == filed && d.Attempts > 0 && d.State == DeliveryState.Pending));

        _bot.Clock.Advance(TimeSpan.FromSeconds(30));
        _bot.Api.ClearFaults();
        await Alerts.AlertScenario.AdvanceUntil(_bot.Harness, _bot.Clock, _ => Delivered(decided, filed), TimeSpan.FromSeconds(5));

        foreach (var moderator in ModeratorChats)
        {
            Assert.Single(_bot.Api.Sent(moderator), c => c.Succeeded && Shown(c).Contains($"Report #{filed} ·"));
            Assert.Contains("Approved by", _bot.Card(moderator, decided).Text);
            Assert.Null(_bot.Card(moderator, decided).ReplyMarkup);
        }
        Assert.Single(Notices(decided));
        await Alerts.AlertScenario.WaitForDb(_bot.Harness, db => Alerts.AlertScenario.OwesNothing(db, filed));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_card_copy_deleted_in_its_chat_is_recorded_as_gone_and_not_edited_again()
    {
        var id = await _bot.File("Drone hit the fuel depot in Odesa");
        var deleted = _bot.Card(Tg.SecondModerator.Id, id).Id;
        _bot.Api.DeleteByUser(Tg.SecondModerator.Id, deleted);

        Assert.Contains("published", await _bot.Say($"/approve #{id}", Tg.Moderator));
        await _bot.Settled(id);
        _bot.Clock.Advance(TimeSpan.FromMinutes(15)); // past every back-off: a retried edit would be due
        await _bot.File("Second strike"); // the outbox has sent since: its cards went out

        await using var db = _bot.Db();
        var update = await db.Deliveries.SingleAsync(d => d.ReportId == id && d.Kind == DeliveryKind.CardUpdate && d.ChatId == Tg.SecondModerator.Id);
        Assert.Equal((DeliveryState.Gone, deleted), (update.State, update.TargetMessageId));
        Assert.Single(_bot.Api.Calls, c => c.Method == "editMessageText" && c.ChatId == Tg.SecondModerator.Id);
        Assert.StartsWith("✅ Approved by Mo", _bot.Card(Tg.Moderator.Id, id).Text);
    }

    bool Delivered(long decided, long filed) =>
        ModeratorChats.All(chat => _bot.Api.Sent(chat).Any(c => c.Succeeded && Shown(c).Contains($"Report #{filed} ·"))
            && _bot.Card(chat, decided).Text!.Contains("Approved by"))
        && Notices(decided).Any();

    IEnumerable<global::IncidentBot.Tests.Fakes.ApiCall> Notices(long report) =>
        _bot.Api.Sent(Tg.Alice.Id).Where(c => c.Succeeded && Shown(c).Contains($"Your report #{report} was approved"));
}
