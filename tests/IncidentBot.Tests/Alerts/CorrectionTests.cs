using IncidentBot.Tests.Fakes;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>Material corrections and retractions reach exactly the chats that got the alert, as replies to it.</summary>
public sealed class CorrectionTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await Start();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_material_correction_is_a_reply_to_each_alert_and_a_wording_fix_sends_nothing()
    {
        await Subscribe(_bot, Everything(501), Everything(502));
        var id = await Publish(_bot, "Strike on a substation", ("country", "Ukraine"), ("category", "energy"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 501, id).Any() && AlertsTo(a, 502, id).Any());
        var original = AlertsTo(_bot.Api, 501, id).Single().MessageId;
        await Subscribe(_bot, Everything(503)); // subscribed after the alert: gets no correction

        await _bot.Ask(Tg.Text($"/correct {id} weapon Shahed drones", from: Tg.Moderator));
        await _bot.Ask(Tg.Text($"/correct {id} date 2025-08", from: Tg.Moderator));

        await _bot.Api.WaitUntil(a => Corrections(a, 501).Any() && Corrections(a, 502).Any());
        var correction = Corrections(_bot.Api, 501).Single();
        Assert.Contains("the date is now August 2025", correction.Text);
        Assert.Contains($"\"message_id\":{original}", correction.Body["reply_parameters"]!.ToJsonString());
        Assert.Single(Corrections(_bot.Api, 502));
        Assert.Empty(_bot.Api.Sent(503));
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Text?.Contains("weapon", StringComparison.OrdinalIgnoreCase) == true && c.Text.Contains("Correction"));
    }

    [Fact]
    public async Task A_retraction_replies_to_sent_alerts_and_the_incident_leaves_the_record()
    {
        await Subscribe(_bot, Everything(601));
        var id = await Publish(_bot, "Reported blast", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 601, id).Any());

        await _bot.Ask(Tg.Text($"/retract {id} the <i>source</i> withdrew it", from: Tg.Moderator));

        var retraction = await _bot.Api.WaitForCall(c => c.ChatId == 601 && c.Text?.Contains("Retracted") == true);
        Assert.Contains("&lt;i&gt;source&lt;/i&gt;", retraction.Text);
        Assert.NotNull(retraction.Body["reply_parameters"]);
        Assert.DoesNotContain($"/incident_{id} ", (await _bot.Ask(Tg.Text("/recent 50", from: Tg.Bob))).Text);
        Assert.Contains("Відкликано", (await _bot.Ask(Tg.Text($"/incident {id}", from: Tg.Bob))).Text); // Bob reads Ukrainian
        Assert.Empty(_bot.Api.Violations);
    }

    [Theory]
    [InlineData("/correct {0} date 2025-08", "the date is now August 2025")]
    [InlineData("/retract {0} the source withdrew it", "Retracted")]
    public async Task A_correction_or_retraction_made_while_the_alert_is_on_its_way_follows_it_as_a_reply(string command, string expected)
    {
        await Subscribe(_bot, Everything(511));
        // The alert reaches Telegram and its answer is held: the bot has sent it but not yet recorded it as sent.
        var arrived = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        _bot.Api.BeforeReply = async call =>
        {
            if (call.ChatId != 511 || !arrived.TrySetResult()) return; // its first message: the alert
            await release.Task;
        };
        var id = await Publish(_bot, "Strike on a substation", ("country", "Ukraine"), ("date", "2025-07-14"));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _bot.Ask(Tg.Text(string.Format(System.Globalization.CultureInfo.InvariantCulture, command, id), from: Tg.Moderator));
        release.SetResult();

        var reply = await _bot.Api.WaitForCall(c => c.ChatId == 511 && c.Text?.Contains(expected) == true);
        var alert = _bot.Api.Sent(511).First();
        Assert.Contains($"/incident_{id}", alert.Text);
        Assert.Contains("14 July 2025", alert.Text); // it went out as rendered before the change
        Assert.Contains($"\"message_id\":{alert.MessageId}", reply.Body["reply_parameters"]!.ToJsonString());
        Assert.True(reply.At > alert.At);
        Assert.Equal(2, _bot.Api.Sent(511).Count());
        Assert.Empty(_bot.Api.Violations);
    }

    static IEnumerable<ApiCall> Corrections(FakeBotApi api, long chat) =>
        api.Sent(chat).Where(c => c.Text?.Contains("Correction") == true);
}
