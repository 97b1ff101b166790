using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using ScottPlot;

namespace IncidentBot.Incidents.Charts.Map;

/// <summary>
/// The /map picture: the region's borders with each incident as a numbered dot in its category's colour, filled
/// where its coordinates are its own and exact, an open ring where the position is approximate (a rounded pin or
/// its town's centre). Dots that would cover each other are set apart with a line to where they belong.
/// </summary>
internal static class IncidentMap
{
    public const int Width = 1200, Height = 900;

    /// <summary>One incident on the map.</summary>
    public sealed record Spot(long Number, double Latitude, double Longitude, bool Exact, TargetCategory? Category)
    {
        public (double X, double Y) Pixel(Frame view) => view.Pixel(Latitude, Longitude);
    }

    // Ukraine and a little around it: what the map shows when nothing narrows it.
    const double DefaultWest = 21.5, DefaultEast = 40.8, DefaultSouth = 43.8, DefaultNorth = 52.9;
    const double MinimumSpan = 2.5, Padding = 0.15, CityLabelsBelow = 6;
    const float Dot = 30, MinimumGap = 33;

    static readonly Color Sea = Color.FromHex("#dcebf5"), Land = Color.FromHex("#f6f3ea"), Border = Color.FromHex("#6b6b6b"),
        RegionLine = Color.FromHex("#c4c0b4"), Label = Color.FromHex("#8a8578");

    /// <param name="wholeRegion">Show at least Ukraine and around it (no place was asked for), else fit the spots.</param>
    public static byte[] Png(IReadOnlyList<Spot> spots, Texts t, string title, Gazetteer gazetteer, bool wholeRegion)
    {
        var region = MapRegion.Shipped;
        var view = View(spots, wholeRegion);
        var k = Math.Cos((view.South + view.North) / 2 * Math.PI / 180);
        double X(double lon) => lon * k;

        var plot = ChartStyle.NewPlot();
        plot.Layout.Frameless();
        plot.HideGrid();
        plot.FigureBackground.Color = Sea;
        plot.DataBackground.Color = Sea;
        plot.Axes.SetLimits(X(view.West), X(view.East), view.South, view.North);

        foreach (var ring in region.Land) Area(plot, ring, Land, X);
        foreach (var ring in region.Water) Area(plot, ring, Sea, X);
        foreach (var line in region.Regions) Line(plot, line, RegionLine, 0.8f, X);
        foreach (var line in region.Borders) Line(plot, line, Border, 1.6f, X);

        // Where each dot goes, in pixels, so that none covers another.
        double Lon(double px) => px / Width * (view.East - view.West) + view.West;
        double Lat(double py) => view.North - py / Height * (view.North - view.South);
        var placed = new List<(Spot Spot, double X, double Y)>();
        foreach (var spot in spots.OrderBy(s => s.Number))
        {
            var (px, py) = view.Pixel(spot.Latitude, spot.Longitude);
            var (dx, dy) = Free(px, py, placed);
            placed.Add((spot, dx, dy));
        }
        bool UnderADot(Place p)
        {
            var (x, y) = view.Pixel(p.Latitude, p.Longitude);
            return placed.Any(d => Math.Abs(d.X - x) < 2 * Dot && Math.Abs(d.Y - y) < Dot);
        }

        foreach (var country in gazetteer.All.Where(p => p.Kind == PlaceKind.Country && view.Holds(p.Latitude, p.Longitude) && !UnderADot(p)))
        {
            // As written, not upper-cased: invariant casing gets Azerbaijani letters wrong (ı, i).
            var name = plot.Add.Text(ChartStyle.Drawable(t.Name(country)), X(country.Longitude), country.Latitude);
            name.LabelFontSize = 17;
            name.LabelItalic = true;
            name.LabelFontColor = Label;
            name.LabelAlignment = Alignment.MiddleCenter;
        }
        // Close up, the towns around say where this is.
        if (view.North - view.South < CityLabelsBelow)
            foreach (var city in gazetteer.All.Where(p => p.Kind == PlaceKind.City && view.Holds(p.Latitude, p.Longitude) && !UnderADot(p)))
            {
                plot.Add.Marker(X(city.Longitude), city.Latitude, MarkerShape.FilledCircle, 5, Label);
                var name = plot.Add.Text(ChartStyle.Drawable(t.Name(city)), X(city.Longitude), city.Latitude);
                name.LabelFontSize = 13;
                name.LabelFontColor = Label;
                name.LabelAlignment = Alignment.MiddleLeft;
                name.LabelOffsetX = 6;
            }

        // Lines to where set-apart dots belong first, so that no line crosses a number.
        foreach (var (spot, dx, dy) in placed.Where(p => (p.X, p.Y) != p.Spot.Pixel(view)))
        {
            var colour = ChartStyle.Colour(spot.Category);
            var leader = plot.Add.Line(X(spot.Longitude), spot.Latitude, X(Lon(dx)), Lat(dy));
            leader.LineColor = colour;
            leader.LineWidth = 1.5f;
            plot.Add.Marker(X(spot.Longitude), spot.Latitude, MarkerShape.FilledCircle, 7, colour);
        }
        foreach (var (spot, dx, dy) in placed)
        {
            var colour = ChartStyle.Colour(spot.Category);
            var (x, y) = (X(Lon(dx)), Lat(dy));
            plot.Add.Marker(x, y, MarkerShape.FilledCircle, Dot, spot.Exact ? colour : Colors.White);
            if (!spot.Exact)
            {
                var ring = plot.Add.Marker(x, y, MarkerShape.OpenCircle, Dot, colour);
                ring.MarkerStyle.LineWidth = 3;
            }
            var number = plot.Add.Text(spot.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), x, y);
            number.LabelFontSize = spot.Number < 100 ? 15 : spot.Number < 1000 ? 12 : 10;
            number.LabelBold = true;
            number.LabelFontColor = spot.Exact ? Colors.White : colour;
            number.LabelAlignment = Alignment.MiddleCenter;
        }

        var heading = plot.Add.Annotation(ChartStyle.Drawable(title), Alignment.UpperCenter);
        heading.LabelFontSize = 20;
        heading.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        heading.LabelBorderColor = Colors.Transparent;
        var credit = plot.Add.Annotation(t["map.credit"], Alignment.LowerRight);
        credit.LabelFontSize = 11;
        credit.LabelBackgroundColor = Colors.White.WithAlpha(0.7);
        credit.LabelBorderColor = Colors.Transparent;

        foreach (var category in ChartStyle.Categories.Where(c => spots.Any(s => s.Category == c)))
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = category is { } c ? t[$"category.{c}"] : t["category.none"],
                MarkerShape = MarkerShape.FilledCircle,
                MarkerSize = 14,
                MarkerFillColor = ChartStyle.Colour(category),
                MarkerLineColor = ChartStyle.Colour(category),
            });
        if (spots.Any(s => s.Exact))
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = t["map.exact"], MarkerShape = MarkerShape.FilledCircle, MarkerSize = 14, MarkerFillColor = Border, MarkerLineColor = Border });
        if (spots.Any(s => !s.Exact))
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = t["map.approximate"], MarkerShape = MarkerShape.OpenCircle, MarkerSize = 14, MarkerLineColor = Border, MarkerLineWidth = 3 });
        plot.Legend.IsVisible = spots.Count > 0;
        plot.Legend.Alignment = Alignment.LowerLeft;
        plot.Legend.FontName = ChartStyle.FontName;
        plot.Legend.FontSize = 15;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// The frame: every spot with a margin, no narrower than a region (or than Ukraine and around it when
    /// <paramref name="wholeRegion"/>), widened to the picture's shape.
    /// </summary>
    internal static Frame View(IReadOnlyList<Spot> spots, bool wholeRegion)
    {
        var whole = new Frame(DefaultWest, DefaultSouth, DefaultEast, DefaultNorth);
        if (spots.Count == 0) return Shaped(whole);
        double west = spots.Min(s => s.Longitude), east = spots.Max(s => s.Longitude);
        double south = spots.Min(s => s.Latitude), north = spots.Max(s => s.Latitude);
        var padLat = Math.Max((north - south) * Padding, MinimumSpan / 2 - (north - south) / 2);
        var padLon = Math.Max((east - west) * Padding, MinimumSpan / 2 - (east - west) / 2);
        var fit = new Frame(west - padLon, south - padLat, east + padLon, north + padLat);
        return Shaped(wholeRegion
            ? new Frame(Math.Min(fit.West, whole.West), Math.Min(fit.South, whole.South), Math.Max(fit.East, whole.East), Math.Max(fit.North, whole.North))
            : fit);
    }

    static Frame Shaped(Frame f)
    {
        var k = Math.Cos((f.South + f.North) / 2 * Math.PI / 180);
        var ratio = (double)Width / Height;
        var (w, h) = ((f.East - f.West) * k, f.North - f.South);
        if (w / h < ratio)
        {
            var grow = (h * ratio / k - (f.East - f.West)) / 2;
            return f with { West = f.West - grow, East = f.East + grow };
        }
        var taller = (w / ratio - h) / 2;
        return f with { South = f.South - taller, North = f.North + taller };
    }

    /// <summary>What the picture shows, in degrees; the whole picture is the map (no axes or margins).</summary>
    internal sealed record Frame(double West, double South, double East, double North)
    {
        public bool Holds(double lat, double lon) => lat > South && lat < North && lon > West && lon < East;

        /// <summary>Where a point is drawn, in pixels from the picture's upper left corner.</summary>
        public (double X, double Y) Pixel(double lat, double lon) =>
            ((lon - West) / (East - West) * Width, (North - lat) / (North - South) * Height);
    }

    /// <summary>The nearest point on rings around (x, y) at least a dot's width from every dot placed before.</summary>
    static (double X, double Y) Free(double x, double y, List<(Spot Spot, double X, double Y)> placed)
    {
        bool Clear(double cx, double cy) => placed.All(p => Math.Pow(p.X - cx, 2) + Math.Pow(p.Y - cy, 2) >= MinimumGap * MinimumGap);
        if (Clear(x, y)) return (x, y);
        for (var ring = 1; ring < 12; ring++)
        {
            var steps = 6 * ring;
            for (var i = 0; i < steps; i++)
            {
                var angle = -Math.PI / 2 + 2 * Math.PI * i / steps;
                var (cx, cy) = (x + Math.Cos(angle) * MinimumGap * ring * 1.1, y + Math.Sin(angle) * MinimumGap * ring * 1.1);
                if (Clear(cx, cy)) return (cx, cy);
            }
        }
        return (x, y);
    }

    static void Area(Plot plot, double[] ring, Color fill, Func<double, double> x)
    {
        var polygon = plot.Add.Polygon(Points(ring, x));
        polygon.FillColor = fill;
        polygon.LineWidth = 0;
    }

    static void Line(Plot plot, double[] line, Color colour, float width, Func<double, double> x)
    {
        var points = Points(line, x);
        var scatter = plot.Add.ScatterLine(points);
        scatter.LineColor = colour;
        scatter.LineWidth = width;
    }

    static Coordinates[] Points(double[] flat, Func<double, double> x) =>
        [.. Enumerable.Range(0, flat.Length / 2).Select(i => new Coordinates(x(flat[2 * i]), flat[2 * i + 1]))];
}
