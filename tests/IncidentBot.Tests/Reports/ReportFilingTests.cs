using IncidentBot.Telegram.Sending;
using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>/report in one step: numbering, the moderators' cards, the draft incident, and the limits.</summary>
public sealed class ReportFilingTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync(("Reports:PerUserPerHour", "2"), ("Reports:MaxTextLength", "60"));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_reporter_is_answered_while_the_cards_wait_and_cards_cut_off_by_a_restart_go_out_after_it()
    {
        var (held, cardArrived) = (new TaskCompletionSource(), new TaskCompletionSource());
        _bot.Api.BeforeReply = call =>
        {
            if (call.Method != "sendMessage" || !ModeratorChats.Contains(call.ChatId ?? 0)) return Task.CompletedTask;
            cardArrived.TrySetResult();
            return held.Task;
        };

        var reply = await _bot.Ask(Tg.Text("/report Shelling hit the substation in Sumy", from: Tg.Alice));
        Assert.Contains("Your report #1 is with the moderators", Shown(reply)); // not kept waiting by the moderators' chats

        await cardArrived.Task.WaitAsync(FakeBotApi.DefaultTimeout); // a card on its way, its answer held
        _bot.Api.BeforeReply = null;
        await _bot.RestartAsync(); // the card's request is cut off: the report is not marked as carded
        held.SetResult();

        await _bot.Filed(1, Tg.Alice);
        await using var db = _bot.Db();
        Assert.Equal(ModeratorChats.Order(), (await db.Deliveries.Where(d => d.ReportId == 1 && d.Kind == DeliveryKind.Card && d.State == DeliveryState.Sent)
            .Select(d => d.ChatId).ToListAsync()).Distinct().Order());
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_one_step_report_is_numbered_and_every_moderator_gets_a_card_to_decide_from()
    {
        var reply = await _bot.Ask(Tg.Text("/report Shelling hit the substation in Sumy", from: Tg.Alice));

        Assert.Contains("Your report #1 is with the moderators", Shown(reply));
        await _bot.Filed(1, Tg.Alice);
        foreach (var chat in ModeratorChats)
        {
            var card = _bot.Card(chat, 1);
            Assert.Contains("Report #1 · pending", card.Text);
            Assert.Contains("From: Alice (id 1001)", card.Text);
            Assert.Contains("Shelling hit the substation in Sumy", card.Text);
            Assert.Equal(["ap:1", "ed:1", "rj:1", "an:1"], Buttons(card));
        }

        await using var db = _bot.Db();
        var report = await db.Reports.SingleAsync();
        Assert.Equal((ReportState.Pending, Tg.Alice.Id), (report.State, report.ReporterId));
        var draft = await db.Incidents.Include(i => i.Sources).SingleAsync(i => i.Id == report.IncidentId);
        Assert.Equal(IncidentStatus.Draft, draft.Status);
        Assert.Equal("Shelling hit the substation in Sumy", draft.Summary);
        Assert.Equal(Now.UtcDateTime.Date, draft.OccurredOn); // no date given: the day it was reported
        Assert.Equal("Contributor report #1", Assert.Single(draft.Sources).Name);

        var recent = await _bot.Say("/recent 50", Tg.Bob); // Bob reads Ukrainian
        Assert.Contains("1–6 з 6", recent);
        Assert.True(draft.Id < 0); // a draft has no public number: it takes the next one when it is published
        Assert.DoesNotContain("/incident_7", recent);
        Assert.Contains("Інциденту 7 немає", await _bot.Say("/incident 7", Tg.Bob)); // drafts are not public
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Report_in_a_group_points_to_the_private_chat_and_files_nothing()
    {
        var reply = await _bot.Ask(Tg.Text("/report@IncidentBot a strike near the station", from: Tg.Alice, chat: Tg.Group));

        Assert.Contains("private chat", Shown(reply));
        var button = Assert.Single(reply.Body["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(r => r!.AsArray()));
        Assert.Equal("https://t.me/IncidentBot?start=report", (string?)button!["url"]);
        await using var db = _bot.Db();
        Assert.Equal(0, await db.Reports.CountAsync());
        Assert.All(ModeratorChats, chat => Assert.Empty(_bot.Api.Sent(chat)));
    }

    [Fact]
    public async Task A_report_longer_than_the_limit_is_refused_and_says_both_lengths()
    {
        var reply = await _bot.Say("/report " + new string('x', 61), Tg.Alice);

        Assert.Contains("That is 61 characters; a report may have at most 60", reply);
        await using var db = _bot.Db();
        Assert.Equal(0, await db.Reports.CountAsync());

        Assert.Contains("#1", await _bot.Say("/report " + new string('x', 60), Tg.Alice));
    }

    [Fact]
    public async Task A_third_report_within_the_hour_is_refused_with_the_time_to_try_again_and_accepted_an_hour_later()
    {
        await _bot.File("First: a blast at the depot");
        _bot.Clock.Advance(TimeSpan.FromMinutes(10));
        await _bot.File("Second: smoke over the depot");

        var refusal = await _bot.Say("/report Third: another blast", Tg.Alice);
        Assert.Contains("You have filed 2 reports in the last hour", refusal);
        Assert.Contains("in 50 min (at 11:00 UTC)", refusal);
        Assert.Contains("in 50 min", await _bot.Say("/report", Tg.Alice)); // the guided flow is held back too

        _bot.Clock.Advance(TimeSpan.FromMinutes(49));
        Assert.Contains("in 1 min", await _bot.Say("/report Still too early", Tg.Alice));

        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains("#3", await _bot.Say("/report Third: another blast", Tg.Alice));
        Assert.Contains("in 10 min", await _bot.Say("/report Fourth", Tg.Alice)); // the second still counts
        await using var db = _bot.Db();
        Assert.Equal(3, await db.Reports.CountAsync(r => r.State == ReportState.Pending));
    }

    [Fact]
    public async Task Moderators_are_not_held_to_the_hourly_limit()
    {
        for (var i = 1; i <= 3; i++)
        {
            _bot.Api.Enqueue(Tg.Text($"/report Sighting {i}", from: Tg.Moderator));
            await _bot.Seen(Tg.Moderator.Id, $"Your report #{i} is with the moderators");
        }
        Assert.DoesNotContain(_bot.Api.Sent(Tg.Moderator.Id), c => Shown(c).Contains("in the last hour"));
    }

    [Fact]
    public async Task A_moderator_who_never_started_the_bot_does_not_stop_the_report_and_gets_the_card_on_start()
    {
        // Tg.SecondModerator is configured but never opened the bot: Telegram refuses to let the bot write first.
        await using var bot = await StartAsync(started: [Tg.Moderator.Id]);

        Assert.Contains("Your report #1", await bot.Say("/report Shelling hit the substation in Sumy", Tg.Alice));
        Assert.Contains("#1 · ⏳ pending", await bot.Say("/myreports", Tg.Alice)); // the same chat: the report's handler is done

        Assert.Contains("Report #1 · pending", await bot.Seen(Tg.Moderator.Id, "Report #1 ·"));
        await Alerts.AlertScenario.WaitForDb(bot.Harness, db => Alerts.AlertScenario.OwesNothing(db, 1));
        Assert.Contains(bot.Api.Calls, c => c.ChatId == Tg.SecondModerator.Id && c.ErrorDescription == TelegramErrors.CantInitiateConversation);
        // The operator is told, at start-up (the menu) and when a card cannot go out.
        Assert.Contains(bot.Harness.Logs, l => l.StartsWith("Warning") && l.Contains("Moderator 9002 cannot be reached yet"));
        Assert.Contains(bot.Harness.Logs, l => l.StartsWith("Warning") && l.Contains("Card could not reach chat 9002") && l.Contains("press Start"));
        Assert.Empty(bot.Api.Sent(Tg.SecondModerator.Id));
        Assert.Equal(ReportState.Pending, (await bot.Report(1)).State);
        Assert.Contains("1 pending", await bot.Say("/queue", Tg.Moderator)); // the card is still one /queue away

        // Once they open the bot, the card they were owed arrives after all, once.
        await bot.Ask(Tg.Text("/start", Tg.SecondModerator));
        Assert.Contains("Report #1 · pending", await bot.Seen(Tg.SecondModerator.Id, "Report #1 ·"));
        await Alerts.AlertScenario.WaitForDb(bot.Harness, db => Alerts.AlertScenario.OwesNothing(db, 1));
        Assert.Single(bot.Api.Sent(Tg.SecondModerator.Id), c => Shown(c).Contains("Report #1 ·"));
    }

    [Fact]
    public async Task A_redelivered_report_update_files_one_report()
    {
        var update = Tg.Text("/report Explosion at the rail yard", from: Tg.Alice);
        _bot.Api.Enqueue(update);
        _bot.Api.Enqueue(update); // the same update_id twice in one batch
        await _bot.Api.WaitUntilConfirmed(update.Id);
        _bot.Api.Enqueue(update); // and again after it was confirmed
        _bot.Api.Enqueue(Tg.Text("/myreports", from: Tg.Alice)); // same chat, so handled after the duplicates
        Assert.Contains("#1 · ⏳ pending", await _bot.Seen(Tg.Alice.Id, "Your reports"));

        Assert.Single(_bot.Api.Sent(Tg.Alice.Id), c => Shown(c).Contains("Your report #1"));
        await _bot.Settled(1);
        await using var db = _bot.Db();
        Assert.Equal(1, await db.Reports.CountAsync());
        Assert.Equal(7, await db.Incidents.CountAsync());
        Assert.All(ModeratorChats, chat => Assert.Single(_bot.Api.Sent(chat)));
    }
}
