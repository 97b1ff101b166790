using IncidentBot.Telegram.Sending;
using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>Rights are checked on every command and every press, and two moderators never decide a report twice.</summary>
public sealed class ModerationRightsTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Forged_moderator_buttons_from_a_contributor_are_answered_and_publish_nothing()
    {
        var id = await _bot.File("Shelling hit the substation in Sumy");

        foreach (var data in new[] { "ap:1", "an:1", "rr:1:2", "mg:1:6", "ed:1", "rj:1", "ph:1" })
            Assert.Equal("Only moderators can do that.", (await _bot.Press(data, Tg.Alice))["text"]);
        Assert.Contains("Only moderators can do that.", await _bot.Say("/approve #1", Tg.Alice));

        Assert.Equal(ReportState.Pending, (await _bot.Report(id)).State);
        await using var db = _bot.Db();
        var draftId = (await db.Reports.SingleAsync()).IncidentId;
        Assert.Equal(IncidentStatus.Draft, (await db.Incidents.SingleAsync(i => i.Id == draftId)).Status);
        Assert.Empty(await db.Prompts.ToListAsync());
        Assert.Equal(["filed"], (await _bot.Audit()).Select(a => a.Action));
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Method == "editMessageText");
        Assert.DoesNotContain(_bot.Api.Sent(Tg.Alice.Id), c => Shown(c).Contains("was approved") || Shown(c).Contains("not published"));
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
    }

    [Theory]
    [InlineData("/queue")]
    [InlineData("/approve #1")]
    [InlineData("/reject #1 spam")]
    [InlineData("/edit #1 category energy")]
    [InlineData("/merge #1 6")]
    [InlineData("/log")]
    [InlineData("/correct 6 weapon slingshot")]
    [InlineData("/retract 6 made up")]
    [InlineData("/audit 6")]
    [InlineData("/ban 1001")]
    [InlineData("/unban 1001")]
    public async Task Moderator_commands_from_anyone_else_are_refused_and_change_nothing(string command)
    {
        await _bot.File("Shelling hit the substation in Sumy", Tg.Alice);

        Assert.Equal("Це можуть робити лише модератори.", await _bot.Say(command, Tg.Bob)); // Bob reads Ukrainian: mod.not_allowed

        await using var db = _bot.Db();
        Assert.Equal(ReportState.Pending, (await db.Reports.SingleAsync()).State);
        var draftId = (await db.Reports.SingleAsync()).IncidentId;
        Assert.Equal(IncidentStatus.Draft, (await db.Incidents.SingleAsync(i => i.Id == draftId)).Status);
        var six = await db.Incidents.SingleAsync(i => i.Id == 6);
        Assert.Equal((IncidentStatus.Published, "missile and drone barrage"), (six.Status, six.Weapon));
        Assert.Empty(await db.BannedUsers.ToListAsync());
        Assert.Equal(0, await db.Reports.CountAsync(r => r.ReporterId == Tg.Bob.Id)); // no /log draft either
        Assert.Single(await _bot.Audit());
    }

    [Fact]
    public async Task Two_moderators_pressing_approve_at_once_publish_once_and_the_loser_is_told_who_won()
    {
        await using (var db = _bot.Db())
        {
            db.Subscriptions.Add(new Subscription { ChatId = Tg.Group.Id, CreatedAt = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }
        var id = await _bot.File("Shelling hit the substation in Sumy");
        var first = _bot.Button("✅ Approve", Tg.Moderator, _bot.Card(Tg.Moderator.Id, id));
        var second = _bot.Button("✅ Approve", Tg.SecondModerator, _bot.Card(Tg.SecondModerator.Id, id));

        _bot.Api.Enqueue(first);
        _bot.Api.Enqueue(second);
        await _bot.Api.WaitUntil(a => a.Calls.Count(c => c.Method == "answerCallbackQuery") == 2);

        var toasts = _bot.Api.Calls.Where(c => c.Method == "answerCallbackQuery").Select(c => c["text"]!).ToList();
        var winner = await _bot.Report(id) is { DecidedBy: 9001 } ? "Mo (@mo_moderates)" : "Sam";
        Assert.Single(toasts, t => t == "Report #1 published as /incident_7.");
        Assert.Single(toasts, t => t == $"Report #1 was already approved by {winner}.");
        await AssertPublishedOnce(id);
    }

    [Fact]
    public async Task Two_moderators_deciding_by_command_at_once_leave_exactly_one_decision()
    {
        var id = await _bot.File("Shelling hit the substation in Sumy");

        _bot.Api.Enqueue(Tg.Text("/approve #1", from: Tg.Moderator));
        _bot.Api.Enqueue(Tg.Text("/approve #1", from: Tg.SecondModerator));
        string? Reply(long chat) => _bot.Api.Sent(chat).Select(Shown).FirstOrDefault(t => t.StartsWith("Report #1 ", StringComparison.Ordinal));
        await _bot.Api.WaitUntil(_ => ModeratorChats.All(chat => Reply(chat) is not null));
        var replies = ModeratorChats.Select(chat => Reply(chat)!).ToList();

        Assert.Single(replies, r => r == "Report #1 published as /incident_7.");
        Assert.Single(replies, r => r.StartsWith("Report #1 was already approved by ", StringComparison.Ordinal));
        await AssertPublishedOnce(id);
    }

    [Fact]
    public async Task A_redelivered_approve_press_publishes_once_and_is_answered_once()
    {
        await using (var db = _bot.Db())
        {
            db.Subscriptions.Add(new Subscription { ChatId = Tg.Group.Id, CreatedAt = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }
        var id = await _bot.File("Shelling hit the substation in Sumy");
        var press = _bot.Button("✅ Approve", Tg.Moderator, _bot.Card(Tg.Moderator.Id, id));

        _bot.Api.Enqueue(press);
        _bot.Api.Enqueue(press); // Telegram delivers at least once
        await _bot.Api.WaitUntilConfirmed(press.Id);
        _bot.Api.Enqueue(press);
        Assert.Contains("No reports are waiting", await _bot.Expect("/queue", Tg.Moderator, "No reports")); // same chat: the presses came first

        Assert.Single(_bot.Api.Calls, c => c.Method == "answerCallbackQuery");
        await AssertPublishedOnce(id);
    }

    async Task AssertPublishedOnce(long id)
    {
        await _bot.Settled(id);
        await using var db = _bot.Db();
        Assert.Equal(7, await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Published));
        Assert.True(await db.Deliveries.CountAsync(d => d.Kind == DeliveryKind.Alert) <= 1, "at most one alert for the one incident");
        Assert.Single(await _bot.Audit(), a => a.Action == "approve");
        Assert.Single(_bot.Api.Sent(Tg.Alice.Id), c => Shown(c).Contains("was approved"));
        Assert.Equal(ReportState.Approved, (await _bot.Report(id)).State);
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Log_by_a_moderator_runs_the_same_questions_and_publishes_at_once()
    {
        Assert.Equal("Only moderators can do that.", await _bot.Say("/log", Tg.Alice));

        var mo = Tg.Moderator;
        await _bot.Expect("/log", mo, "Log a strike.");
        await _bot.Expect("Missile struck the power plant", mo, "Where?");
        await _bot.Expect("Burshtyn, Ukraine", mo, "When?");
        await _bot.Expect(_bot.Button("Today", mo), "A source link?");
        await _bot.Expect(_bot.Button("Skip", mo), "Photos?");
        await _bot.Expect(_bot.Button("Done", mo), "What kind of site was hit?");
        await _bot.Expect(_bot.Button("Energy", mo), "The target?");
        await _bot.Expect("Burshtyn power plant", mo, "The affected country?");
        await _bot.Expect(_bot.Button("🇺🇦 Ukraine", mo), "check it and submit");
        Assert.Equal("Report #1 published as /incident_7.", await _bot.Expect(_bot.Button("✅ Submit", mo), "published as"));

        // Bob reads Ukrainian: the date and category in Ukrainian, the country by its Ukrainian name, the typed town as typed.
        Assert.Contains("/incident_7 · 20 листопада 2025 · Burshtyn, Україна · Burshtyn power plant (енергетика)", await _bot.Say("/recent", Tg.Bob));
        Assert.Empty(_bot.Api.Sent(Tg.SecondModerator.Id)); // nothing left to review
        Assert.Equal(["logged", "approve"], (await _bot.Audit()).Select(a => a.Action));
        Assert.Equal(ReportState.Approved, (await _bot.Report(1)).State);
    }
}
