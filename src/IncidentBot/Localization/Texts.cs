using System.Collections.Frozen;
using System.Globalization;
using IncidentBot.Incidents.Places;
using IncidentBot.Telegram;

namespace IncidentBot.Localization;

/// <summary>
/// The strings of one language. Templates are HTML; Format escapes every argument unless it is
/// already <see cref="Html"/>, so user text can never become markup by accident. A string that depends
/// on a count is stored once per plural category ("key#one", "key#few", ...) and read with Plural.
/// </summary>
internal sealed class Texts(string language, FrozenDictionary<string, string> strings, Gazetteer gazetteer)
{
    /// <summary>The gazetteer, whose places have a name in every language.</summary>
    public Gazetteer Places => gazetteer;

    /// <summary>A place's name in this language: Kyiv, Київ, Kiyev, Киев.</summary>
    public string Name(Place place) => Gazetteer.Name(place, language);

    /// <summary>The name of the place with this gazetteer id in this language, else <paramref name="otherwise"/> as stored.</summary>
    public string? Name(string? placeId, string? otherwise) =>
        placeId is not null && gazetteer.Find(placeId) is { } place ? Name(place) : otherwise;

    public const char PluralMark = '#';

    /// <summary>The two-letter code: "en", "uk", "az", "ru".</summary>
    public string Language => language;

    public IEnumerable<string> Keys => strings.Keys;

    /// <summary>A template as HTML, with no arguments filled in.</summary>
    public string this[string key] => strings.TryGetValue(key, out var value) ? value : key;

    public string Format(string key, params object?[] args) => Fill(this[key], args);

    /// <summary>
    /// The form of <paramref name="key"/> that <paramref name="count"/> takes in this language (CLDR rules),
    /// filled with <paramref name="args"/>; the count is usually one of them.
    /// </summary>
    public string Plural(string key, long count, params object?[] args)
    {
        var form = $"{key}{PluralMark}{Plurals.Category(language, count)}";
        return Fill(strings.TryGetValue(form, out var value) ? value : this[$"{key}{PluralMark}other"], args);
    }

    /// <summary>A count with its noun, "5 звітів": the plural key's form for the count, filled with it.</summary>
    public Html Count(string key, long count) => new(Plural(key, count, count));

    /// <summary>How long ago, in the largest unit that keeps it short: "40 s ago", "12 min ago", "5 h ago", "3 days ago".</summary>
    public string Ago(TimeSpan age) => age.TotalSeconds < 120 ? Unit("age.seconds", Math.Max(0, (long)age.TotalSeconds))
        : age.TotalMinutes < 120 ? Unit("age.minutes", (long)age.TotalMinutes)
        : age.TotalHours < 48 ? Unit("age.hours", (long)age.TotalHours)
        : Unit("age.days", (long)age.TotalDays);

    string Unit(string key, long n) => Plural(key, n, n);

    /// <summary>The month's name on its own, as with a year: "January", "січень", "январь", "yanvar".</summary>
    public string Month(int month) => this[$"month.{month}"];

    /// <summary>The month's name after a day: "March", "березня", "марта", "mart".</summary>
    public string MonthOfDay(int month) => this[$"month.day.{month}"];

    static string Fill(string template, object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, template, args.Select(Render).ToArray());

    static object Render(object? arg) => arg switch
    {
        null => "",
        Html html => html.Value,
        string text => HtmlText.Escape(text),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => HtmlText.Escape(arg.ToString() ?? ""),
    };
}
