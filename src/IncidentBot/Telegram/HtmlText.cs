using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace IncidentBot.Telegram;

/// <summary>Already-escaped HTML: Texts.Format passes it through untouched.</summary>
internal readonly record struct Html(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Escaping and cutting for Telegram's HTML parse mode.</summary>
internal static partial class HtmlText
{
    public const int MaxMessage = 4096;
    /// <summary>Telegram's limit on a photo or document caption, counted after entities are parsed.</summary>
    public const int MaxCaption = 1024;

    /// <summary>Escapes &lt; &gt; &amp; and the double quote, which is all Telegram's HTML needs.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\"") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(c switch { '<' => "&lt;", '>' => "&gt;", '&' => "&amp;", '"' => "&quot;", _ => c.ToString() });
        return sb.ToString();
    }

    /// <summary>Cut first, then escape: cutting escaped text could split an entity like &amp;amp;.</summary>
    public static Html Plain(string? text, int maxChars) => new(Escape(Truncate(text ?? "", maxChars)));

    /// <summary>At most maxChars text elements (never half an emoji or surrogate pair), with an ellipsis when cut.</summary>
    public static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars) return text;
        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, end);
            if (end + next > maxChars - 1) break;
            end += next;
        }
        return text[..end] + "…";
    }

    /// <summary>
    /// Joins lines into one message under Telegram's limit. Every line must be balanced HTML on its
    /// own, so dropping whole lines never breaks the markup.
    /// </summary>
    public static string JoinWithin(IEnumerable<string> lines, int max = MaxMessage)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            var needed = line.Length + (sb.Length > 0 ? 1 : 0);
            if (sb.Length + needed > max - 2) { sb.Append("\n…"); break; }
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(line);
        }
        return sb.ToString();
    }

    /// <summary>What a phone shows of our own HTML: tags dropped, links spelled out, entities decoded.</summary>
    public static string ToPlain(string html)
    {
        var withLinks = Link().Replace(html, m => $"{m.Groups[2].Value} ({WebUtility.HtmlDecode(m.Groups[1].Value)})");
        return WebUtility.HtmlDecode(Tag().Replace(withLinks, ""));
    }

    [GeneratedRegex("<a href=\"([^\"]*)\">(.*?)</a>")]
    private static partial Regex Link();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
