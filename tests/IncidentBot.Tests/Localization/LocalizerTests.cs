using System.Text.RegularExpressions;
using IncidentBot.Localization;

namespace IncidentBot.Tests.Localization;

public sealed partial class LocalizerTests
{
    static readonly Localizer Localizer = new();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("xx")]
    [InlineData("en-GB")]
    [InlineData("EN")]
    public void Unknown_or_regional_languages_fall_back_to_english(string? code) =>
        Assert.Equal("en", Localizer.For(code).Language);

    [Fact]
    public void Every_key_the_code_uses_exists_in_english()
    {
        var source = Path.Combine(RepoPaths.Root, "src", "IncidentBot");
        var used = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.NotEmpty(used);
        var english = Localizer.English.Keys.ToHashSet();
        Assert.Equal([], used.Where(k => !english.Contains(k)).Order().ToArray());
    }

    [Fact]
    public void Keys_built_from_enums_and_months_exist_in_english()
    {
        var t = Localizer.English;
        foreach (var key in Enum.GetNames<IncidentBot.Incidents.TargetCategory>().Select(c => $"category.{c}")
                     .Concat(Enum.GetNames<IncidentBot.Incidents.CoordinatePrecision>().Select(c => $"coordinates.{c}"))
                     .Concat(Enumerable.Range(1, 12).Select(m => $"month.{m}"))
                     .Concat(IncidentBot.Reports.ReportConversation.AffectedChoices.Select(c => $"log.affected.{c}"))
                     .Concat(IncidentBot.Telegram.CommandMenu.Public.Select(c => $"menu.{c}")))
            Assert.NotEqual(key, t[key]);
    }

    [Fact]
    public void Format_escapes_arguments_but_not_the_template() =>
        Assert.Equal("I don't know /&lt;b&gt;. Send /help to see what I can do.",
            Localizer.English.Format("help.unknown_command", "<b>"));

    // t["key"], T["key"], Format("key", ...)
    [GeneratedRegex("""(?:\b[tT]\[|Format\()"([a-z_]+\.[a-z_.]+)"\s*[\],]""")]
    private static partial Regex KeyUse();
}
