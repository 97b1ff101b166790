using System.Collections.Frozen;
using System.Text.Json;

namespace IncidentBot.Localization;

/// <summary>
/// Every user-facing string lives in Localization/Strings/{language}.json. English is complete;
/// another language may hold only some keys and falls back to English for the rest, so adding a
/// language is a resources-only change.
/// </summary>
internal sealed class Localizer
{
    public const string Fallback = "en";
    const string Prefix = "IncidentBot.Localization.Strings.";

    readonly FrozenDictionary<string, Texts> _languages;

    public Localizer()
    {
        var assembly = typeof(Localizer).Assembly;
        var tables = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .ToDictionary(n => n[Prefix.Length..^".json".Length], n => Read(assembly.GetManifestResourceStream(n)!));
        var english = tables[Fallback];
        _languages = tables.ToFrozenDictionary(
            t => t.Key,
            t => new Texts(t.Key, t.Value.Concat(english.Where(e => !t.Value.ContainsKey(e.Key)))
                .ToFrozenDictionary(p => p.Key, p => p.Value)));
    }

    public IEnumerable<string> Languages => _languages.Keys;

    public Texts English => _languages[Fallback];

    /// <summary>Texts for a Telegram language_code such as "en", "uk" or "pt-br".</summary>
    public Texts For(string? languageCode)
    {
        if (string.IsNullOrWhiteSpace(languageCode)) return English;
        var code = languageCode.Trim().ToLowerInvariant();
        if (_languages.TryGetValue(code, out var exact)) return exact;
        var dash = code.IndexOf('-');
        return dash > 0 && _languages.TryGetValue(code[..dash], out var general) ? general : English;
    }

    static Dictionary<string, string> Read(Stream stream)
    {
        using (stream)
            return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException("An empty strings file was embedded.");
    }
}
