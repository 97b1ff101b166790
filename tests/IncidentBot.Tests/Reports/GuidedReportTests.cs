using IncidentBot.Telegram.Sending;
using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>The guided /report: what, where, when, link, photos, review; its state lives in the database.</summary>
public sealed class GuidedReportTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_guided_report_asks_each_question_in_turn_and_files_on_submit()
    {
        var alice = Tg.Alice;
        await _bot.Expect("/report", alice, "What happened?");
        await _bot.Expect("Missile hit the thermal power plant", alice, "Where?");
        await _bot.Expect("Kharkiv, Ukraine", alice, "When?");
        await _bot.Expect("2025-11-18", alice, "A source link?");
        await _bot.Expect("https://example.org/news/1", alice, "(0 so far)");
        await _bot.Expect(Tg.Photo("photo-A", from: alice), "(1 so far)");
        await _bot.Expect(Tg.Photo("photo-B", from: alice), "(2 so far)");
        var review = await _bot.Expect(_bot.Button("Done", alice), "check it and submit");

        Assert.Contains("What: Missile hit the thermal power plant", review);
        Assert.Contains("Where: Kharkiv, Ukraine", review);
        Assert.Contains("When: 18 November 2025", review);
        Assert.Contains("Link: https://example.org/news/1", review);
        Assert.Contains("Photos: 2", review);
        Assert.Contains("Your report #1 is with the moderators", await _bot.Expect(_bot.Button("✅ Submit", alice), "#1"));

        await _bot.Filed(1, alice);
        var card = _bot.Card(Tg.Moderator.Id, 1);
        Assert.Contains("Photos: 2", card.Text);
        Assert.Equal(["ap:1", "ed:1", "rj:1", "ph:1", "an:1"], Buttons(card));
        await _bot.Press(_bot.Button("📷 Photos", Tg.Moderator, card));
        var album = await _bot.Api.WaitForCall(c => c.Method == "sendMediaGroup" && c.ChatId == Tg.Moderator.Id);
        Assert.Contains("photo-A", album.Body.ToJsonString());
        Assert.Contains("photo-B", album.Body.ToJsonString());

        await using var db = _bot.Db();
        var report = await db.Reports.SingleAsync();
        Assert.Equal(ReportState.Pending, report.State);
        Assert.Equal(["photo-A", "photo-B"], report.PhotoIds); // the largest size of each
        var draft = await db.Incidents.Include(i => i.Sources).SingleAsync(i => i.Id == report.IncidentId);
        Assert.Equal(("Kharkiv", "Ukraine"), (draft.Place, draft.Country));
        Assert.Equal((new DateTime(2025, 11, 18), DatePrecision.Day), (draft.OccurredOn, draft.Precision));
        Assert.Contains(draft.Sources, s => s.Url == "https://example.org/news/1");
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_report_with_one_photo_shows_it_to_the_moderator_as_a_photo_since_an_album_needs_two()
    {
        var alice = Tg.Alice;
        await _bot.Expect("/report", alice, "What happened?");
        await _bot.Expect("Drone debris on the consulate roof", alice, "Where?");
        await _bot.Expect("Odesa, Ukraine", alice, "When?");
        await _bot.Expect(_bot.Button("Yesterday", alice), "A source link?");
        await _bot.Expect(_bot.Button("Skip", alice), "Photos?");
        await _bot.Expect(Tg.Photo("photo-only", from: alice), "(1 so far)");
        await _bot.Expect(_bot.Button("Done", alice), "check it and submit");
        await _bot.Expect(_bot.Button("✅ Submit", alice), "Your report #1");
        await _bot.Filed(1, alice);

        await _bot.Press(_bot.Button("📷 Photos", Tg.Moderator, _bot.Card(Tg.Moderator.Id, 1)));
        var photo = await _bot.Api.WaitForCall(c => c.Method is "sendPhoto" or "sendMediaGroup" && c.ChatId == Tg.Moderator.Id);

        Assert.True(photo.Succeeded, photo.ToString());
        Assert.Equal(("sendPhoto", "photo-only"), (photo.Method, photo["photo"]));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_location_pin_answers_where_and_the_flow_resumes_after_a_restart()
    {
        var alice = Tg.Alice;
        await _bot.Expect("/report", alice, "What happened?");
        await _bot.Expect("Explosions by the embassy fence", alice, "Where?");
        var when = await _bot.Expect(Tg.Location(50.4501, 30.5234, from: alice), "When?");
        var buttons = Buttons(_bot.Api.LastBotMessage(alice.Id)!);

        await _bot.RestartAsync();

        Assert.Equal(when, await _bot.Expect("/report", alice, "When?")); // the same question, not a new report
        Assert.Equal(buttons, Buttons(_bot.Api.LastBotMessage(alice.Id)!));
        await _bot.Expect(_bot.Button("Yesterday", alice), "A source link?");
        await _bot.Expect(_bot.Button("Skip", alice), "Photos?");
        var review = await _bot.Expect("done", alice, "check it and submit");
        Assert.Contains("Where: 📍 50.4501, 30.5234", review);
        Assert.Contains("When: 19 November 2025", review);
        await _bot.Expect(_bot.Button("✅ Submit", alice), "Your report #1");

        await using var db = _bot.Db();
        var report = await db.Reports.SingleAsync();
        Assert.Equal((50.4501, 30.5234), (report.Latitude, report.Longitude));
        var draft = await db.Incidents.SingleAsync(i => i.Id == report.IncidentId);
        // The exact pin stays on the report, for moderators; the incident gets the point of the 1 km grid (PublishedPointTests).
        Assert.Equal((CoordinatePrecision.Approximate, 1.0), (draft.CoordinatePrecision, draft.CoordinateKm));
        Assert.InRange(Geo.DistanceKm(50.4501, 30.5234, draft.Latitude!.Value, draft.Longitude!.Value), 0.001, 0.71);
        Assert.Equal(new DateTime(2025, 11, 19), draft.OccurredOn);
    }

    [Fact]
    public async Task Approving_a_pinned_report_alerts_the_chats_watching_around_that_point_only()
    {
        await using (var db = _bot.Db())
        {
            db.Subscriptions.Add(new Subscription { ChatId = 777, Latitude = 50.45, Longitude = 30.52, RadiusKm = 5, CreatedAt = Now.UtcDateTime });
            db.Subscriptions.Add(new Subscription { ChatId = 888, Latitude = 46.48, Longitude = 30.72, RadiusKm = 5, CreatedAt = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }
        await _bot.Expect("/report", Tg.Alice, "What happened?");
        await _bot.Expect("Explosions by the embassy fence", Tg.Alice, "Where?");
        await _bot.Expect(Tg.Location(50.4501, 30.5234, from: Tg.Alice), "When?");
        await _bot.Expect(_bot.Button("Today", Tg.Alice), "A source link?");
        await _bot.Expect(_bot.Button("Skip", Tg.Alice), "Photos?");
        await _bot.Expect(_bot.Button("Done", Tg.Alice), "check it and submit");
        await _bot.Expect(_bot.Button("✅ Submit", Tg.Alice), "Your report #1");
        await _bot.Filed(1, Tg.Alice);

        Assert.Contains("published as /incident_7", await _bot.Say("/approve #1", Tg.Moderator));

        await using var check = _bot.Db();
        var alert = Assert.Single(await check.Deliveries.Where(d => d.Kind == DeliveryKind.Alert).ToListAsync());
        Assert.Equal((7L, 777L), (alert.IncidentId, alert.ChatId));
    }

    [Fact]
    public async Task Cancel_at_a_step_discards_the_draft_and_nothing_reaches_the_moderators()
    {
        await _bot.Expect("/report", Tg.Alice, "What happened?");
        await _bot.Expect("A blast near the port", Tg.Alice, "Where?");

        Assert.Contains("Report cancelled", await _bot.Expect("/cancel", Tg.Alice, "cancelled"));
        Assert.Contains("/help", await _bot.Say("Odesa", Tg.Alice)); // no longer an answer to "Where?"
        Assert.Contains("nothing to cancel", await _bot.Say("/cancel", Tg.Alice));

        await _bot.Expect("/report", Tg.Alice, "What happened?"); // a fresh draft, from the first question
        await _bot.Expect("Second try", Tg.Alice, "Where?");
        await _bot.Expect("Odesa", Tg.Alice, "When?");
        await _bot.Expect(_bot.Button("Not sure", Tg.Alice), "A source link?");
        await _bot.Expect("skip", Tg.Alice, "Photos?");
        await _bot.Expect(_bot.Button("Done", Tg.Alice), "check it and submit");
        Assert.Contains("Nothing was sent", await _bot.Expect(_bot.Button("✖️ Cancel", Tg.Alice), "cancelled"));

        await using var db = _bot.Db();
        Assert.Equal(0, await db.Reports.CountAsync());
        Assert.All(ModeratorChats, chat => Assert.Empty(_bot.Api.Sent(chat)));
    }

    [Fact]
    public async Task Answers_that_cannot_be_used_are_explained_and_the_question_is_asked_again()
    {
        var alice = Tg.Alice;
        await _bot.Expect("/report", alice, "What happened?");
        Assert.Contains("at most 2000", await _bot.Expect(new string('w', 2001), alice, "characters"));
        await _bot.Expect("Drones over the airfield", alice, "Where?");
        await _bot.Expect("Boryspil", alice, "When?");
        await _bot.Expect("next week", alice, "I could not read that date");
        await _bot.Expect("2026-01", alice, "I could not read that date"); // after the fake today: the future
        await _bot.Expect("2025-11", alice, "A source link?");
        await _bot.Expect("not a link", alice, "That is not a web link");
        await _bot.Expect("skip", alice, "Photos?");
        await _bot.Expect("done", alice, "check it and submit");
        await _bot.Expect("anything else", alice, "check it and submit"); // the review again, after:
        Assert.Contains(_bot.Api.Sent(alice.Id), c => Shown(c).Contains("Please use the buttons below: Submit, Edit or Cancel"));

        // Someone else's press on Alice's draft changes nothing.
        var forged = await _bot.Press(_bot.Button("✅ Submit", Tg.Bob, _bot.Api.LastBotMessage(alice.Id)));
        Assert.Contains("Ця кнопка вже не діє", forged["text"]); // the presser, Bob, reads Ukrainian: button.expired

        await _bot.Expect(_bot.Button("✏️ Edit", alice), "What do you want to change?");
        await _bot.Expect(_bot.Button("Where", alice), "Where?");
        var review = await _bot.Expect("Boryspil airport", alice, "check it and submit"); // the rest is kept
        Assert.Contains("When: November 2025", review);
        Assert.Contains("Where: Boryspil airport", review);

        await using var db = _bot.Db();
        Assert.Equal(ReportState.Drafting, (await db.Reports.SingleAsync()).State);
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task The_start_report_deep_link_that_groups_point_to_opens_the_guided_report()
    {
        Assert.Contains("What happened?", await _bot.Say("/start report", Tg.Alice));
        await using var db = _bot.Db();
        Assert.Equal(ReportState.Drafting, (await db.Reports.SingleAsync()).State);
    }
}
