using IncidentBot.Incidents;

namespace IncidentBot.Tests.Incidents;

public sealed class IncidentSearchTests
{
    [Theory]
    [InlineData("Kyiv embassy", "\"kyiv\"* OR \"embassy\"*")]
    [InlineData("\"NEAR(a b)\" OR *", "\"near a b\" OR \"or\"")]
    [InlineData("«fuel site» Odesa", "\"fuel site\" OR \"odesa\"*")]
    [InlineData("“embassies” 2025", "\"embassies\"")]
    [InlineData("Київ посольство", "\"київ\"* OR \"посольств\"*")]
    public void User_words_become_quoted_terms_and_never_fts_syntax(string text, string expected) =>
        Assert.Equal(expected, IncidentSearch.ToMatchQuery(text));

    [Theory]
    [InlineData("")]
    [InlineData("  \"*() - ")]
    public void Text_without_words_is_no_query(string text) => Assert.Null(IncidentSearch.ToMatchQuery(text));

    [Fact]
    public void At_most_eight_words_are_searched() =>
        Assert.Equal(IncidentSearch.MaxWords, IncidentSearch.ToMatchQuery(string.Join(' ', Enumerable.Range(0, 50).Select(i => $"w{i}x")))!.Split(" OR ").Length);

    [Fact]
    public void A_phrase_is_its_words_in_order_on_postgresql_too() =>
        Assert.Equal("('fuel' <-> 'site') | 'odesa':*", IncidentSearch.ToTsQuery("\"Fuel site\" Odesa"));

    [Theory]
    [InlineData("2025 Kyiv", new[] { 2025 }, new[] { "kyiv" })]
    [InlineData("1899 2201 12345", new int[0], new[] { "1899", "2201", "12345" })]
    public void Four_digit_years_are_years_and_other_numbers_are_words(string text, int[] years, string[] words)
    {
        var query = IncidentSearch.Parse(text);
        Assert.Equal(years, query.Years);
        Assert.Equal(words, query.Terms.Select(t => t.Word));
    }
}
