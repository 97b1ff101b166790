using IncidentBot;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

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
catch (SqliteException e)
{
    Console.Error.WriteLine($"The database could not be opened or migrated (ConnectionStrings:IncidentBot): {e.Message}");
    return 3;
}
