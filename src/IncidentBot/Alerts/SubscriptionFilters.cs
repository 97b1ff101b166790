using System.Globalization;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using IncidentBot.Telegram;

namespace IncidentBot.Alerts;

/// <summary>Why a filter was refused: a strings key and its arguments.</summary>
internal sealed record FilterError(string Key, params object[] Args);

/// <summary>
/// "/subscribe Kyiv, diplomatic, affected: Azerbaijan, near: 50.45 30.52, radius: 50, corroborated": comma-separated
/// terms, each "key: value" or a bare value. A bare value is a grade (corroborated, confirmed), a category or a word
/// for one ("embassy"), else a place the gazetteer knows in any language (Київ, Kiev, Bakı); a country typed on its
/// own also means the incidents affecting it. What resolves to nothing is refused with suggestions, never stored.
/// </summary>
internal static partial class SubscriptionFilters
{
    public static readonly double[] Radii = [10, 50, 200];
    const int MaxName = 100;

    /// <summary>Fills a subscription from the text; returns why it cannot, or null.</summary>
    /// <param name="language">The language suggestions are named in.</param>
    public static FilterError? Parse(string text, Subscription s, Gazetteer places, string language)
    {
        // "near: 50.45, 30.52" would otherwise be split at its own comma.
        text = NearWithComma().Replace(text, "near: $1 $2");
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = raw.IndexOf(':');
            var (key, value) = colon > 0 ? (raw[..colon].Trim().ToLowerInvariant(), raw[(colon + 1)..].Trim()) : ("", raw);
            if (value.Length is 0 or > MaxName) return new("subscribe.bad_value");
            var error = key switch
            {
                "" or "grade" when Grades.Parse(value) is { } g => Graded(g, s),
                "grade" => new("subscribe.bad_grade"),
                "" when Categories.Parse(value) is { } c => Set(() => s.Category is null, () => s.Category = c),
                "" or "place" or "region" or "country" or "area" or "in" => Area(value, s, places, language),
                "category" or "cat" => Categories.Parse(value) is { } c2 ? Set(() => s.Category is null, () => s.Category = c2) : new("field.bad_category", "category"),
                "affected" or "for" => Affected(value, s, places, language),
                "near" => Near(value, s),
                "radius" => double.TryParse(value.Replace("km", "", StringComparison.OrdinalIgnoreCase).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var km) && km is >= 1 and <= 2000
                    ? Set(() => true, () => s.RadiusKm = km) : new("subscribe.bad_radius"),
                _ => new("subscribe.bad_key"),
            };
            if (error is not null) return error;
        }
        if (s.Latitude is not null) s.RadiusKm ??= 50;
        else if (s.RadiusKm is not null) return new("subscribe.radius_needs_near");
        return null;
    }

    /// <summary>Every incident is at least reported: a subscription asks for corroborated or confirmed, or for no grade at all.</summary>
    static FilterError? Graded(Grade grade, Subscription s) =>
        grade == Grade.Reported ? new("subscribe.grade_reported") : Set(() => s.Grade is null, () => s.Grade = grade);

    static FilterError? Area(string value, Subscription s, Gazetteer places, string language)
    {
        var match = places.Resolve(value);
        if (match.Place is not { } place) return Unresolved(value, match, language, includeCategories: true);
        return Set(() => s.Area is null, () => (s.Area, s.AreaKey, s.IncludesAffected) = (place.En, place.Id, place.Kind == PlaceKind.Country));
    }

    static FilterError? Affected(string value, Subscription s, Gazetteer places, string language)
    {
        var match = places.Resolve(value);
        if (match.Place is not { Kind: PlaceKind.Country } country)
            return Unresolved(value, match with { Places = [.. match.Places.Where(p => p.Kind == PlaceKind.Country)] }, language, includeCategories: false);
        return Set(() => s.Affected is null, () => (s.Affected, s.AffectedKey) = (country.En, country.Id));
    }

    /// <summary>Which of several places, or "Did you mean …?" with the nearest places and category words.</summary>
    static FilterError Unresolved(string value, PlaceMatch match, string language, bool includeCategories)
    {
        var names = match.Places.Select(p => Gazetteer.Name(p, language)).ToList();
        if (match.Kind == PlaceMatchKind.Ambiguous) return new("subscribe.which", value, string.Join(" · ", names));
        if (includeCategories)
            names.AddRange(Categories.All.Where(w => Close(w.Word, value)).Select(w => w.Word).Take(2));
        return names.Count == 0 ? new("subscribe.unknown", value) : new("subscribe.did_you_mean", value, string.Join(", ", names.Distinct().Take(4)));
    }

    static bool Close(string word, string typed)
    {
        var limit = typed.Length <= 5 ? 1 : 2;
        var text = typed.Trim().ToLowerInvariant();
        return text.Length >= 3 && (word.StartsWith(text, StringComparison.Ordinal) || Gazetteer.Distance(word, text, limit) <= limit);
    }

    public static string Describe(Subscription s, Texts t)
    {
        var parts = new List<string>();
        if (s.Area is not null) parts.Add(t.Format(s.IncludesAffected ? "subscribe.in_or_affecting" : "subscribe.in", t.Name(s.AreaKey, s.Area)));
        if (s.Category is { } c) parts.Add(HtmlText.Escape(t[$"category.{c}"]));
        if (s.Affected is not null) parts.Add(t.Format("subscribe.affecting", t.Name(s.AffectedKey, s.Affected)));
        if (s is { Latitude: { } lat, Longitude: { } lon, RadiusKm: { } km })
            parts.Add(t.Format("subscribe.near", km, lat.ToString("0.####", CultureInfo.InvariantCulture), lon.ToString("0.####", CultureInfo.InvariantCulture)));
        if (s.Grade is { } grade) parts.Add(t[$"subscribe.grade.{grade}"]);
        return parts.Count == 0 ? t["subscribe.everything"] : string.Join(" · ", parts);
    }

    static FilterError? Near(string value, Subscription s)
    {
        var parts = value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !(Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180)) // written so that NaN, which compares false, fails too
            return new("subscribe.bad_near");
        (s.Latitude, s.Longitude) = (lat, lon);
        return null;
    }

    /// <summary>Each kind of filter once per subscription; two places are two subscriptions.</summary>
    static FilterError? Set(Func<bool> isFree, Action set)
    {
        if (!isFree()) return new("subscribe.twice");
        set();
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"near:\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NearWithComma();
}
