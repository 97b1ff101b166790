using System.Text;
using IncidentBot.Tests.Fakes;
using Telegram.Bot.Types;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>
/// Whatever a contributor or moderator types is text, never markup, wherever it is shown. The fake
/// server parses every message as Telegram would, so an empty Violations list means each one was accepted.
/// </summary>
public sealed class HostileTextTests : IAsyncLifetime
{
    const string Html = "<b>x</b> & <a href=\"tg://x\">";
    const string Mixed = "🔥 مرحبا بالعالم שלום 👩‍👩‍👧 \u200f";
    static readonly User Eve = new() { Id = 3003, FirstName = "Eve <i>", LastName = "& \"Co\"", LanguageCode = "en" };
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync(("Reports:MaxTextLength", "3500"));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Html_in_a_report_its_place_a_name_and_a_reason_is_shown_as_typed_everywhere()
    {
        var text = $"{Html} {Mixed}";
        await _bot.Expect("/report", Eve, "What happened?");
        await _bot.Expect(text, Eve, "Where?");
        await _bot.Expect("<Kyiv> & \"centre\"", Eve, "When?");
        await _bot.Expect(_bot.Button("Today", Eve), "A source link?");
        await _bot.Expect(_bot.Button("Skip", Eve), "Photos?");
        var review = await _bot.Expect(_bot.Button("Done", Eve), "check it and submit");
        Assert.Contains($"What: {text}", review);
        Assert.Contains("Where: <Kyiv> & \"centre\"", review);
        await _bot.Expect(_bot.Button("✅ Submit", Eve), "Your report #1");
        await _bot.Filed(1, Eve);

        var card = _bot.Card(Tg.Moderator.Id, 1).Text!;
        Assert.Contains("From: Eve <i> & \"Co\" (id 3003)", card);
        Assert.Contains($"What: {text}", card);
        Assert.Contains("<Kyiv> & \"centre\"", card);
        Assert.Contains("Eve <i> & \"Co\" · <b>x</b> & <a href=\"tg://x\">", await _bot.Say("/queue", Tg.SecondModerator));
        await _bot.Api.WaitUntil(a => a.Sent(Tg.SecondModerator.Id).Count(c => Shown(c).Contains("Report #1 · pending")) == 2);
        Assert.Contains("#1 · ⏳ pending · <b>x</b> & <a href=\"tg://x\">", await _bot.Say("/myreports", Eve));

        var reason = $"Not credible: {Html} {Mixed}";
        Assert.Contains("rejected", await _bot.Say($"/reject #1 {reason}", Tg.Moderator));
        Assert.Contains($"The moderator's reason: {reason}", await _bot.Seen(Eve.Id, "was not published"));
        await _bot.Settled(1);
        Assert.All(ModeratorChats, chat => Assert.StartsWith($"❌ Rejected by Mo (@mo_moderates): {reason}", _bot.Card(chat, 1).Text));
        Assert.Contains($"❌ rejected: {reason}", await _bot.Say("/myreports", Eve));
        Assert.Contains($"→ {reason}", await _bot.Say("/audit #1", Tg.Moderator));

        AssertNoMarkupFromUsers();
    }

    [Fact]
    public async Task A_3400_character_report_of_emoji_rtl_and_html_fits_every_message_it_appears_in()
    {
        var text = Long(3400);
        var reply = await _bot.Ask(Tg.Text("/report " + text, from: Eve));
        Assert.Contains("Your report #1", Shown(reply));
        await _bot.Filed(1, Eve);

        var card = _bot.Card(Tg.Moderator.Id, 1).Text!;
        Assert.Contains("What: " + text[..1000], card); // moderators see what was reported
        Assert.Contains("Will publish as: on or before 20 November 2025 · unknown place", card);
        Assert.Contains("#1 · ⏳ pending · " + text[..20], await _bot.Say("/myreports", Eve));
        await _bot.Expect("/queue", Tg.Moderator, "Report #1 · pending"); // the header, then a fresh copy of the card

        await _bot.Say("/approve #1", Tg.SecondModerator);
        await _bot.Settled(1);
        var decided = _bot.Card(Tg.Moderator.Id, 1).Text!;
        Assert.StartsWith("✅ Approved by Sam → /incident_7", decided);
        Assert.Contains("What: " + text[..1000], decided);
        Assert.Contains(text[..500], await _bot.Say("/incident_7", Tg.Bob));
        Assert.Contains("/incident_7", await _bot.Say("/recent", Tg.Bob));

        AssertNoMarkupFromUsers();
    }

    [Fact]
    public async Task A_report_of_nothing_but_markup_characters_is_cut_not_dropped_in_the_review_and_the_cards()
    {
        var text = string.Concat(Enumerable.Repeat("<&>\"", 500)); // 2000 characters, 11000 once escaped
        await _bot.Expect("/report", Eve, "What happened?");
        await _bot.Expect(text, Eve, "Where?");
        await _bot.Expect("Odesa, Ukraine", Eve, "When?");
        await _bot.Expect(_bot.Button("Not sure", Eve), "A source link?");
        await _bot.Expect(_bot.Button("Skip", Eve), "Photos?");
        var review = await _bot.Expect(_bot.Button("Done", Eve), "check it and submit");
        Assert.Contains("What: " + text[..400], review);
        Assert.Contains("Where: Odesa, Ukraine", review);
        await _bot.Expect(_bot.Button("✅ Submit", Eve), "Your report #1");
        await _bot.Filed(1, Eve);

        Assert.Contains("What: " + text[..400], _bot.Card(Tg.Moderator.Id, 1).Text);
        Assert.Contains("Will publish as: on or before 20 November 2025 · Odesa", _bot.Card(Tg.Moderator.Id, 1).Text);
        var reason = string.Concat(Enumerable.Repeat("\"&", 250)); // the longest reason kept, 3000 once escaped
        await _bot.Say($"/reject #1 {reason}", Tg.SecondModerator);
        await _bot.Settled(1);
        var decided = _bot.Card(Tg.Moderator.Id, 1).Text!;
        Assert.StartsWith($"❌ Rejected by Sam: {reason}", decided);
        Assert.Contains("What: " + text[..40], decided);
        AssertNoMarkupFromUsers();
    }

    [Fact]
    public async Task The_audit_keeps_a_long_value_it_cuts_as_whole_characters()
    {
        var text = new string('a', 1999) + "🔥 and more after the cut";
        await _bot.File(text, Eve);

        Assert.Contains("summary set", await _bot.Say("/edit #1 summary A fire at the depot", Tg.Moderator));

        var edit = Assert.Single(await _bot.Audit(), a => a.Action == "edit");
        Assert.Equal(text[..1999], edit.Before); // not half of the emoji
        Assert.Equal("A fire at the depot", edit.After);
    }

    /// <summary>Emoji (some of them joined sequences), Arabic, Hebrew and HTML, cut to length on a whole character.</summary>
    static string Long(int length)
    {
        var sb = new StringBuilder();
        while (sb.Length < length) sb.Append(Html).Append(' ').Append(Mixed).Append(' ');
        var text = sb.ToString(0, length);
        return char.IsHighSurrogate(text[^1]) ? text[..^1] + "!" : text;
    }

    /// <summary>Every message and edit was accepted, and none carries a link or formatting a user typed.</summary>
    void AssertNoMarkupFromUsers()
    {
        Assert.Empty(_bot.Api.Violations);
        foreach (var call in _bot.Api.Calls.Where(c => c.Method is "sendMessage" or "editMessageText"))
        {
            Assert.True(call.Succeeded, call.ToString());
            Assert.DoesNotContain(TelegramHtml.Parse(call.Text!).Entities, e => e.Argument == "tg://x");
        }
    }
}
