using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>/mod: the configured admins add and remove moderators; the moderator menu follows.</summary>
public sealed class ModeratorAdminTests : IAsyncLifetime
{
    static readonly User Nina = new() { Id = 5555, FirstName = "Nina", LanguageCode = "en" };
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    static IReadOnlyList<string> Menu(FakeBotApi api, long chat) =>
        [.. api.Commands(new BotCommandScopeChat { ChatId = chat }).Select(c => c.Command)];

    [Fact]
    public async Task Configured_moderators_get_their_own_menu_at_start_with_the_public_commands_repeated()
    {
        await _bot.Api.WaitUntil(a => ModeratorChats.All(chat => Menu(a, chat).Count > 0));
        foreach (var chat in ModeratorChats)
        {
            Assert.Contains("queue", Menu(_bot.Api, chat));
            Assert.Contains("mod", Menu(_bot.Api, chat));
            Assert.Contains("report", Menu(_bot.Api, chat));
        }
        Assert.DoesNotContain("queue", _bot.Api.Commands().Select(c => c.Command));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task An_admin_adds_a_moderator_who_then_gets_the_menu_the_cards_and_the_rights_until_removed()
    {
        Assert.Equal("Only moderators can do that.", await _bot.Say("/queue", Nina));

        Assert.Contains("User 5555 is now a moderator", await _bot.Say("/mod add 5555", Tg.Moderator));
        Assert.Contains("queue", Menu(_bot.Api, Nina.Id));
        Assert.Contains("approve", Menu(_bot.Api, Nina.Id));
        var id = await _bot.File("Shelling hit the substation in Sumy");
        await _bot.Api.WaitUntil(a => a.Sent(Nina.Id).Any(c => Shown(c).Contains("Report #1 · pending")));
        Assert.Contains("1 pending", await _bot.Say("/queue", Nina));
        await _bot.Api.WaitUntil(a => a.Sent(Nina.Id).Count(c => Shown(c).Contains("Report #1 · pending")) == 2); // /queue resends the card
        Assert.Contains("Only the bot's admins can manage moderators", await _bot.Say("/mod add 6666", Nina)); // a moderator, not an admin

        Assert.Contains("User 5555 is no longer a moderator", await _bot.Say("/mod remove 5555", Tg.SecondModerator));
        Assert.Empty(Menu(_bot.Api, Nina.Id));
        Assert.Equal("Only moderators can do that.", await _bot.Say($"/approve #{id}", Nina));
        Assert.Equal("Only moderators can do that.", (await _bot.Press($"ap:{id}", Nina))["text"]);

        await using var db = _bot.Db();
        Assert.Empty(await db.Moderators.ToListAsync());
        Assert.Equal(["mod add", "mod remove"], (await _bot.Audit()).Where(a => a.Action.StartsWith("mod")).Select(a => a.Action));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_log_submitted_after_its_author_stopped_being_a_moderator_goes_to_the_moderators_as_a_report()
    {
        await _bot.Say("/mod add 5555", Tg.Moderator);
        await _bot.Expect("/log", Nina, "Log a strike.");
        await _bot.Expect("Missile struck the power plant", Nina, "Where?");
        await _bot.Expect("Burshtyn, Ukraine", Nina, "When?");
        await _bot.Expect(_bot.Button("Today", Nina), "A source link?");
        await _bot.Expect(_bot.Button("Skip", Nina), "Photos?");
        await _bot.Expect(_bot.Button("Done", Nina), "What kind of site was hit?");
        await _bot.Expect(_bot.Button("Energy", Nina), "The target?");
        await _bot.Expect(_bot.Button("Skip", Nina), "The affected country?");
        await _bot.Expect(_bot.Button("Skip", Nina), "check it and submit");
        await _bot.Say("/mod remove 5555", Tg.SecondModerator);

        Assert.Contains("Your report #1 is with the moderators", await _bot.Expect(_bot.Button("✅ Submit", Nina), "#1"));
        await _bot.Filed(1, Nina);

        Assert.Contains("Missile struck the power plant", _bot.Card(Tg.Moderator.Id, 1).Text);
        var report = await _bot.Report(1);
        Assert.Equal((ReportState.Pending, false), (report.State, report.DirectLog));
        await using var db = _bot.Db();
        Assert.Equal(6, await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Published));
    }

    [Fact]
    public async Task Non_admins_cannot_manage_moderators_and_configured_admins_cannot_be_removed()
    {
        Assert.Contains("Only the bot's admins can manage moderators", await _bot.Say("/mod add 5555", Tg.Alice));
        Assert.Contains("Only the bot's admins can manage moderators", await _bot.Say("/mod remove 9002", Tg.Alice));
        Assert.Contains("cannot be removed by command", await _bot.Say("/mod remove 9002", Tg.Moderator));
        Assert.Contains("Usage: /mod add user id", await _bot.Say("/mod add @nina", Tg.Moderator));

        await using var db = _bot.Db();
        Assert.Empty(await db.Moderators.ToListAsync());
        Assert.Contains("queue", Menu(_bot.Api, Tg.SecondModerator.Id));
        Assert.Contains("No reports are waiting", await _bot.Say("/queue", Tg.SecondModerator)); // still a moderator
    }
}
