using System.Globalization;
using System.Text;
using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Reports;

/// <summary>Reading what contributors type, and showing a report back to them and to moderators.</summary>
internal static class ReportText
{
    /// <summary>The first http(s) link Telegram found in the message, typed or hidden behind text.</summary>
    public static string? FirstLink(Message message)
    {
        var text = message.Text ?? message.Caption;
        var entities = message.Entities ?? message.CaptionEntities ?? [];
        foreach (var e in entities)
        {
            var url = e.Type switch
            {
                MessageEntityType.TextLink => e.Url,
                MessageEntityType.Url when text is not null && e.Offset + e.Length <= text.Length => text.Substring(e.Offset, e.Length),
                _ => null,
            };
            if (url is not null && !url.Contains("://", StringComparison.Ordinal)) url = "https://" + url;
            if (IncidentCards.IsWebLink(url)) return url;
        }
        return null;
    }

    static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".jpg", ".jpeg", ".jpe", ".png", ".heic", ".heif", ".webp", ".tif", ".tiff", ".gif", ".bmp", ".avif", ".dng", ".raw", ".cr2", ".cr3", ".nef", ".arw", ".orf", ".rw2" };

    /// <summary>
    /// An image sent as a file (a document with an image type or name), which Telegram passes on untouched, EXIF and GPS
    /// included; a photo sent as a photo is re-encoded without them.
    /// </summary>
    public static bool IsImageFile(Message message) => message.Document is { } file &&
        (file.MimeType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true || ImageExtensions.Contains(Path.GetExtension(file.FileName ?? "")));

    /// <summary>"today", "yesterday" or a date at the precision typed; never a date in the future.</summary>
    public static (DateTime Date, DatePrecision Precision)? ParseWhen(string text, DateTime now)
    {
        var when = text.Trim().ToLowerInvariant() switch
        {
            "today" => (now.Date, DatePrecision.Day),
            "yesterday" => (now.Date.AddDays(-1), DatePrecision.Day),
            var other => IncidentFields.ParseDate(other),
        };
        return when is { } w && w.Date <= now ? w : null;
    }

    /// <summary>The draft to check before submitting; a /log also shows its <paramref name="preview"/>: the incident it will publish.</summary>
    public static string Review(Report r, Texts t, Incident? preview = null)
    {
        var lines = new List<string> { t[preview is null ? "report.review" : "log.review"], "" };
        lines.Add(t.Format("report.line_where", new Html(Where(r, t))));
        lines.Add(t.Format("report.line_when", new Html(When(r, t))));
        lines.Add(t.Format("report.line_link", OrNone(r.Link, 300, t)));
        lines.Add(t.Format("report.line_photos", r.PhotoIds.Count()));
        if (preview is not null)
        {
            lines.Add(t.Format("log.line_category", new Html(IncidentCards.Category(preview, t))));
            lines.Add(t.Format("log.line_target", OrNone(r.Target, 200, t)));
            lines.Add(t.Format("log.line_affected", OrNone(r.AffectedCountry, 100, t)));
            lines.Add(t.Format("card.will_publish", new Html(IncidentCards.UnnumberedLine(preview, t))));
            if (IncidentCards.Point(preview, t) is { } point) lines.Add(t.Format("card.public_point", new Html(point)));
            if (ModeratorCards.Warning(preview) is { } warning) lines.Add(t[warning]);
        }
        lines.Insert(2, WhatLine(r, t, 1000, Room(lines, HtmlText.MaxMessage)));
        return HtmlText.JoinWithin(lines);
    }

    static Html OrNone(string? text, int maxChars, Texts t) => text is null ? new Html(t["report.none"]) : HtmlText.Plain(text, maxChars);

    /// <summary>
    /// "What: …" with at most maxChars of the text, in at most maxLine characters of HTML. The cut is
    /// measured after escaping: text made of &lt;, &amp; and quotes grows up to six times when escaped,
    /// and a line that does not fit the message would be dropped whole.
    /// </summary>
    public static string WhatLine(Report r, Texts t, int maxChars, int maxLine)
    {
        var room = maxLine - (t["report.line_what"].Length - "{0}".Length);
        var text = HtmlText.Plain(r.Text, maxChars);
        if (text.Value.Length > room)
        {
            // Whole characters while their escaped form fits, then the ellipsis.
            var (source, cut) = (r.Text ?? "", new StringBuilder());
            for (var i = 0; i < source.Length;)
            {
                var next = StringInfo.GetNextTextElementLength(source, i);
                var piece = HtmlText.Escape(source.Substring(i, next));
                if (cut.Length + piece.Length + 1 > room) break;
                cut.Append(piece);
                i += next;
            }
            text = new Html(cut.Append('…').ToString());
        }
        return t.Format("report.line_what", text);
    }

    /// <summary>Room for one more line in a message of at most max characters that already holds these lines.</summary>
    public static int Room(IEnumerable<string> lines, int max) => max - 2 - lines.Sum(l => l.Length + 1);

    public static string Where(Report r, Texts t)
    {
        var parts = new List<string>();
        if (r.PlaceText is not null) parts.Add(HtmlText.Plain(r.PlaceText, 200).Value);
        if (r.Latitude is { } lat && r.Longitude is { } lon)
            // The pin as Telegram gave it (about 0.1 m): the reporter's own review, and the moderators' card, never the public.
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"📍 {lat:0.######}, {lon:0.######}"));
        return parts.Count == 0 ? t["report.none"] : string.Join(" · ", parts);
    }

    public static string When(Report r, Texts t) => r.OccurredOn is { } d && r.Precision is { } p
        ? IncidentCards.When(new Incident { OccurredOn = d, Precision = p }, t)
        : t["report.date_unknown"];
}
