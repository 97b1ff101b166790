using System.Text;
using System.Xml;
using IncidentBot.Telegram;

namespace IncidentBot.Incidents.Export;

/// <summary>
/// RFC 4287: the newest published incidents, in English. An entry's id is a tag URI that never changes and its
/// updated is the incident's UpdatedAt, so a feed reader shows a correction as an updated entry.
/// </summary>
internal static class AtomFeed
{
    public const int Entries = 50;

    public static byte[] Write(IReadOnlyList<Incident> incidents, string botUsername, DateTime now)
    {
        var newest = incidents.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(Entries).ToList();
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false }))
        {
            const string atom = "http://www.w3.org/2005/Atom";
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", atom);
            xml.WriteElementString("id", atom, $"tag:t.me,2026:{botUsername}/incidents");
            xml.WriteElementString("title", atom, "IncidentBot: published incidents");
            xml.WriteElementString("updated", atom, Stamp(newest.Count == 0 ? now : newest.Max(i => i.UpdatedAt)));
            Link(xml, atom, $"https://t.me/{botUsername}");
            xml.WriteStartElement("author", atom);
            xml.WriteElementString("name", atom, $"@{botUsername}");
            xml.WriteEndElement();
            foreach (var i in newest)
            {
                xml.WriteStartElement("entry", atom);
                xml.WriteElementString("id", atom, $"tag:t.me,2026:{botUsername}/incident/{i.Id}");
                xml.WriteElementString("title", atom, Title(i));
                xml.WriteElementString("published", atom, Stamp(i.CreatedAt));
                xml.WriteElementString("updated", atom, Stamp(i.UpdatedAt));
                Link(xml, atom, BotIdentity.StartLink(botUsername, $"incident_{i.Id}"));
                xml.WriteElementString("summary", atom, Summary(i));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    /// <summary>"2024-01: Azerbaijani embassy complex, Kyiv, Ukraine"; "on or before 2025-11-20: …" for a date known only as a bound.</summary>
    static string Title(Incident i)
    {
        var where = string.Join(", ", new[] { i.Place, i.Region, i.Country }.Where(p => !string.IsNullOrWhiteSpace(p) && p != "unknown").Distinct());
        var when = i.OnOrBefore ? $"on or before {OpenData.Date(i)}" : OpenData.Date(i);
        return $"{when}: {IncidentCards.Headline(i)}" + (where.Length > 0 ? $", {where}" : "");
    }

    static string Summary(Incident i) => string.Join(" ", new[]
    {
        i.Summary, i.Weapon is { } w && w != "unknown" ? $"Weapon: {w}." : null, i.Damage is { } d ? $"Damage: {d}." : null,
        i.Killed is { } k ? $"Killed: {k}." : null, i.Injured is { } j ? $"Injured: {j}." : null,
        i.AttributedTo is { } a ? $"Attributed to: {a}{(i.Acknowledged == true ? " (acknowledged)" : "")}." : null,
        $"Grade: {i.Grade.ToString().ToLowerInvariant()}.",
    }.Where(s => !string.IsNullOrWhiteSpace(s)));

    static void Link(XmlWriter xml, string atom, string href)
    {
        xml.WriteStartElement("link", atom);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    static string Stamp(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
