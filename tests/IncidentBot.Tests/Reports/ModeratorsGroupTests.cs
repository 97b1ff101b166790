using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>With Moderation:ChatId set, cards go to the moderators' group, where other members may see but not decide.</summary>
public sealed class ModeratorsGroupTests : IAsyncLifetime
{
    static readonly long Group = Tg.Group.Id;
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync(("Moderation:ChatId", Group.ToString()));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    async Task<long> File(string text)
    {
        var id = Number(await _bot.Ask(Tg.Text("/report " + text, from: Tg.Alice)));
        await _bot.Api.WaitUntil(a => a.Sent(Group).Any(c => Shown(c).Contains($"Report #{id} · pending")));
        await _bot.Expect("/myreports", Tg.Alice, "Your reports"); // the filing is over: its card is recorded
        return id;
    }

    [Fact]
    public async Task Cards_go_to_the_group_only_and_a_member_who_is_not_a_moderator_cannot_decide()
    {
        var id = await File("Shelling hit the substation in Sumy");
        Assert.All(ModeratorChats, chat => Assert.Empty(_bot.Api.Sent(chat)));
        var card = _bot.Card(Group, id);

        Assert.Equal("Це можуть робити лише модератори.", (await _bot.Press(_bot.Button("✅ Approve", Tg.Bob, card)))["text"]); // Bob's toast, in his Ukrainian
        Assert.Equal(ReportState.Pending, (await _bot.Report(id)).State);

        Assert.Equal("Report #1 published as /incident_7.", (await _bot.Press(_bot.Button("✅ Approve", Tg.SecondModerator, card)))["text"]);
        await _bot.Settled(id);
        Assert.StartsWith("✅ Approved by Sam → /incident_7", _bot.Card(Group, id).Text);
        Assert.Null(_bot.Card(Group, id).ReplyMarkup);
        Assert.Contains("approved and published", await _bot.Seen(Tg.Alice.Id, "approved"));
    }

    [Fact]
    public async Task A_typed_reject_reason_is_taken_from_the_moderator_who_was_asked_and_no_one_else()
    {
        var id = await File("Shelling hit the substation in Sumy");
        await _bot.Expect(_bot.Button("❌ Reject", Tg.Moderator, _bot.Card(Group, id)), "Why is report #1 rejected?");
        await _bot.Expect(_bot.Button("Other (type a reason)", Tg.Moderator, _bot.Api.LastBotMessage(Group)), "Reply with the reason");

        _bot.Api.Enqueue(Tg.Text("lol what a report", from: Tg.Bob, chat: Tg.Group)); // a member chatting meanwhile
        var done = await _bot.Expect(Tg.Text("Outside our scope", from: Tg.Moderator, chat: Tg.Group), "rejected");

        Assert.Contains("Report #1 rejected", done);
        var report = await _bot.Report(id);
        Assert.Equal((ReportState.Rejected, "Outside our scope"), (report.State, report.Reason));
        Assert.Empty(_bot.Api.Violations);
    }
}
