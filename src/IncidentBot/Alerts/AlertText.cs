using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Telegram;

namespace IncidentBot.Alerts;

/// <summary>
/// What a subscriber reads on a lock screen: new or newly recorded, the target, what happened, where (with its own
/// point's margin) and when (at their precision), how sure the record is, the affected country, damage and casualties where known, and the tappable
/// /incident_N. Rendered when sent, so a correction made before then is already in it.
/// </summary>
internal static class AlertText
{
    /// <param name="newWithinDays">An incident whose date lies further back than this before it was published is "newly recorded", not a new strike.</param>
    public static string Alert(Incident i, Texts t, int newWithinDays)
    {
        i = IncidentFields.In(i, t.Language);
        var lines = new List<string>
        {
            t.Format(IsNew(i, newWithinDays) ? "alert.title" : "alert.title_recorded", IncidentCards.Category(i, t)),
            t.Format("alert.what", HtmlText.Plain(IncidentCards.Headline(i), 200)),
        };
        if (!string.IsNullOrWhiteSpace(i.Target) && !string.IsNullOrWhiteSpace(i.Summary) && i.Summary.Trim() != i.Target.Trim())
            lines.Add(t.Format("alert.happened", HtmlText.Plain(i.Summary, 300)));
        // Its own point, if any, with its margin: "approximate, ±1 km" for a reporter's pin.
        var where = IncidentCards.Where(i, t, withNote: false) + (IncidentCards.Point(i, t) is { } point ? " · " + point : "");
        lines.Add(t.Format("alert.where_when", new Html(where), new Html(IncidentCards.When(i, t))));
        lines.Add(t.Format("alert.grade", new Html(IncidentCards.Grade(i, t))));
        if (!string.IsNullOrWhiteSpace(i.AffectedCountry)) lines.Add(t.Format("alert.affected", HtmlText.Plain(IncidentCards.Country(i.AffectedCountry, t)!, 100)));
        if (!string.IsNullOrWhiteSpace(i.Damage)) lines.Add(t.Format("alert.damage", HtmlText.Plain(i.Damage, 200)));
        if (i.Killed is not null || i.Injured is not null) lines.Add(t.Format("alert.casualties", new Html(IncidentCards.Casualties(i, t))));
        lines.Add(t.Format("alert.open", i.Id));
        return HtmlText.JoinWithin(lines);
    }

    /// <summary>The last day the incident's date can mean (a month's last day for "January 2024") is recent enough.</summary>
    static bool IsNew(Incident i, int newWithinDays)
    {
        var d = i.OccurredOn.Date;
        var last = i.Precision switch
        {
            DatePrecision.Day => d,
            DatePrecision.Month => new DateTime(d.Year, d.Month, 1).AddMonths(1).AddDays(-1),
            _ => new DateTime(d.Year, 12, 31),
        };
        return last >= i.CreatedAt.Date.AddDays(-newWithinDays);
    }

    public static string Correction(Incident i, string field, Texts t) =>
        t.Format("alert.correction", i.Id, new Html(t[$"fieldname.{field}"]), new Html(FieldValue(IncidentFields.In(i, t.Language), field, t)));

    public static string Retraction(long incidentId, string reason, Texts t) =>
        t.Format("alert.retraction", incidentId, HtmlText.Plain(reason, 500));

    public static string Summary(IReadOnlyList<Incident> incidents, Texts t) => HtmlText.JoinWithin(
        [t.Plural("alert.summary", incidents.Count, incidents.Count), .. incidents.Select(i => IncidentCards.Line(i, t))]);

    static string FieldValue(Incident i, string field, Texts t) => field switch
    {
        "date" => IncidentCards.When(i, t),
        "place" or "region" or "country" or "coords" => IncidentCards.Where(i, t),
        "category" => HtmlText.Escape(IncidentCards.Category(i, t)),
        _ => HtmlText.Plain(IncidentFields.Get(i, field) ?? t["casualties.unknown"], 200).Value,
    };
}
