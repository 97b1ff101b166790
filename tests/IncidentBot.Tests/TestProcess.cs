using System.Runtime.CompilerServices;

namespace IncidentBot.Tests;

internal static class TestProcess
{
    /// <summary>
    /// The fake Bot API stamps each request when a pool thread reads it. With the default two threads
    /// on a 2-core machine, a busy moment delays those stamps and bunches them, which would read as the
    /// bot breaking Telegram's limits. Spare threads keep the stamps honest.
    /// </summary>
    [ModuleInitializer]
    internal static void SpareThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
