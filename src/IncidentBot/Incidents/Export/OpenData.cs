using System.Globalization;
using IncidentBot.Data;
using IncidentBot.Incidents.Places;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Incidents.Export;

/// <summary>
/// The published record as open data, one row per incident with ACLED-style columns; the CSV, GeoJSON and Atom
/// exporters all read it from here. Retracted incidents and drafts are left out, and the rows are the current ones,
/// so a correction is in the next export.
/// </summary>
internal static class OpenData
{
    /// <summary>The columns, in the CSV's order; GeoJSON properties carry the same names.</summary>
    public static readonly string[] Columns =
    [
        "id", "event_date", "time_precision", "year", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
        "target", "category", "affected_country", "weapon", "damage", "killed", "injured", "attribution", "acknowledged",
        "grade", "sources", "source_urls", "notes", "published_at", "updated_at",
    ];

    /// <summary>ACLED's time_precision codes (1 day, 2 week, 3 month) and ours for a year, which ACLED does not have.</summary>
    public const int DayCode = 1, MonthCode = 3, YearCode = 4;

    public static Task<List<Incident>> Published(BotDb db, CancellationToken ct) =>
        db.Incidents.Include(i => i.Sources).AsSplitQuery()
            .Where(i => i.Status == IncidentStatus.Published).OrderBy(i => i.Id).ToListAsync(ct);

    /// <summary>
    /// One incident's values in <see cref="Columns"/> order: strings, ints, doubles, bools, DateTimes (UTC), or null
    /// for unknown. A month-precision date is "2024-01", never a day; an "on or before" one is "[..2024-01-15]".
    /// </summary>
    public static object?[] Row(Incident i, Gazetteer gazetteer)
    {
        var (lat, lon, geo) = Where(i, gazetteer);
        var sources = i.Sources.OrderBy(s => s.Id).ToList();
        return
        [
            i.Id, EventDate(i), i.Precision switch { DatePrecision.Day => DayCode, DatePrecision.Month => MonthCode, _ => YearCode },
            i.OccurredOn.Year, i.Country, i.Region, i.Place, lat, lon, geo,
            i.Target, i.Category?.ToString().ToLowerInvariant(), i.AffectedCountry, i.Weapon, i.Damage, i.Killed, i.Injured,
            i.AttributedTo, i.Acknowledged, i.Grade.ToString().ToLowerInvariant(),
            Joined(sources.Select(s => s.Name)), Joined(sources.Select(s => s.Url)),
            // The notes are separate remarks ("a Russian missile"; the context): kept apart as the sources are.
            Joined([i.Summary, i.DateNote, i.LocationNote, i.CasualtiesNote, i.AttributionNote, i.Context]),
            Utc(i.CreatedAt), Utc(i.UpdatedAt),
        ];
    }

    /// <summary>
    /// An EDTF date (ISO 8601-2), as precise as known: "2024-01-15", "2024-01", "2024"; a date known only as an upper bound
    /// is EDTF's "one of the days on or before", "[..2024-01-15]", so no reader takes the bound for the day it happened.
    /// </summary>
    public static string EventDate(Incident i) => i.OnOrBefore ? $"[..{Date(i)}]" : Date(i);

    /// <summary>The date itself, at its precision: the day, or the bound of an "on or before" date.</summary>
    public static string Date(Incident i) => i.OccurredOn.ToString(i.Precision switch
    {
        DatePrecision.Day => "yyyy-MM-dd",
        DatePrecision.Month => "yyyy-MM",
        _ => "yyyy",
    }, CultureInfo.InvariantCulture);

    /// <summary>
    /// The incident's own coordinates, else its gazetteer place's centre, and which of them it is: "exact" (a moderator's
    /// choice), "approximate, ±1 km" (snapped to the grid: a reporter's pin never leaves exact), "approximate" (recorded
    /// before the grid), or the place's centre.
    /// </summary>
    public static (double? Latitude, double? Longitude, string? Precision) Where(Incident i, Gazetteer gazetteer)
    {
        var place = i.PlaceId is { } id ? gazetteer.Find(id) : null;
        if (i.Latitude is { } lat && i.Longitude is { } lon)
            return (lat, lon, i.CoordinatePrecision switch
            {
                CoordinatePrecision.Approximate when i.CoordinateKm is { } km => FormattableString.Invariant($"approximate, ±{km:0.##} km"),
                CoordinatePrecision.Approximate => "approximate",
                CoordinatePrecision.PlaceCentroid => Centroid(place),
                _ => "exact",
            });
        return place is null ? (null, null, null) : (place.Latitude, place.Longitude, Centroid(place));
    }

    static string Centroid(Place? place) =>
        place is null ? "place centroid" : $"place centroid: {place.Kind.ToString().ToLowerInvariant()}";

    static string? Joined(IEnumerable<string?> parts, string separator = "; ")
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        return present.Count == 0 ? null : string.Join(separator, present);
    }

    static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
