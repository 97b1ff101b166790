using System.Text.RegularExpressions;
using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Tests.Fakes;

namespace IncidentBot.Tests.Localization;

public sealed partial class LocalizerTests
{
    static readonly Localizer Localizer = new();
    static readonly string[] Others = ["uk", "az", "ru"];

    [Theory]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("xx", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("EN", "en")]
    [InlineData("uk", "uk")]
    [InlineData("uk-UA", "uk")]
    [InlineData("ru-RU", "ru")]
    [InlineData("az", "az")]
    [InlineData("de", "en")]
    public void A_telegram_language_code_picks_the_language_and_anything_else_is_english(string? code, string expected) =>
        Assert.Equal(expected, Localizer.For(code).Language);

    [Fact]
    public void The_bot_speaks_ukrainian_azerbaijani_russian_and_english() =>
        Assert.Equal(["az", "en", "ru", "uk"], Localizer.Spoken.ToArray());

    [Fact]
    public void Every_key_the_code_uses_exists_in_english()
    {
        var source = Path.Combine(RepoPaths.Root, "src", "IncidentBot");
        var used = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => (Key: m.Groups[2].Value, Plural: m.Groups[1].Value is "Plural(" or "Count(")))
            .ToHashSet();
        Assert.NotEmpty(used);
        var english = Localizer.English.Keys.ToHashSet();
        Assert.Equal([], used.Where(u => !english.Contains(u.Plural ? $"{u.Key}#other" : u.Key)).Select(u => u.Key).Order().ToArray());
    }

    [Fact]
    public void Keys_built_from_enums_and_months_exist_in_english()
    {
        var t = Localizer.English;
        foreach (var key in Enum.GetNames<TargetCategory>().Select(c => $"category.{c}")
                     .Concat(Enum.GetNames<CoordinatePrecision>().Select(c => $"coordinates.{c}"))
                     .Concat(Enum.GetNames<IncidentBot.Reports.ReportState>().Select(s => $"state.{s}"))
                     .Concat(Enum.GetNames<IncidentBot.Reports.ReportState>().Where(s => s != "Drafting").Select(s => $"myreports.{s}"))
                     .Concat(Enumerable.Range(1, 12).SelectMany(m => new[] { $"month.{m}", $"month.day.{m}" }))
                     .Concat(IncidentBot.Reports.ReportConversation.AffectedChoices.Select(c => $"log.affected.{c}"))
                     .Concat(IncidentBot.Telegram.CommandMenu.Public.Select(c => $"menu.{c}"))
                     .Concat(IncidentBot.Reports.Moderators.Commands.Select(c => $"menu.{c}"))
                     .Concat(IncidentFields.Names.Select(f => $"fieldname.{f}")))
            Assert.NotEqual(key, t[key]);
    }

    /// <summary>Each language file as written (before any English fallback): key → template.</summary>
    static Dictionary<string, string> Strings(string language)
    {
        var path = Path.Combine(RepoPaths.Root, "src", "IncidentBot", "Localization", "Strings", $"{language}.json");
        using var stream = System.IO.File.OpenRead(path);
        return Localizer.Read(stream);
    }

    static string Plain(string key) => key.Split(Texts.PluralMark)[0];

    [Theory]
    [InlineData("uk")]
    [InlineData("az")]
    [InlineData("ru")]
    public void Every_language_has_every_english_key_with_its_own_plural_forms(string language)
    {
        var english = Strings("en").Keys.Select(Plain).ToHashSet();
        var mine = Strings(language);
        Assert.Equal(english.Order().ToArray(), mine.Keys.Select(Plain).Distinct().Order().ToArray());
        // A plural key has exactly the language's CLDR categories: one/few/many in uk and ru, one/other in az.
        var plurals = mine.Keys.Where(k => k.Contains(Texts.PluralMark)).GroupBy(Plain);
        Assert.NotEmpty(plurals);
        foreach (var key in plurals)
            Assert.Equal(Plurals.Categories(language).Order().ToArray(), key.Select(k => k.Split(Texts.PluralMark)[1]).Order().ToArray());
    }

    [Theory]
    [InlineData("uk")]
    [InlineData("az")]
    [InlineData("ru")]
    public void Every_string_keeps_the_english_placeholders(string language)
    {
        var english = Strings("en");
        var wrong = Strings(language)
            .Where(p => Placeholders(p.Value) != Placeholders(english.GetValueOrDefault(p.Key) ?? english[$"{Plain(p.Key)}#other"]))
            .Select(p => $"{p.Key}: {p.Value}").ToList();
        Assert.Empty(wrong);
    }

    static string Placeholders(string template) =>
        string.Join(",", Placeholder().Matches(template).Select(m => m.Value).Distinct().Order());

    [Theory]
    [InlineData("en")]
    [InlineData("uk")]
    [InlineData("az")]
    [InlineData("ru")]
    public void Every_string_filled_in_is_valid_telegram_html(string language)
    {
        // Arguments that need escaping: a template must never depend on an argument to balance its tags.
        object?[] args = [.. Enumerable.Range(0, 8).Select(i => (object)$"<x{i}> & co")];
        var t = Localizer.For(language);
        var broken = Strings(language)
            .Select(p => (p.Key, Error: TelegramHtml.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, p.Value,
                [.. args.Select(a => IncidentBot.Telegram.HtmlText.Escape((string)a!))])).Error))
            .Where(r => r.Error is not null).Select(r => $"{r.Key}: {r.Error}").ToList();
        Assert.Empty(broken);
        Assert.Equal(language, t.Language);
    }

    [Theory]
    [InlineData("uk", "0 звітів|1 звіт|2 звіти|4 звіти|5 звітів|11 звітів|12 звітів|14 звітів|21 звіт|22 звіти|25 звітів|101 звіт|111 звітів")]
    [InlineData("ru", "0 сообщений|1 сообщение|2 сообщения|4 сообщения|5 сообщений|11 сообщений|12 сообщений|14 сообщений|21 сообщение|22 сообщения|25 сообщений|101 сообщение|111 сообщений")]
    [InlineData("az", "0 hesabat|1 hesabat|2 hesabat|4 hesabat|5 hesabat|11 hesabat|12 hesabat|14 hesabat|21 hesabat|22 hesabat|25 hesabat|101 hesabat|111 hesabat")]
    [InlineData("en", "0 reports|1 report|2 reports|4 reports|5 reports|11 reports|12 reports|14 reports|21 reports|22 reports|25 reports|101 reports|111 reports")]
    public void Counts_take_the_languages_plural_form(string language, string expected)
    {
        long[] counts = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111];
        var t = Localizer.For(language);
        Assert.Equal(expected, string.Join("|", counts.Select(n => t.Count("count.reports", n).Value)));
    }

    [Theory]
    [InlineData("uk", 1, "one")]
    [InlineData("uk", 3, "few")]
    [InlineData("uk", 13, "many")]
    [InlineData("uk", 1001, "one")]
    [InlineData("ru", 34, "few")]
    [InlineData("ru", 111, "many")]
    [InlineData("az", 1, "one")]
    [InlineData("az", 2, "other")]
    [InlineData("en", 0, "other")]
    public void Plural_categories_follow_cldr(string language, long count, string category) =>
        Assert.Equal(category, Plurals.Category(language, count));

    [Theory]
    [InlineData("en", "10 March 2022", "January 2024", "2025")]
    [InlineData("uk", "10 березня 2022", "січень 2024", "2025")]
    [InlineData("ru", "10 марта 2022", "январь 2024", "2025")]
    [InlineData("az", "10 mart 2022", "yanvar 2024", "2025")]
    public void Dates_read_as_each_language_writes_them_at_their_precision(string language, string day, string month, string year)
    {
        var t = Localizer.For(language);
        Assert.Equal(day, IncidentCards.When(new Incident { OccurredOn = new DateTime(2022, 3, 10), Precision = DatePrecision.Day }, t));
        Assert.Equal(month, IncidentCards.When(new Incident { OccurredOn = new DateTime(2024, 1, 1), Precision = DatePrecision.Month }, t));
        Assert.Equal(year, IncidentCards.When(new Incident { OccurredOn = new DateTime(2025, 1, 1), Precision = DatePrecision.Year }, t));
    }

    [Theory]
    [InlineData("en", "Kyiv, Ukraine")]
    [InlineData("uk", "Київ, Україна")]
    [InlineData("ru", "Киев, Украина")]
    [InlineData("az", "Kiyev, Ukrayna")]
    public void A_place_the_gazetteer_knows_is_named_in_the_readers_language(string language, string expected)
    {
        var incident = new Incident { PlaceId = "ua-kyiv", Place = "Kyiv", Country = "Ukraine" };
        Assert.Equal(expected, IncidentCards.Where(incident, Localizer.For(language), withNote: false));
    }

    [Fact]
    public void Format_escapes_arguments_but_not_the_template() =>
        Assert.Equal("I don't know /&lt;b&gt;. Send /help to see what I can do.",
            Localizer.English.Format("help.unknown_command", "<b>"));

    [Fact]
    public void Each_language_names_itself_for_the_language_buttons() =>
        Assert.Equal(["Українська", "Azərbaycanca", "Русский", "English"], Localizer.Choices.Select(c => c.Name).ToArray());

    // t["key"], T["key"], Format("key", ...), Plural("key", ...), Count("key", ...)
    [GeneratedRegex("""(?:\b[tT]\[|(Format\(|Plural\(|Count\())"([a-z_]+\.[a-z_.]+)"\s*[\],]""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
