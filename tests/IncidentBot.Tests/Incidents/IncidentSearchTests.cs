using IncidentBot.Incidents;

namespace IncidentBot.Tests.Incidents;

public sealed class IncidentSearchTests
{
    [Theory]
    [InlineData("Kyiv embassy", "\"kyiv\"* OR \"embassy\"*")]
    [InlineData("\"NEAR(a b)\" OR *", "\"near\"* OR \"a\" OR \"b\" OR \"or\"")]
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
}
