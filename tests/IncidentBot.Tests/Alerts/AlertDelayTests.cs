using IncidentBot.Data;
using IncidentBot.Telegram;
using IncidentBot.Telegram.Sending;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>
/// Alerts:DelayMinutes: public alerts leave that long after publication (a not-before time on their outbox rows), and a
/// retraction meanwhile cancels them without a word to chats that never had them.
/// </summary>
public sealed class AlertDelayTests
{
    const long Subscriber = 5001;
    static readonly (string, string) HalfAnHour = ("Alerts:DelayMinutes", "30");

    static TestClock Clock() => new(new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero));

    [Theory, BothDatabases]
    public async Task An_alert_waits_out_the_delay_and_then_arrives_once(string database)
    {
        var clock = Clock();
        await using var bot = await Start(BothDatabasesAttribute.Provider(database), clock, HalfAnHour);
        await Subscribe(bot, Everything(Subscriber));
        var id = await Publish(bot, "Drone hit a substation", ("place", "Odesa"), ("category", "energy"));

        var (alert, published) = await AlertRow(bot, id);
        Assert.Equal(published.AddMinutes(30), alert.NotBefore, TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromMinutes(29));
        await DispatcherRounds(bot, clock);
        Assert.Equal(DeliveryState.Pending, (await AlertRow(bot, id)).Row.State); // due in a minute: not even claimed
        Assert.Empty(AlertsTo(bot.Api, Subscriber, id));
        Assert.Contains("1 held, the next at 10:30 UTC", (await bot.Ask(Tg.Text("/status", Tg.Moderator))).Text);

        clock.Advance(TimeSpan.FromMinutes(2));
        await bot.Api.WaitUntil(a => AlertsTo(a, Subscriber, id).Any());
        await DispatcherRounds(bot, clock);
        Assert.Single(AlertsTo(bot.Api, Subscriber, id));
    }

    [Theory, BothDatabases]
    public async Task A_retraction_inside_the_delay_cancels_the_alert_and_tells_nobody(string database)
    {
        var clock = Clock();
        await using var bot = await Start(BothDatabasesAttribute.Provider(database), clock, HalfAnHour);
        await Subscribe(bot, Everything(Subscriber));
        var id = await Publish(bot, "Drone hit a substation", ("place", "Odesa"), ("category", "energy"));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Contains("retracted", (await bot.Ask(Tg.Text($"/retract {id} it was an air-defence interception", Tg.Moderator))).Text);
        clock.Advance(TimeSpan.FromMinutes(25));
        await DispatcherRounds(bot, clock);

        Assert.Empty(bot.Api.Sent(Subscriber)); // no alert, and no retraction of an alert it never had
        Assert.Equal(DeliveryState.Cancelled, (await AlertRow(bot, id)).Row.State);
        await using var db = bot.NewDb();
        Assert.False(await db.Deliveries.AnyAsync(d => d.IncidentId == id && d.Kind == DeliveryKind.Retraction));
    }

    [Fact]
    public async Task A_correction_inside_the_delay_sends_no_notice_and_the_alert_carries_it()
    {
        var clock = Clock();
        await using var bot = await Start(clock, HalfAnHour);
        await Subscribe(bot, Everything(Subscriber));
        var id = await Publish(bot, "Drone hit a substation", ("place", "Odesa"), ("category", "energy"));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Contains("corrected", (await bot.Ask(Tg.Text($"/correct {id} place Kharkiv", Tg.Moderator))).Text);
        clock.Advance(TimeSpan.FromMinutes(21));
        await bot.Api.WaitUntil(a => AlertsTo(a, Subscriber, id).Any());
        await DispatcherRounds(bot, clock);

        var alert = Assert.Single(bot.Api.Sent(Subscriber));
        Assert.Contains("Kharkiv", alert.Text);
        Assert.DoesNotContain("Correction", alert.Text);
    }

    [Fact]
    public async Task A_held_alert_survives_a_restart()
    {
        var clock = Clock();
        await using var bot = await Start(clock, HalfAnHour);
        await Subscribe(bot, Everything(Subscriber));
        var id = await Publish(bot, "Drone hit a substation", ("place", "Odesa"), ("category", "energy"));

        await bot.StopHostAsync();
        await bot.StartHostAsync(b => Configure(b, clock, HalfAnHour));
        clock.Advance(TimeSpan.FromMinutes(31));
        await bot.Api.WaitUntil(a => AlertsTo(a, Subscriber, id).Any());
        await DispatcherRounds(bot, clock);
        Assert.Single(AlertsTo(bot.Api, Subscriber, id));
    }

    [Fact]
    public async Task Without_a_delay_the_alert_is_due_at_publication()
    {
        var clock = Clock();
        await using var bot = await Start(clock);
        await Subscribe(bot, Everything(Subscriber));
        var id = await Publish(bot, "Drone hit a substation", ("place", "Odesa"), ("category", "energy"));

        await bot.Api.WaitUntil(a => AlertsTo(a, Subscriber, id).Any()); // the clock never moved on
        var (alert, published) = await AlertRow(bot, id);
        Assert.Equal(published, alert.NotBefore, TimeSpan.FromSeconds(1));
    }

    /// <summary>The incident's alert row for the subscriber, and when the incident was published.</summary>
    static async Task<(Delivery Row, DateTime Published)> AlertRow(BotHarness bot, long incidentId)
    {
        await using var db = bot.NewDb();
        var row = await db.Deliveries.AsNoTracking().SingleAsync(d => d.IncidentId == incidentId && d.Kind == DeliveryKind.Alert && d.ChatId == Subscriber);
        return (row, (await db.Incidents.SingleAsync(i => i.Id == incidentId)).CreatedAt);
    }

    /// <summary>
    /// Two dispatcher rounds that began after now on the bot's clock: the first claimed whatever was due then, and the
    /// second began only once the first had handed its claims over to be sent.
    /// </summary>
    static async Task DispatcherRounds(BotHarness bot, TestClock clock)
    {
        var status = bot.Services.GetRequiredService<BotStatus>();
        var after = clock.GetUtcNow();
        await Eventually.Holds(() => status.LastDispatchAt > after, TimeSpan.FromSeconds(10), "no dispatcher round");
        var first = status.LastDispatchAt;
        clock.Advance(TimeSpan.FromSeconds(1)); // the idle dispatcher waits a second on this clock
        await Eventually.Holds(() => status.LastDispatchAt > first, TimeSpan.FromSeconds(10), "no second dispatcher round");
    }
}
