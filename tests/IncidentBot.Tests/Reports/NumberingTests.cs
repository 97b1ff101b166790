using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>
/// Public numbers have no gaps: a pending report reserves no incident number and a cancelled /report no report number,
/// so a rejection or a merge never leaves a hole that reads like a deletion; a number once given never changes.
/// </summary>
public sealed class NumberingTests : IAsyncLifetime
{
    ModeratedBot? _bot;

    async Task<ModeratedBot> Start(string database) =>
        _bot = await ModeratedBot.StartAsync(BothDatabasesAttribute.Provider(database), ModeratorChats);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    [Theory, BothDatabases]
    public async Task Rejected_and_merged_reports_leave_no_hole_in_the_incident_numbers(string database)
    {
        var bot = await Start(database);
        var rejected = await bot.File("Smoke over the port, unconfirmed");
        var merged = await bot.File("Drone hit the embassy fence", Tg.Bob);
        var first = await bot.File("Missile hit the substation");
        var second = await bot.File("Drone hit the fuel depot", Tg.Bob);

        // Pending, a report's incident has no number to show yet.
        Assert.Contains("Will publish as: on or before 20 November 2025 · unknown place · Missile hit the substation", bot.Card(Tg.Moderator.Id, first).Text);
        Assert.Contains("rejected", await bot.Say($"/reject #{rejected} not confirmed", Tg.Moderator));
        Assert.Contains($"Report #{merged} merged into /incident_6", await bot.Say($"/merge #{merged} 6", Tg.Moderator));

        Assert.Contains($"Report #{first} published as /incident_7.", await bot.Say($"/approve #{first}", Tg.Moderator));
        Assert.Contains($"Report #{second} published as /incident_8.", await bot.Say($"/approve #{second}", Tg.SecondModerator));

        await bot.Settled(first);
        await bot.Settled(second);
        Assert.Contains($"Your report #{first} was approved and published: /incident_7", await bot.Seen(Tg.Alice.Id, $"#{first} was approved"));
        Assert.Contains("Published as: /incident_8 ·", bot.Card(Tg.Moderator.Id, second).Text);
        Assert.Contains("Missile hit the substation", await bot.Say("/incident_7", Tg.Alice));
        Assert.Contains($"#{first} · ✅ published as /incident_7", await bot.Say("/myreports", Tg.Alice));
        await using var db = bot.Db();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], await db.Incidents.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
        Assert.Equal(7, (await bot.Report(first)).IncidentId);
        Assert.Equal(["Contributor report #3"], await db.IncidentSources.Where(s => s.IncidentId == 7).Select(s => s.Name).ToListAsync());
        // The audit of the draft's life follows it to its number; a draft never published shows none.
        Assert.Equal<(string, long?)>([("filed", 7), ("approve", 7)], (await bot.Audit()).Where(a => a.ReportId == first).Select(a => (a.Action, a.IncidentId)));
        Assert.Contains($"filed #{first} /incident_7", await bot.Say($"/audit #{first}", Tg.Moderator));
        Assert.Contains((await bot.Say($"/audit #{rejected}", Tg.Moderator)).Split('\n'), line => line.TrimEnd().EndsWith($"filed #{rejected}", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Api.Calls, c => c.Text?.Contains("#-", StringComparison.Ordinal) == true || c.Text?.Contains("_-", StringComparison.Ordinal) == true);
    }

    [Theory, BothDatabases]
    public async Task A_cancelled_report_conversation_uses_up_no_report_number(string database)
    {
        var bot = await Start(database);
        await bot.Expect("/report", Tg.Alice, "What happened?");
        await bot.Expect("Missile hit the thermal power plant", Tg.Alice, "Where?");
        await bot.Expect("Kharkiv", Tg.Alice, "When?");
        var staleWhen = bot.Button("Today", Tg.Alice);
        Assert.Contains("Nothing was sent", await bot.Say("/cancel", Tg.Alice));
        await ToReview(bot, "Drone hit the thermal power plant");
        Assert.Contains("Nothing was sent", await bot.Expect(bot.Button("✖️ Cancel", Tg.Alice), "cancelled"));

        // A guided report, then a one-step one: #1 and #2, whatever was cancelled before.
        await bot.Expect("/report", Tg.Alice, "What happened?");
        await bot.Expect("Drone hit the thermal power plant", Tg.Alice, "Where?");
        await bot.Expect("Kharkiv", Tg.Alice, "When?");
        // A button of a cancelled conversation does not act on the new one.
        Assert.Contains("no longer valid", (await bot.Press(staleWhen))["text"]);
        await bot.Expect(bot.Button("Today", Tg.Alice), "A source link?");
        await bot.Expect(bot.Button("Skip", Tg.Alice), "Photos?");
        await bot.Expect(bot.Button("Done", Tg.Alice), "check it and submit");
        Assert.Contains("Your report #1 is with the moderators", await bot.Expect(bot.Button("✅ Submit", Tg.Alice), "is with the moderators"));
        Assert.Equal(2, await bot.File("Second strike on the plant", Tg.Bob));

        await bot.Filed(1, Tg.Alice);
        Assert.Contains("Will publish as: 20 November 2025 · Kharkiv", bot.Card(Tg.Moderator.Id, 1).Text);
        Assert.Contains("Report #1 published as /incident_7.", await bot.Say("/approve #1", Tg.Moderator));
        await using var db = bot.Db();
        Assert.Equal([1, 2], await db.Reports.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.Equal(["Contributor report #1"], await db.IncidentSources.Where(s => s.IncidentId == 7).Select(s => s.Name).ToListAsync());
        Assert.Empty(bot.Api.UnansweredCallbackQueries);
    }

    [Theory, BothDatabases]
    public async Task A_log_publishes_under_the_next_number_after_a_rejected_report(string database)
    {
        var bot = await Start(database);
        var rejected = await bot.File("Smoke over the port, unconfirmed");
        Assert.Contains("rejected", await bot.Say($"/reject #{rejected} not confirmed", Tg.Moderator));

        await bot.Expect("/log Missile struck the embassy fence", Tg.Moderator, "Where?");
        await bot.Expect("Kyiv", Tg.Moderator, "What kind of site was hit?");
        await bot.Expect(bot.Button("Diplomatic", Tg.Moderator), "The target?");
        await bot.Expect("Azerbaijani embassy", Tg.Moderator, "The affected country?");
        var review = await bot.Expect(bot.Button("🇦🇿 Azerbaijan", Tg.Moderator), "check it and submit");
        Assert.Contains("Will publish as: on or before 20 November 2025 · Kyiv, Ukraine · Azerbaijani embassy (diplomatic)", review);

        Assert.Equal("Report #2 published as /incident_7.", await bot.Expect(bot.Button("✅ Submit", Tg.Moderator), "published as"));
        await using var db = bot.Db();
        var incident = await db.Incidents.Include(i => i.Sources).SingleAsync(i => i.Id == 7);
        Assert.Equal((IncidentStatus.Published, "Azerbaijani embassy"), (incident.Status, incident.Target));
        Assert.Equal(["Contributor report #2"], incident.Sources.Select(s => s.Name));
        Assert.Equal(7, await db.Incidents.CountAsync());
        Assert.Equal([2], await db.Reports.Where(r => r.State == ReportState.Approved).Select(r => r.Id).ToListAsync());
    }

    [Theory, BothDatabases]
    public async Task An_older_installs_pending_report_keeps_the_number_its_incident_reserved(string database)
    {
        var bot = await Start(database);
        var old = await bot.File("Missile hit the substation");
        await using (var db = bot.Db())
        {
            // Before numbers had no gaps, a pending report's incident took the next public number when it was filed.
            var report = await db.Reports.SingleAsync(r => r.Id == old);
            var draft = await db.Incidents.AsNoTracking().Include(i => i.Sources).SingleAsync(i => i.Id == report.IncidentId);
            Assert.True(draft.Id < 0);
            var reserved = new Incident { Status = IncidentStatus.Draft, Summary = draft.Summary, OccurredOn = draft.OccurredOn, Precision = draft.Precision,
                OnOrBefore = draft.OnOrBefore, CreatedAt = draft.CreatedAt, UpdatedAt = draft.UpdatedAt, Sources = [new IncidentSource { Name = $"Contributor report #{old}" }] };
            db.Incidents.Add(reserved);
            await db.Incidents.Where(i => i.Id == draft.Id).ExecuteDeleteAsync();
            await db.SaveChangesAsync();
            report.IncidentId = reserved.Id;
            await db.SaveChangesAsync();
            Assert.Equal(7, reserved.Id);
        }
        var next = await bot.File("Drone hit the fuel depot", Tg.Bob);

        Assert.Contains($"Report #{next} published as /incident_8.", await bot.Say($"/approve #{next}", Tg.Moderator));
        Assert.Contains($"Report #{old} published as /incident_7.", await bot.Say($"/approve #{old}", Tg.Moderator));

        await using var after = bot.Db();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], await after.Incidents.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
        Assert.Equal("Missile hit the substation", (await after.Incidents.SingleAsync(i => i.Id == 7)).Summary);
    }

    [Theory, BothDatabases]
    public async Task A_filing_or_an_approval_that_fails_after_its_insert_gives_its_number_back(string database)
    {
        var bot = await Start(database);
        // The database refuses a numbered report, then a numbered incident, once each: the filing and then the approval
        // roll back after their row took its number (as when an instance is killed before its commit).
        await Refuse(bot, database, "Reports");
        Assert.Contains("something went wrong", await bot.Say("/report Missile hit the substation", Tg.Alice));
        await Refuse(bot, database, null);
        var report = await bot.File("Missile hit the substation");
        Assert.Equal(1, report);

        await Refuse(bot, database, "Incidents");
        Assert.Contains("something went wrong", await bot.Say($"/approve #{report}", Tg.Moderator));
        await Refuse(bot, database, null);
        Assert.Contains($"Report #{report} published as /incident_7.", await bot.Say($"/approve #{report}", Tg.Moderator));

        // A guided report (a draft until it is filed) and its incident follow on.
        await ToReview(bot, "Drone hit the fuel depot");
        Assert.Contains("Your report #2 is with the moderators", await bot.Expect(bot.Button("✅ Submit", Tg.Alice), "is with the moderators"));
        await bot.Filed(2, Tg.Alice);
        Assert.Contains("Report #2 published as /incident_8.", await bot.Say("/approve #2", Tg.Moderator));
        await using var db = bot.Db();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], await db.Incidents.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
        Assert.Equal([1, 2], await db.Reports.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
    }

    /// <summary>Alice's guided /report in Kharkiv today, answered up to its review.</summary>
    static async Task ToReview(ModeratedBot bot, string what)
    {
        await bot.Expect("/report", Tg.Alice, "What happened?");
        await bot.Expect(what, Tg.Alice, "Where?");
        await bot.Expect("Kharkiv", Tg.Alice, "When?");
        await bot.Expect(bot.Button("Today", Tg.Alice), "A source link?");
        await bot.Expect(bot.Button("Skip", Tg.Alice), "Photos?");
        await bot.Expect(bot.Button("Done", Tg.Alice), "check it and submit");
    }

    /// <summary>A trigger that fails the insert of a numbered row into <paramref name="table"/>; null drops it.</summary>
    static async Task Refuse(ModeratedBot bot, string database, string? table)
    {
        await using var db = bot.Db();
        if (BothDatabasesAttribute.Provider(database) == global::IncidentBot.Data.DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION refuse_numbered() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW."Id" > 0 THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
                DROP TRIGGER IF EXISTS refuse ON "Reports"; DROP TRIGGER IF EXISTS refuse ON "Incidents";
                """);
            if (table is not null)
                await db.Database.ExecuteSqlRawAsync(table == "Reports"
                    ? """CREATE TRIGGER refuse AFTER INSERT ON "Reports" FOR EACH ROW EXECUTE FUNCTION refuse_numbered()"""
                    : """CREATE TRIGGER refuse AFTER INSERT ON "Incidents" FOR EACH ROW EXECUTE FUNCTION refuse_numbered()""");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS refuse");
            if (table is not null)
                await db.Database.ExecuteSqlRawAsync(table == "Reports"
                    ? """CREATE TRIGGER refuse AFTER INSERT ON "Reports" WHEN NEW."Id" > 0 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"""
                    : """CREATE TRIGGER refuse AFTER INSERT ON "Incidents" WHEN NEW."Id" > 0 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END""");
        }
    }
}
