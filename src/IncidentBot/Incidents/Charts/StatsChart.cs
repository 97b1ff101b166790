using IncidentBot.Localization;
using ScottPlot;

namespace IncidentBot.Incidents.Charts;

/// <summary>
/// The /stats picture: published incidents per month, stacked by category, labelled in the reader's language.
/// Drawn with the font shipped inside the program (<see cref="ChartStyle"/>).
/// </summary>
internal static class StatsChart
{
    public const int Width = 1200, Height = 600;

    /// <summary>Incidents of one month and category (Month 1-12; year-only dates are not drawn on a month axis).</summary>
    public sealed record Cell(int Year, int Month, TargetCategory? Category, int Count);

    /// <summary>The last <paramref name="months"/> months up to the newest one with an incident, as a PNG.</summary>
    public static byte[] Png(IReadOnlyList<Cell> cells, Texts t, int months = 12)
    {
        var plot = ChartStyle.NewPlot();
        var axis = MonthAxis(cells, months);
        var ticks = new List<Tick>();
        var bars = new List<Bar>();
        var used = new HashSet<TargetCategory?>();
        for (var x = 0; x < axis.Count; x++)
        {
            var (year, month) = axis[x];
            ticks.Add(new Tick(x, $"{t.Month(month)}\n{year}"));
            double stacked = 0;
            foreach (var category in ChartStyle.Categories)
            {
                var count = cells.Where(c => c.Year == year && c.Month == month && c.Category == category).Sum(c => c.Count);
                if (count == 0) continue;
                used.Add(category);
                bars.Add(new Bar { Position = x, ValueBase = stacked, Value = stacked + count, FillColor = ChartStyle.Colour(category), LineWidth = 0 });
                stacked += count;
            }
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Width = 0;
        plot.Axes.Margins(bottom: 0);
        if (axis.Count == 0) plot.Axes.SetLimits(-0.5, 0.5, 0, 1);
        plot.Title(t["stats.chart_title"]);
        plot.YLabel(t["stats.chart_axis"]);
        plot.HideGrid();
        plot.Grid.YAxisStyle.IsVisible = true;
        foreach (var category in ChartStyle.Categories.Where(used.Contains))
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = category is { } c ? t[$"category.{c}"] : t["category.none"],
                FillColor = ChartStyle.Colour(category),
            });
        plot.Legend.IsVisible = used.Count > 0;
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.Legend.FontName = ChartStyle.FontName;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Consecutive months, oldest first, ending at the newest month with an incident; none without any.</summary>
    static List<(int Year, int Month)> MonthAxis(IReadOnlyList<Cell> cells, int months)
    {
        if (cells.Count == 0) return [];
        var newest = cells.Max(c => c.Year * 12 + c.Month - 1);
        var oldest = Math.Max(cells.Min(c => c.Year * 12 + c.Month - 1), newest - months + 1);
        return [.. Enumerable.Range(oldest, newest - oldest + 1).Select(m => (m / 12, m % 12 + 1))];
    }
}
