using IncidentBot.Data;
using IncidentBot.Incidents.Places;
using IncidentBot.Telegram;

namespace IncidentBot.Incidents.Export;

/// <summary>The export files, made from the current record each time: what /export sends and the HTTP endpoints serve.</summary>
internal sealed class OpenDataFiles(BotDb db, Gazetteer gazetteer, BotIdentity identity, TimeProvider clock)
{
    public sealed record File(string Name, string ContentType, byte[] Bytes);

    /// <summary>The formats /export offers, by the word it takes; the Atom feed is served over HTTP only.</summary>
    public static readonly string[] ChatFormats = ["csv", "geojson"];

    public async Task<File> Csv(CancellationToken ct) =>
        new("incidents.csv", "text/csv; charset=utf-8", CsvExport.Write(await Rows(ct)));

    public async Task<File> GeoJson(CancellationToken ct) =>
        new("incidents.geojson", "application/geo+json", GeoJsonExport.Write(await Rows(ct)));

    public async Task<File> Atom(CancellationToken ct) =>
        new("incidents.atom", "application/atom+xml", AtomFeed.Write(await OpenData.Published(db, ct), identity.Username, clock.GetUtcNow().UtcDateTime));

    public Task<File>? ByFormat(string format, CancellationToken ct) => format.ToLowerInvariant() switch
    {
        "csv" => Csv(ct),
        "geojson" => GeoJson(ct),
        _ => null,
    };

    async Task<List<object?[]>> Rows(CancellationToken ct) =>
        [.. (await OpenData.Published(db, ct)).Select(i => OpenData.Row(i, gazetteer))];
}
