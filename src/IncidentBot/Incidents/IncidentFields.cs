using System.Globalization;
using System.Text.Json;
using IncidentBot.Localization;
using System.Text.RegularExpressions;

namespace IncidentBot.Incidents;

/// <summary>
/// The fields a moderator may set with /edit (before approval) and /correct (after), one parser for
/// both. Values are validated here; a date is never made more precise than what was typed.
/// </summary>
internal static partial class IncidentFields
{
    public const int MaxValue = 1000;

    /// <summary>Changes of these reach the chats that got the original alert; the rest are wording.</summary>
    public static readonly HashSet<string> Material = ["date", "place", "region", "country", "coords", "target", "category", "killed", "injured"];

    /// <summary>Changes of these can make the incident match subscriptions it did not match before.</summary>
    public static readonly HashSet<string> Matching = ["place", "region", "country", "coords", "category", "affected"];

    static readonly Dictionary<string, Field> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["summary"] = Text(i => i.Summary, (i, v) => i.Summary = v),
        ["target"] = Text(i => i.Target, (i, v) => i.Target = v ?? ""),
        ["category"] = new(i => i.Category?.ToString(), SetCategory),
        ["country"] = Text(i => i.Country, (i, v) => i.Country = v ?? "unknown"),
        ["region"] = Text(i => i.Region, (i, v) => i.Region = v),
        ["place"] = Text(i => i.Place, (i, v) => i.Place = v),
        // Set through Set, which knows the grid a point not marked exact is snapped to.
        ["coords"] = new(Coordinates, (_, _) => throw new InvalidOperationException("coords is set with its grid, through IncidentFields.Set")),
        ["date"] = new(i => $"{(i.OnOrBefore ? "on or before " : "")}{i.OccurredOn:yyyy-MM-dd} ({i.Precision})", SetDate),
        ["datenote"] = Text(i => i.DateNote, (i, v) => i.DateNote = v),
        ["affected"] = Text(i => i.AffectedCountry, (i, v) => i.AffectedCountry = v),
        ["weapon"] = Text(i => i.Weapon, (i, v) => i.Weapon = v),
        ["damage"] = Text(i => i.Damage, (i, v) => i.Damage = v),
        ["killed"] = new(i => i.Killed?.ToString(CultureInfo.InvariantCulture), (i, v) => SetCount(v, n => i.Killed = n)),
        ["injured"] = new(i => i.Injured?.ToString(CultureInfo.InvariantCulture), (i, v) => SetCount(v, n => i.Injured = n)),
        ["casualties"] = Text(i => i.CasualtiesNote, (i, v) => i.CasualtiesNote = v),
        ["attribution"] = Text(i => i.AttributedTo, (i, v) => i.AttributedTo = v),
        ["acknowledged"] = new(i => i.Acknowledged?.ToString(), SetAcknowledged),
        ["context"] = Text(i => i.Context, (i, v) => i.Context = v),
        ["attributionnote"] = Text(i => i.AttributionNote, (i, v) => i.AttributionNote = v),
        ["locationnote"] = Text(i => i.LocationNote, (i, v) => i.LocationNote = v),
        ["source"] = new(i => string.Join("; ", i.Sources.Select(Described)), AddSource),
        ["grade"] = new(i => i.GradeOverride is { } g ? $"{g}: {i.GradeBasis}" : "derived", SetGrade),
    };

    /// <summary>
    /// The free-text fields, which take a translation: <c>/edit #N target@uk ...</c>; and a source's note, by the
    /// source's place in the card's list (<c>sourcenote1@uk</c>).
    /// </summary>
    public static readonly HashSet<string> Translatable =
        ["summary", "target", "weapon", "damage", "context", "datenote", "casualties", "attribution", "attributionnote", "locationnote", "sourcenote1"];

    static bool IsTranslatable(string field) => Translatable.Contains(field) || SourceNote(field) is not null;

    /// <summary>"sourcenote2" → 1 (the second source's index), else null.</summary>
    static int? SourceNote(string field) =>
        field.StartsWith("sourcenote", StringComparison.Ordinal) && int.TryParse(field.AsSpan("sourcenote".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n is >= 1 and <= 20 ? n - 1 : null;

    public static IEnumerable<string> Names => Fields.Keys;

    /// <summary>"target@uk": the field and the language of a translation; null for a plain field name.</summary>
    public static (string Field, string Language)? TranslationOf(string name) =>
        name.IndexOf('@') is var at and > 0 ? (name[..at].ToLowerInvariant(), name[(at + 1)..].ToLowerInvariant()) : null;

    /// <summary>
    /// Sets (or with "-" removes) the translation of a free-text field; returns the strings key of the error, or null.
    /// </summary>
    public static string? SetTranslation(Incident incident, string field, string language, string value)
    {
        if (!IsTranslatable(field)) return "field.not_translatable";
        if (Localizer.Known(language) != language) return "field.bad_language";
        value = value.Trim();
        if (value.Length > MaxValue) return "field.too_long";
        var all = Translations(incident);
        var fields = all.TryGetValue(language, out var f) ? f : all[language] = [];
        if (value is "" or "-") fields.Remove(field); else fields[field] = value;
        if (fields.Count == 0) all.Remove(language);
        incident.Translations = all.Count == 0 ? null : JsonSerializer.Serialize(all, Json);
        return null;
    }

    static void DropTranslations(Incident incident, string field)
    {
        var all = Translations(incident);
        foreach (var language in all.Keys.ToList())
            if (all[language].Remove(field) && all[language].Count == 0) all.Remove(language);
        incident.Translations = all.Count == 0 ? null : JsonSerializer.Serialize(all, Json);
    }

    /// <summary>Every translated text of the incident, in every language.</summary>
    public static IEnumerable<string> AllTranslations(Incident incident) => Translations(incident).Values.SelectMany(f => f.Values);

    public static string? GetTranslation(Incident incident, string field, string language) =>
        Translations(incident).GetValueOrDefault(language)?.GetValueOrDefault(field);

    /// <summary>The incident as a reader of <paramref name="language"/> sees it: its translated fields in place of the originals.</summary>
    public static Incident In(Incident incident, string language)
    {
        if (incident.Translations is null || !Translations(incident).TryGetValue(language, out var fields)) return incident;
        var copy = incident.Copy();
        foreach (var (field, value) in fields)
        {
            if (Translatable.Contains(field) && Fields.TryGetValue(field, out var f)) f.Set(copy, value);
            else if (SourceNote(field) is { } n && n < copy.Sources.Count)
            {
                copy.Sources = [.. copy.Sources];
                copy.Sources[n] = new IncidentSource { Id = copy.Sources[n].Id, IncidentId = copy.Sources[n].IncidentId, Name = copy.Sources[n].Name, Url = copy.Sources[n].Url, Note = value };
            }
        }
        return copy;
    }

    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static Dictionary<string, Dictionary<string, string>> Translations(Incident incident)
    {
        if (string.IsNullOrEmpty(incident.Translations)) return [];
        try { return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(incident.Translations) ?? []; }
        catch (JsonException) { return []; }
    }

    public static bool Exists(string field) => Fields.ContainsKey(field);

    public static string? Get(Incident incident, string field) => Fields[field].Get(incident);

    /// <summary>
    /// Sets a field; returns the strings key of the error to show, or null when the value was taken.
    /// A date after <paramref name="now"/> is refused: the record holds strikes that happened. Coordinates are
    /// snapped to a grid of <paramref name="coordinateKm"/> unless they end in "exact".
    /// </summary>
    public static string? Set(Incident incident, string field, string value, DateTime now, double coordinateKm)
    {
        if (!Fields.TryGetValue(field, out var f)) return "field.unknown";
        value = value.Trim();
        if (value.Length > MaxValue) return "field.too_long";
        if (field.Equals("date", StringComparison.OrdinalIgnoreCase) && ParseDate(value) is { } date && date.Date > now) return "field.future_date";
        var error = field.Equals("coords", StringComparison.OrdinalIgnoreCase) ? SetCoordinates(incident, value, coordinateKm) : f.Set(incident, value);
        // Its translations translated the old text: readers of every language now see the new one until it is translated again.
        if (error is null && Translatable.Contains(field.ToLowerInvariant())) DropTranslations(incident, field.ToLowerInvariant());
        return error;
    }

    sealed record Field(Func<Incident, string?> Get, Func<Incident, string, string?> Set);

    static Field Text(Func<Incident, string?> get, Action<Incident, string?> set) =>
        new(get, (i, v) => { set(i, v is "" or "-" ? null : v); return null; });

    static string? SetCategory(Incident i, string v)
    {
        if (v is "-" or "none") { i.Category = null; return null; }
        if (Categories.Parse(v) is not { } c) return "field.bad_category";
        i.Category = c;
        return null;
    }

    /// <summary>"2025-11-14" is a day, "2025-11" a month, "2025" a year: as precise as typed, no more.</summary>
    public static string? SetDate(Incident i, string v)
    {
        if (ParseDate(v) is not { } parsed) return "field.bad_date";
        // A note about the old date (e.g. "not given by the reporter") no longer holds, nor does its "on or before":
        // the date typed is the date. datenote sets a new note.
        (i.OccurredOn, i.Precision, i.OnOrBefore, i.DateNote) = (parsed.Date, parsed.Precision, false, null);
        return null;
    }

    public static (DateTime Date, DatePrecision Precision)? ParseDate(string v)
    {
        var formats = new (string Format, DatePrecision Precision)[] { ("yyyy-MM-dd", DatePrecision.Day), ("yyyy-MM", DatePrecision.Month), ("yyyy", DatePrecision.Year) };
        foreach (var (format, precision) in formats)
            if (DateTime.TryParseExact(v.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
                && d.Year >= 1900 && d.Year <= 2200)
                return (DateTime.SpecifyKind(d, DateTimeKind.Utc), precision);
        return null;
    }

    /// <summary>"50.4501,30.5234 exact" as typed; any other point is snapped to the grid (<see cref="SetPublicPoint"/>).</summary>
    static string? SetCoordinates(Incident i, string v, double km)
    {
        if (v is "-") { (i.Latitude, i.Longitude, i.CoordinatePrecision, i.CoordinateKm) = (null, null, null, null); return null; }
        var exact = v.EndsWith(" exact", StringComparison.OrdinalIgnoreCase);
        var m = Coordinates().Match(exact ? v[..^" exact".Length] : v);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var lat) ||
            !double.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var lon) || Math.Abs(lat) > 90 || Math.Abs(lon) > 180)
            return "field.bad_coords";
        if (exact) (i.Latitude, i.Longitude, i.CoordinatePrecision, i.CoordinateKm) = (lat, lon, CoordinatePrecision.Exact, null);
        else SetPublicPoint(i, lat, lon, km);
        return null;
    }

    /// <summary>
    /// A point as the public may see it: snapped to the grid of <paramref name="km"/> (a reporter's pin, coordinates
    /// typed without "exact"), so it reads "approximate, ±1 km" and never shows where a contributor stood.
    /// </summary>
    public static void SetPublicPoint(Incident i, double latitude, double longitude, double km)
    {
        (i.Latitude, i.Longitude) = Geo.Snap(latitude, longitude, km);
        (i.CoordinatePrecision, i.CoordinateKm) = (CoordinatePrecision.Approximate, km);
    }

    /// <summary>"50.449711,30.523796", with " exact" when a moderator set the point as exact.</summary>
    static string? Coordinates(Incident i) => i.Latitude is null ? null
        : FormattableString.Invariant($"{i.Latitude},{i.Longitude}") + (i.CoordinatePrecision == CoordinatePrecision.Exact ? " exact" : "");

    static string? SetCount(string v, Action<int?> set)
    {
        if (v is "-" or "unknown") { set(null); return null; }
        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
            return "field.bad_count";
        set(n);
        return null;
    }

    static string? SetAcknowledged(Incident i, string v)
    {
        i.Acknowledged = v.ToLowerInvariant() switch { "yes" or "true" => true, "no" or "false" => false, _ => null };
        return i.Acknowledged is null && v.ToLowerInvariant() is not ("unknown" or "-") ? "field.bad_acknowledged" : null;
    }

    static string Described(IncidentSource s) =>
        (s.Kind == SourceKind.Official ? OfficialMark + " " : "") + (s.Url is null ? s.Name : $"{s.Name} | {s.Url}");

    const string OfficialMark = "official:";

    /// <summary>
    /// "Name | https://link" or just "Name": a link is kept only when one is given, never made up. "official: Name | link"
    /// is an official statement (a ministry's, a government's): it confirms the incident.
    /// </summary>
    static string? AddSource(Incident i, string v)
    {
        var official = v.StartsWith(OfficialMark, StringComparison.OrdinalIgnoreCase);
        if (official) v = v[OfficialMark.Length..].Trim();
        var parts = v.Split('|', 2, StringSplitOptions.TrimEntries);
        var url = parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null;
        if (url is not null && !IncidentCards.IsWebLink(url)) return "field.bad_link";
        if (parts[0].Length == 0) return "field.no_name";
        var source = new IncidentSource { Name = parts[0], Url = url };
        if (i.Sources.Any(source.SameAs)) return "field.source_listed";
        if (i.Sources.Count >= 20) return "field.too_many_sources";
        source.Kind = official ? SourceKind.Official : SourceKind.Outlet;
        i.Sources.Add(source);
        return null;
    }

    /// <summary>
    /// "confirmed Ministry of Foreign Affairs, 14 November | https://…" (or reported, corroborated) with what it rests on,
    /// which is required and shown; "auto" goes back to the grade the sources give. The caller re-grades after it.
    /// </summary>
    static string? SetGrade(Incident i, string v)
    {
        var space = v.IndexOf(' ');
        var (word, basis) = space < 0 ? (v, "") : (v[..space], v[(space + 1)..].Trim());
        if (word.Equals("auto", StringComparison.OrdinalIgnoreCase) || v == "-")
        {
            (i.GradeOverride, i.GradeBasis) = (null, null);
            return null;
        }
        if (Grades.Parse(word) is not { } grade) return "field.bad_grade";
        if (basis.Length == 0) return "field.grade_needs_basis";
        (i.GradeOverride, i.GradeBasis, i.Grade) = (grade, basis, grade);
        return null;
    }

    [GeneratedRegex(@"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")]
    private static partial Regex Coordinates();
}
