namespace IncidentBot.Tests;

/// <summary>
/// Waits for a condition no Bot API call marks (a log line, a lease changing hands, an HTTP endpoint turning
/// ready), looking every 50 ms; fails with <paramref name="what"/> when it has not held within the time given.
/// </summary>
internal static class Eventually
{
    public static Task Holds(Func<bool> condition, TimeSpan within, string what = "the condition never held") =>
        Holds(() => Task.FromResult(condition()), within, what);

    public static async Task Holds(Func<Task<bool>> condition, TimeSpan within, string what = "the condition never held")
    {
        var until = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what} (waited {within.TotalSeconds:0.#} s)");
            await Task.Delay(50);
        }
    }
}
