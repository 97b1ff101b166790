using ScottPlot;
using SkiaSharp;

namespace IncidentBot.Incidents.Charts;

/// <summary>
/// What the bot's pictures share: the font shipped inside the program (so a host without fonts still draws
/// Cyrillic and Azerbaijani letters) and one colour per category, the same on the chart and the map.
/// </summary>
internal static class ChartStyle
{
    public const string FontName = "IncidentBot DejaVu Sans";

    /// <summary>Every category, then "no category", in the order legends list them.</summary>
    public static readonly TargetCategory?[] Categories = [.. Enum.GetValues<TargetCategory>().Cast<TargetCategory?>(), null];

    static readonly Color[] Palette = [.. new[] { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f" }
        .Select(Color.FromHex)];

    public static Color Colour(TargetCategory? category) => Palette[Array.IndexOf(Categories, category)];

    static readonly Lazy<SKTypeface> Typeface = new(() =>
    {
        using var stream = typeof(ChartStyle).Assembly.GetManifestResourceStream("IncidentBot.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The chart font is not embedded");
        var typeface = SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("The chart font does not load");
        Fonts.FontResolvers.Add(new ShippedFont());
        // Every label without a font of its own (texts, annotations) is drawn with it too, not a system font a host may lack.
        Fonts.Default = FontName;
        return typeface;
    });

    /// <summary>A plot whose text is drawn with the shipped font.</summary>
    public static Plot NewPlot()
    {
        _ = Typeface.Value;
        var plot = new Plot();
        plot.Font.Set(FontName);
        return plot;
    }

    /// <summary>
    /// The text without what the shipped font cannot draw (an emoji, a script it lacks), so a picture never shows a
    /// missing-glyph box; runs of spaces left behind are closed up.
    /// </summary>
    public static string Drawable(string text)
    {
        var typeface = Typeface.Value;
        var kept = new System.Text.StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
            if (rune.Value is ' ' or '\n' || typeface.ContainsGlyph(rune.Value)) kept.Append(rune.ToString());
        return string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Answers ScottPlot's requests for <see cref="FontName"/> with the embedded typeface.</summary>
    sealed class ShippedFont : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == FontName ? Typeface.Value : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == FontName ? Typeface.Value : null;
    }
}
