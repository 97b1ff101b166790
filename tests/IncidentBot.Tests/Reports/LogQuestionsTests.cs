using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Telegram.Sending;
using IncidentBot.Tests.Alerts;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>/log asks, after a report's questions, the category, the target and the affected country, so its alert reaches the chats filtering on them.</summary>
public sealed class LogQuestionsTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    static User Mo => Tg.Moderator;

    /// <summary>A /log answered up to its first own question, the category.</summary>
    async Task<string> LogUpToCategory(string what = "Missile struck the embassy fence", string where = "Kyiv, Ukraine")
    {
        await _bot.Expect("/log", Mo, "Log a strike.");
        await _bot.Expect(what, Mo, "Where?");
        await _bot.Expect(where, Mo, "When?");
        await _bot.Expect(_bot.Button("Today", Mo), "A source link?");
        await _bot.Expect(_bot.Button("Skip", Mo), "Photos?");
        return await _bot.Expect(_bot.Button("Done", Mo), "What kind of site was hit?");
    }

    [Fact]
    public async Task A_log_in_one_line_still_asks_where_and_what_was_hit_before_it_publishes()
    {
        await _bot.Expect("/log Missile struck the embassy fence", Mo, "Where?");
        await _bot.Expect("Kyiv", Mo, "What kind of site was hit?");
        await _bot.Expect(_bot.Button("Diplomatic", Mo), "The target?");
        await _bot.Expect("Azerbaijani embassy", Mo, "The affected country?");
        var review = await _bot.Expect(_bot.Button("🇦🇿 Azerbaijan", Mo), "check it and submit");

        Assert.Contains("Azerbaijani embassy (diplomatic)", review);
        await using var db = _bot.Db();
        Assert.False(await db.Incidents.AnyAsync(i => i.Status == IncidentStatus.Published && i.Id > 6)); // nothing published before submit
    }

    [Fact]
    public async Task A_log_with_category_target_and_affected_country_publishes_them_and_alerts_the_chats_filtering_on_them()
    {
        await AlertScenario.Subscribe(_bot.Harness,
            new Subscription { ChatId = 701, Category = TargetCategory.Diplomatic },
            new Subscription { ChatId = 702, Category = TargetCategory.Energy },
            new Subscription { ChatId = 703, Affected = "Azerbaijan" },
            new Subscription { ChatId = 704, Affected = "Georgia" });

        await LogUpToCategory();
        Assert.Equal(["Diplomatic", "Energy", "Civil aviation", "Civilian", "Infrastructure", "Military", "Other", "Not sure"],
            Labels(_bot.Api.LastBotMessage(Mo.Id)!));
        await _bot.Expect(_bot.Button("Diplomatic", Mo), "The target?");
        await _bot.Expect("Azerbaijani embassy", Mo, "The affected country?");
        Assert.Equal(["🇺🇦 Ukraine", "🇦🇿 Azerbaijan", "Skip"], Labels(_bot.Api.LastBotMessage(Mo.Id)!));
        var review = await _bot.Expect(_bot.Button("🇦🇿 Azerbaijan", Mo), "check it and submit");

        Assert.Contains("Category: diplomatic", review);
        Assert.Contains("Target: Azerbaijani embassy", review);
        Assert.Contains("Affected country: Azerbaijan", review);
        Assert.Contains("Will publish as: 20 November 2025 · Kyiv, Ukraine · Azerbaijani embassy (diplomatic)", review);
        Assert.DoesNotContain("No category or place yet", review);
        Assert.Equal(["✅ Submit", "✏️ Edit", "✖️ Cancel", "📥 Publish without alert"], Labels(_bot.Api.LastBotMessage(Mo.Id)!));
        Assert.Equal("Report #1 published as /incident_7.", await _bot.Expect(_bot.Button("✅ Submit", Mo), "published as"));

        await using (var db = _bot.Db())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Id == 7);
            Assert.Equal((IncidentStatus.Published, TargetCategory.Diplomatic, "Azerbaijani embassy", "Azerbaijan", true),
                (incident.Status, incident.Category, incident.Target, incident.AffectedCountry, incident.Alerted));
        }
        await _bot.Api.WaitUntil(a => AlertScenario.AlertsTo(a, 701, 7).Any() && AlertScenario.AlertsTo(a, 703, 7).Any());
        await using (var db = _bot.Db())
            Assert.Equal([701L, 703L], await db.Deliveries.Where(d => d.Kind == DeliveryKind.Alert).Select(d => d.ChatId).OrderBy(c => c).ToListAsync());
        Assert.Empty(_bot.Api.Sent(702));
        Assert.Empty(_bot.Api.Sent(704));
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_log_published_without_alert_alerts_nobody_and_is_audited()
    {
        await AlertScenario.Subscribe(_bot.Harness, AlertScenario.Everything(701));

        await LogUpToCategory("Old strike on the depot, found in an archive", "Odesa region");
        await _bot.Expect(_bot.Button("Not sure", Mo), "The target?");
        await _bot.Expect(_bot.Button("Skip", Mo), "The affected country?");
        var review = await _bot.Expect(_bot.Button("Skip", Mo), "check it and submit");
        Assert.Contains("Category: uncategorised", review);
        Assert.Contains("Target: —", review);
        Assert.Contains("No category yet", review); // the card's warning: category subscribers will not get it

        Assert.Equal("Report #1 published as /incident_7 without alerts.",
            await _bot.Expect(_bot.Button("📥 Publish without alert", Mo), "without alerts"));

        await using var db = _bot.Db();
        var incident = await db.Incidents.SingleAsync(i => i.Id == 7);
        Assert.Equal((IncidentStatus.Published, false, (TargetCategory?)null), (incident.Status, incident.Alerted, incident.Category));
        Assert.Empty(await db.Deliveries.Where(d => d.Kind == DeliveryKind.Alert).ToListAsync());
        var audit = await _bot.Audit();
        Assert.Equal(["logged", "approve_no_alert"], audit.Select(a => a.Action));
        Assert.Equal(Mo.Id, audit[1].ActorId);
        Assert.Empty(_bot.Api.Sent(701));
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_the_log_questions_resumes_at_the_same_question()
    {
        await LogUpToCategory("Drones hit the fuel depot", "Odesa region, Ukraine");
        await _bot.Expect(_bot.Button("Energy", Mo), "The target?");

        await _bot.RestartAsync();

        await _bot.Expect("/log", Mo, "The target?"); // the same question, not a new draft
        var affected = await _bot.Expect("SOCAR fuel depot", Mo, "The affected country?");
        var buttons = Buttons(_bot.Api.LastBotMessage(Mo.Id)!);

        await _bot.RestartAsync();

        Assert.Equal(affected, await _bot.Expect("/log", Mo, "The affected country?"));
        Assert.Equal(buttons, Buttons(_bot.Api.LastBotMessage(Mo.Id)!));
        var review = await _bot.Expect("Azerbaijan", Mo, "check it and submit");
        Assert.Contains("Will publish as: 20 November 2025 · Odesa Oblast, Ukraine · SOCAR fuel depot (energy)", review);

        await using var db = _bot.Db();
        var draft = await db.Reports.SingleAsync();
        Assert.Equal((ReportState.Drafting, true, TargetCategory.Energy, "SOCAR fuel depot", "Azerbaijan"),
            (draft.State, draft.DirectLog, draft.Category, draft.Target, draft.AffectedCountry));
    }

    [Fact]
    public async Task Edit_at_the_log_review_changes_its_answers_and_typed_answers_are_checked()
    {
        await LogUpToCategory();
        await _bot.Expect("weather", Mo, "I don't know that category");
        await _bot.Expect("3", Mo, "I don't know that category"); // not an enum's number
        await _bot.Expect("civil aviation", Mo, "The target?");
        await _bot.Expect("skip", Mo, "The affected country?");
        var review = await _bot.Expect("Ukraine", Mo, "check it and submit");
        Assert.Contains("Category: civil aviation", review);
        await _bot.Expect("anything", Mo, "check it and submit");
        Assert.Contains(_bot.Api.Sent(Mo.Id), c => Shown(c).Contains("Submit, Publish without alert, Edit or Cancel"));

        await _bot.Expect(_bot.Button("✏️ Edit", Mo), "What do you want to change?");
        Assert.Equal(["What", "Where", "When", "Link", "Photos", "Category", "Target", "Affected country"], Labels(_bot.Api.LastBotMessage(Mo.Id)!));
        var edit = _bot.Api.LastBotMessage(Mo.Id)!;
        await _bot.Expect(_bot.Button("Category", Mo, edit), "What kind of site was hit?");
        await _bot.Expect(_bot.Button("Diplomatic", Mo), "check it and submit");
        await _bot.Expect(_bot.Button("Target", Mo, edit), "The target?");
        await _bot.Expect("Azerbaijani embassy", Mo, "check it and submit");
        await _bot.Expect(_bot.Button("Affected country", Mo, edit), "The affected country?");
        review = await _bot.Expect(_bot.Button("🇦🇿 Azerbaijan", Mo), "check it and submit");

        Assert.Contains("Category: diplomatic", review);
        Assert.Contains("Target: Azerbaijani embassy", review);
        Assert.Contains("Affected country: Azerbaijan", review);
        Assert.Contains("What: Missile struck the embassy fence", review); // the rest is kept
        Assert.Contains("When: 20 November 2025", review);
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Forged_or_stale_log_buttons_are_refused_and_change_nothing()
    {
        await LogUpToCategory();
        var question = _bot.Api.LastBotMessage(Mo.Id)!;
        var id = DraftId(question);
        foreach (var forged in new[] { ":14:7", ":14:-1", ":14:4294967296", ":14", ":15:0", ":17:2", ":6:1", ":99", ":14:0:0" })
            Assert.Contains("no longer valid", (await _bot.Press($"dr:{id}{forged}", Mo, question))["text"]);
        // Another person's press on the moderator's draft.
        Assert.Contains("no longer valid", (await _bot.Press(_bot.Button("Energy", Tg.SecondModerator, question)))["text"]);

        await _bot.Expect(_bot.Button("Energy", Mo, question), "The target?");
        // The category question's buttons are stale now: a second press does not change the answer.
        Assert.Contains("no longer valid", (await _bot.Press(_bot.Button("Military", Mo, question)))["text"]);

        await using var db = _bot.Db();
        var draft = await db.Reports.SingleAsync();
        Assert.Equal((TargetCategory.Energy, false), (draft.Category, draft.TargetAnswered));
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_contributors_report_never_reaches_the_log_questions_nor_their_buttons()
    {
        var alice = Tg.Alice;
        Assert.Equal("Only moderators can do that.", await _bot.Say("/log", alice));
        await _bot.Expect("/report", alice, "What happened?");
        await _bot.Expect("Explosion by the consulate", alice, "Where?");
        await _bot.Expect("Kharkiv, Ukraine", alice, "When?");
        await _bot.Expect(_bot.Button("Today", alice), "A source link?");
        await _bot.Expect(_bot.Button("Skip", alice), "Photos?");
        var review = await _bot.Expect(_bot.Button("Done", alice), "check it and submit"); // straight to the review
        var message = _bot.Api.LastBotMessage(alice.Id)!;
        var id = DraftId(message);
        Assert.Equal([$"dr:{id}:6", $"dr:{id}:7", $"dr:{id}:8"], Buttons(message));
        Assert.DoesNotContain("Category", review);
        Assert.DoesNotContain("Will publish as", review);

        // Category, no category, skips, publish without alert, and the log's edits: none is hers to press.
        foreach (var forged in new[] { ":14:0", ":15", ":16", ":17:1", ":18", ":19", ":20", ":21", ":22" })
            Assert.Contains("no longer valid", (await _bot.Press($"dr:{id}{forged}", alice, message))["text"]);
        await _bot.Expect(_bot.Button("✏️ Edit", alice), "What do you want to change?");
        Assert.Equal(["What", "Where", "When", "Link", "Photos"], Labels(_bot.Api.LastBotMessage(alice.Id)!));

        await using (var db = _bot.Db())
        {
            var draft = await db.Reports.SingleAsync();
            Assert.Equal((ReportState.Drafting, false, false, (TargetCategory?)null), (draft.State, draft.DirectLog, draft.CategoryAnswered, draft.Category));
        }
        await _bot.Expect(_bot.Button("✅ Submit", alice, message), "Your report #1");
        await _bot.Filed(1, alice);
        await using (var db = _bot.Db())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Status == IncidentStatus.Draft);
            Assert.Equal(((TargetCategory?)null, "", (string?)null), (incident.Category, incident.Target, incident.AffectedCountry));
        }
        Assert.Empty(_bot.Api.UnansweredCallbackQueries);
        Assert.Empty(_bot.Api.Violations);
    }

    /// <summary>The draft a conversation's question is about, as its buttons name it (a draft has no public number).</summary>
    static long DraftId(Message question) => long.Parse(Buttons(question)[0].Split(':')[1]);

    static List<string> Labels(Message message) =>
        [.. message.ReplyMarkup?.InlineKeyboard.SelectMany(row => row).Select(b => b.Text) ?? []];
}
