using IncidentBot.Data;
using IncidentBot.Incidents;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Tests.Data;

public sealed class SeedTests
{
    [Fact]
    public void The_seed_holds_the_six_documented_strikes_at_their_precision()
    {
        var seed = SeedImport.Load();

        Assert.Equal(6, seed.Count);
        Assert.All(seed, i => Assert.Equal("Azerbaijan", i.AffectedCountry));
        Assert.All(seed, i => Assert.NotEmpty(i.Sources));
        Assert.All(seed.SelectMany(i => i.Sources), s => Assert.Null(s.Url)); // the article names outlets, not links
        Assert.Equal([DatePrecision.Day, DatePrecision.Month, DatePrecision.Month, DatePrecision.Month, DatePrecision.Month, DatePrecision.Month],
            seed.Select(i => i.Precision));
        Assert.Equal(new DateTime(2022, 3, 10), seed[0].OccurredOn);
        Assert.Equal("Euronews", seed[5].Sources.Single().Name);
        Assert.Null(seed[5].Injured); // "no injuries were reported": the note says so; it is no known 0
        Assert.Equal("no injuries reported", seed[5].CasualtiesNote);
        Assert.Null(seed[0].Killed);
        Assert.True(seed[2].Acknowledged);
        // The article names an attacker only for January 2024 (a Russian missile), the aircraft (Russia admitted it) and
        // November 2025 (not acknowledged by Moscow); for the others it names no one.
        Assert.Equal([null, "Russia", "Russia", null, null, "Russia"], seed.Select(i => i.AttributedTo));
        Assert.Equal([null, null, true, null, null, false], seed.Select(i => i.Acknowledged));
        Assert.Equal(TargetCategory.Energy, seed[3].Category);
    }

    [Fact]
    public async Task A_new_database_is_seeded_once_and_searchable()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.StopHostAsync();
        await bot.StartHostAsync(); // a second start must not import again

        await using var db = bot.NewDb();
        Assert.Equal(6, await db.Incidents.CountAsync());
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await pragma.ExecuteScalarAsync());
        var found = await IncidentSearch.Find(db, "kinzhal", 10, default);
        Assert.Equal(2, found.Single().Id);
    }
}
