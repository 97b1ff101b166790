using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>Merging with care: a far-off report asks first, a source is listed once, and the duplicate hint follows the edits.</summary>
public sealed class MergeCheckTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_merge_far_from_the_incident_in_date_and_place_waits_for_the_moderators_confirmation()
    {
        var id = await _bot.File("Drone hit the embassy fence");
        await _bot.Say($"/edit #{id} place Lviv", Tg.Moderator);
        await _bot.Say($"/edit #{id} date 2025-10-01", Tg.Moderator);

        var question = await _bot.Ask(Tg.Text($"/merge #{id} 6", Tg.Moderator));

        var shown = Shown(question);
        Assert.Contains("Report #1 looks far from /incident_6:", shown);
        Assert.Contains("• date: 1 October 2025 in the report, November 2025 in the incident (30 days apart)", shown);
        Assert.Contains("• place: Lviv, Lviv Oblast, Ukraine in the report, Kyiv, Ukraine in the incident (about 46", shown); // ~467 km
        Assert.Contains("Merge it into /incident_6 anyway?", shown);
        Assert.Equal([("🔁 Merge anyway", "mm:1:6")], Alerts.AlertScenario.Buttons(question));
        Assert.Equal(ReportState.Pending, (await _bot.Report(id)).State);

        // The card's merge button (an old hint) asks the same question rather than merging.
        Assert.Null((await _bot.Press("mg:1:6", Tg.SecondModerator))["text"]);
        await _bot.Seen(Tg.SecondModerator.Id, "Report #1 looks far from /incident_6");
        Assert.Equal("Only moderators can do that.", (await _bot.Press("mm:1:6", Tg.Alice))["text"]); // forged by a non-moderator
        Assert.Equal(ReportState.Pending, (await _bot.Report(id)).State);

        var toast = await _bot.Press(_bot.Button("🔁 Merge anyway", Tg.Moderator));

        Assert.Equal("Report #1 merged into /incident_6.", toast["text"]);
        Assert.Equal(ReportState.Merged, (await _bot.Report(id)).State);
        Assert.Contains("Report #1 was already merged by Mo", (await _bot.Press(_bot.Button("🔁 Merge anyway", Tg.SecondModerator)))["text"]);
    }

    [Fact]
    public async Task The_same_source_is_listed_once_however_it_arrives()
    {
        var first = await _bot.File("Drone hit the depot");
        await _bot.Say($"/edit #{first} source Example | https://example.org/story", Tg.Moderator);
        Assert.Contains("published as /incident_7", await _bot.Say($"/approve #{first}", Tg.Moderator));
        var second = await _bot.File("Drone hit the depot again", Tg.Bob);
        await _bot.Say($"/edit #{second} source example.org | http://www.example.org/story/", Tg.Moderator);

        Assert.Contains("Report #2 merged into /incident_7", await _bot.Say($"/merge #{second} 7", Tg.Moderator));

        Assert.Equal(["Contributor report #1", "Example", "Contributor report #2"], await Sources(7));
        Assert.Contains("That source is already listed: nothing added.", await _bot.Say("/correct 7 source Example | https://EXAMPLE.org/story#top", Tg.Moderator));
        Assert.Contains("That source is already listed", await _bot.Say("/correct 7 source Contributor report #2", Tg.Moderator));
        Assert.Contains("source corrected", await _bot.Say("/correct 7 source Example | https://example.org/other-story", Tg.Moderator));
        Assert.Equal(4, (await Sources(7)).Count);
    }

    [Fact]
    public async Task The_duplicate_hint_is_found_again_after_each_edit()
    {
        var id = await _bot.File("Drone hit a substation");
        Assert.DoesNotContain("Possible duplicate", _bot.Card(Tg.Moderator.Id, id).Text);

        await _bot.Say($"/edit #{id} place Kyiv", Tg.Moderator);
        await _bot.Settled(id);
        var card = _bot.Card(Tg.Moderator.Id, id);
        Assert.Contains("Possible duplicate of /incident_6 (Azerbaijani embassy)", card.Text);
        Assert.Contains("mg:1:6", Buttons(card));

        await _bot.Say($"/edit #{id} place Lviv", Tg.Moderator);
        await _bot.Settled(id);
        card = _bot.Card(Tg.Moderator.Id, id);
        Assert.DoesNotContain("Possible duplicate", card.Text);
        Assert.DoesNotContain("mg:1:6", Buttons(card));
        Assert.Null((await _bot.Report(id)).DuplicateOfId);
    }

    async Task<List<string>> Sources(long incidentId)
    {
        await using var db = _bot.Db();
        return await db.IncidentSources.Where(s => s.IncidentId == incidentId).OrderBy(s => s.Id).Select(s => s.Name).ToListAsync();
    }
}
