using IncidentBot.Incidents;

namespace IncidentBot.Tests.Incidents;

/// <summary>What grade the sources give: independent accounts, not the number of lines.</summary>
public sealed class GradesTests
{
    static readonly Dictionary<long, long> Reporters = new() { [1] = 1001, [2] = 1001, [3] = 1002 };

    static IncidentSource Report(long id) => new() { Name = $"Contributor report #{id}", Kind = SourceKind.Contributor, ReportId = id };
    static IncidentSource Link(long report, string url) => new() { Name = new Uri(url).Host, Url = url, ReportId = report };
    static IncidentSource Outlet(string name, string? url = null) => new() { Name = name, Url = url };

    static IncidentSource Official(string name, string url) => new() { Name = name, Url = url, Kind = SourceKind.Official };

    // The test methods are public and the record's types internal: each case is named, its sources kept here.
    static readonly Dictionary<string, (IncidentSource[] Sources, Grade Expected)> Cases = new()
    {
        ["one report"] = ([Report(1)], Grade.Reported),
        ["one report and the link it came with"] = ([Report(1), Link(1, "https://kyivindependent.com/a")], Grade.Reported),
        ["two reports of one person"] = ([Report(1), Report(2)], Grade.Reported),
        ["reports of two people"] = ([Report(1), Report(3)], Grade.Corroborated),
        ["a report and an outlet"] = ([Report(1), Outlet("Euronews")], Grade.Corroborated),
        ["a report and the outlet its link already named"] = ([Report(1), Link(1, "https://www.euronews.com/x"), Outlet("Euronews")], Grade.Reported),
        ["one outlet by name and by link"] = ([Outlet("The Moscow Times"), Outlet("TMT", "https://www.themoscowtimes.com/2025/11/14/a")], Grade.Reported),
        ["one outlet's two sites"] = ([Outlet("BBC", "https://www.bbc.co.uk/news/1"), Outlet("BBC News", "https://m.bbc.co.uk/news/2")], Grade.Reported),
        ["two outlets"] = ([Outlet("The Moscow Times"), Outlet("Euronews")], Grade.Corroborated),
        ["two Telegram channels"] = ([Outlet("a", "https://t.me/kyivindependent/1"), Outlet("b", "https://t.me/suspilne_news/2")], Grade.Corroborated),
        ["one Telegram channel twice"] = ([Outlet("a", "https://t.me/kyivindependent/1"), Outlet("b", "https://t.me/kyivindependent/7")], Grade.Reported),
        ["an official statement"] = ([Report(1), Official("Ministry of Foreign Affairs", "https://mfa.gov.az/x")], Grade.Confirmed),
        ["no source"] = ([], Grade.Reported),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory, MemberData(nameof(CaseNames))]
    public void Sources_that_share_an_outlet_a_person_or_a_report_are_one_account(string name)
    {
        var (sources, expected) = Cases[name];
        Assert.Equal(expected, Grades.Derive(sources, Reporters));
    }

    [Theory]
    [InlineData("corroborated", "Corroborated")]
    [InlineData("Confirmed", "Confirmed")]
    [InlineData("reported", "Reported")]
    [InlineData("перехресно перевірені", "Corroborated")]
    [InlineData("підтверджено", "Confirmed")]
    [InlineData("перекрёстно проверенные", "Corroborated")]
    [InlineData("подтверждённые", "Confirmed")]
    [InlineData("çarpaz yoxlanılmış", "Corroborated")]
    [InlineData("təsdiq olunmuş", "Confirmed")]
    public void A_grade_is_read_in_every_language(string typed, string expected) => Assert.Equal(expected, Grades.Parse(typed)?.ToString());

    [Theory]
    [InlineData("sure")]
    [InlineData("")]
    [InlineData("Kyiv")]
    public void Anything_else_is_no_grade(string typed) => Assert.Null(Grades.Parse(typed));
}
