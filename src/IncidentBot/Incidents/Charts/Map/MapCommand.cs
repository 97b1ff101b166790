using System.Globalization;
using System.Text.RegularExpressions;
using IncidentBot.Alerts;
using IncidentBot.Data;
using IncidentBot.Incidents.Export;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Incidents.Charts.Map;

/// <summary>
/// /map, /map Kyiv, /map 90d, /map diplomatic, affected: Azerbaijan, 30d: the published incidents on a map of the
/// region. Filters are /subscribe's (one reader for both), plus a period in days. An incident is drawn where its
/// own coordinates put it, or at its town's centre as approximate; one known only to a region or country is listed
/// in the caption as not on the map.
/// </summary>
internal sealed partial class MapCommand(BotDb db, Replies replies, Pictures pictures, IncidentPlaces places, Gazetteer gazetteer, TimeProvider clock)
{
    public const int MaxDays = 3650;
    // The newest this many are drawn; more numbered dots than this are no longer readable on one picture.
    public const int MaxSpots = 150;
    // More lines than a caption's 1024 characters hold; the caption is cut at a line.
    const int CaptionLines = 30;

    public async Task Show(Incoming m, CancellationToken ct)
    {
        var (filter, days, error) = Parse(m.Args, m.T.Language);
        if (error is not null)
        {
            await replies.Reply(m.Message, m.T.Format(error.Key, error.Args) + "\n\n" + m.T["map.usage"], ct: ct);
            return;
        }
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var version = await IncidentStats.Version(db, ct);
        var key = string.Join(':', "map", m.T.Language, filter.AreaKey, filter.Category, filter.AffectedKey, filter.Latitude, filter.Longitude,
            filter.RadiusKm, filter.Grade, days, days is null ? "" : today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await pictures.Send(replies, m.Message, version, key, () => Make(filter, days, today, m.T, ct), ct);
    }

    async Task<Pictures.Picture> Make(Subscription filter, int? days, DateTime today, Texts t, CancellationToken ct)
    {
        var query = db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatus.Published);
        if (days is { } d)
        {
            var since = today.AddDays(-d);
            query = query.Where(i => i.OccurredOn >= since);
        }
        // What matching and placing need, for every published incident (a big record is many rows, so only these
        // columns); the full rows only for the few the caption names.
        var incidents = await query.OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.Id)
            .Select(i => new Incident
            {
                Id = i.Id, OccurredOn = i.OccurredOn, Country = i.Country, Region = i.Region, Place = i.Place, PlaceId = i.PlaceId,
                Latitude = i.Latitude, Longitude = i.Longitude, CoordinatePrecision = i.CoordinatePrecision,
                Category = i.Category, AffectedCountry = i.AffectedCountry, Grade = i.Grade,
            })
            .ToListAsync(ct);
        if (filter.AreaKey is not null || filter.AffectedKey is not null || filter.Category is not null || filter.RadiusKm is not null || filter.Grade is not null)
        {
            // Many incidents share a location: its keys are worked out once.
            var keys = new Dictionary<(string?, string?, string?, string, string?), AreaKeys>();
            incidents = [.. incidents.Where(i => Matches(filter, i,
                keys.TryGetValue((i.PlaceId, i.Place, i.Region, i.Country, i.AffectedCountry), out var k) ? k
                    : keys[(i.PlaceId, i.Place, i.Region, i.Country, i.AffectedCountry)] = places.Keys(i)))];
        }
        var spots = new List<IncidentMap.Spot>();
        var unplacedIds = new List<long>();
        foreach (var i in incidents)
        {
            if (Position(i) is not { } spot) unplacedIds.Add(i.Id);
            else if (spots.Count < MaxSpots) spots.Add(spot);
        }
        var named = unplacedIds.Take(CaptionLines).ToList();
        var unplaced = (await db.Incidents.AsNoTracking().Where(i => named.Contains(i.Id)).ToListAsync(ct))
            .OrderBy(i => named.IndexOf(i.Id)).ToList();

        var what = Describe(filter, days, t);
        var caption = Caption(incidents.Count, spots, unplacedIds.Count, unplaced, what, t);
        if (incidents.Count == 0) return new(null, caption);
        var title = what.Length == 0 ? t["map.title"] : t.Format("map.title_of", System.Net.WebUtility.HtmlDecode(what));
        return new(IncidentMap.Png(spots, t, title, gazetteer, wholeRegion: filter.AreaKey is null && filter.Latitude is null), caption);
    }

    /// <summary>The subscription filters and the period ("90d", "90 днів", "30 gün"); an error for what is neither.</summary>
    internal (Subscription Filter, int? Days, FilterError? Error) Parse(string args, string language)
    {
        var filter = new Subscription();
        int? days = null;
        var rest = Period().Replace(args, match =>
        {
            days = int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
            return ",";
        });
        if (days is < 1 or > MaxDays) return (filter, days, new FilterError("map.bad_days", MaxDays));
        if (rest.Trim().Trim(',').Trim().Length == 0) return (filter, days, null);
        var error = SubscriptionFilters.Parse(rest, filter, gazetteer, language);
        return (filter, days, error);
    }

    /// <summary>What <see cref="AlertOutbox.Published"/> asks of a subscription in SQL, for incidents already loaded.</summary>
    static bool Matches(Subscription s, Incident i, AreaKeys keys)
    {
        if (s.AreaKey is { } area && !keys.Place.Concat(keys.Region).Concat(keys.Country).Contains(area)
            && !(s.IncludesAffected && keys.Affected.Contains(area))) return false;
        if (s.Category is { } category && i.Category != category) return false;
        if (s.AffectedKey is { } affected && !keys.Affected.Contains(affected)) return false;
        if (s.Grade is { } grade && i.Grade < grade) return false;
        if (s is { Latitude: { } lat, Longitude: { } lon, RadiusKm: { } km })
            return i is { Latitude: { } ilat, Longitude: { } ilon } && Geo.DistanceKm(lat, lon, ilat, ilon) <= km;
        return true;
    }

    /// <summary>Its own coordinates (exact or not, as recorded), else its town's or district's centre as approximate.</summary>
    IncidentMap.Spot? Position(Incident i)
    {
        var (lat, lon, precision) = OpenData.Where(i, gazetteer);
        if (lat is null || lon is null) return null;
        var own = i.Latitude is not null && i.Longitude is not null;
        var place = i.PlaceId is { } id ? gazetteer.Find(id) : null;
        if (!own && place is not { Kind: PlaceKind.City or PlaceKind.District }) return null;
        return new(i.Id, lat.Value, lon.Value, precision == "exact", i.Category);
    }

    static string Describe(Subscription filter, int? days, Texts t)
    {
        var parts = new List<string>();
        if (filter.Area is not null || filter.Category is not null || filter.Affected is not null || filter.Latitude is not null || filter.Grade is not null)
            parts.Add(SubscriptionFilters.Describe(filter, t));
        if (days is { } d) parts.Add(t.Plural("map.days", d, d));
        return string.Join(" · ", parts);
    }

    static string Caption(int total, List<IncidentMap.Spot> spots, int unplacedCount, List<Incident> unplaced, string what, Texts t)
    {
        if (total == 0) return what.Length == 0 ? t["recent.empty"] : t.Format("map.none", new Html(what));
        var lines = new List<string> { what.Length == 0 ? t.Plural("map.header", total, total) : t.Plural("map.header_of", total, total, new Html(what)) };
        if (spots.Count < total) lines.Add(t.Plural("map.on_map", spots.Count, spots.Count));
        if (spots.Count == MaxSpots && total - unplacedCount > MaxSpots) lines.Add(t.Format("map.too_many", MaxSpots));
        if (spots.Count > 0) lines.Add(t["map.hint"]);
        if (unplaced.Count > 0)
        {
            lines.Add("");
            lines.Add(t["map.not_on_map"]);
            lines.AddRange(unplaced.Select(i => IncidentCards.Line(i, t)));
        }
        return HtmlText.JoinWithin(lines, HtmlText.MaxCaption);
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<n>\d{1,9})\s*(d|days?|д|дн|дні|днів|дня|дней|день|g|gün)(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Period();
}
