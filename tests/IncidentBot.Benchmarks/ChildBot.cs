using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Benchmarks;

/// <summary>
/// "botchild" mode: the bot's host exactly as Program.cs builds it (settings from the environment), plus a
/// sampler of the managed heap and working set, so memory is measured without the fake server's own.
/// Commands on stdin: baseline, publish, peak, exit.
/// </summary>
internal static class ChildBot
{
    public static async Task<int> Run()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 128), Math.Max(io, 128)); // as Program.cs does
        using var host = IncidentBotSetup.CreateBuilder([], consoleMode: false).Build();
        await host.StartAsync();
        long maxHeap = 0, maxWorkingSet = 0, maxLive = 0;
        var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var info = GC.GetGCMemoryInfo();
                Interlocked.Exchange(ref maxHeap, Math.Max(Interlocked.Read(ref maxHeap), GC.GetTotalMemory(false)));
                Interlocked.Exchange(ref maxLive, Math.Max(Interlocked.Read(ref maxLive), info.HeapSizeBytes - info.FragmentedBytes));
                Interlocked.Exchange(ref maxWorkingSet, Math.Max(Interlocked.Read(ref maxWorkingSet), Environment.WorkingSet));
                await Task.Delay(20);
            }
        });
        Console.WriteLine("READY");
        while (Console.ReadLine() is { } command)
        {
            switch (command)
            {
                case "baseline":
                    GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
                    var heap = GC.GetTotalMemory(true);
                    Interlocked.Exchange(ref maxHeap, 0); Interlocked.Exchange(ref maxLive, 0); Interlocked.Exchange(ref maxWorkingSet, 0);
                    Console.WriteLine($"BASELINE {heap} {Environment.WorkingSet}");
                    break;
                case "publish":
                    var start = DateTimeOffset.UtcNow;
                    var (_, rows, written) = await Db.Publish(host.Services, "Ukraine");
                    Console.WriteLine($"PUBLISHED {start.UtcTicks} {written.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} {rows}");
                    break;
                case "peak":
                    Console.WriteLine($"PEAK {Interlocked.Read(ref maxHeap)} {Interlocked.Read(ref maxLive)} {Interlocked.Read(ref maxWorkingSet)} {PeakWorkingSet()}");
                    break;
                case "exit":
                    await sampling.CancelAsync();
                    await sampler;
                    await host.StopAsync();
                    return 0;
            }
        }
        return 0;
    }

    /// <summary>VmHWM: the most resident memory the process ever had, from the kernel.</summary>
    static long PeakWorkingSet()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
