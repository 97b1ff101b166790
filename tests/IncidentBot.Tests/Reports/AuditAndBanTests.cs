using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>Bans, corrections and retractions of published incidents, and the audit that records every decision.</summary>
public sealed class AuditAndBanTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_banned_user_cannot_report_until_unbanned()
    {
        Assert.Contains("User 1001 can no longer file reports", await _bot.Say("/ban 1001", Tg.Moderator));

        Assert.Contains("You can no longer file reports with this bot", await _bot.Say("/report A strike on the bridge", Tg.Alice));
        Assert.Contains("You can no longer file reports with this bot", await _bot.Say("/report", Tg.Alice));
        Assert.Contains("Moderators cannot be banned", await _bot.Say("/ban 9002", Tg.Moderator));
        Assert.Contains("Usage: /ban user id or /ban #N", await _bot.Say("/ban @alice", Tg.Moderator));
        await using (var db = _bot.Db())
            Assert.Equal(0, await db.Reports.CountAsync());

        Assert.Contains("User 1001 may report again", await _bot.Say("/unban 1001", Tg.SecondModerator));
        Assert.Contains("Your report #1", await _bot.Say("/report A strike on the bridge", Tg.Alice));
        Assert.Equal([("ban", 1001L), ("unban", 1001L)],
            (await _bot.Audit()).Where(a => a.Action.EndsWith("ban")).Select(a => (a.Action, a.SubjectUserId!.Value)));
    }

    [Fact]
    public async Task Ban_by_report_number_bans_its_author_and_stops_a_draft_in_progress_at_submit()
    {
        await _bot.File("Spam spam spam", Tg.Bob);
        await _bot.Expect("/report", Tg.Alice, "What happened?");
        await _bot.Expect("Fire at the depot", Tg.Alice, "Where?");

        Assert.Contains("User 1002 can no longer file reports", await _bot.Say("/ban #1", Tg.Moderator));
        Assert.Contains("Ви більше не можете надсилати звіти", await _bot.Say("/report more spam", Tg.Bob)); // Bob reads Ukrainian

        Assert.Contains("User 1001 can no longer file reports", await _bot.Say("/ban 1001", Tg.Moderator));
        await _bot.Expect("Lviv", Tg.Alice, "When?");
        await _bot.Expect(_bot.Button("Today", Tg.Alice), "A source link?");
        await _bot.Expect(_bot.Button("Skip", Tg.Alice), "Photos?");
        await _bot.Expect(_bot.Button("Done", Tg.Alice), "check it and submit");
        await _bot.Expect(_bot.Button("✅ Submit", Tg.Alice), "You can no longer file reports");

        await using var db = _bot.Db();
        Assert.Equal(ReportState.Drafting, (await db.Reports.SingleAsync(r => r.ReporterId == Tg.Alice.Id)).State);
        Assert.Equal(1, await db.Reports.CountAsync(r => r.State == ReportState.Pending));
        Assert.Equal(7, await db.Incidents.CountAsync()); // Bob's draft only
    }

    [Fact]
    public async Task Correct_changes_a_published_incident_and_retract_takes_it_out_of_the_record()
    {
        Assert.Contains("/incident_6: weapon corrected", await _bot.Say("/correct 6 weapon drones", Tg.Moderator));
        Assert.Contains("Зброя: drones", await _bot.Say("/incident 6", Tg.Bob)); // Bob reads Ukrainian
        Assert.Contains("date must be YYYY-MM-DD", await _bot.Say("/correct 6 date 14 November", Tg.Moderator));
        Assert.Contains("date cannot be in the future", await _bot.Say("/correct 6 date 2025-12", Tg.Moderator)); // the fake today is 20 November 2025
        Assert.Contains("date corrected", await _bot.Say("/correct 6 date 2025-11", Tg.Moderator));
        Assert.Contains("There is no published incident 99", await _bot.Say("/correct 99 weapon drones", Tg.Moderator));

        Assert.Contains("/incident_6 retracted", await _bot.Say("/retract 6 The source withdrew the story", Tg.SecondModerator));

        var recent = await _bot.Say("/recent 50", Tg.Bob);
        Assert.Contains("1–5 з 5", recent);
        Assert.DoesNotContain("/incident_6", recent);
        var card = await _bot.Say("/incident 6", Tg.Bob);
        Assert.Contains("Відкликано: модератори зняли цей запис із публікації", card);
        Assert.DoesNotContain("/incident_6", await _bot.Say("/search embassy", Tg.Bob));
        Assert.Contains("There is no published incident 6", await _bot.Say("/retract 6 again", Tg.Moderator));
        Assert.Contains("There is no published incident 6", await _bot.Say("/correct 6 weapon missiles", Tg.Moderator));
        await using var db = _bot.Db();
        var six = await db.Incidents.SingleAsync(i => i.Id == 6);
        Assert.Equal((IncidentStatus.Retracted, "drones"), (six.Status, six.Weapon));
    }

    [Fact]
    public async Task Audit_lists_who_did_what_and_when_with_the_value_before_and_after()
    {
        await _bot.File("Shelling hit the substation in Sumy");
        _bot.Clock.Advance(TimeSpan.FromMinutes(5));
        await _bot.Say("/edit #1 category energy", Tg.Moderator);
        _bot.Clock.Advance(TimeSpan.FromMinutes(5));
        await _bot.Say("/approve #1", Tg.SecondModerator);
        await _bot.Say("/correct 6 weapon drones", Tg.Moderator);
        await _bot.File("The embassy fence is down", Tg.Bob);
        await _bot.Say("/merge #2 6", Tg.Moderator);
        await _bot.Say("/retract 6 Duplicate of incident 5", Tg.SecondModerator);

        var report = (await _bot.Say("/audit #1", Tg.Moderator)).Split('\n');
        Assert.Equal("Audit of #1", report[0]);
        Assert.Equal("2025-11-20 10:00 · Alice (1001) · filed #1 /incident_7", report[1].TrimEnd());
        Assert.Equal("2025-11-20 10:05 · Mo (@mo_moderates) (9001) · edited #1 /incident_7 category: — → Energy", report[2]);
        Assert.Equal("2025-11-20 10:10 · Sam (9002) · approved #1 /incident_7", report[3].TrimEnd());
        Assert.Equal(4, report.Length);

        var six = await _bot.Say("/audit 6", Tg.Moderator);
        Assert.Contains("Mo (@mo_moderates) (9001) · corrected  /incident_6 weapon: missile and drone barrage → drones", six);
        Assert.Contains("Bob (1002) · filed #2", six);
        Assert.Contains("Mo (@mo_moderates) (9001) · merged #2 /incident_6", six);
        Assert.Contains("Sam (9002) · retracted  /incident_6", six);
        Assert.Contains("→ Duplicate of incident 5", six);
        Assert.Contains("Nothing recorded for #99", await _bot.Say("/audit #99", Tg.Moderator));
        Assert.Contains("Usage: /audit #N", await _bot.Say("/audit", Tg.Moderator));
        Assert.Empty(_bot.Api.Violations);
    }
}
