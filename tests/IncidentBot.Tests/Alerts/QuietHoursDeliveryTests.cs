using IncidentBot.Telegram.Sending;
using IncidentBot.Alerts;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>/quiet and what the dispatcher does inside and after the window, on a fake clock.</summary>
public sealed class QuietHoursDeliveryTests : IAsyncLifetime
{
    // Kyiv is UTC+2 in winter: 21:30 UTC is 23:30 there, inside 23:00-07:00, which ends at 05:00 UTC.
    static readonly DateTimeOffset LateEvening = new(2026, 1, 10, 21, 30, 0, TimeSpan.Zero);
    static readonly DateTimeOffset WindowEnd = new(2026, 1, 11, 5, 0, 0, TimeSpan.Zero);
    static readonly User Sleeper = new() { Id = 2001, FirstName = "Olena", LanguageCode = "en" };
    const long Awake = 2002; // subscribed without quiet hours

    readonly TestClock _clock = new(LateEvening);
    BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await Start(_clock);
        await Subscribe(_bot, Everything(Awake));
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    async Task<ApiCall> SubscribeQuietly(string quiet)
    {
        await _bot.Ask(Tg.Text("/subscribe", from: Sleeper));
        return await _bot.Ask(Tg.Text($"/quiet {quiet}", from: Sleeper));
    }

    Task WaitForHeld(int count) => WaitForDb(_bot, async db =>
        await db.Deliveries.CountAsync(d => d.ChatId == Sleeper.Id && d.State == DeliveryState.Held) == count);

    IEnumerable<ApiCall> Summaries() => _bot.Api.Sent(Sleeper.Id).Where(c => c.Text?.Contains("During your quiet hours") == true);

    /// <summary>Just short of the window's end, then a second at a time until the summary leaves.</summary>
    async Task<ApiCall> PassTheWindowsEnd()
    {
        _clock.Advance(WindowEnd - _clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await AdvanceUntil(_bot, _clock, _ => Summaries().Any(), TimeSpan.FromSeconds(1));
        return Assert.Single(Summaries());
    }

    [Fact]
    public async Task Silent_quiet_hours_send_alerts_without_sound_inside_the_window_and_with_it_after()
    {
        var set = await SubscribeQuietly("23:00-07:00 Europe/Kyiv silent");
        Assert.Contains("Quiet hours 23:00–07:00 (Europe/Kyiv): alerts arrive silently.", set.Text);

        var night = await Publish(_bot, "Night strike", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, Sleeper.Id, night).Any() && AlertsTo(a, Awake, night).Any());
        Assert.Equal("true", AlertsTo(_bot.Api, Sleeper.Id, night).Single()["disable_notification"]);
        Assert.NotEqual("true", AlertsTo(_bot.Api, Awake, night).Single()["disable_notification"]);

        _clock.Advance(TimeSpan.FromHours(8)); // 05:30 UTC, 07:30 in Kyiv
        var morning = await Publish(_bot, "Morning strike", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, Sleeper.Id, morning).Any());
        Assert.NotEqual("true", AlertsTo(_bot.Api, Sleeper.Id, morning).Single()["disable_notification"]);
        Assert.Empty(Summaries());
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Summary_quiet_hours_hold_the_nights_alerts_for_one_summary_when_the_window_ends()
    {
        var set = await SubscribeQuietly("23:00-07:00 Europe/Kyiv summary");
        Assert.Contains("alerts are held and sent as one summary when they end", set.Text);
        var repliesBefore = _bot.Api.Sent(Sleeper.Id).Count();

        var first = await Publish(_bot, "Drone strike on a substation", ("country", "Ukraine"), ("category", "energy"));
        var second = await Publish(_bot, "Missile hit near the embassy", ("place", "Kyiv"), ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, Awake, first).Any() && AlertsTo(a, Awake, second).Any());
        await WaitForHeld(2);

        Assert.Equal(repliesBefore, _bot.Api.Sent(Sleeper.Id).Count()); // nothing sent to the sleeping chat
        await using (var db = _bot.NewDb())
            Assert.All(await db.Deliveries.Where(d => d.ChatId == Sleeper.Id).ToListAsync(), d => Assert.Equal(WindowEnd.UtcDateTime, d.NotBefore));

        var summary = await PassTheWindowsEnd();

        Assert.Contains("During your quiet hours</b> — 2 new:", summary.Text);
        Assert.Contains($"/incident_{first}", summary.Text);
        Assert.Contains($"/incident_{second}", summary.Text);
        Assert.NotEqual("true", summary["disable_notification"]);
        Assert.Empty(AlertsTo(_bot.Api, Sleeper.Id, first)); // no alert of its own besides the summary
        Assert.Empty(AlertsTo(_bot.Api, Sleeper.Id, second));
        await WaitForDb(_bot, async db => await db.Deliveries.Where(d => d.ChatId == Sleeper.Id).AllAsync(d => d.State == DeliveryState.Sent));
        await using (var db = _bot.NewDb())
        {
            var rows = await db.Deliveries.Where(d => d.ChatId == Sleeper.Id).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.All(rows, d => Assert.Equal(summary.MessageId, d.MessageId));
            Assert.All(rows, d => Assert.True(d.SentAt >= WindowEnd.UtcDateTime));
        }
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task An_incident_retracted_during_the_night_is_left_out_of_the_summary()
    {
        await SubscribeQuietly("23:00-07:00 Europe/Kyiv summary");
        var retracted = await Publish(_bot, "Reported blast", ("country", "Ukraine"));
        var kept = await Publish(_bot, "Drone strike", ("country", "Ukraine"));
        await WaitForHeld(2);

        await _bot.Ask(Tg.Text($"/retract {retracted} the source withdrew it", from: Tg.Moderator));
        await using (var db = _bot.NewDb())
            Assert.Equal(DeliveryState.Cancelled, (await db.Deliveries.SingleAsync(d => d.ChatId == Sleeper.Id && d.IncidentId == retracted)).State);

        var summary = await PassTheWindowsEnd();

        Assert.Contains("— 1 new:", summary.Text);
        Assert.Contains($"/incident_{kept}", summary.Text);
        Assert.DoesNotContain($"/incident_{retracted}", summary.Text);
        Assert.DoesNotContain(_bot.Api.Sent(Sleeper.Id), c => c.Text?.Contains("Retracted") == true); // it never had the alert
        await _bot.Api.WaitUntil(a => a.Sent(Awake).Any(c => c.Text?.Contains("Retracted") == true)); // the awake chat did
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Quiet_off_lets_the_next_alert_arrive_at_once_with_sound()
    {
        await SubscribeQuietly("23:00-07:00 Europe/Kyiv summary");

        var off = await _bot.Ask(Tg.Text("/quiet off", from: Sleeper));

        Assert.Contains("Quiet hours are off: alerts arrive as they happen.", off.Text);
        await using (var db = _bot.NewDb())
            Assert.True(await db.AlertChats.SingleAsync(c => c.ChatId == Sleeper.Id) is { QuietFrom: null, QuietTo: null, TimeZone: null });
        var id = await Publish(_bot, "Night strike", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, Sleeper.Id, id).Any()); // still 23:30 in Kyiv
        Assert.NotEqual("true", AlertsTo(_bot.Api, Sleeper.Id, id).Single()["disable_notification"]);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Quiet_off_releases_what_was_held_at_once()
    {
        await SubscribeQuietly("23:00-07:00 Europe/Kyiv summary");
        var id = await Publish(_bot, "Night strike", ("country", "Ukraine"));
        await WaitForHeld(1);

        await _bot.Ask(Tg.Text("/quiet off", from: Sleeper));

        // The clock stays at 23:30 in Kyiv: what was held leaves now, not at 07:00.
        await _bot.Api.WaitUntil(_ => Summaries().Any());
        Assert.Contains($"/incident_{id}", Assert.Single(Summaries()).Text);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Held_alerts_follow_a_changed_window_to_its_new_end()
    {
        await SubscribeQuietly("23:00-07:00 Europe/Kyiv summary");
        var night = await Publish(_bot, "Night strike", ("country", "Ukraine"));
        await WaitForHeld(1);

        // Waking an hour later now: 08:00 in Kyiv is 06:00 UTC.
        await _bot.Ask(Tg.Text("/quiet 23:00-08:00 Europe/Kyiv summary", from: Sleeper));
        var laterEnd = WindowEnd.AddHours(1);
        await using (var db = _bot.NewDb())
            Assert.Equal(laterEnd.UtcDateTime, (await db.Deliveries.SingleAsync(d => d.ChatId == Sleeper.Id)).NotBefore);

        // 07:01 in Kyiv: past the old end, inside the new window. The awake chat's alert shows the dispatcher ran.
        _clock.Advance(WindowEnd - _clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var morning = await Publish(_bot, "Morning strike", ("country", "Ukraine"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, Awake, morning).Any());
        await WaitForHeld(2);
        Assert.Empty(Summaries());

        _clock.Advance(laterEnd - _clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await AdvanceUntil(_bot, _clock, _ => Summaries().Any(), TimeSpan.FromSeconds(1));
        var summary = Assert.Single(Summaries());
        Assert.Contains($"/incident_{night}", summary.Text);
        Assert.Contains($"/incident_{morning}", summary.Text);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Switching_to_silent_releases_what_was_held_at_once()
    {
        await SubscribeQuietly("23:00-07:00 Europe/Kyiv summary");
        var id = await Publish(_bot, "Night strike", ("country", "Ukraine"));
        await WaitForHeld(1);

        await _bot.Ask(Tg.Text("/quiet 23:00-07:00 Europe/Kyiv silent", from: Sleeper));

        await _bot.Api.WaitUntil(_ => Summaries().Any()); // still 23:30 in Kyiv
        Assert.Contains($"/incident_{id}", Assert.Single(Summaries()).Text);
        Assert.Empty(_bot.Api.Violations);
    }

    [Theory]
    [InlineData("/quiet 25:00-07:00 UTC", "Times must be HH:MM and differ")]
    [InlineData("/quiet 07:00-07:00 Europe/Kyiv", "Times must be HH:MM and differ")]
    [InlineData("/quiet 23:00-07:00 Mars/Olympus", "I don't know that time zone.")]
    [InlineData("/quiet tonight", "Usage: <code>/quiet 23:00-07:00 Europe/Kyiv silent</code>")]
    public async Task Bad_quiet_hours_get_the_reason_and_the_usage_and_change_nothing(string command, string reason)
    {
        var reply = await _bot.Ask(Tg.Text(command, from: Sleeper));

        Assert.Contains(reason, reply.Text);
        Assert.Contains("Usage: <code>/quiet", reply.Text);
        Assert.DoesNotContain("quiet.", reply.Text); // a strings key, not its text
        await using var db = _bot.NewDb();
        Assert.False(await db.AlertChats.AnyAsync(c => c.QuietFrom != null));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_group_member_cannot_set_the_groups_quiet_hours()
    {
        var reply = await _bot.Ask(Tg.Text("/quiet 23:00-07:00 Europe/Kyiv silent", from: Tg.Alice, chat: Tg.Group));

        Assert.Contains("Only this chat's admins can change its alerts.", reply.Text);
        await using var db = _bot.NewDb();
        Assert.False(await db.AlertChats.AnyAsync(c => c.QuietFrom != null));
    }
}
