using IncidentBot.Telegram.Sending;
using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>Approving and rejecting, by button and by command, and what the reporter and every card show after.</summary>
public sealed class ModerationDecisionTests : IAsyncLifetime
{
    const string Sumy = "Shelling hit the substation in Sumy";
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Approve_publishes_the_incident_tells_the_reporter_and_closes_every_card()
    {
        await using (var db = _bot.Db())
        {
            db.Subscriptions.Add(new Subscription { ChatId = Tg.Group.Id, CreatedAt = Now.UtcDateTime }); // every new incident
            await db.SaveChangesAsync();
        }
        var id = await _bot.File(Sumy);

        var toast = await _bot.Press(_bot.Button("✅ Approve", Tg.Moderator, _bot.Card(Tg.Moderator.Id, id)));

        Assert.Equal("Report #1 published as /incident_7.", toast["text"]);
        Assert.Contains("Your report #1 was approved and published: /incident_7", await _bot.Seen(Tg.Alice.Id, "approved"));
        await _bot.Settled(id);
        foreach (var chat in ModeratorChats)
        {
            var card = _bot.Card(chat, id);
            Assert.StartsWith("✅ Approved by Mo (@mo_moderates) → /incident_7", card.Text);
            Assert.DoesNotContain("Set them with Edit", card.Text); // the advice was for the pending card
            Assert.Contains("Report #1 · approved", card.Text);
            Assert.Null(card.ReplyMarkup);
        }
        var recent = await _bot.Say("/recent", Tg.Bob); // Bob reads Ukrainian
        Assert.Contains("1–5 з 7", recent);
        Assert.Contains("/incident_7 · не пізніше 20 листопада 2025", recent); // the report gave no date
        var published = await _bot.Say("/incident_7", Tg.Bob);
        Assert.Contains(Sumy, published);
        Assert.Contains("Звіт користувача #1", published); // the bot's name for the source, in Bob's words

        await using var check = _bot.Db();
        var report = await _bot.Report(id);
        Assert.Equal((ReportState.Approved, Tg.Moderator.Id, 7L), (report.State, report.DecidedBy, report.IncidentId));
        Assert.Equal(IncidentStatus.Published, (await check.Incidents.SingleAsync(i => i.Id == 7)).Status);
        Assert.Equal(7, Assert.Single(await check.Deliveries.Where(d => d.Kind == DeliveryKind.Alert).ToListAsync()).IncidentId); // the alert left through the outbox
        Assert.Equal(["filed", "approve"], (await _bot.Audit()).Select(a => a.Action));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_card_still_on_its_way_when_the_report_is_decided_arrives_closed()
    {
        var held = new TaskCompletionSource();
        _bot.Api.BeforeReply = c => c.Method == "sendMessage" && c.ChatId == Tg.SecondModerator.Id ? held.Task : Task.CompletedTask;
        Assert.Contains("Your report #1", await _bot.Say("/report " + Sumy, Tg.Alice));
        await _bot.Api.WaitUntil(a => a.Sent(Tg.Moderator.Id).Any());

        Assert.Contains("published as /incident_7", await _bot.Say("/approve #1", Tg.Moderator));
        held.SetResult(); // the second moderator's card goes out only now
        await _bot.Seen(Tg.Alice.Id, "approved and published");
        await _bot.Settled(1);

        var late = _bot.Card(Tg.SecondModerator.Id, 1);
        Assert.StartsWith("✅ Approved by Mo (@mo_moderates) → /incident_7", late.Text);
        Assert.Contains("Report #1 · approved", late.Text);
        Assert.Null(late.ReplyMarkup);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_reporter_who_blocked_the_bot_does_not_stop_the_approval()
    {
        var id = await _bot.File(Sumy);
        _bot.Api.FailChat(Tg.Alice.Id, 403, "Forbidden: bot was blocked by the user");

        Assert.Contains("Report #1 published as /incident_7", await _bot.Say("/approve #1", Tg.Moderator));
        await _bot.Settled(id);

        Assert.Equal(ReportState.Approved, (await _bot.Report(id)).State);
        Assert.StartsWith("✅ Approved by Mo", _bot.Card(Tg.SecondModerator.Id, id).Text);
        await using var db = _bot.Db();
        var notice = await db.Deliveries.SingleAsync(d => d.ReportId == id && d.Kind == DeliveryKind.ReportOutcome);
        Assert.Equal((DeliveryState.Failed, "Forbidden: bot was blocked by the user"), (notice.State, notice.LastError));
        Assert.Contains(_bot.Harness.Logs, l => l.StartsWith("Warning") && l.Contains($"ReportOutcome could not reach chat {Tg.Alice.Id}"));
    }

    [Fact]
    public async Task Reject_offers_reason_buttons_and_the_chosen_reason_reaches_the_reporter()
    {
        var id = await _bot.File(Sumy);

        var ask = await _bot.Expect(_bot.Button("❌ Reject", Tg.Moderator, _bot.Card(Tg.Moderator.Id, id)), "Why is report #1 rejected?");
        var reasons = _bot.Api.LastBotMessage(Tg.Moderator.Id)!;
        Assert.Equal(["rr:1:0", "rr:1:1", "rr:1:2", "rr:1:3", "rr:1:4", "rr:1:5"], Buttons(reasons));
        var toast = await _bot.Press(_bot.Button("Could not be verified", Tg.Moderator, reasons));

        Assert.Equal("Report #1 rejected; the reporter has been told why.", toast["text"]);
        Assert.Contains("The moderator's reason: Could not be verified", await _bot.Seen(Tg.Alice.Id, "was not published"));
        await _bot.Settled(id);
        Assert.All(ModeratorChats, chat => Assert.StartsWith("❌ Rejected by Mo (@mo_moderates): Could not be verified", _bot.Card(chat, id).Text));
        Assert.All(ModeratorChats, chat => Assert.Null(_bot.Card(chat, id).ReplyMarkup));
        var report = await _bot.Report(id);
        Assert.Equal((ReportState.Rejected, "Could not be verified"), (report.State, report.Reason));
        await using var db = _bot.Db();
        Assert.Equal(6, await db.Incidents.CountAsync()); // the draft is gone
        Assert.Contains("#1 · ❌ rejected: Could not be verified", await _bot.Say("/myreports", Tg.Alice));
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
    }

    [Fact]
    public async Task Other_asks_for_a_typed_reason_and_that_reason_reaches_the_reporter()
    {
        var id = await _bot.File(Sumy);
        await _bot.Expect(_bot.Button("❌ Reject", Tg.Moderator, _bot.Card(Tg.Moderator.Id, id)), "Why is report #1 rejected?");

        await _bot.Expect(_bot.Button("Other (type a reason)", Tg.Moderator), "Reply with the reason for rejecting report #1");
        var prompt = _bot.Api.Sent(Tg.Moderator.Id).Last();
        Assert.Equal("true", prompt.Body["reply_markup"]?["force_reply"]?.ToString());
        var done = await _bot.Expect("The photos show a strike from 2022", Tg.Moderator, "rejected");

        Assert.Contains("Report #1 rejected; the reporter has been told why", done);
        Assert.Contains("The moderator's reason: The photos show a strike from 2022", await _bot.Seen(Tg.Alice.Id, "was not published"));
        await using var db = _bot.Db();
        Assert.Empty(await db.Prompts.ToListAsync()); // the question was answered once
        Assert.Contains("I answer commands", await _bot.Say("More text", Tg.Moderator));
    }

    [Fact]
    public async Task Cancel_withdraws_the_question_so_the_next_text_is_not_taken_as_a_reason()
    {
        var id = await _bot.File(Sumy);
        await _bot.Expect(_bot.Button("❌ Reject", Tg.Moderator, _bot.Card(Tg.Moderator.Id, id)), "Why is report #1 rejected?");
        await _bot.Expect(_bot.Button("Other (type a reason)", Tg.Moderator), "Reply with the reason");

        _bot.Api.Enqueue(Tg.Text("/cancel", from: Tg.Moderator));
        Assert.Contains("I answer commands", await _bot.Expect("Never mind", Tg.Moderator, "I answer commands"));

        Assert.Equal(ReportState.Pending, (await _bot.Report(id)).State);
        Assert.DoesNotContain(_bot.Api.Sent(Tg.Alice.Id), c => Shown(c).Contains("not published"));
    }

    [Fact]
    public async Task Reject_by_command_needs_a_reason_and_a_second_decision_is_told_who_decided()
    {
        var id = await _bot.File(Sumy);

        Assert.Contains("Usage: /reject #N reason", await _bot.Say("/reject #1", Tg.Moderator));
        Assert.Contains("rejected; the reporter has been told why", await _bot.Say("/reject #1 Not a strike on a sensitive site", Tg.SecondModerator));
        Assert.Contains("reason: Not a strike on a sensitive site", await _bot.Seen(Tg.Alice.Id, "was not published"));

        Assert.Contains("Report #1 was already rejected by Sam", await _bot.Say("/approve #1", Tg.Moderator));
        Assert.Contains("Report #1 was already rejected by Sam", await _bot.Say("/reject 1 twice", Tg.Moderator));
        Assert.Contains("There is no report #99", await _bot.Say("/reject #99 nothing", Tg.Moderator));
        Assert.Equal(ReportState.Rejected, (await _bot.Report(id)).State);
        Assert.Single(await _bot.Audit(), a => a.Action == "reject");
    }

    [Fact]
    public async Task My_reports_shows_each_report_state_with_the_reason_for_a_rejection()
    {
        Assert.Contains("You have not filed any reports", await _bot.Say("/myreports", Tg.Alice));
        await _bot.File("One: the depot burned");
        await _bot.File("Two: a shell hit the school");
        await _bot.File("Three: smoke on the horizon");
        await _bot.Say("/approve #1", Tg.Moderator);
        await _bot.Say("/reject #2 Could not be verified", Tg.Moderator);
        await _bot.Seen(Tg.Alice.Id, "Your report #2 was not published");

        var mine = await _bot.Say("/myreports", Tg.Alice);
        Assert.Contains("#3 · ⏳ pending · Three: smoke on the horizon", mine);
        Assert.Contains("#2 · ❌ rejected: Could not be verified · Two: a shell hit the school", mine);
        Assert.Contains("#1 · ✅ published as /incident_7 · One: the depot burned", mine);
        Assert.True(mine.IndexOf("#3", StringComparison.Ordinal) < mine.IndexOf("#1", StringComparison.Ordinal), "newest first");
        Assert.Contains("Ви ще не надсилали звітів", await _bot.Say("/myreports", Tg.Bob)); // only your own (Bob reads Ukrainian)
    }
}
