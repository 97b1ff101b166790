using System.Diagnostics;
using System.Text;

namespace IncidentBot.Tests;

/// <summary>
/// The built IncidentBot.dll as a child process, for what only a real process can show:
/// `kill -9` in the middle of work, and a restart on the same database.
/// </summary>
internal sealed class BotProcess : IDisposable
{
    readonly Process _process;
    readonly StringBuilder _output = new();

    BotProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static BotProcess Start(Uri apiBaseUrl, string connectionString, params (string Key, string Value)[] settings)
    {
        var start = new ProcessStartInfo("dotnet", [RepoPaths.BotDll])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["Telegram__BotToken"] = BotHarness.Token;
        start.Environment["Telegram__ApiBaseUrl"] = apiBaseUrl.ToString();
        start.Environment["Telegram__PollTimeoutSeconds"] = "2";
        start.Environment["ConnectionStrings__IncidentBot"] = connectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var bot = new BotProcess(Process.Start(start)!);
        bot._process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        bot._process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        bot._process.BeginOutputReadLine();
        bot._process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
