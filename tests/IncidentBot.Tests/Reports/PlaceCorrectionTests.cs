using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>/correct and /edit of a place replace the whole location: region, country and coordinates follow the new place.</summary>
public sealed class PlaceCorrectionTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    async Task<(string? Place, string? Region, string Country, string? PlaceId, double? Latitude)> Location(long incidentId)
    {
        await using var db = _bot.Db();
        var i = await db.Incidents.AsNoTracking().SingleAsync(x => x.Id == incidentId);
        return (i.Place, i.Region, i.Country, i.PlaceId, i.Latitude);
    }

    [Fact]
    public async Task Correcting_a_place_takes_its_region_and_country_from_the_gazetteer_and_an_unknown_town_keeps_no_old_region()
    {
        Assert.Contains("/incident_6: place corrected", await _bot.Say("/correct 6 place Lviv", Tg.Moderator));

        Assert.Equal(("Lviv", "Lviv Oblast", "Ukraine", "ua-lviv", null), await Location(6));
        var card = await _bot.Say("/incident_6", Tg.Alice);
        Assert.Contains("Where: Lviv, Lviv Oblast, Ukraine", card);
        Assert.DoesNotContain("Kyiv", card);

        await _bot.Expect("/correct 6 place Burshtyn", Tg.Moderator, "place corrected");
        await _bot.Seen(Tg.Moderator.Id, "“Burshtyn” is not a place I know");
        Assert.Equal(("Burshtyn", null, "Ukraine", null, null), await Location(6));
        Assert.Contains("Where: Burshtyn, Ukraine", await _bot.Say("/incident_6", Tg.Alice)); // never "Burshtyn, Lviv Oblast"

        await _bot.Expect("/correct 6 place Burshtyn, Ivano-Frankivsk Oblast", Tg.Moderator, "place corrected");
        Assert.Equal(("Burshtyn", "Ivano-Frankivsk Oblast", "Ukraine", "ua-ivano-frankivsk-oblast", null), await Location(6));
        Assert.Equal(["Kyiv, Kyiv, Ukraine → Lviv, Lviv Oblast, Ukraine", "Lviv, Lviv Oblast, Ukraine → Burshtyn, Ukraine"],
            (await _bot.Audit()).Where(a => a.Field == "place").Take(2).Select(a => $"{a.Before} → {a.After}"));
    }

    [Fact]
    public async Task Coordinates_stay_with_a_place_they_lie_in_and_go_with_a_place_they_do_not()
    {
        var id = await _bot.File("Drone hit the depot");
        var draft = (await _bot.Report(id)).IncidentId!.Value; // pending: no public number yet
        await _bot.Say($"/edit #{id} coords 50.4501,30.5234 exact", Tg.Moderator); // exact on purpose: a typed point is otherwise snapped to the grid

        var kyiv = await _bot.Say($"/edit #{id} place Kyiv", Tg.Moderator); // naming the place of a pin: the pin lies in it
        Assert.Contains("place set", kyiv);
        Assert.Equal(("Kyiv", null, "Ukraine", "ua-kyiv", 50.4501), await Location(draft));

        Assert.Contains("The coordinates were removed: they do not fit the new place (Lviv, Lviv Oblast, Ukraine)",
            await _bot.Say($"/edit #{id} place Lviv", Tg.Moderator));
        await _bot.Seen(Tg.Moderator.Id, "place set. Now: on or before 20 November 2025 · Lviv, Lviv Oblast, Ukraine");
        Assert.Equal(("Lviv", "Lviv Oblast", "Ukraine", "ua-lviv", null), await Location(draft));

        await _bot.Say($"/approve #{id}", Tg.Moderator);
        await _bot.Say("/correct 7 coords 49.8397,24.0297 exact", Tg.Moderator);
        await _bot.Say("/correct 7 region Lviv Oblast", Tg.Moderator); // the city already lies in it: nothing moves
        Assert.Equal(("Lviv", "Lviv Oblast", "Ukraine", "ua-lviv", 49.8397), await Location(7));
        Assert.Contains("they do not fit the new place (Odesa, Odesa Oblast, Ukraine)", await _bot.Expect("/correct 7 place Odesa", Tg.Moderator, "coordinates were removed"));
        await _bot.Seen(Tg.Moderator.Id, "/incident_7: place corrected");
        Assert.Equal(("Odesa", "Odesa Oblast", "Ukraine", "ua-odesa", null), await Location(7));
        var audit = (await _bot.Audit()).Last(a => a.Field == "place");
        Assert.Equal(("Lviv, Lviv Oblast, Ukraine · 49.8397,24.0297", "Odesa, Odesa Oblast, Ukraine"), (audit.Before, audit.After));
    }
}
