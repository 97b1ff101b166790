using IncidentBot.Telegram;

namespace IncidentBot.Tests.Telegram;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("/recent", "recent", null, "")]
    [InlineData("/recent 10", "recent", null, "10")]
    [InlineData("/Recent@IncidentBot  10 ", "recent", "IncidentBot", "10")]
    [InlineData("/incident_6", "incident_6", null, "")]
    [InlineData("/search\nkyiv embassy", "search", null, "kyiv embassy")]
    public void Commands_are_split_into_name_mention_and_arguments(string text, string name, string? mention, string args)
    {
        var command = Command.Parse(text);
        Assert.NotNull(command);
        Assert.Equal((name, mention, args), (command.Name, command.Mention, command.Args));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("hello /recent")]
    [InlineData("/@IncidentBot")]
    public void Text_that_is_not_a_command_is_not_parsed_as_one(string? text) => Assert.Null(Command.Parse(text));

    [Fact]
    public void A_command_for_another_bot_is_not_ours() =>
        Assert.False(Command.Parse("/recent@OtherBot")!.IsFor("IncidentBot"));

    [Fact]
    public void Callback_data_round_trips_and_stays_under_64_bytes()
    {
        var data = CallbackData.Format("rc", long.MaxValue, long.MinValue);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(data) <= 64);
        Assert.Equal([long.MaxValue, long.MinValue], CallbackData.Parse(data)!.Value.Ids);
    }

    [Theory]
    [InlineData("")]
    [InlineData("rc:1:x")]
    [InlineData("RC:1")]
    [InlineData("rc:99999999999999999999")]
    [InlineData("<b>:1")]
    [InlineData("toolongprefix:1")]
    public void Forged_callback_data_is_refused(string data) => Assert.Null(CallbackData.Parse(data));
}
