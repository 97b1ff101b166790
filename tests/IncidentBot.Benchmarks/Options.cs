namespace IncidentBot.Benchmarks;

/// <summary>Run counts and sizes; --quick scales everything down for a smoke test (and says so in the table).</summary>
internal sealed record Options
{
    public bool Quick { get; init; }
    public int FanOutRuns { get; init; } = 3;
    public int PaidChats { get; init; } = 10_000;
    public int StartRuns { get; init; } = 3;
    public int StartSubscriptions { get; init; } = 100_000;
    public int MillionSubscriptions { get; init; } = 1_000_000;
    public int Updates { get; init; } = 5_000; // scaled from 20,000: at ~70/s the bot alone would take 10 min
    public int UpdateChats { get; init; } = 1_000;
    public int Incidents { get; init; } = 100_000;
    public int LatencyUpdates { get; init; } = 300;
    public int MemoryFanOut { get; init; } = 100_000;
    public int CrashRuns { get; init; } = 20;
    public int CrashChats { get; init; } = 1_000;
    public int NearestChats { get; init; } = 10_000;
    public int NearestRadiusChats { get; init; } = 100;
    public int PictureRounds { get; init; } = 5;

    public static Options Quick_ => new()
    {
        Quick = true, FanOutRuns = 1, PaidChats = 2_000, StartRuns = 1, StartSubscriptions = 20_000, MillionSubscriptions = 100_000,
        Updates = 2_000, UpdateChats = 100, Incidents = 10_000, LatencyUpdates = 200, MemoryFanOut = 10_000, CrashRuns = 2, CrashChats = 300, NearestChats = 2_000, PictureRounds = 2,
    };
}
