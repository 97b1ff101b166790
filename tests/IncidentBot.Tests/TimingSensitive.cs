namespace IncidentBot.Tests;

/// <summary>
/// Tests that measure real send timing (against the fake's rate limits) or start child processes run
/// alone, after the parallel ones: on two cores a neighbour's burst of work would skew their clocks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}
