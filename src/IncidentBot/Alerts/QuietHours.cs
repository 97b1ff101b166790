using System.Globalization;
using System.Text.RegularExpressions;

namespace IncidentBot.Alerts;

/// <summary>
/// A daily window in the chat's own time zone (Telegram tells a bot none, so the chat names one).
/// A window may run over midnight (23:00-07:00).
/// </summary>
internal static partial class QuietHours
{
    public sealed record Window(int From, int To, TimeZoneInfo Zone, QuietMode Mode);

    /// <summary>"23:00-07:00 Europe/Kyiv summary" → a window, or the strings key of what is wrong.</summary>
    public static (Window? Window, string? Error) Parse(string args)
    {
        var m = Syntax().Match(args.Trim());
        if (!m.Success) return (null, "quiet.usage");
        if (Minutes(m.Groups["from"].Value) is not { } from || Minutes(m.Groups["to"].Value) is not { } to || from == to)
            return (null, "quiet.bad_time");
        if (Zone(m.Groups["zone"].Value) is not { } zone) return (null, "quiet.bad_zone");
        var mode = m.Groups["mode"].Value.ToLowerInvariant() == "summary" ? QuietMode.Summary : QuietMode.Silent;
        return (new Window(from, to, zone, mode), null);
    }

    public static Window? Of(AlertChat chat) =>
        chat is { QuietFrom: { } from, QuietTo: { } to, TimeZone: { } id } && Zone(id) is { } zone ? new Window(from, to, zone, chat.QuietMode) : null;

    public static bool Contains(Window w, DateTimeOffset utc)
    {
        var local = TimeZoneInfo.ConvertTime(utc, w.Zone);
        var minute = local.Hour * 60 + local.Minute;
        return w.From < w.To ? minute >= w.From && minute < w.To : minute >= w.From || minute < w.To;
    }

    /// <summary>When the window that contains `utc` ends, in UTC.</summary>
    public static DateTimeOffset End(Window w, DateTimeOffset utc)
    {
        var local = TimeZoneInfo.ConvertTime(utc, w.Zone);
        var end = local.Date.AddMinutes(w.To);
        if (end <= local.DateTime) end = end.AddDays(1);
        // A wall-clock time skipped by a DST change does not exist: take the next minute that does.
        while (w.Zone.IsInvalidTime(end)) end = end.AddMinutes(1);
        return new DateTimeOffset(end, w.Zone.GetUtcOffset(end)).ToUniversalTime();
    }

    public static string Format(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";

    static int? Minutes(string hhmm) =>
        TimeOnly.TryParseExact(hhmm, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.Hour * 60 + t.Minute : null;

    static TimeZoneInfo? Zone(string id)
    {
        if (id.Equals("UTC", StringComparison.OrdinalIgnoreCase)) return TimeZoneInfo.Utc;
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
    }

    [GeneratedRegex(@"^(?<from>\d{1,2}:\d{2})\s*-\s*(?<to>\d{1,2}:\d{2})\s+(?<zone>[A-Za-z0-9_+\-/]{1,64})(?:\s+(?<mode>silent|summary))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Syntax();
}
