using System.Globalization;
using System.Text;

namespace IncidentBot.Benchmarks;

/// <summary>One line of the results table: a figure over several runs, and its ratio to a limit or baseline.</summary>
internal sealed record Row(string Scenario, string Figure, IReadOnlyList<double> Runs, string Unit, string Ratio, string Target, string Note = "")
{
    public double Median => Stats.Median(Runs);
}

internal static class Stats
{
    public static double Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return double.NaN;
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    public static double Percentile(IReadOnlyList<double> xs, double p)
    {
        if (xs.Count == 0) return double.NaN;
        var s = xs.Order().ToArray();
        var i = (int)Math.Ceiling(p / 100 * s.Length) - 1;
        return s[Math.Clamp(i, 0, s.Length - 1)];
    }

    public static string F(double x) => double.IsNaN(x) ? "n/a"
        : Math.Abs(x) >= 100 ? x.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(x) >= 10 ? x.ToString("0.0", CultureInfo.InvariantCulture)
        : x.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Ratio(double x) => double.IsNaN(x) ? "n/a" : x.ToString("0.00", CultureInfo.InvariantCulture);
}

internal static class Table
{
    public static string Render(IEnumerable<Row> rows, string header)
    {
        var sb = new StringBuilder();
        sb.AppendLine(header);
        sb.AppendLine();
        sb.AppendLine("| Scenario | Figure | Median | Min | Max | Runs | Ratio | Target | Note |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---|---|---|");
        foreach (var r in rows)
        {
            var min = r.Runs.Count == 0 ? double.NaN : r.Runs.Min();
            var max = r.Runs.Count == 0 ? double.NaN : r.Runs.Max();
            sb.AppendLine($"| {r.Scenario} | {r.Figure} | {Stats.F(r.Median)} {r.Unit} | {Stats.F(min)} | {Stats.F(max)} | {r.Runs.Count} | {r.Ratio} | {r.Target} | {r.Note} |");
        }
        return sb.ToString();
    }
}
