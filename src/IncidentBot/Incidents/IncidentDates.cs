namespace IncidentBot.Incidents;

/// <summary>What an incident's date allows: the days it may have happened on, given its precision and bound.</summary>
internal static class IncidentDates
{
    /// <summary>
    /// [From, To): a day, a month or a year; a date known only as "on or before" a day has no first day, so it starts
    /// at <see cref="DateTime.MinValue"/>.
    /// </summary>
    public static (DateTime From, DateTime To) Span(Incident i)
    {
        var d = i.OccurredOn;
        var to = i.Precision switch
        {
            DatePrecision.Day => d.AddDays(1),
            DatePrecision.Month => d.AddMonths(1),
            _ => d.AddYears(1),
        };
        return (i.OnOrBefore ? DateTime.MinValue : d, to);
    }

    /// <summary>Whole days between the two spans; 0 when they overlap (a month holds each of its days, "on or before" every earlier day).</summary>
    public static int DaysApart(Incident a, Incident b)
    {
        var (x, y) = (Span(a), Span(b));
        var gap = x.From >= y.To ? x.From - y.To : y.From >= x.To ? y.From - x.To : TimeSpan.Zero;
        return (int)Math.Ceiling(gap.TotalDays);
    }
}
