using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>Shaping a pending report before it is published, and merging it into an incident already in the record.</summary>
public sealed class EditAndMergeTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_edit_button_asks_for_a_field_and_the_answer_refreshes_every_card_with_its_buttons()
    {
        var id = await _bot.File("Shelling hit the substation in Sumy");
        Assert.Contains("No category or place yet", _bot.Card(Tg.SecondModerator.Id, id).Text);

        await _bot.Expect(_bot.Button("✏️ Edit", Tg.Moderator, _bot.Card(Tg.Moderator.Id, id)), "Reply with the field and its value for report #1");
        Assert.Equal("true", _bot.Api.Sent(Tg.Moderator.Id).Last().Body["reply_markup"]?["force_reply"]?.ToString());
        var done = await _bot.Expect("category energy", Tg.Moderator, "category set");

        Assert.Contains("Report #1: category set. Now: on or before 20 November 2025", done); // no date given
        Assert.Contains("(energy)", done);
        await _bot.Settled(id); // every copy updated
        foreach (var chat in ModeratorChats)
        {
            var card = _bot.Card(chat, id);
            Assert.Contains("Will publish as: on or before 20 November 2025 · unknown place · Shelling hit the substation in Sumy (energy)", card.Text);
            Assert.Equal(["ap:1", "ed:1", "rj:1", "an:1"], Buttons(card));
        }
        await using var db = _bot.Db();
        var draftId = (await db.Reports.SingleAsync()).IncidentId;
        Assert.Equal(TargetCategory.Energy, (await db.Incidents.SingleAsync(i => i.Id == draftId)).Category);
        Assert.Empty(await db.Prompts.ToListAsync());
    }

    [Fact]
    public async Task Edit_by_command_sets_category_date_and_place_and_refuses_bad_values_with_the_localized_error()
    {
        var id = await _bot.File("Shelling hit the substation in Sumy");

        Assert.Contains("category set", await _bot.Say("/edit #1 category energy", Tg.Moderator));
        Assert.Contains("date set. Now: November 2025", await _bot.Say("/edit #1 date 2025-11", Tg.Moderator));
        Assert.Contains("place set", await _bot.Say("/edit #1 place Sumy", Tg.SecondModerator));
        Assert.Contains("category must be one of: diplomatic, energy, aviation", await _bot.Say("/edit #1 category banana", Tg.Moderator));
        Assert.Contains("date must be YYYY-MM-DD (a day), YYYY-MM (a month) or YYYY (a year)", await _bot.Say("/edit #1 date 2025-13", Tg.Moderator));
        Assert.Contains("There is no field “colour”", await _bot.Say("/edit #1 colour red", Tg.Moderator));
        Assert.Contains("Usage: /edit #N field value", await _bot.Say("/edit #1 category", Tg.Moderator));
        await _bot.Settled(id); // the card copies show the edits

        var card = _bot.Card(Tg.Moderator.Id, id).Text!;
        Assert.Contains("Will publish as: November 2025 · Sumy, Sumy Oblast, Ukraine · Shelling hit the substation in Sumy (energy)", card);
        Assert.DoesNotContain("No category or place yet", card);
        await _bot.Say("/approve #1", Tg.Moderator);
        await using var db = _bot.Db();
        var incident = await db.Incidents.SingleAsync(i => i.Id == 7);
        Assert.Equal((TargetCategory.Energy, DatePrecision.Month, "Sumy"), (incident.Category, incident.Precision, incident.Place));
        Assert.Equal(["category", "date", "place"], (await _bot.Audit()).Where(a => a.Action == "edit").Select(a => a.Field));
        Assert.Contains("Report #1 was already approved by Mo", await _bot.Say("/edit #1 weapon drones", Tg.Moderator));
    }

    [Fact]
    public async Task An_edit_whose_card_refresh_lands_after_an_approval_leaves_the_cards_closed()
    {
        var id = await _bot.File("Shelling hit the substation in Sumy");
        var (refreshing, held) = (new TaskCompletionSource(), new TaskCompletionSource());
        _bot.Api.BeforeReply = c =>
        {
            if (c.Method != "editMessageText" || !c.Text!.Contains("· pending")) return Task.CompletedTask;
            refreshing.TrySetResult();
            return held.Task;
        };

        _bot.Api.Enqueue(Tg.Text("/edit #1 category energy", from: Tg.Moderator));
        await refreshing.Task.WaitAsync(FakeBotApi.DefaultTimeout); // the edit is saved; its refresh of the cards is held back
        Assert.Contains("published", await _bot.Say("/approve #1", Tg.SecondModerator));
        held.SetResult();
        await _bot.Seen(Tg.Moderator.Id, "category set");
        await _bot.Settled(id);

        foreach (var chat in ModeratorChats)
        {
            Assert.StartsWith("✅ Approved by Sam → /incident_7", _bot.Card(chat, id).Text);
            Assert.Null(_bot.Card(chat, id).ReplyMarkup);
        }
    }

    [Fact]
    public async Task An_edit_made_while_a_card_is_on_its_way_reaches_that_card_too()
    {
        var held = new TaskCompletionSource();
        _bot.Api.BeforeReply = c => c.Method == "sendMessage" && c.ChatId == Tg.SecondModerator.Id ? held.Task : Task.CompletedTask;
        Assert.Contains("Your report #1", await _bot.Say("/report Shelling hit the substation", Tg.Alice));
        await _bot.Api.WaitUntil(a => a.Sent(Tg.Moderator.Id).Any());

        Assert.Contains("category set", await _bot.Say("/edit #1 category energy", Tg.Moderator));
        held.SetResult(); // the second moderator's card, rendered before the edit, arrives only now
        await _bot.Settled(1);

        Assert.All(ModeratorChats, chat => Assert.Contains("(energy)", _bot.Card(chat, 1).Text));
        Assert.All(ModeratorChats, chat => Assert.NotNull(_bot.Card(chat, 1).ReplyMarkup));
    }

    [Fact]
    public async Task Merge_by_command_adds_the_report_as_a_source_of_incident_6_without_a_new_incident_or_alert()
    {
        await using (var db = _bot.Db())
        {
            db.Subscriptions.Add(new Subscription { ChatId = Tg.Group.Id, CreatedAt = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }
        var id = await _bot.File("Saw the embassy fence down this morning");

        Assert.Contains("There is no published incident 99", await _bot.Say("/merge #1 99", Tg.Moderator));
        Assert.Contains("Report #1 merged into /incident_6", await _bot.Say("/merge #1 6", Tg.Moderator));

        Assert.Contains("Your report #1 was added to an incident already in the record: /incident_6", await _bot.Seen(Tg.Alice.Id, "was added"));
        await _bot.Settled(id);
        Assert.All(ModeratorChats, chat => Assert.StartsWith("🔁 Merged by Mo (@mo_moderates) into /incident_6", _bot.Card(chat, id).Text));
        Assert.Contains("Звіт користувача #1", await _bot.Say("/incident 6", Tg.Bob)); // the bot's name for the source, in the reader's words
        Assert.Contains("#1 · 🔁 added to /incident_6", await _bot.Say("/myreports", Tg.Alice));
        var report = await _bot.Report(id);
        Assert.Equal((ReportState.Merged, 6L), (report.State, report.IncidentId));
        await using var check = _bot.Db();
        Assert.Equal(6, await check.Incidents.CountAsync());
        Assert.Empty(await check.Deliveries.Where(d => d.IncidentId != null).ToListAsync()); // no alert
        Assert.Contains("1–5 з 6", await _bot.Say("/recent", Tg.Bob)); // Bob reads Ukrainian
    }

    [Fact]
    public async Task A_report_matching_incident_6_shows_the_duplicate_hint_and_its_merge_button_merges()
    {
        var alice = Tg.Alice;
        await _bot.Expect("/report", alice, "What happened?");
        await _bot.Expect("Drone strike near the Azerbaijani embassy in Kyiv", alice, "Where?");
        await _bot.Expect("Kyiv, Ukraine", alice, "When?");
        await _bot.Expect("2025-11", alice, "A source link?");
        await _bot.Expect(_bot.Button("Skip", alice), "Photos?");
        await _bot.Expect(_bot.Button("Done", alice), "check it and submit");
        await _bot.Expect(_bot.Button("✅ Submit", alice), "Your report #1");
        await _bot.Filed(1, alice);

        var card = _bot.Card(Tg.SecondModerator.Id, 1);
        Assert.Contains("Possible duplicate of /incident_6 (Azerbaijani embassy)", card.Text);
        Assert.Equal(["ap:1", "ed:1", "mg:1:6", "rj:1", "an:1"], Buttons(card));
        var toast = await _bot.Press(_bot.Button("🔁 Merge into 6", Tg.SecondModerator, card));

        Assert.Equal("Report #1 merged into /incident_6.", toast["text"]);
        Assert.Contains("/incident_6", await _bot.Seen(alice.Id, "was added to an incident"));
        await _bot.Settled(1);
        Assert.All(ModeratorChats, chat => Assert.StartsWith("🔁 Merged by Sam into /incident_6", _bot.Card(chat, 1).Text));
        await using var db = _bot.Db();
        var six = await db.Incidents.Include(i => i.Sources).SingleAsync(i => i.Id == 6);
        Assert.Equal(["Euronews", "Contributor report #1"], six.Sources.OrderBy(s => s.Id).Select(s => s.Name));
        Assert.Equal(6, await db.Incidents.CountAsync());
        Assert.Single(await _bot.Audit(), a => a is { Action: "merge", IncidentId: 6, ActorId: 9002 });
        // Euronews and a contributor: two independent accounts.
        Assert.Equal(Grade.Corroborated, six.Grade);
        Assert.Single(await _bot.Audit(), a => a is { Action: "grade", IncidentId: 6, Before: "Reported", After: "Corroborated" });
    }
}
