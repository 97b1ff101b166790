using System.Xml.Linq;
using IncidentBot.Data;
using IncidentBot.Tests.Fakes;
using IncidentBot.Tests.Incidents;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Http;

/// <summary>/incidents.csv, .geojson and .atom on Http:Urls: the chat export's bytes, and a feed that shows corrections.</summary>
public sealed class OpenDataEndpointTests
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_endpoints_serve_the_chat_exports_bytes_with_their_content_types()
    {
        var port = FreePort.Next();
        await using var bot = await Start(DatabaseProvider.Sqlite, new TestClock(), ("Http:Urls", $"http://127.0.0.1:{port}"));

        foreach (var (format, type) in new[] { ("csv", "text/csv; charset=utf-8"), ("geojson", "application/geo+json") })
        {
            var (_, chat) = await ExportTests.Export(bot, format, Tg.Alice);
            using var response = await Http.GetAsync($"http://127.0.0.1:{port}/incidents.{format}");
            Assert.True(response.IsSuccessStatusCode, response.ToString());
            Assert.Equal(type, response.Content.Headers.ContentType?.ToString());
            Assert.Equal(chat, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_atom_feed_updates_a_corrected_incidents_entry_and_drops_a_retracted_one()
    {
        var port = FreePort.Next();
        var clock = new TestClock();
        await using var bot = await Start(DatabaseProvider.Sqlite, clock, ("Http:Urls", $"http://127.0.0.1:{port}"));
        var before = await Feed(port);
        Assert.Equal(6, before.Root!.Elements(Atom + "entry").Count());

        clock.Advance(TimeSpan.FromMinutes(5));
        await bot.Ask(Tg.Text("/correct 2 weapon Kinzhal missile, per a second source", from: Tg.Moderator));
        await bot.Ask(Tg.Text("/correct 2 source Digi24", from: Tg.Moderator));
        await bot.Ask(Tg.Text("/retract 1 the source withdrew it", from: Tg.Moderator));
        var after = await Feed(port);

        var (old, updated) = (Entry(before, 2), Entry(after, 2));
        Assert.True(DateTimeOffset.Parse(Updated(updated)) > DateTimeOffset.Parse(Updated(old)), $"{Updated(old)} -> {Updated(updated)}");
        Assert.Equal(Updated(Entry(before, 6)), Updated(Entry(after, 6)));
        Assert.Contains("per a second source", updated.Element(Atom + "summary")!.Value);
        Assert.EndsWith("Grade: reported.", old.Element(Atom + "summary")!.Value);
        Assert.EndsWith("Grade: corroborated.", updated.Element(Atom + "summary")!.Value); // The Moscow Times and Digi24
        Assert.EndsWith("?start=incident_2", updated.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Equal(5, after.Root!.Elements(Atom + "entry").Count());
    }

    static XElement Entry(XDocument feed, long id) =>
        feed.Root!.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value.EndsWith($"/incident/{id}", StringComparison.Ordinal));

    static string Updated(XElement entry) => entry.Element(Atom + "updated")!.Value;

    static async Task<XDocument> Feed(int port)
    {
        using var response = await Http.GetAsync($"http://127.0.0.1:{port}/incidents.atom");
        Assert.True(response.IsSuccessStatusCode, response.ToString());
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
