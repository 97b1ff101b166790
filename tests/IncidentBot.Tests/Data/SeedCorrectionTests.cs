using System.Text;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using IncidentBot.Tests.Incidents;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Data;

/// <summary>
/// The seed says what its article says and no more: no attacker where the article names none, "no injuries were
/// reported" as words and not as a count of 0. A new install gets that; an older install's untouched seed rows are
/// corrected at start-up, once and audited, and rows a moderator has worked on are left as they decided.
/// </summary>
public sealed class SeedCorrectionTests
{
    const string ListedInBaku = "the source lists it among the incidents that raised suspicions in Baku";

    [Theory, BothDatabases]
    public async Task A_new_install_names_no_attacker_the_article_does_not_and_keeps_no_injuries_reported_as_words(string database)
    {
        await using var bot = await Start(BothDatabasesAttribute.Provider(database));

        await using (var db = bot.NewDb())
        {
            var seed = await db.Incidents.OrderBy(i => i.Id).ToListAsync();
            foreach (var unattributed in seed.Where(i => i.Id is 1 or 4 or 5))
            {
                Assert.Equal((null, null, ListedInBaku), (unattributed.AttributedTo, unattributed.Acknowledged, unattributed.AttributionNote));
                Assert.Null(IncidentFields.GetTranslation(unattributed, "attribution", "uk"));
                Assert.Equal("джерело називає його серед інцидентів, що викликали підозри в Баку", IncidentFields.GetTranslation(unattributed, "attributionnote", "uk"));
            }
            Assert.Equal(("Russia", (bool?)true), (seed[2].AttributedTo, seed[2].Acknowledged)); // the aircraft: Russia admitted it
            Assert.Equal("Azerbaijan Airlines aircraft", seed[2].Target); // the article's words: it says no "passenger"
            Assert.Equal(("Russia", (bool?)false), (seed[5].AttributedTo, seed[5].Acknowledged)); // "Moscow has not acknowledged responsibility"
            Assert.Equal((null, null, "no injuries reported"), (seed[5].Killed, seed[5].Injured, seed[5].CasualtiesNote));
            Assert.Empty(await db.Audit.ToListAsync()); // nothing to correct on a new install
        }

        var consulate = Shown(await bot.Ask(Tg.Text("/incident_1", from: Tg.Alice)));
        Assert.Contains($"Attribution: not stated by the sources ({ListedInBaku})", consulate);
        Assert.DoesNotContain("Russia", consulate);
        Assert.Contains("Кому приписують: джерела нікого не називають", Shown(await bot.Ask(Tg.Text("/incident_4", from: Tg.Bob))));
        var fence = Shown(await bot.Ask(Tg.Text("/incident_6", from: Tg.Alice)));
        Assert.Contains("Casualties: unknown (no injuries reported)", fence);
        Assert.DoesNotContain("0 injured", fence);

        var rows = Rows(Encoding.UTF8.GetString((await ExportTests.Export(bot, "csv", Tg.Alice)).Bytes));
        Assert.Equal(("", ""), (rows["1"]["attribution"], rows["1"]["acknowledged"]));
        Assert.Equal("", rows["6"]["injured"]); // not a known 0: the source only says none were reported
        Assert.Contains("no injuries reported", rows["6"]["notes"]);
        Assert.Contains(ListedInBaku, rows["5"]["notes"]);
    }

    [Theory, BothDatabases]
    public async Task An_old_install_whose_seed_nobody_touched_is_corrected_once_at_start_up_and_audited(string database)
    {
        await using var bot = await Start(BothDatabasesAttribute.Provider(database));
        await bot.StopHostAsync();
        await WriteFirstSeed(bot);

        await bot.StartHostAsync(b => Configure(b, null));

        var audit = await Audit(bot);
        Assert.All(audit, a => Assert.Equal((0L, "IncidentBot", SeedCorrection.Action), (a.ActorId, a.ActorName, a.Action)));
        Assert.Equal(
            ["1 attribution", "1 acknowledged", "1 attributionnote", "3 target", "4 attribution", "4 acknowledged", "4 attributionnote",
             "5 attribution", "5 acknowledged", "5 attributionnote", "6 injured"],
            audit.Select(a => $"{a.IncidentId} {a.Field}"));
        Assert.Contains(audit, a => a is { IncidentId: 1, Field: "attribution", Before: "Russia", After: null });
        Assert.Contains(audit, a => a is { IncidentId: 6, Field: "injured", Before: "0", After: null });
        await using (var db = bot.NewDb())
        {
            var seed = await db.Incidents.OrderBy(i => i.Id).ToListAsync();
            Assert.All(seed.Where(i => i.Id is 1 or 4 or 5), i => Assert.Equal((null, null, ListedInBaku), (i.AttributedTo, i.Acknowledged, i.AttributionNote)));
            Assert.Null(IncidentFields.GetTranslation(seed[0], "attribution", "ru")); // the old "Россия" went with the field
            Assert.Equal("источник называет его среди инцидентов, вызвавших подозрения в Баку", IncidentFields.GetTranslation(seed[0], "attributionnote", "ru"));
            Assert.Equal("Самолёт Azerbaijan Airlines", IncidentFields.GetTranslation(seed[2], "target", "ru"));
            Assert.Null(seed[5].Injured);
            Assert.True(seed[0].UpdatedAt > seed[0].CreatedAt); // a correction: the exports and the feed show it updated
            Assert.Empty(await db.Deliveries.ToListAsync()); // the seed was never alerted: no chat is owed a correction
            Assert.True((await db.Incidents.SingleAsync(i => i.Id == 100)).OnOrBefore); // an old undated report gets its bound too
        }
        var history = Shown(await bot.Ask(Tg.Text("/audit 1", from: Tg.Moderator)));
        Assert.Contains("IncidentBot (0) · corrected the seed entry to what its source says  /incident_1 attribution: Russia → —", history);
        Assert.Contains("on or before 19 November 2025", Shown(await bot.Ask(Tg.Text("/incident_100", from: Tg.Alice))));

        await bot.StopHostAsync();
        await bot.StartHostAsync(b => Configure(b, null)); // a second start finds nothing left to correct
        Assert.Equal(audit.Count, (await Audit(bot)).Count);
    }

    [Theory, BothDatabases]
    public async Task A_seed_incident_a_moderator_worked_on_keeps_what_they_decided(string database)
    {
        await using var bot = await Start(BothDatabasesAttribute.Provider(database));
        await bot.StopHostAsync();
        await WriteFirstSeed(bot);
        await using (var db = bot.NewDb())
        {
            // A moderator corrected incident 1's weapon on the old install: its attribution is theirs to judge now.
            db.Audit.Add(new AuditEntry { At = DateTime.UtcNow, ActorId = Tg.Moderator.Id, ActorName = "Mo", Action = "correct", IncidentId = 1, Field = "weapon", Before = "unknown", After = "missile" });
            await db.SaveChangesAsync();
        }

        await bot.StartHostAsync(b => Configure(b, null));

        await using (var db = bot.NewDb())
        {
            var one = await db.Incidents.SingleAsync(i => i.Id == 1);
            Assert.Equal(("Russia", (bool?)false, (string?)null), (one.AttributedTo, one.Acknowledged, one.AttributionNote));
            Assert.Equal("Росія", IncidentFields.GetTranslation(one, "attribution", "uk"));
            Assert.Null((await db.Incidents.SingleAsync(i => i.Id == 4)).AttributedTo); // untouched: corrected
        }
        Assert.DoesNotContain(await Audit(bot), a => a is { IncidentId: 1, Action: SeedCorrection.Action });
    }

    /// <summary>The seed as the first version shipped it (its translations too), and an undated report of that time.</summary>
    static async Task WriteFirstSeed(BotHarness bot)
    {
        await using var db = bot.NewDb();
        var seed = await db.Incidents.OrderBy(i => i.Id).ToListAsync();
        foreach (var i in seed.Where(i => i.Id is 1 or 4 or 5))
        {
            (i.AttributedTo, i.Acknowledged, i.AttributionNote) = ("Russia", false, null);
            foreach (var (language, russia) in new[] { ("uk", "Росія"), ("az", "Rusiya"), ("ru", "Россия") })
            {
                IncidentFields.SetTranslation(i, "attributionnote", language, "-");
                IncidentFields.SetTranslation(i, "attribution", language, russia);
            }
        }
        seed[2].Target = "Azerbaijan Airlines passenger aircraft";
        IncidentFields.SetTranslation(seed[2], "target", "ru", "Пассажирский самолёт Azerbaijan Airlines");
        seed[5].Injured = 0;
        db.Incidents.Add(new Incident
        {
            Id = 100, Status = IncidentStatus.Published, Summary = "Drone hit the depot", Country = "unknown",
            OccurredOn = new DateTime(2025, 11, 19, 0, 0, 0, DateTimeKind.Utc), Precision = DatePrecision.Day,
            DateNote = Localizer.InLanguage("en", "date.not_given"),
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Sources = [new IncidentSource { Name = "Contributor report #1" }],
        });
        await db.SaveChangesAsync();
    }

    static async Task<List<AuditEntry>> Audit(BotHarness bot)
    {
        await using var db = bot.NewDb();
        return await db.Audit.AsNoTracking().OrderBy(a => a.IncidentId).ThenBy(a => a.Id).ToListAsync();
    }

    static string Shown(ApiCall call) => TelegramHtml.Parse(call.Text ?? "").Text;

    static Dictionary<string, Dictionary<string, string>> Rows(string csv)
    {
        var rows = Csv.Rows(csv);
        return rows.Skip(1).ToDictionary(r => r[0], r => rows[0].Zip(r).ToDictionary(p => p.First, p => p.Second));
    }
}
