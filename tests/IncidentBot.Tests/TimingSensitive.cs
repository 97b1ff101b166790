namespace IncidentBot.Tests;

/// <summary>
/// Tests that measure real send timing (against the fake's rate limits) or start child processes run
/// alone, after the parallel ones: on two cores a neighbour's burst of work would skew their clocks. Each class also
/// carries the trait <see cref="Trait"/> = <see cref="Name"/>, so CI runs them in a test process (and a PostgreSQL) of
/// their own: after the thousand other tests in the same process, the fake saw a standby's paced sends bunched
/// (31 within 0.93 s), every run, while the same tests pass alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
    public const string Trait = "Collection";
}
