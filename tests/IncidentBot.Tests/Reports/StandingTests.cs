using IncidentBot.Data;
using IncidentBot.Reports;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using Telegram.Bot.Types;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>
/// Contributors' standing on the moderator's card, the pause after three reports rejected as spam or false and its
/// lifting, and stopping all new reports during a brigading wave.
/// </summary>
public sealed class StandingTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    [Fact]
    public async Task The_card_says_whether_the_reporter_is_new_established_or_under_watch_with_the_counts()
    {
        _bot = await StartAsync();
        var first = await _bot.File("Shelling hit the substation in Sumy");
        Assert.Contains("🆕 New contributor: no approved report yet", _bot.Card(Tg.Moderator.Id, first).Text);

        await Decide($"/approve #{first}", Tg.Moderator);
        var second = await _bot.File("Drones over the refinery in Kremenchuk");
        Assert.Contains("✅ Established contributor · approved: 1 report", _bot.Card(Tg.Moderator.Id, second).Text);

        Assert.Contains("rejected", await Decide($"/reject #{second} spam", Tg.Moderator));
        var third = await _bot.File("Missile hit the port in Odesa");
        Assert.Contains("⚠️ Under watch · rejected as spam or false: 1 report · approved: 1 report", _bot.Card(Tg.SecondModerator.Id, third).Text);
        // Another person's record is their own; a rejection for another reason does not count against them.
        var bobs = await _bot.File("Вибух біля консульства", Tg.Bob);
        Assert.Contains("🆕 New contributor", _bot.Card(Tg.Moderator.Id, bobs).Text);
        await Decide($"/reject #{bobs} Already in the record", Tg.Moderator);
        var bobsNext = await _bot.File("Ще один вибух біля консульства", Tg.Bob);
        Assert.Contains("🆕 New contributor", _bot.Card(Tg.Moderator.Id, bobsNext).Text);
        Assert.Equal(RejectionKind.Spam, (await _bot.Report(second)).RejectedAs);
        Assert.Null((await _bot.Report(bobs)).RejectedAs);
    }

    [Fact]
    public async Task Three_reports_rejected_as_spam_or_false_pause_reporting_until_a_moderator_lifts_it()
    {
        _bot = await StartAsync();
        var bob = Tg.Bob; // reads Ukrainian
        var one = await _bot.File("Реклама казино", bob);
        await _bot.Expect(_bot.Button("❌ Reject", Tg.Moderator, _bot.Card(Tg.Moderator.Id, one)), "Why is report #1 rejected?");
        await _bot.Press(_bot.Button("Spam or abuse", Tg.Moderator));
        await _bot.Settled(one);
        var two = await _bot.File("Вибух на вокзалі", bob);
        await Decide($"/reject #{two} Could not be verified", Tg.Moderator); // not held against him
        var three = await _bot.File("Удар по мосту в Києві", bob);
        await Decide($"/reject #{three} false the photo is from 2019", Tg.SecondModerator);
        var four = await _bot.File("Знову казино", bob);
        var rejected = await Decide($"/reject #{four} spam", Tg.Moderator);

        Assert.Contains("3 of their reports have now been rejected as spam or false, so their reporting is paused; /unpause 1002 lifts the pause.", rejected);
        var told = _bot.Api.Sent(bob.Id).Select(Shown).ToList();
        var outcome = told.FindLastIndex(m => m.Contains($"#{four}") && m.Contains("не опубліковано"));
        var paused = told.FindIndex(m => m.Contains("Надсилання звітів для вас призупинено: 3 ваші звіти відхилено як спам чи неправду"));
        Assert.True(outcome >= 0 && paused > outcome, string.Join("\n---\n", told)); // the rejection first, then what it caused
        Assert.Contains("Надсилання звітів для вас призупинено", await _bot.Say("/report Ще одна новина", bob));
        Assert.Contains("Надсилання звітів для вас призупинено", await _bot.Say("/report", bob));
        Assert.Contains("⏸ Their reporting is paused: /unpause 1002 lifts the pause.", _bot.Card(Tg.Moderator.Id, four).Text);
        Assert.Contains("⚠️ Under watch · rejected as spam or false: 3 reports · approved: 0 reports", _bot.Card(Tg.Moderator.Id, four).Text);

        Assert.Contains("Only moderators can do that", await _bot.Say("/unpause 1002", Tg.Alice));
        Assert.Contains("Usage: /unpause user id", await _bot.Say("/unpause @bob", Tg.Moderator));
        Assert.Contains("User 1002 may report again; they have been told.", await _bot.Say($"/unpause #{one}", Tg.SecondModerator));
        Assert.Contains("Модератор зняв призупинення", await _bot.Seen(bob.Id, "Модератор зняв"));
        Assert.Contains("User 1002's reporting is not paused.", await _bot.Say("/unpause 1002", Tg.Moderator));
        _bot.Clock.Advance(TimeSpan.FromHours(1)); // past the hourly limit of Reports:PerUserPerHour
        var five = await _bot.File("Удар по підстанції", bob);
        // What was weighed before the lift stays weighed: one more spam rejection does not pause him again.
        Assert.DoesNotContain("paused", await Decide($"/reject #{five} spam", Tg.Moderator));
        Assert.Contains("Ваш звіт", await _bot.Say("/report Удар по складу", bob));

        var audit = (await _bot.Audit()).Where(a => a.Action is "pause" or "unpause").ToList();
        Assert.Equal([("pause", 9001L, (long?)four), ("unpause", 9002L, null)], audit.Select(a => (a.Action, a.ActorId, a.ReportId)));
        Assert.All(audit, a => Assert.Equal(bob.Id, a.SubjectUserId));
        Assert.Contains("paused the reporter", await _bot.Say($"/audit #{four}", Tg.Moderator));
    }

    [Fact]
    public async Task A_moderators_reports_are_never_paused()
    {
        _bot = await StartAsync();
        for (var i = 0; i < 3; i++)
        {
            var id = await _bot.File($"Test report {i}", Tg.SecondModerator);
            Assert.DoesNotContain("paused", await Decide($"/reject #{id} spam", Tg.Moderator));
        }
        Assert.Contains("Your report #4", await _bot.Say("/report One more", Tg.SecondModerator));
    }

    /// <summary>A decision, once every message it owes (card updates, the reporter's outcome and notices) has left.</summary>
    async Task<string> Decide(string command, User moderator)
    {
        var reply = await _bot.Say(command, moderator);
        await _bot.Settled(ReportOf(command));
        return reply;
    }

    static long ReportOf(string command) => long.Parse(command.Split(' ')[1].TrimStart('#'));

    [Theory, BothDatabases]
    public async Task Pause_reports_stops_every_new_report_until_resume_reports_across_a_restart(string database)
    {
        _bot = await StartAsync(BothDatabasesAttribute.Provider(database), ModeratorChats);
        Assert.Contains("Usage: /pause reports", await _bot.Say("/pause", Tg.Moderator));
        Assert.Contains("Usage: /pause reports", await _bot.Say("/pause everything", Tg.Moderator));
        Assert.Contains("Only moderators can do that", await _bot.Say("/pause reports", Tg.Alice));
        Assert.Contains("⏸ New reports are paused.", await _bot.Say("/pause reports", Tg.Moderator));
        Assert.Contains("New reports are already paused (by Mo (@mo_moderates)).", await _bot.Say("/pause reports", Tg.SecondModerator));

        Assert.Contains("New reports are paused for a while", await _bot.Say("/report Drones over the port", Tg.Alice));
        Assert.Contains("Прийом нових звітів тимчасово призупинено", await _bot.Say("/report", Tg.Bob));
        Assert.Equal(1, await _bot.File("Seen from the office window", Tg.SecondModerator)); // moderators still can
        Assert.Contains("New reports paused", await _bot.Say("/status", Tg.Moderator));

        await _bot.RestartAsync();
        Assert.Contains("New reports are paused for a while", await _bot.Say("/report Drones over the port", Tg.Alice));

        Assert.Contains("▶️ New reports are open again.", await _bot.Say("/resume reports", Tg.SecondModerator));
        Assert.Contains("New reports are not paused.", await _bot.Say("/resume reports", Tg.Moderator));
        Assert.DoesNotContain("New reports paused", await _bot.Say("/status", Tg.Moderator));
        Assert.Contains("Your report #2", await _bot.Say("/report Drones over the port", Tg.Alice));
        await using var db = _bot.Db();
        Assert.Equal(["pause reports", "resume reports"], await db.Audit.Where(a => a.Action.EndsWith(" reports")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Empty(await db.Pauses.ToListAsync());
    }
}
