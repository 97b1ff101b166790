using IncidentBot.Data;
using IncidentBot.Incidents.Charts;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Incidents;

/// <summary>Counts of published incidents by month, category and place, grouped in the database.</summary>
internal static class IncidentStats
{
    const int Rows = 12;

    /// <summary>ByMonth's OnOrBefore: how many of the month's incidents are dated only "on or before" a day in it.</summary>
    public sealed record Snapshot(int Total, List<(int Year, int? Month, int Count, int OnOrBefore)> ByMonth,
        List<(TargetCategory? Category, int Count)> ByCategory, List<(string? Place, string Country, int Count)> ByPlace);

    public static async Task<Snapshot> Load(BotDb db, CancellationToken ct)
    {
        var published = db.Incidents.Where(i => i.Status == IncidentStatus.Published);
        var total = await published.CountAsync(ct);
        // An incident known only to the year is counted under its year, never a made-up month.
        var months = await published
            .GroupBy(i => new { i.OccurredOn.Year, Month = i.Precision == DatePrecision.Year ? 0 : i.OccurredOn.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count(), OnOrBefore = g.Count(i => i.OnOrBefore) })
            .OrderByDescending(g => g.Year).ThenByDescending(g => g.Month).Take(Rows).ToListAsync(ct);
        var categories = await published.GroupBy(i => i.Category)
            .Select(g => new { Category = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).ToListAsync(ct);
        var places = await published.GroupBy(i => new { i.Country, Place = i.Place ?? i.Region })
            .Select(g => new { g.Key.Country, g.Key.Place, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Country).Take(Rows).ToListAsync(ct);
        return new Snapshot(total,
            [.. months.Select(m => (m.Year, m.Month == 0 ? (int?)null : m.Month, m.Count, m.OnOrBefore))],
            [.. categories.Select(c => (c.Category, c.Count))],
            [.. places.Select(p => (p.Place, p.Country, p.Count))]);
    }

    /// <summary>What the chart draws: month-precision counts by month and category (a few dozen rows at most a year).</summary>
    public static async Task<List<StatsChart.Cell>> ChartCells(BotDb db, CancellationToken ct) =>
        [.. (await db.Incidents.Where(i => i.Status == IncidentStatus.Published && i.Precision != DatePrecision.Year)
            .GroupBy(i => new { i.OccurredOn.Year, i.OccurredOn.Month, i.Category })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Category, Count = g.Count() }).ToListAsync(ct))
            .Select(c => new StatsChart.Cell(c.Year, c.Month, c.Category, c.Count))];

    /// <summary>
    /// Changes whenever the published record does: publishing raises the count, a correction moves the newest
    /// UpdatedAt, a retraction lowers the count.
    /// </summary>
    public static async Task<Pictures.Version> Version(BotDb db, CancellationToken ct)
    {
        var published = db.Incidents.Where(i => i.Status == IncidentStatus.Published);
        return new(await published.CountAsync(ct), await published.MaxAsync(i => (DateTime?)i.UpdatedAt, ct) ?? default);
    }

    /// <summary>The figures as text, cut at a whole line to fit <paramref name="max"/> (a photo caption takes 1024).</summary>
    public static string Render(Snapshot s, Texts t, int max = HtmlText.MaxMessage)
    {
        if (s.Total == 0) return t["recent.empty"];
        var lines = new List<string> { t.Plural("stats.header", s.Total, s.Total), "", t["stats.by_month"] };
        // An incident dated "on or before" a day is counted in that day's month, and the row says how many are.
        lines.AddRange(s.ByMonth.Select(m =>
        {
            var when = new Html(m.Month is { } month ? t.Format("date.month", t.Month(month), m.Year) : t.Format("date.year", m.Year));
            return m.OnOrBefore == 0 ? t.Format("stats.row", when, m.Count) : t.Plural("stats.row_on_or_before", m.OnOrBefore, when, m.Count, m.OnOrBefore);
        }));
        lines.Add("");
        lines.Add(t["stats.by_category"]);
        lines.AddRange(s.ByCategory.Select(c => t.Format("stats.row",
            new Html(c.Category is { } cat ? t[$"category.{cat}"] : t["category.none"]), c.Count)));
        lines.Add("");
        lines.Add(t["stats.by_place"]);
        lines.AddRange(s.ByPlace.Select(p => t.Format("stats.row", HtmlText.Plain(PlaceName(p.Place, p.Country, t), 80), p.Count)));
        return HtmlText.JoinWithin(lines, max);
    }

    /// <summary>"Kyiv, Ukraine" in the reader's language; a name the gazetteer does not know as recorded.</summary>
    static string PlaceName(string? place, string country, Texts t)
    {
        string Named(string name) => name == "unknown" ? t["where.unknown"] : t.Places.Resolve(name).Place is { } known ? t.Name(known) : name;
        return string.IsNullOrWhiteSpace(place) || place == country ? Named(country) : $"{Named(place)}, {Named(country)}";
    }
}
