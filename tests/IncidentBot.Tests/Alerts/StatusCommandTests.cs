using IncidentBot.Telegram.Sending;
using IncidentBot.Alerts;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>/status: what a moderator learns about subscriptions and delivery, and that nobody else does.</summary>
public sealed class StatusCommandTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await Start();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_moderator_sees_the_active_subscriptions_and_the_last_fan_out()
    {
        await Subscribe(_bot, Everything(3101), new Subscription { ChatId = 3101, Area = "Kyiv" }, Everything(3102),
            new Subscription { ChatId = 3103, Active = false });

        var before = await _bot.Ask(Tg.Text("/status", from: Tg.Moderator));
        Assert.Contains("<b>Status</b>", before.Text);
        Assert.Contains("Active subscriptions: 3 in 2 chats", before.Text);
        Assert.Contains("No alert has been sent yet.", before.Text);

        var id = await Publish(_bot, "Strike", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 3101, id).Any() && AlertsTo(a, 3102, id).Any());
        await WaitForDb(_bot, db => db.Deliveries.Where(d => d.IncidentId == id).AllAsync(d => d.State == DeliveryState.Sent));

        var after = await _bot.Ask(Tg.Text("/status", from: Tg.Moderator));
        Assert.Contains($"Last fan-out: /incident_{id} — 2 of 2 sent", after.Text);
        Assert.Contains("Deliveries waiting: 0 · failed: 0", after.Text);
        Assert.Contains("Active subscriptions: 3 in 2 chats", after.Text);
        Assert.Contains("Waiting for moderators: 0 reports", after.Text);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Anyone_else_is_refused()
    {
        var reply = await _bot.Ask(Tg.Text("/status", from: Tg.Alice));

        Assert.Contains("Only moderators can do that.", reply.Text);
        Assert.DoesNotContain("Status", reply.Text);
        Assert.Empty(_bot.Api.Violations);
    }
}
