using System.Text;
using System.Text.Json;
using IncidentBot.Incidents.Export;
using IncidentBot.Tests.Fakes;
using IncidentBot.Tests.Incidents;
using static IncidentBot.Tests.Alerts.AlertScenario;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>
/// A report filed without a date happened on or before the day it was reported: every view says so, and none shows that
/// day as the day it happened. The fake today is 20 November 2025.
/// </summary>
public sealed class UndatedReportTests : IAsyncLifetime
{
    const string Bound = "on or before 20 November 2025";
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task An_undated_report_reads_on_or_before_the_day_it_was_reported_in_cards_lines_alerts_stats_and_exports()
    {
        await Subscribe(_bot.Harness, Everything(701));
        var id = await _bot.File("Drone hit the fuel depot");
        Assert.Contains($"Will publish as: {Bound} · unknown place", _bot.Card(Tg.Moderator.Id, id).Text);

        Assert.Contains("published as /incident_7", await _bot.Say($"/approve #{id}", Tg.Moderator));
        await _bot.Settled(id); // Alice has been told, so her next message is the answer to her next question

        Assert.Contains($"When: {Bound} (date not given by the reporter; the day it was reported)", await _bot.Say("/incident_7", Tg.Alice));
        Assert.Contains($"/incident_7 · {Bound} · unknown place · Drone hit the fuel depot", await _bot.Say("/recent", Tg.Alice));
        Assert.Contains("/incident_7 · не пізніше 20 листопада 2025 ·", await _bot.Say("/recent", Tg.Bob)); // Bob reads Ukrainian
        Assert.Contains(Bound, await _bot.Seen(701, "/incident_7"));
        Assert.Contains("November 2025: 2 (1 of them dated only “on or before”)", await _bot.Say("/stats", Tg.Alice));

        var csv = Csv.Rows(Encoding.UTF8.GetString((await ExportTests.Export(_bot.Harness, "csv", Tg.Alice)).Bytes));
        var row = csv[0].Zip(csv.Single(r => r[0] == "7")).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("[..2025-11-20]", "1"), (row["event_date"], row["time_precision"])); // EDTF: one of the days on or before
        using var geo = JsonDocument.Parse((await ExportTests.Export(_bot.Harness, "geojson", Tg.Alice)).Bytes);
        Assert.Equal("[..2025-11-20]", geo.RootElement.GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("id").GetInt64() == 7).GetProperty("properties").GetProperty("event_date").GetString());
        await using var db = _bot.Db();
        var atom = Encoding.UTF8.GetString(AtomFeed.Write(await OpenData.Published(db, default), "IncidentBot", Now.UtcDateTime));
        Assert.Contains("<title>on or before 2025-11-20: Drone hit the fuel depot</title>", atom);
    }

    [Fact]
    public async Task A_date_a_moderator_sets_is_the_date_with_no_on_or_before()
    {
        var id = await _bot.File("Drone hit the fuel depot");

        var edited = await _bot.Say($"/edit #{id} date 2025-11-18", Tg.Moderator);

        Assert.Contains("Now: 18 November 2025 ·", edited);
        Assert.DoesNotContain("on or before", edited);
        var audit = (await _bot.Audit()).Single(a => a.Action == "edit");
        Assert.Equal(("on or before 2025-11-20 (Day)", "2025-11-18 (Day)"), (audit.Before, audit.After));
    }
}
