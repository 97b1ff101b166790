using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Telegram.Sending;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>
/// What an alert says, and who gets one: a correction that makes an incident match new chats alerts them once;
/// an old event is "newly recorded"; a backlog entry can be published without alerting anyone.
/// </summary>
public sealed class NewlyMatchingTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await Start();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_correction_that_makes_the_incident_match_new_chats_alerts_them_once_and_replies_to_the_others()
    {
        await Subscribe(_bot, Everything(701), new Subscription { ChatId = 702, Category = TargetCategory.Energy }, new Subscription { ChatId = 703, Area = "Lviv" });
        var id = await Publish(_bot, "Drone hit a fuel depot", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 701, id).Any());

        await _bot.Ask(Tg.Text($"/correct {id} category energy", from: Tg.Moderator));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 702, id).Any() && Corrections(a, 701).Any());
        Assert.Contains("energy", AlertsTo(_bot.Api, 702, id).Single().Text); // rendered from the corrected record
        await _bot.Ask(Tg.Text($"/correct {id} place Lviv", from: Tg.Moderator));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 703, id).Any() && Corrections(a, 701).Count() == 2 && Corrections(a, 702).Any());

        await WaitForDb(_bot, async db => !await db.Deliveries.AnyAsync(d => d.State == DeliveryState.Pending || d.State == DeliveryState.Sending));
        Assert.All(new long[] { 701, 702, 703 }, chat => Assert.Single(AlertsTo(_bot.Api, chat, id)));
        Assert.Equal(2, Corrections(_bot.Api, 701).Count());
        Assert.Single(Corrections(_bot.Api, 702)); // the place; it had no alert when the category changed
        Assert.Empty(Corrections(_bot.Api, 703));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task An_alert_says_what_happened_the_damage_and_the_casualties()
    {
        await Subscribe(_bot, Everything(711));
        var id = await Publish(_bot, "A drone hit the fuel tanks overnight", ("country", "Ukraine"), ("target", "SOCAR fuel depot"),
            ("category", "energy"), ("affected", "Azerbaijan"), ("damage", "two tanks burned"), ("killed", "0"), ("injured", "2"));

        var alert = TelegramHtml.Parse((await _bot.Api.WaitForCall(c => AlertsTo(_bot.Api, 711, id).Contains(c))).Text!).Text;
        Assert.StartsWith("🚨 New strike · energy", alert);
        Assert.Contains("SOCAR fuel depot", alert);
        Assert.Contains("A drone hit the fuel tanks overnight", alert);
        Assert.Contains("Affected: Azerbaijan", alert);
        Assert.Contains("Damage: two tanks burned", alert);
        Assert.Contains("0 killed, 2 injured", alert);
        Assert.Contains($"/incident_{id}", alert);
    }

    [Fact]
    public async Task An_old_event_is_announced_as_newly_recorded_with_its_date()
    {
        await Subscribe(_bot, Everything(721));
        var id = await Publish(_bot, "Shelling damaged the honorary consulate", ("country", "Ukraine"), ("date", "2024-01"));

        var alert = await _bot.Api.WaitForCall(c => c.ChatId == 721 && c.Text?.Contains($"/incident_{id}") == true);
        var shown = TelegramHtml.Parse(alert.Text!).Text;
        Assert.StartsWith("🗂 Newly recorded", shown);
        Assert.Contains("January 2024", shown);
        Assert.DoesNotContain("New strike", shown);
    }

    [Fact]
    public async Task A_backlog_entry_published_without_alert_alerts_nobody_then_or_after_a_correction()
    {
        await Subscribe(_bot, Everything(731), new Subscription { ChatId = 732, Category = TargetCategory.Diplomatic });
        _bot.Api.Enqueue(Tg.Text("/report Missile hit the consulate in 2022", from: Tg.Alice));
        await WaitForDb(_bot, async db => await db.Reports.AnyAsync(r => r.Id == 1) && await OwesNothing(db, 1));
        var card = _bot.Api.Messages(Tg.Moderator.Id).Last(m => m.Text?.Contains("Report #1 ·") == true);
        var data = card.ReplyMarkup!.InlineKeyboard.SelectMany(row => row).Single(b => b.Text == "📥 Publish without alert").CallbackData!;

        var toast = await Press(_bot, Tg.Tap(data, from: Tg.Moderator, message: card));
        Assert.Equal("Report #1 published as /incident_7 without alerts.", toast["text"]);
        await _bot.Ask(Tg.Text("/correct 7 category diplomatic", from: Tg.Moderator));
        await _bot.Ask(Tg.Text("/report Strike on the depot in 2023", from: Tg.Alice));
        Assert.Contains("without alerts", await ApproveWithoutAlert(2));

        await WaitForDb(_bot, async db => await OwesNothing(db, 2));
        Assert.Empty(_bot.Api.Sent(731));
        Assert.Empty(_bot.Api.Sent(732));
        await using var db = _bot.NewDb();
        Assert.False(await db.Deliveries.AnyAsync(d => d.Kind == DeliveryKind.Alert));
        Assert.Equal(2, await db.Audit.CountAsync(a => a.Action == "approve_no_alert" && a.After == null));
    }

    async Task<string> ApproveWithoutAlert(long report)
    {
        await WaitForDb(_bot, async db => await OwesNothing(db, report));
        return (await _bot.Ask(Tg.Text($"/approve #{report} noalert", from: Tg.Moderator))).Text!;
    }

    static IEnumerable<ApiCall> Corrections(FakeBotApi api, long chat) => api.Sent(chat).Where(c => c.Text?.Contains("Correction") == true);
}
