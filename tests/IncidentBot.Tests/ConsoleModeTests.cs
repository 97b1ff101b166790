using IncidentBot.ConsoleMode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Tests;

/// <summary>The terminal chat runs the same router and handlers, with no token and no network.</summary>
public sealed class ConsoleModeTests
{
    [Fact]
    public async Task A_terminal_session_pages_through_recent_and_opens_a_card()
    {
        var db = Path.Combine(Path.GetTempPath(), $"incidentbot-console-{Guid.NewGuid():N}.db");
        var output = new StringWriter();
        var input = new StringReader("/recent 2\ntap 1\n/incident_3\ntap 9\n/search <i>drones</i>\nquit\n");
        try
        {
            using var host = IncidentBotSetup.CreateBuilder([], consoleMode: true, b =>
            {
                b.Configuration.AddInMemoryCollection([KeyValuePair.Create("ConnectionStrings:IncidentBot", (string?)$"Data Source={db}")]);
                b.Services.AddSingleton(new ConsoleStreams(input, TextWriter.Synchronized(output)));
            }).Build();
            await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(db);
        }

        var transcript = output.ToString();
        Assert.Contains("Newest incidents (1–2 of 6)", transcript);
        Assert.Contains("bot (edited) ›\nNewest incidents (3–4 of 6)", transcript.ReplaceLineEndings("\n"));
        Assert.Contains("December 2024", transcript);
        Assert.Contains("diverted to Aktau", transcript);
        Assert.Contains("(there is no such button)", transcript);
        Assert.Contains("/incident_4", transcript);
        Assert.DoesNotContain("<b>", transcript); // what a person reads, not markup
    }
}
