using System.Globalization;
using System.Text.RegularExpressions;

namespace IncidentBot.ConsoleMode;

/// <summary>
/// One typed line: a console verb (who is typing, a pin, a photo, a button press, an inline query) or text for the bot.
/// A line that starts with a verb is that verb, so a mistyped one gets <see cref="Usage"/> rather than
/// reaching the bot as text; <c>say</c> sends any text as is.
/// </summary>
internal abstract partial record ConsoleLine
{
    public sealed record Text(string Value) : ConsoleLine;
    public sealed record As(long UserId, string Language) : ConsoleLine;
    public sealed record Pin(double Latitude, double Longitude) : ConsoleLine;
    public sealed record Photo : ConsoleLine;
    public sealed record Tap(int Button) : ConsoleLine;

    /// <summary>What "@IncidentBot words" typed in any chat asks: the cards it would offer to share.</summary>
    public sealed record Inline(string Query) : ConsoleLine;

    public sealed record Quit : ConsoleLine;

    /// <summary>A verb used wrongly: one line saying how it is used.</summary>
    public sealed record Usage(string Line) : ConsoleLine;

    public const string Verbs =
        "as <user id> [language] · pin <lat> <lon> · photo · tap N · inline [words] · say <text> · quit";

    public static ConsoleLine Parse(string line)
    {
        line = line.Trim();
        var space = line.IndexOf(' ');
        var (verb, rest) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..].Trim());
        return verb.ToLowerInvariant() switch
        {
            "as" => ParseAs(rest),
            "pin" => ParsePin(rest),
            "photo" => rest.Length == 0 ? new Photo() : Help("photo takes nothing after it"),
            "tap" => int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? new Tap(n) : Help("tap N presses button N, counted from 1"),
            "inline" => new Inline(rest),
            "say" => rest.Length > 0 ? new Text(rest) : Help("say <text> sends the text as it is"),
            "quit" or "exit" when rest.Length == 0 => new Quit(),
            _ => new Text(line),
        };
    }

    static ConsoleLine ParseAs(string rest)
    {
        var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            return Help("as <user id> [language]: a positive user id, e.g. as 2002 uk");
        if (parts.Length == 2 && !LanguageCode().IsMatch(parts[1]))
            return Help("as <user id> [language]: a language code such as en, uk or pt-br");
        return new As(id, parts.Length == 2 ? parts[1].ToLowerInvariant() : "en");
    }

    static ConsoleLine ParsePin(string rest)
    {
        var parts = rest.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        // "NaN" and "Infinity" parse as doubles: finiteness is checked, not assumed.
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && double.IsFinite(lat) && double.IsFinite(lon) && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180)
            return new Pin(lat, lon);
        return Help("pin <lat> <lon>: latitude -90..90 and longitude -180..180, e.g. pin 50.45 30.52");
    }

    static Usage Help(string how) => new($"({how}; console verbs: {Verbs})");

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex LanguageCode();
}
