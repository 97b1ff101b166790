using IncidentBot.Tests.Fakes;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>A command that changes nothing says so (and audits nothing); /mod list and /bans show who is who.</summary>
public sealed class NoOpCommandTests : IAsyncLifetime
{
    static readonly global::Telegram.Bot.Types.User Olena = new() { Id = 7777, FirstName = "Olena", LanguageCode = "uk" };
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Adding_a_moderator_twice_or_removing_someone_who_is_not_one_changes_nothing_and_says_so()
    {
        Assert.Contains("User 5555 is now a moderator", await _bot.Say("/mod add 5555", Tg.Moderator));
        Assert.Contains("User 5555 is already a moderator: nothing changed.", await _bot.Say("/mod add 5555", Tg.SecondModerator));
        Assert.Contains("User 9002 is already a moderator: nothing changed.", await _bot.Say("/mod add 9002", Tg.Moderator)); // a configured admin
        Assert.Contains("User 6666 is not a moderator: nothing changed.", await _bot.Say("/mod remove 6666", Tg.Moderator));

        var list = await _bot.Say("/mod list", Tg.Moderator);
        Assert.Contains("Moderators\n• 9001 — admin (Moderation:ModeratorIds)\n• 9002 — admin (Moderation:ModeratorIds)\n• 5555 — added 2025-11-20 by 9001", list);
        var mention = _bot.Api.Sent(Tg.Moderator.Id).Last().Text!;
        Assert.Contains("<a href=\"tg://user?id=5555\">5555</a>", mention); // tappable: Telegram shows the name to those who know them

        Assert.Contains("User 5555 is no longer a moderator", await _bot.Say("/mod remove 5555", Tg.Moderator));
        Assert.Contains("User 5555 is not a moderator: nothing changed.", await _bot.Say("/mod remove 5555", Tg.Moderator));
        Assert.Equal(["mod add", "mod remove"], (await _bot.Audit()).Select(a => a.Action));
        Assert.Equal("Only moderators can do that.", await _bot.Say("/mod list", Tg.Alice));
    }

    [Fact]
    public async Task Banning_twice_or_unbanning_someone_not_banned_changes_nothing_and_bans_lists_who_is_banned()
    {
        Assert.Contains("No one is banned from reporting.", await _bot.Say("/bans", Tg.Moderator));
        Assert.Contains("User 1001 is not banned: nothing changed.", await _bot.Say("/unban 1001", Tg.Moderator));

        Assert.Contains("User 1001 can no longer file reports", await _bot.Say("/ban 1001", Tg.Moderator));
        Assert.Contains("User 1001 is already banned: nothing changed.", await _bot.Say("/ban 1001", Tg.SecondModerator));
        _bot.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Contains("User 1002 can no longer file reports", await _bot.Say("/ban 1002", Tg.SecondModerator));

        Assert.Equal("2 users may not report, newest ban first:\n• 1002 — since 2025-11-21, by 9002\n• 1001 — since 2025-11-20, by 9001",
            await _bot.Say("/bans", Tg.Moderator));
        await _bot.Say("/mod add 7777", Tg.Moderator);
        Assert.StartsWith("2 користувачі не можуть надсилати звіти", await _bot.Say("/bans", Olena));
        Assert.Equal("Only moderators can do that.", await _bot.Say("/bans", Tg.Alice));
        Assert.Equal(["ban", "ban", "mod add"], (await _bot.Audit()).Select(a => a.Action));
    }
}
