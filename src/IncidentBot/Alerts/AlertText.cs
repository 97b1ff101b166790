using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Telegram;

namespace IncidentBot.Alerts;

/// <summary>
/// What a subscriber reads on a lock screen: what, where, when (at its precision), the category and
/// the tappable /incident_N. Rendered when sent, so a correction made before then is already in it.
/// </summary>
internal static class AlertText
{
    public static string Alert(Incident i, Texts t) => HtmlText.JoinWithin(
    [
        t.Format("alert.title", IncidentCards.Category(i, t)),
        t.Format("alert.what", HtmlText.Plain(IncidentCards.Headline(i), 200)),
        t.Format("alert.where_when", new Html(IncidentCards.Where(i, t, withNote: false)), new Html(IncidentCards.When(i, t))),
        t.Format("alert.open", i.Id),
    ]);

    public static string Correction(Incident i, string field, Texts t) =>
        t.Format("alert.correction", i.Id, new Html(t[$"fieldname.{field}"]), new Html(FieldValue(i, field, t)));

    public static string Retraction(long incidentId, string reason, Texts t) =>
        t.Format("alert.retraction", incidentId, HtmlText.Plain(reason, 500));

    public static string Summary(IReadOnlyList<Incident> incidents, Texts t) => HtmlText.JoinWithin(
        [t.Format("alert.summary", incidents.Count), .. incidents.Select(i => IncidentCards.Line(i, t))]);

    static string FieldValue(Incident i, string field, Texts t) => field switch
    {
        "date" => IncidentCards.When(i, t),
        "place" or "region" or "country" or "coords" => IncidentCards.Where(i, t),
        "category" => HtmlText.Escape(IncidentCards.Category(i, t)),
        _ => HtmlText.Plain(IncidentFields.Get(i, field) ?? t["casualties.unknown"], 200).Value,
    };
}
