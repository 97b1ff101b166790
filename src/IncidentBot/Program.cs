using IncidentBot;
using System.Data.Common;
using Microsoft.Extensions.Hosting;

// SQLite calls block a thread even when awaited. Without spare threads, a burst of chats starves the
// pool, and sends granted a permit leave late and all at once, past Telegram's limits.
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 128), Math.Max(io, 128));

// `console` as the first argument: a local chat in the terminal, no token, no network.
var consoleMode = args.Length > 0 && args[0] == "console";
try
{
    using var host = IncidentBotSetup.CreateBuilder(consoleMode ? args[1..] : args, consoleMode).Build();
    await host.RunAsync();
    return 0;
}
catch (SettingsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (DbException e)
{
    Console.Error.WriteLine($"The database could not be opened or migrated (ConnectionStrings:IncidentBot): {e.Message}");
    return 3;
}
