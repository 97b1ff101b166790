using IncidentBot.Telegram;

namespace IncidentBot.Tests.Telegram;

public sealed class HtmlTextTests
{
    [Fact]
    public void Escape_covers_what_telegram_parses() =>
        Assert.Equal("&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;", HtmlText.Escape("<a href=\"x\">&amp;</a>"));

    [Fact]
    public void Text_is_cut_before_it_is_escaped_so_no_entity_is_split()
    {
        var cut = HtmlText.Plain(new string('&', 50), 10).Value;
        Assert.Equal(string.Concat(Enumerable.Repeat("&amp;", 9)) + "…", cut);
    }

    [Fact]
    public void Cutting_never_splits_an_emoji_or_a_flag()
    {
        var text = string.Concat(Enumerable.Repeat("🇺🇦👍🏽", 10));
        var cut = HtmlText.Truncate(text, 7);
        Assert.True(cut.Length <= 7);
        Assert.EndsWith("…", cut);
        Assert.DoesNotContain('\uFFFD', cut);
        Assert.False(char.IsHighSurrogate(cut[^2]));
    }

    [Fact]
    public void Joined_lines_stay_under_the_message_limit_by_dropping_whole_lines()
    {
        var lines = Enumerable.Range(0, 100).Select(i => $"<b>{i}</b> " + new string('x', 100));
        var joined = HtmlText.JoinWithin(lines);
        Assert.True(joined.Length <= HtmlText.MaxMessage);
        Assert.EndsWith("…", joined);
        Assert.Equal(joined.Split("<b>").Length - 1, joined.Split("</b>").Length - 1);
    }
}
