using IncidentBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Tests.Data;

/// <summary>Instances started together on one empty database (compose up with two bots) seed it once.</summary>
public sealed class ConcurrentStartTests
{
    [Theory, BothDatabases]
    public async Task Instances_starting_together_on_an_empty_database_migrate_and_seed_it_once(string database)
    {
        var provider = BothDatabasesAttribute.Provider(database);
        var path = Path.Combine(Path.GetTempPath(), $"incidentbot-together-{Guid.NewGuid():N}.db");
        var connection = provider == DatabaseProvider.Postgres ? await PostgresServer.NewDatabaseAsync() : $"Data Source={path}";
        var hosts = Enumerable.Range(0, 3).Select(_ => IncidentBotSetup.CreateBuilder([], consoleMode: false, b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telegram:BotToken"] = BotHarness.Token,
                ["Database:Provider"] = database,
                ["ConnectionStrings:IncidentBot"] = connection,
            })).Build()).ToList();
        try
        {
            // Only each instance's database start-up: migrations and the seed, the way the host runs it first.
            await Task.WhenAll(hosts.Select(h => Task.Run(() =>
                h.Services.GetServices<IHostedService>().OfType<DatabaseStartup>().Single().StartAsync(CancellationToken.None))));

            await using var db = BotDbProvider.Create(provider, connection);
            Assert.Equal(6, await db.Incidents.CountAsync());
            Assert.Equal([1L, 2, 3, 4, 5, 6], await db.Incidents.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
        }
        finally
        {
            foreach (var host in hosts) host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
