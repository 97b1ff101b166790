using System.Runtime;

namespace IncidentBot.Tests;

/// <summary>
/// Tests that measure real send timing (against the fake's rate limits) or start child processes run
/// alone, after the parallel ones: on two cores a neighbour's burst of work would skew their clocks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive : ICollectionFixture<TimingSensitive.CollectedHeap>
{
    public const string Name = "Timing-sensitive";

    /// <summary>
    /// The fake Bot API and the bots share this process with everything the parallel tests left behind (hosts,
    /// pictures, databases' buffers). It is collected and compacted once before these tests start, so that collecting
    /// that garbage does not pause the process inside a measured second and bunch the fake's arrival times.
    /// </summary>
    public sealed class CollectedHeap
    {
        public CollectedHeap()
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }
}
