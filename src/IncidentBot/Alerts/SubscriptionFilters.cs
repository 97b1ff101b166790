using System.Globalization;
using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Telegram;

namespace IncidentBot.Alerts;

/// <summary>
/// "/subscribe Kyiv, diplomatic, affected: Azerbaijan, near: 50.45 30.52, radius: 50": comma-separated
/// terms, each "key: value" or a bare value (a category name, else a place).
/// </summary>
internal static partial class SubscriptionFilters
{
    public static readonly double[] Radii = [10, 50, 200];
    const int MaxName = 100;

    /// <summary>Fills a subscription from the text; returns the strings key of the error, or null.</summary>
    public static string? Parse(string text, Subscription s)
    {
        // "near: 50.45, 30.52" would otherwise be split at its own comma.
        text = NearWithComma().Replace(text, "near: $1 $2");
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = raw.IndexOf(':');
            var (key, value) = colon > 0 ? (raw[..colon].Trim().ToLowerInvariant(), raw[(colon + 1)..].Trim()) : ("", raw);
            if (value.Length is 0 or > MaxName) return "subscribe.bad_value";
            var error = key switch
            {
                "" when Category(value) is { } c => Set(() => s.Category is null, () => s.Category = c),
                "" or "place" or "region" or "country" or "area" or "in" => Set(() => s.Area is null, () => (s.Area, s.AreaKey) = (value, AlertOutbox.Key(value))),
                "category" or "cat" => Category(value) is { } c2 ? Set(() => s.Category is null, () => s.Category = c2) : "field.bad_category",
                "affected" or "for" => Set(() => s.Affected is null, () => (s.Affected, s.AffectedKey) = (value, AlertOutbox.Key(value))),
                "near" => Near(value, s),
                "radius" => double.TryParse(value.Replace("km", "", StringComparison.OrdinalIgnoreCase).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var km) && km is >= 1 and <= 2000
                    ? Set(() => true, () => s.RadiusKm = km) : "subscribe.bad_radius",
                _ => "subscribe.bad_key",
            };
            if (error is not null) return error;
        }
        if (s.Latitude is not null) s.RadiusKm ??= 50;
        else if (s.RadiusKm is not null) return "subscribe.radius_needs_near";
        return null;
    }

    public static string Describe(Subscription s, Texts t)
    {
        var parts = new List<string>();
        if (s.Area is not null) parts.Add(t.Format("subscribe.in", s.Area));
        if (s.Category is { } c) parts.Add(HtmlText.Escape(t[$"category.{c}"]));
        if (s.Affected is not null) parts.Add(t.Format("subscribe.affecting", s.Affected));
        if (s is { Latitude: { } lat, Longitude: { } lon, RadiusKm: { } km })
            parts.Add(t.Format("subscribe.near", km, lat.ToString("0.####", CultureInfo.InvariantCulture), lon.ToString("0.####", CultureInfo.InvariantCulture)));
        return parts.Count == 0 ? t["subscribe.everything"] : string.Join(" · ", parts);
    }

    public static TargetCategory? Category(string value) =>
        value.ToLowerInvariant() switch { "aviation" or "civil aviation" or "airline" => TargetCategory.Aviation, var v =>
            Enum.TryParse<TargetCategory>(v, true, out var c) && Enum.IsDefined(c) && !v.All(char.IsAsciiDigit) ? c : null };

    static string? Near(string value, Subscription s)
    {
        var parts = value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !(Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180)) // written so that NaN, which compares false, fails too
            return "subscribe.bad_near";
        (s.Latitude, s.Longitude) = (lat, lon);
        return null;
    }

    /// <summary>Each kind of filter once per subscription; two places are two subscriptions.</summary>
    static string? Set(Func<bool> isFree, Action set)
    {
        if (!isFree()) return "subscribe.twice";
        set();
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"near:\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NearWithComma();
}
