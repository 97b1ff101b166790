using System.Globalization;
using System.Text;
using System.Text.Json;
using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Telegram.Bot.Types;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Incidents;

/// <summary>
/// A reporter's pin is the moderators' alone: the public gets a point snapped to the Reports:PublishedCoordinateKm grid,
/// labelled with its margin on cards, alerts, the map button and the exports, unless a moderator sets exact coordinates.
/// </summary>
public sealed class PublishedPointTests
{
    const double PinLat = 50.451234, PinLon = 30.523456;

    /// <summary>How the pin would read anywhere the record shows coordinates (four decimals), and as typed.</summary>
    static readonly string[] PinTexts = ["50.4512", "30.5235", "50.45123", "30.52346"];

    [Fact]
    public async Task A_pin_is_published_no_finer_than_the_grid_while_the_moderators_card_shows_it_exactly()
    {
        await using var bot = await Reports.ModeratedBot.StartAsync();
        await Subscribe(bot.Harness, Everything(Tg.Bob.Id));
        await bot.Ask(Tg.Text("/help", Tg.Bob)); // Bob's chat reads Ukrainian from now on
        var reportId = await FileWithPin(bot, Tg.Alice, PinLat, PinLon);

        var card = bot.Card(Tg.Moderator.Id, reportId).Text!;
        Assert.Contains("📍 50.451234, 30.523456", card);
        Assert.Contains("(approximate, ±1 km) — the pin above is for moderators only", card);

        var incidentId = await Approve(bot, reportId);
        await using (var db = bot.Db())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId);
            Assert.Equal((CoordinatePrecision.Approximate, 1.0), (incident.CoordinatePrecision, incident.CoordinateKm));
            AssertOnGrid(incident.Latitude!.Value, incident.Longitude!.Value, 1, PinLat, PinLon);
            var report = await db.Reports.SingleAsync(r => r.Id == reportId);
            Assert.Equal((PinLat, PinLon), (report.Latitude, report.Longitude)); // kept, for moderators
        }

        // Everything the public reads: the card, its map, the alert, the exports.
        var shown = await bot.Ask(Tg.Text($"/incident {incidentId}", Tg.Alice));
        Assert.Contains("(approximate, ±1 km)", shown.Text);
        bot.Api.Enqueue(Tg.Tap($"map:{incidentId}", from: Tg.Alice, messageId: shown.MessageId));
        var venue = await bot.Api.WaitForCall(c => c.Method == "sendVenue");
        Assert.Contains("(approximate, ±1 km)", venue["title"]);
        var alert = await bot.Api.WaitForCall(c => c.ChatId == Tg.Bob.Id && c.Text?.Contains($"/incident_{incidentId}") == true);
        Assert.Contains("(приблизно, ±1 км)", alert.Text);
        var (_, csv) = await ExportTests.Export(bot.Harness, "csv", Tg.Alice);
        var rows = Csv.Rows(Encoding.UTF8.GetString(csv));
        var row = rows[0].Zip(rows.Single(r => r[0] == incidentId.ToString(CultureInfo.InvariantCulture))).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("approximate, ±1 km", row["geo_precision"]);
        AssertOnGrid(double.Parse(row["latitude"], CultureInfo.InvariantCulture), double.Parse(row["longitude"], CultureInfo.InvariantCulture), 1, PinLat, PinLon);
        var (_, geojson) = await ExportTests.Export(bot.Harness, "geojson", Tg.Alice);
        using var json = JsonDocument.Parse(geojson);
        var feature = json.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetInt64() == incidentId);
        Assert.Equal("approximate, ±1 km", feature.GetProperty("properties").GetProperty("geo_precision").GetString());

        var everyPublicText = new[] { shown.Text!, venue["title"]!, venue["latitude"]!, venue["longitude"]!, alert.Text!,
            Encoding.UTF8.GetString(csv), Encoding.UTF8.GetString(geojson) };
        foreach (var pin in PinTexts) Assert.DoesNotContain(everyPublicText, text => text.Contains(pin, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_grid_is_the_configured_one()
    {
        await using var bot = await Reports.ModeratedBot.StartAsync(("Reports:PublishedCoordinateKm", "5"));
        var incidentId = await Approve(bot, await FileWithPin(bot, Tg.Alice, PinLat, PinLon));

        await using (var db = bot.Db())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId);
            Assert.Equal(5.0, incident.CoordinateKm);
            AssertOnGrid(incident.Latitude!.Value, incident.Longitude!.Value, 5, PinLat, PinLon);
        }
        Assert.Contains("(approximate, ±5 km)", (await bot.Ask(Tg.Text($"/incident {incidentId}", Tg.Alice))).Text);
    }

    [Fact]
    public async Task A_moderator_publishes_exact_coordinates_only_on_purpose_and_typed_ones_are_snapped_too()
    {
        await using var bot = await Reports.ModeratedBot.StartAsync();
        var reportId = await FileWithPin(bot, Tg.Alice, PinLat, PinLon);

        var edited = await bot.Say($"/edit #{reportId} coords 50.4501,30.5234 exact", Tg.Moderator);
        Assert.Contains("50.4501, 30.5234 (exact)", edited);
        var incidentId = await Approve(bot, reportId);
        Assert.Contains("50.4501, 30.5234 (exact)", (await bot.Ask(Tg.Text($"/incident {incidentId}", Tg.Alice))).Text);
        await using (var db = bot.Db())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId);
            Assert.Equal((50.4501, 30.5234, CoordinatePrecision.Exact, (double?)null),
                (incident.Latitude, incident.Longitude, incident.CoordinatePrecision, incident.CoordinateKm));
        }

        // Typed without "exact" (a pin copied from the card, say): snapped like a pin.
        Assert.Contains("corrected", await bot.Say($"/correct {incidentId} coords {PinLat.ToString(CultureInfo.InvariantCulture)},{PinLon.ToString(CultureInfo.InvariantCulture)}", Tg.Moderator));
        await using (var db = bot.Db())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId);
            Assert.Equal((CoordinatePrecision.Approximate, 1.0), (incident.CoordinatePrecision, incident.CoordinateKm));
            AssertOnGrid(incident.Latitude!.Value, incident.Longitude!.Value, 1, PinLat, PinLon);
            var audit = await db.Audit.Where(a => a.Field == "coords").OrderBy(a => a.Id).Select(a => a.After).ToListAsync();
            Assert.Equal("50.4501,30.5234 exact", audit[0]);
            Assert.DoesNotContain("exact", audit[1]);
        }
        Assert.Contains("latitude,longitude", await bot.Say($"/correct {incidentId} coords 50.45,30.52 roughly", Tg.Moderator));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(25)]
    public void Every_point_of_a_cell_snaps_to_one_node_within_the_margin(double km)
    {
        var random = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var (lat, lon) = (random.NextDouble() * 170 - 85, random.NextDouble() * 360 - 180);
            var (snappedLat, snappedLon) = Geo.Snap(lat, lon, km);
            AssertOnGrid(snappedLat, snappedLon, km, lat, lon);
            Assert.Equal((snappedLat, snappedLon), Geo.Snap(snappedLat, snappedLon, km)); // a node is its own cell's node
            // A second report from nearly the same spot gives nothing away: same node, or a neighbouring one.
            var (againLat, againLon) = Geo.Snap(lat + 1e-5, lon + 1e-5, km);
            Assert.True(Geo.DistanceKm(snappedLat, snappedLon, againLat, againLon) is var d && (d < 1e-6 || d > km * 0.5), $"{d} km apart");
        }
    }

    [Fact]
    public async Task An_old_install_has_the_pins_it_published_exactly_rounded_to_the_kilometre_at_upgrade()
    {
        await using var bot = await BotHarness.StartAsync(existing: harness => OldInstallWithAPin(harness.ConnectionString));

        await using (var db = bot.NewDb())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Id == 101);
            Assert.Equal((50.45, 30.52, CoordinatePrecision.Approximate, (double?)1), (incident.Latitude, incident.Longitude, incident.CoordinatePrecision, incident.CoordinateKm));
            var moderatorsPoint = await db.Incidents.SingleAsync(i => i.Id == 102);
            Assert.Equal((50.4501, CoordinatePrecision.Approximate, (double?)null), (moderatorsPoint.Latitude, moderatorsPoint.CoordinatePrecision, moderatorsPoint.CoordinateKm));
        }
        var card = (await bot.Ask(Tg.Text("/incident 101", Tg.Alice))).Text!;
        Assert.Contains("50.45, 30.52 (approximate, ±1 km)", card);
        Assert.Contains("50.4501, 30.5234 (approximate)", (await bot.Ask(Tg.Text("/incident 102", Tg.Alice))).Text);
    }

    static async Task OldInstallWithAPin(string connectionString)
    {
        await using var db = new IncidentBot.Data.BotDb(new DbContextOptionsBuilder<IncidentBot.Data.BotDb>().UseSqlite(connectionString).Options);
        await db.GetService<IMigrator>().MigrateAsync("20261201182346_Leases");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Incidents (Id, Status, Summary, Country, Target, OccurredOn, Precision, Alerted, CreatedAt, UpdatedAt, Latitude, Longitude, CoordinatePrecision)
            VALUES (101, 'Published', 'Drone hit the depot', 'Ukraine', '', '2025-11-19 00:00:00', 'Day', 1, '2025-11-19 00:00:00', '2025-11-19 00:00:00', 50.451234, 30.523456, 'Exact'),
                   (102, 'Published', 'Missile near the embassy', 'Ukraine', '', '2025-11-19 00:00:00', 'Day', 1, '2025-11-19 00:00:00', '2025-11-19 00:00:00', 50.4501, 30.5234, 'Approximate');
            """);
    }

    /// <summary>A node of the km grid (its latitude a whole number of rows), and no further from the pin than half a cell's diagonal.</summary>
    static void AssertOnGrid(double lat, double lon, double km, double pinLat, double pinLon)
    {
        var rows = lat / (km / (6371.0088 * Math.PI / 180));
        Assert.True(Math.Abs(rows - Math.Round(rows)) < 1e-3, $"{lat} is not on a {km} km row");
        Assert.True(Geo.DistanceKm(lat, lon, pinLat, pinLon) <= km / Math.Sqrt(2) + 1e-3, $"{lat},{lon} is too far from {pinLat},{pinLon}");
        Assert.NotEqual((pinLat, pinLon), (lat, lon));
    }

    /// <summary>The guided /report with a location pin as its place; the report's number once every moderator has its card.</summary>
    internal static async Task<long> FileWithPin(Reports.ModeratedBot bot, User from, double lat, double lon)
    {
        await bot.Expect("/report", from, "What happened?");
        await bot.Expect("Drone hit the fuel depot", from, "Where?");
        await bot.Expect(Tg.Location(lat, lon, from), "When?");
        await bot.Expect(bot.Button("Today", from), "A source link?");
        await bot.Expect(bot.Button("Skip", from), "Photos?");
        await bot.Expect(bot.Button("Done", from), "check it and submit");
        var filed = await bot.Expect(bot.Button("✅ Submit", from), "is with the moderators");
        var id = long.Parse(System.Text.RegularExpressions.Regex.Match(filed, @"#(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        await bot.Filed(id, from);
        return id;
    }

    static async Task<long> Approve(Reports.ModeratedBot bot, long reportId)
    {
        Assert.Contains("published as", await bot.Say($"/approve #{reportId}", Tg.Moderator));
        await bot.Settled(reportId);
        return (await bot.Report(reportId)).IncidentId!.Value;
    }
}
