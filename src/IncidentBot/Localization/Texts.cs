using System.Collections.Frozen;
using System.Globalization;
using IncidentBot.Telegram;

namespace IncidentBot.Localization;

/// <summary>
/// The strings of one language. Templates are HTML; Format escapes every argument unless it is
/// already <see cref="Html"/>, so user text can never become markup by accident.
/// </summary>
internal sealed class Texts(string language, FrozenDictionary<string, string> strings)
{
    public string Language => language;

    public IEnumerable<string> Keys => strings.Keys;

    /// <summary>A template as HTML, with no arguments filled in.</summary>
    public string this[string key] => strings.TryGetValue(key, out var value) ? value : key;

    public string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, this[key], args.Select(Render).ToArray());

    /// <summary>The month's name, 1-12.</summary>
    public string Month(int month) => this[$"month.{month}"];

    static object Render(object? arg) => arg switch
    {
        null => "",
        Html html => html.Value,
        string text => HtmlText.Escape(text),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => HtmlText.Escape(arg.ToString() ?? ""),
    };
}
