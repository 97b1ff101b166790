using System.Text;
using System.Text.Json;
using IncidentBot.Data;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Incidents;

/// <summary>/export csv|geojson in chat: the published record as a document, read back as a researcher's tools would.</summary>
public sealed class ExportTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    async Task Begin(string database = nameof(DatabaseProvider.Sqlite)) =>
        _bot = await Start(BothDatabasesAttribute.Provider(database), new TestClock());

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    [Theory, BothDatabases]
    public async Task The_seed_exports_as_six_csv_rows_with_month_precision_and_Kyiv_at_its_gazetteer_centre(string database)
    {
        await Begin(database);
        var (document, bytes) = await Export(_bot, "csv", Tg.Alice);

        Assert.Equal("incidents.csv", document.UploadName("document"));
        Assert.Contains("as CSV", document.Text);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        var rows = Csv.Rows(text);
        Assert.Equal(["id", "event_date", "time_precision", "year", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
            "target", "category", "affected_country", "weapon", "damage", "killed", "injured", "attribution", "acknowledged",
            "grade", "sources", "source_urls", "notes", "published_at", "updated_at"], rows[0]);
        var seed = rows.Skip(1).Select(r => rows[0].Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(6, seed.Count);

        var january = seed.Single(r => r["id"] == "2");
        Assert.Equal("2024-01", january["event_date"]);
        Assert.Equal("3", january["time_precision"]);
        Assert.Equal("1", seed.Single(r => r["id"] == "1")["time_precision"]);
        Assert.Equal("2022-03-10", seed.Single(r => r["id"] == "1")["event_date"]);
        foreach (var kyiv in seed.Where(r => r["location"] == "Kyiv"))
        {
            Assert.Equal(50.45, double.Parse(kyiv["latitude"], System.Globalization.CultureInfo.InvariantCulture), 1);
            Assert.Equal(30.5, double.Parse(kyiv["longitude"], System.Globalization.CultureInfo.InvariantCulture), 1);
            Assert.Equal("place centroid: city", kyiv["geo_precision"]);
        }
        Assert.Equal(3, seed.Count(r => r["location"] == "Kyiv"));
        var unknown = seed.Single(r => r["id"] == "3");
        Assert.Equal(("", "", ""), (unknown["latitude"], unknown["longitude"], unknown["geo_precision"]));
        Assert.Equal("", january["killed"]); // unknown, not none
        Assert.Equal(("", ""), (seed.Single(r => r["id"] == "1")["attribution"], seed.Single(r => r["id"] == "1")["acknowledged"])); // the source names no one
        Assert.Equal("false", seed.Single(r => r["id"] == "6")["acknowledged"]);
        Assert.Equal("The Moscow Times", january["sources"]);
        Assert.All(seed, r => Assert.Equal("reported", r["grade"])); // each rests on one outlet's account
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_correction_is_in_the_csv_quoted_by_rfc_4180_and_a_retracted_incident_is_not()
    {
        await Begin();
        const string awkward = "Embassy, \"main\" building\nand annex";
        await _bot.Ask(Tg.Text($"/correct 2 target {awkward}", from: Tg.Moderator));
        await _bot.Ask(Tg.Text("/correct 5 killed 0", from: Tg.Moderator));
        await _bot.Ask(Tg.Text("/retract 1 the source withdrew it", from: Tg.Moderator));

        var (_, bytes) = await Export(_bot, "csv", Tg.Alice);

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains(",\"Embassy, \"\"main\"\" building\nand annex\",", text);
        var rows = Csv.Rows(text);
        var byId = rows.Skip(1).ToDictionary(r => r[0]);
        Assert.Equal(["2", "3", "4", "5", "6"], byId.Keys.Order());
        Assert.Equal(awkward, byId["2"][Array.IndexOf(rows[0], "target")]);
        Assert.Equal("0", byId["5"][Array.IndexOf(rows[0], "killed")]);
        Assert.Equal("", byId["6"][Array.IndexOf(rows[0], "killed")]);
    }

    [Theory, BothDatabases]
    public async Task The_geojson_is_a_feature_collection_with_lon_lat_points_and_null_geometry_where_unknown(string database)
    {
        await Begin(database);
        var (document, bytes) = await Export(_bot, "geojson", Tg.Alice);

        Assert.Equal("incidents.geojson", document.UploadName("document"));
        using var json = JsonDocument.Parse(bytes);
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(6, features.Count);
        Assert.All(features, f => Assert.Equal("Feature", f.GetProperty("type").GetString()));
        var kyiv = features.Where(f => f.GetProperty("properties").GetProperty("location").GetString() == "Kyiv").ToList();
        Assert.Equal(3, kyiv.Count);
        foreach (var f in kyiv)
        {
            var point = f.GetProperty("geometry");
            Assert.Equal("Point", point.GetProperty("type").GetString());
            var c = point.GetProperty("coordinates").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.Equal(30.5, c[0], 1); // longitude first
            Assert.Equal(50.45, c[1], 1);
            Assert.Equal("place centroid: city", f.GetProperty("properties").GetProperty("geo_precision").GetString());
        }
        var unknown = features.Single(f => f.GetProperty("id").GetInt64() == 3);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("geometry").ValueKind);
        var january = features.Single(f => f.GetProperty("id").GetInt64() == 2).GetProperty("properties");
        Assert.Equal("2024-01", january.GetProperty("event_date").GetString());
        Assert.Equal(3, january.GetProperty("time_precision").GetInt32());
        Assert.Equal(JsonValueKind.Null, january.GetProperty("killed").ValueKind);
        Assert.Equal("reported", january.GetProperty("grade").GetString());
    }

    [Fact]
    public async Task Export_in_Ukrainian_gets_the_Ukrainian_caption()
    {
        await Begin();
        var (document, _) = await Export(_bot, "geojson", Tg.Bob); // Bob reads Ukrainian
        Assert.Contains("Опублікований реєстр у форматі GeoJSON", document.Text);
    }

    [Theory]
    [InlineData("/export")]
    [InlineData("/export pdf")]
    [InlineData("/export csv geojson")]
    public async Task Export_without_a_known_format_gets_the_usage_line(string command)
    {
        await Begin();
        var reply = await _bot.Ask(Tg.Text(command, from: Tg.Alice));
        Assert.Equal("sendMessage", reply.Method);
        Assert.Contains("Usage: <code>/export csv</code>", reply.Text);
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Method == "sendDocument");
    }

    internal static async Task<(ApiCall Document, byte[] Bytes)> Export(BotHarness bot, string format, global::Telegram.Bot.Types.User from)
    {
        var document = await bot.Ask(Tg.Text($"/export {format}", from: from));
        Assert.Equal("sendDocument", document.Method);
        Assert.True(document.Succeeded, document.ToString());
        return (document, document.Upload("document") ?? throw new Xunit.Sdk.XunitException("no document was uploaded: " + document.Body.ToJsonString()));
    }
}

/// <summary>A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes and line breaks inside.</summary>
internal static class Csv
{
    public static List<string[]> Rows(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                for (i++; ; i++)
                {
                    if (i >= text.Length) throw new FormatException("unterminated quoted field");
                    if (text[i] != '"') { field.Append(text[i]); continue; }
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; continue; }
                    i++;
                    break;
                }
            }
            else if (text[i] == ',') { row.Add(field.ToString()); field.Clear(); i++; }
            else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); i += 2;
            }
            else if (text[i] is '"' or '\r' or '\n') throw new FormatException($"bare {(int)text[i]} at {i}");
            else field.Append(text[i++]);
        }
        if (row.Count > 0 || field.Length > 0) throw new FormatException("the last record has no CRLF");
        return rows;
    }
}
