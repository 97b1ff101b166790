using System.Data.Common;
using System.Text;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using IncidentBot.Tests.Incidents;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ContributorIdentityTests;

namespace IncidentBot.Tests.Reports;

/// <summary>
/// /forgetme: after a confirmation button, a contributor's name, username and id leave every table of the database;
/// their published incidents stay, audited as "contributor removed", and a pending report is withdrawn.
/// </summary>
public sealed class ForgetMeTests
{
    [Theory, BothDatabases]
    public async Task After_forgetme_no_table_holds_the_person_outside_the_audits_removal_entries(string database)
    {
        await using var bot = await ModeratedBot.StartAsync(BothDatabasesAttribute.Provider(database), ModeratedBot.ModeratorChats);
        var witness = Witness;
        // A published report (with a pin), a rejected one, a pending one and a draft; then a subscription, quiet hours, a language.
        var published = await PublishedPointTests.FileWithPin(bot, witness, 50.451234, 30.523456);
        await bot.Say($"/edit #{published} place Kyiv", Tg.Moderator);
        await bot.Say($"/approve #{published}", Tg.Moderator);
        await bot.Settled(published); // the witness has heard, so that message is not taken for the next answer
        var rejected = await bot.File("Smoke over the refinery, seen from the road", witness);
        await bot.Say($"/reject #{rejected} not a strike", Tg.Moderator);
        await bot.Settled(rejected);
        var pending = await bot.File("Drone wreckage next to the consulate gate", witness);
        await bot.Expect("/report", witness, "What happened?");
        await bot.Expect("Something else I saw", witness, "Where?");
        await bot.Expect("/subscribe Kyiv", witness, "Subscribed");
        await bot.Expect("/quiet 23:00-07:00 Europe/Kyiv silent", witness, "Quiet hours");
        await bot.Expect("/language ru", witness, "по-русски");
        var incidentId = (await bot.Report(published)).IncidentId!.Value;
        Assert.NotEmpty(await TracesIn(bot.Harness)); // the scan finds them while they are there

        var ask = await bot.Expect("/forgetme", witness, "Забыть вас?");
        Assert.Contains("(3)", ask);
        Assert.Contains("(1)", ask);
        var confirm = bot.Api.Messages(witness.Id).Last(m => m.ReplyMarkup is not null);
        await bot.Press(bot.Button("🧹 Да, забудьте меня", witness, confirm));
        await bot.Api.WaitUntil(a => a.Messages(witness.Id).Any(m => m.Id == confirm.Id && m.Text!.StartsWith("🧹 Готово")));
        foreach (var report in new[] { published, rejected, pending }) await bot.Settled(report);

        Assert.Equal([], await TracesIn(bot.Harness));
        await using (var db = bot.Db())
        {
            var incident = await db.Incidents.Include(i => i.Sources).SingleAsync(i => i.Id == incidentId);
            Assert.Equal(IncidentStatus.Published, incident.Status); // the record keeps the incident
            Assert.Contains(incident.Sources, s => s.Name == $"Contributor report #{published}");
            Assert.Equal(ReportState.Withdrawn, (await db.Reports.SingleAsync(r => r.Id == pending)).State);
            Assert.False(await db.Reports.AnyAsync(r => r.State == ReportState.Drafting));
            var removals = await db.Audit.Where(a => a.Action == "forget").ToListAsync();
            Assert.Equal([published, rejected, pending], removals.Select(a => a.ReportId!.Value).Order());
            Assert.Equal(incidentId, removals.Single(a => a.ReportId == published).IncidentId);
            Assert.All(removals, a => Assert.Equal((AuditLog.Removed, ""), (a.ActorId, a.ActorName)));
        }
        // The moderators' copies of the cards were edited: the name is gone from their chats too.
        await bot.Api.WaitUntil(a => a.Messages(Tg.Moderator.Id).Where(m => m.Text?.Contains($"Report #{pending} ·") == true)
            .All(m => m.Text!.Contains("removed at the contributor's request")));
        Assert.Contains("Withdrawn", bot.Card(Tg.Moderator.Id, pending).Text);
        var audit = await bot.Say($"/audit #{published}", Tg.Moderator);
        Assert.Contains("the contributor (removed) (—) · contributor removed", audit);
        Assert.Contains("withdrawn by its contributor", await bot.Say($"/approve #{pending}", Tg.Moderator));
        Assert.Contains("no one to ban", await bot.Say($"/ban #{published}", Tg.Moderator));
        Assert.Empty(bot.Api.UnansweredCallbackQueries);
    }

    [Fact]
    public async Task The_confirmation_refuses_forged_and_stale_presses_and_No_changes_nothing()
    {
        await using var bot = await ModeratedBot.StartAsync();
        var witness = Witness;
        var reportId = await bot.File("Drone wreckage next to the consulate gate", witness);
        await bot.Expect("/forgetme", witness, "Forget me?");
        var offer = bot.Api.Messages(witness.Id).Last(m => m.ReplyMarkup is not null);
        var yes = ModeratedBot.Buttons(offer)[0];
        var parts = yes.Split(':');

        // Someone else's id in the data, a press in another chat, a made-up choice, the offer gone stale.
        Assert.Contains("no longer valid", (await bot.Press(yes, Tg.Alice)).ToString());
        Assert.Contains("no longer valid", (await bot.Press(Tg.Tap(yes, from: witness, chatId: Tg.Alice.Id))).ToString());
        Assert.Contains("no longer valid", (await bot.Press($"fm:7:{witness.Id}:{parts[3]}", witness, offer)).ToString());
        Assert.Contains("no longer valid", (await bot.Press($"fm:1:{witness.Id}", witness, offer)).ToString());
        bot.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Contains("no longer valid", (await bot.Press(yes, witness, offer)).ToString());
        Assert.Equal(witness.Id, (await bot.Report(reportId)).ReporterId);

        await bot.Expect("/forgetme", witness, "Forget me?");
        var fresh = bot.Api.Messages(witness.Id).Last(m => m.ReplyMarkup is not null);
        await bot.Press(bot.Button("✖️ No, keep it", witness, fresh));
        await bot.Api.WaitUntil(a => a.Messages(witness.Id).Any(m => m.Id == fresh.Id && m.Text == "Nothing was changed."));
        Assert.Equal(witness.Id, (await bot.Report(reportId)).ReporterId);
        Assert.Equal(ReportState.Pending, (await bot.Report(reportId)).State);
    }

    [Fact]
    public async Task A_moderator_is_refused_and_a_group_is_sent_to_the_private_chat()
    {
        await using var bot = await ModeratedBot.StartAsync();
        Assert.Contains("You are a moderator", await bot.Say("/forgetme", Tg.Moderator));
        Assert.Contains("private chat", await bot.Say("/forgetme", Tg.Alice, Tg.Group));
        Assert.Contains("Forget me?", await bot.Say("/forgetme", Tg.Alice));
    }

    /// <summary>Every cell of every table (the audit's removal entries aside) that holds the person's name, username or id.</summary>
    static async Task<List<string>> TracesIn(BotHarness bot)
    {
        await using var db = bot.NewDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = bot.Provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
            await using var names = await list.ExecuteReaderAsync();
            while (await names.ReadAsync()) tables.Add(names.GetString(0));
        }
        Assert.Contains("Reports", tables);
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var rows = await select.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                var cells = Enumerable.Range(0, rows.FieldCount).ToDictionary(rows.GetName, c => Text(rows, c));
                if (table == "Audit" && cells["Action"] == "forget") continue;
                foreach (var (column, value) in cells)
                    if (Traces.FirstOrDefault(t => value.Contains(t, StringComparison.OrdinalIgnoreCase)) is { } trace)
                        found.Add($"{table}.{column} holds {trace}: {(value.Length > 200 ? value[..200] : value)}");
            }
        }
        return found;
    }

    static string Text(DbDataReader rows, int column) => rows.IsDBNull(column) ? "" : rows.GetValue(column) switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
