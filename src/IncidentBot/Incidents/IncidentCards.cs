using System.Globalization;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using IncidentBot.Telegram;

namespace IncidentBot.Incidents;

/// <summary>
/// How an incident reads on a phone. Every stored string is cut, then escaped (Texts.Format escapes
/// plain strings); each line is balanced HTML, so HtmlText.JoinWithin may drop whole lines safely.
/// </summary>
internal static partial class IncidentCards
{
    const int Field = 600;

    /// <summary>The full card, within <paramref name="max"/> characters (less when a line is added after it).</summary>
    public static string Card(Incident i, Texts t, int max = HtmlText.MaxMessage)
    {
        i = IncidentFields.In(i, t.Language);
        var lines = new List<string> { t.Format("card.title", i.Id, Category(i, t)) };
        if (i.Status == IncidentStatus.Retracted) lines.Add(t["card.retracted"]);
        lines.Add(t.Format("card.grade", new Html(Grade(i, t))));
        lines.Add(t.Format("card.when", new Html(When(i, t))));
        lines.Add(t.Format("card.where", new Html(Where(i, t))));
        Optional(lines, t, "card.summary", i.Summary);
        Optional(lines, t, "card.target", i.Target);
        Optional(lines, t, "card.affected", Country(i.AffectedCountry, t));
        Optional(lines, t, "card.weapon", i.Weapon);
        Optional(lines, t, "card.damage", i.Damage);
        lines.Add(t.Format("card.casualties", new Html(Casualties(i, t))));
        if (Attribution(i, t) is { } attribution) lines.Add(t.Format("card.attribution", new Html(attribution)));
        Optional(lines, t, "card.context", i.Context);
        lines.Add(t["card.sources"]);
        lines.AddRange(i.Sources.Take(20).Select(s => t.Format("card.source_line", new Html(Source(s, t)))));
        return HtmlText.JoinWithin(lines, max);
    }

    /// <summary>One line of a list: the tappable command, when, where, what.</summary>
    public static string Line(Incident i, Texts t) => Line(IncidentFields.In(i, t.Language), t, numbered: true);

    /// <summary>The same line for an incident not yet numbered: a pending report's, a /log's before it is published.</summary>
    public static string UnnumberedLine(Incident i, Texts t) => Line(IncidentFields.In(i, t.Language), t, numbered: false);

    static string Line(Incident i, Texts t, bool numbered) => numbered
        ? t.Format("list.line", i.Id, new Html(When(i, t, withNote: false)), new Html(Where(i, t, withNote: false)),
            HtmlText.Plain(Headline(i), 80), Category(i, t), t[$"grade.{i.Grade}"])
        : t.Format("list.line_unnumbered", new Html(When(i, t, withNote: false)), new Html(Where(i, t, withNote: false)),
            HtmlText.Plain(Headline(i), 80), Category(i, t), t[$"grade.{i.Grade}"]);

    /// <summary>"corroborated (two or more independent sources)", or a moderator's grade with what it rests on.</summary>
    public static string Grade(Incident i, Texts t) => i.GradeOverride is { } set
        ? t.Format("grade.set", t[$"grade.{set}"], HtmlText.Plain(i.GradeBasis, 300))
        : t.Format("grade.derived", t[$"grade.{i.Grade}"], t[$"grade.{i.Grade}.about"]);

    /// <summary>The target when known, else what happened.</summary>
    public static string Headline(Incident i) => string.IsNullOrWhiteSpace(i.Target) ? i.Summary ?? "" : i.Target;

    /// <summary>
    /// The date at exactly the precision the sources give: never "1 January" for "January", and never the bare day for a
    /// date known only as "on or before" it, in a list line as much as on the card.
    /// </summary>
    public static string When(Incident i, Texts t, bool withNote = true)
    {
        var d = i.OccurredOn;
        var date = i.Precision switch
        {
            DatePrecision.Day => t.Format("date.day", d.Day, t.MonthOfDay(d.Month), d.Year),
            DatePrecision.Month => t.Format("date.month", t.Month(d.Month), d.Year),
            _ => t.Format("date.year", d.Year),
        };
        if (i.OnOrBefore) date = t.Format("date.on_or_before", new Html(date));
        return withNote && !string.IsNullOrWhiteSpace(i.DateNote)
            ? date + " " + t.Format("date.note", HtmlText.Plain(i.DateNote, 200))
            : date;
    }

    public static string Where(Incident i, Texts t, bool withNote = true)
    {
        // The gazetteer names the levels its entry covers; a town it does not know ("Burshtyn" in Ukraine) stays as typed.
        var (place, region, country) = i.PlaceId is { } id && t.Places.Find(id) is { } entry
            ? IncidentPlaces.Lines(t.Places, entry, t.Name) switch
            {
                var known when entry.Kind == PlaceKind.Country => (i.Place, i.Region, known.Country),
                var known when entry.Kind == PlaceKind.Region => (i.Place, known.Region, known.Country),
                var known => known,
            }
            : (i.Place, i.Region, i.Country);
        var parts = new[] { place, region, country }
            .Where(p => !string.IsNullOrWhiteSpace(p) && !string.Equals(p, "unknown", StringComparison.OrdinalIgnoreCase))
            .Select(p => p!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var where = parts.Count == 0 ? t["where.unknown"] : HtmlText.Plain(string.Join(", ", parts), 200).Value;
        if (!withNote) return where;
        if (Point(i, t) is { } point) where += " · " + point;
        if (!string.IsNullOrWhiteSpace(i.LocationNote)) where += " " + t.Format("where.note", HtmlText.Plain(i.LocationNote, Field));
        return where;
    }

    /// <summary>The incident's own point as the public sees it, "50.4497, 30.5238 (approximate, ±1 km)"; null without one.</summary>
    public static string? Point(Incident i, Texts t) => i is { Latitude: { } lat, Longitude: { } lon }
        ? t.Format("where.coordinates", lat.ToString("0.####", CultureInfo.InvariantCulture), lon.ToString("0.####", CultureInfo.InvariantCulture),
            new Html(PointPrecision(i, t)))
        : null;

    /// <summary>"exact", "approximate, ±1 km" (snapped to the grid), or "approximate" for a point recorded before the grid.</summary>
    public static string PointPrecision(Incident i, Texts t) => i is { CoordinatePrecision: CoordinatePrecision.Approximate, CoordinateKm: { } km }
        ? t.Format("coordinates.approximate_km", km.ToString("0.##", CultureInfo.InvariantCulture))
        : t[$"coordinates.{i.CoordinatePrecision ?? CoordinatePrecision.Approximate}"];

    /// <summary>A country as recorded, in the reader's language when the gazetteer knows it: "Azerbaijan" reads "Азербайджан".</summary>
    public static string? Country(string? name, Texts t) =>
        name is not null && t.Places.Resolve(name).Place is { Kind: PlaceKind.Country } country ? t.Name(country) : name;

    public static string Category(Incident i, Texts t) =>
        i.Category is { } c ? t[$"category.{c}"] : t["category.none"];

    public static string Casualties(Incident i, Texts t)
    {
        var text = i is { Killed: null, Injured: null }
            ? t["casualties.unknown"]
            : (i.Killed is { } k ? t.Plural("casualties.killed", k, k) : t["casualties.killed_unknown"]) + ", " +
              (i.Injured is { } n ? t.Plural("casualties.injured", n, n) : t["casualties.injured_unknown"]);
        return string.IsNullOrWhiteSpace(i.CasualtiesNote) ? text : text + " " + t.Format("note", HtmlText.Plain(i.CasualtiesNote, 300));
    }

    static string? Attribution(Incident i, Texts t)
    {
        if (string.IsNullOrWhiteSpace(i.AttributedTo) && string.IsNullOrWhiteSpace(i.AttributionNote)) return null;
        var who = HtmlText.Plain(string.IsNullOrWhiteSpace(i.AttributedTo) ? t["attribution.nobody"] : i.AttributedTo, 200);
        var text = i.Acknowledged switch
        {
            true => t.Format("attribution.acknowledged", who),
            false => t.Format("attribution.not_acknowledged", who),
            null => who.Value,
        };
        return string.IsNullOrWhiteSpace(i.AttributionNote) ? text : text + " " + t.Format("note", HtmlText.Plain(i.AttributionNote, 300));
    }

    static string Source(IncidentSource s, Texts t)
    {
        // The bot names a contributor's report itself ("Contributor report #12"): in the reader's words.
        var name = ContributorReport().Match(s.Name) is { Success: true } m
            ? t.Format("source.contributor", long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            : HtmlText.Plain(s.Name, 200).Value;
        var linked = IsWebLink(s.Url) ? $"<a href=\"{HtmlText.Escape(s.Url!)}\">{name}</a>" : name;
        if (s.Kind == SourceKind.Official) linked += " " + t["source.official"];
        return string.IsNullOrWhiteSpace(s.Note) ? linked : linked + " — " + HtmlText.Plain(s.Note, 200).Value;
    }

    public static bool IsWebLink(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    static void Optional(List<string> lines, Texts t, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) lines.Add(t.Format(key, HtmlText.Plain(value, Field)));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Contributor report #(\d+)$")]
    private static partial System.Text.RegularExpressions.Regex ContributorReport();
}
