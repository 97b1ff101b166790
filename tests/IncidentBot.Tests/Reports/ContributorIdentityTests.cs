using System.Text;
using IncidentBot.Incidents.Export;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using IncidentBot.Tests.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Reports;

/// <summary>A contributor's name, username and id stay with the moderators: nothing public carries them.</summary>
public sealed class ContributorIdentityTests
{
    /// <summary>Someone whose every trace is unmistakable: no other text in the bot contains these.</summary>
    internal static User Witness => new() { Id = 7_700_000_123, FirstName = "Zebulon", LastName = "Quixworth", Username = "zq_witness_77", LanguageCode = "en" };

    internal static readonly string[] Traces = ["Zebulon", "Quixworth", "zq_witness_77", "7700000123"];

    [Theory, BothDatabases]
    public async Task A_published_report_shows_its_contributor_to_moderators_only(string database)
    {
        await using var bot = await ModeratedBot.StartAsync(BothDatabasesAttribute.Provider(database), ModeratedBot.ModeratorChats);
        await Subscribe(bot.Harness, Everything(Tg.Bob.Id));
        var reportId = await bot.File("Drone hit the fuel depot near the port https://example.org/depot", Witness);

        var card = bot.Card(Tg.Moderator.Id, reportId).Text!;
        Assert.All(Traces, trace => Assert.Contains(trace, card)); // the moderators know who told them

        await bot.Ask(Tg.Text($"/edit #{reportId} place Odesa", Tg.Moderator));
        await bot.Ask(Tg.Text($"/edit #{reportId} category energy", Tg.Moderator));
        await bot.Ask(Tg.Text($"/approve #{reportId}", Tg.Moderator));
        await bot.Settled(reportId);
        var incidentId = (await bot.Report(reportId)).IncidentId!.Value;

        var alert = await bot.Api.WaitForCall(c => c.ChatId == Tg.Bob.Id && c.Text?.Contains($"/incident_{incidentId}") == true);
        var published = new List<string>
        {
            alert.Text!,
            (await bot.Ask(Tg.Text($"/incident {incidentId}", Tg.Alice))).Text!,
            (await bot.Ask(Tg.Text("/recent", Tg.Alice))).Text!,
            (await bot.Ask(Tg.Text("/search fuel depot", Tg.Alice))).Text!,
        };
        Assert.Contains($"/incident_{incidentId}", published[^1]);
        var sentBeforeSearchingForThem = bot.Api.Calls;
        foreach (var trace in Traces)
            Assert.Contains("Nothing in the record matches", (await bot.Ask(Tg.Text($"/search {trace}", Tg.Alice))).Text);
        foreach (var format in OpenDataFiles.ChatFormats)
            published.Add(Encoding.UTF8.GetString((await ExportTests.Export(bot.Harness, format, Tg.Alice)).Bytes));
        await using (var scope = bot.Harness.Services.CreateAsyncScope())
            published.Add(Encoding.UTF8.GetString((await scope.ServiceProvider.GetRequiredService<OpenDataFiles>().Atom(default)).Bytes));

        Assert.Contains(published, text => text.Contains("fuel depot", StringComparison.Ordinal));
        foreach (var trace in Traces)
            Assert.DoesNotContain(published, text => text.Contains(trace, StringComparison.OrdinalIgnoreCase));
        // Nor anything the bot sent to anyone but the moderators and the contributor (before the searches above echoed them).
        var others = sentBeforeSearchingForThem.Where(c => c.ChatId is { } chat && chat != Witness.Id && !ModeratedBot.ModeratorChats.Contains(chat)).ToList();
        Assert.NotEmpty(others);
        foreach (var trace in Traces)
            Assert.DoesNotContain(others, c => c.Body.ToJsonString().Contains(trace, StringComparison.OrdinalIgnoreCase));
    }
}
