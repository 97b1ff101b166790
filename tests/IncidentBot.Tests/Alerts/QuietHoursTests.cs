using IncidentBot.Alerts;

namespace IncidentBot.Tests.Alerts;

public sealed class QuietHoursTests
{
    [Fact]
    public void A_window_over_midnight_contains_the_night_in_the_chats_own_zone()
    {
        var (w, error) = QuietHours.Parse("23:00-07:00 Europe/Kyiv summary");
        Assert.Null(error);
        Assert.Equal(QuietMode.Summary, w!.Mode);
        // Kyiv is UTC+2 in winter: 21:30 UTC is 23:30 there.
        Assert.True(QuietHours.Contains(w, new DateTimeOffset(2026, 1, 10, 21, 30, 0, TimeSpan.Zero)));
        Assert.True(QuietHours.Contains(w, new DateTimeOffset(2026, 1, 11, 4, 59, 0, TimeSpan.Zero)));
        Assert.False(QuietHours.Contains(w, new DateTimeOffset(2026, 1, 11, 5, 0, 0, TimeSpan.Zero)));
        Assert.False(QuietHours.Contains(w, new DateTimeOffset(2026, 1, 10, 20, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_window_ends_at_the_next_local_end_time()
    {
        var (w, _) = QuietHours.Parse("23:00-07:00 Europe/Kyiv");
        Assert.Equal(QuietMode.Silent, w!.Mode);
        Assert.Equal(new DateTimeOffset(2026, 1, 11, 5, 0, 0, TimeSpan.Zero), QuietHours.End(w, new DateTimeOffset(2026, 1, 10, 21, 30, 0, TimeSpan.Zero)));
        // Summer time: Kyiv is UTC+3.
        Assert.Equal(new DateTimeOffset(2026, 7, 11, 4, 0, 0, TimeSpan.Zero), QuietHours.End(w, new DateTimeOffset(2026, 7, 11, 1, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void An_end_time_skipped_by_a_clock_change_ends_at_the_first_minute_that_exists()
    {
        // Europe/Kyiv skipped 03:00-04:00 local on 29 March 2026.
        var (w, _) = QuietHours.Parse("01:00-03:30 Europe/Kyiv");
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), QuietHours.End(w!, new DateTimeOffset(2026, 3, 28, 23, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("23:00 Europe/Kyiv", "quiet.usage")]
    [InlineData("25:00-07:00 Europe/Kyiv", "quiet.bad_time")]
    [InlineData("07:00-07:00 UTC", "quiet.bad_time")]
    [InlineData("23:00-07:00 Mars/Olympus", "quiet.bad_zone")]
    public void Bad_quiet_hours_are_refused_with_a_reason(string args, string error) =>
        Assert.Equal(error, QuietHours.Parse(args).Error);
}
