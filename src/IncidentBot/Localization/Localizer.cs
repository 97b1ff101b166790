using System.Collections.Frozen;
using System.Text.Json;
using IncidentBot.Incidents.Places;

namespace IncidentBot.Localization;

/// <summary>
/// Every user-facing string lives in Localization/Strings/{language}.json, beside GLOSSARY.md. A value is
/// a template, or for a string that depends on a count an object of CLDR plural forms
/// (<c>{"one": "...", "few": "...", "many": "..."}</c>). English is complete; the tests hold every other
/// language to English's keys, placeholders and its own plural categories, and a key one still lacks falls
/// back to English, so adding a language is a resources-only change.
/// </summary>
internal sealed class Localizer
{
    public const string Fallback = "en";
    const string Prefix = "IncidentBot.Localization.Strings.";

    readonly FrozenDictionary<string, Texts> _languages;

    /// <summary>The strings with the shipped gazetteer, for tools and tests; the bot's comes from its services.</summary>
    public Localizer() : this(new Gazetteer()) { }

    public Localizer(Gazetteer gazetteer)
    {
        var tables = Files.Value;
        var english = tables[Fallback];
        _languages = tables.ToFrozenDictionary(
            t => t.Key,
            t => new Texts(t.Key, t.Value.Concat(english.Where(e => !t.Value.ContainsKey(e.Key)))
                .ToFrozenDictionary(p => p.Key, p => p.Value), gazetteer));
    }

    /// <summary>Each embedded strings file, read once per process.</summary>
    static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Files = new(() =>
    {
        var assembly = typeof(Localizer).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .ToDictionary(n => n[Prefix.Length..^".json".Length], n => Read(assembly.GetManifestResourceStream(n)!));
    });

    /// <summary>One key's value in one language's file as written (no fallback), for words the bot stores.</summary>
    public static string? InLanguage(string language, string key) => Files.Value.GetValueOrDefault(language)?.GetValueOrDefault(key);

    /// <summary>One key's value in every language that has it: what people may type back of a label they were shown.</summary>
    public static IEnumerable<string> InEveryLanguage(string key) =>
        Files.Value.Values.Select(f => f.GetValueOrDefault(key)).OfType<string>().Distinct();

    public IEnumerable<string> Languages => Spoken;

    public Texts English => _languages[Fallback];

    /// <summary>Texts for a Telegram language_code such as "en", "uk" or "pt-br".</summary>
    public Texts For(string? languageCode) => Known(languageCode) is { } code ? _languages[code] : English;

    /// <summary>The languages by their own names, for /language: "English", "Українська", ...</summary>
    public IEnumerable<(string Code, string Name)> Choices =>
        _languages.Values.OrderBy(t => Array.IndexOf(Order, t.Language) is var i and >= 0 ? i : int.MaxValue)
            .Select(t => (t.Language, t["language.name"]));

    static readonly string[] Order = ["uk", "az", "ru", "en"];

    /// <summary>The language of a code if the bot speaks it ("uk-UA" is "uk"), else null.</summary>
    public static string? Known(string? languageCode)
    {
        if (string.IsNullOrWhiteSpace(languageCode)) return null;
        var code = languageCode.Trim().ToLowerInvariant();
        if (Files.Value.ContainsKey(code)) return code;
        var dash = code.IndexOf('-');
        return dash > 0 && Files.Value.ContainsKey(code[..dash]) ? code[..dash] : null;
    }

    /// <summary>The codes of the languages the bot speaks.</summary>
    public static IEnumerable<string> Spoken => Files.Value.Keys.Order();

    /// <summary>A strings file: plain keys, and plural keys flattened to "key#one", "key#other", ...</summary>
    internal static Dictionary<string, string> Read(Stream stream)
    {
        using (stream)
        using (var json = JsonDocument.Parse(stream))
        {
            var strings = new Dictionary<string, string>();
            foreach (var entry in json.RootElement.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.String) strings[entry.Name] = entry.Value.GetString()!;
                else foreach (var form in entry.Value.EnumerateObject())
                    strings[$"{entry.Name}{Texts.PluralMark}{form.Name}"] = form.Value.GetString()!;
            }
            return strings;
        }
    }
}
