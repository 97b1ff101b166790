using System.Diagnostics;
using System.Threading.Channels;

namespace IncidentBot.Benchmarks;

/// <summary>
/// A bot as a child process, configured through environment variables as in production: the built
/// IncidentBot.dll (for kill -9, as tests/IncidentBot.Tests/BotProcess.cs does), or this program in
/// "botchild" mode (the same host, plus a memory sampler that answers on stdin/stdout).
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    readonly Process _process;
    readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>IncidentBot.dll from src/IncidentBot's own output, same configuration as this program.</summary>
    public static string BotDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IncidentBot.sln"))) dir = dir.Parent;
            var dll = Path.Combine(dir!.FullName, "src", "IncidentBot", "bin", configuration, "net10.0", "IncidentBot.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/IncidentBot first", dll);
        }
    }

    public static ChildProcess StartBot(Uri api, string connectionString, params (string Key, string Value)[] settings) =>
        Start(new ProcessStartInfo("dotnet", [BotDll]), api, connectionString, settings);

    public static ChildProcess StartSelf(Uri api, string connectionString, params (string Key, string Value)[] settings) =>
        Start(new ProcessStartInfo(Environment.ProcessPath!, ["botchild"]) { RedirectStandardInput = true }, api, connectionString, settings);

    static ChildProcess Start(ProcessStartInfo start, Uri api, string connectionString, (string Key, string Value)[] settings)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        start.Environment["Telegram__BotToken"] = BotHost.Token;
        start.Environment["Telegram__ApiBaseUrl"] = api.ToString();
        start.Environment["Telegram__PollTimeoutSeconds"] = "2";
        start.Environment["ConnectionStrings__IncidentBot"] = connectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        start.Environment["Moderation__ModeratorIds__0"] = BotHost.ModeratorId.ToString();
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var child = new ChildProcess(Process.Start(start)!);
        child._process.OutputDataReceived += (_, e) => { if (e.Data is not null) child._lines.Writer.TryWrite(e.Data); };
        child._process.ErrorDataReceived += (_, _) => { };
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public void Send(string command) => _process.StandardInput.WriteLine(command);

    /// <summary>The next output line starting with <paramref name="prefix"/>, split on spaces after it.</summary>
    public async Task<string[]> WaitFor(string prefix, TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await _lines.Reader.ReadAsync(expiry.Token);
            if (line.StartsWith(prefix, StringComparison.Ordinal))
                return line[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
