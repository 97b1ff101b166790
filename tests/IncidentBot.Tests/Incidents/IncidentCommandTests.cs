using IncidentBot.Data;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;

namespace IncidentBot.Tests.Incidents;

/// <summary>/recent, /incident, /search and /stats end to end, against the seeded record.</summary>
public sealed class IncidentCommandTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    /// <summary>Each test starts the bot, on SQLite unless it runs on both databases.</summary>
    async Task Start(string database = nameof(DatabaseProvider.Sqlite)) =>
        _bot = await BotHarness.StartAsync(provider: BothDatabasesAttribute.Provider(database));

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    [Theory, BothDatabases]
    public async Task Recent_lists_the_newest_seeded_incidents_first_with_an_older_button(string database)
    {
        await Start(database);
        var reply = await _bot.Ask(Tg.Text("/recent", from: Tg.Alice));

        Assert.Equal("html", reply["parse_mode"]?.ToLowerInvariant());
        var text = reply.Text!;
        Assert.Contains("1–5 of 6", text);
        Assert.True(text.IndexOf("/incident_6", StringComparison.Ordinal) < text.IndexOf("/incident_2", StringComparison.Ordinal));
        Assert.DoesNotContain("/incident_1 ", text);
        Assert.Contains("rc:5:5", reply.Body.ToJsonString());
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Tapping_older_edits_the_list_to_the_next_page()
    {
        await Start();
        var list = await _bot.Ask(Tg.Text("/recent", from: Tg.Alice));

        _bot.Api.Enqueue(Tg.Tap("rc:5:5", from: Tg.Alice, messageId: list.MessageId));
        var edit = await _bot.Api.WaitForCall(c => c.Method == "editMessageText" && c.ChatId == Tg.Alice.Id);
        await _bot.Api.WaitForCall(c => c.Method == "answerCallbackQuery");

        Assert.Contains("6–6 of 6", edit.Text);
        Assert.Contains("/incident_1", edit.Text);
        Assert.Contains("rc:0:5", edit.Body.ToJsonString());
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_forged_page_button_is_answered_and_changes_nothing()
    {
        await Start();
        _bot.Api.Enqueue(Tg.Tap("rc:-3:9999", from: Tg.Alice, messageId: 1));
        _bot.Api.Enqueue(Tg.Tap("<script>", from: Tg.Alice, messageId: 1));

        await _bot.Api.WaitUntil(a => a.Calls.Count(c => c.Method == "answerCallbackQuery") == 2);
        Assert.DoesNotContain(_bot.Api.Calls, c => c.Method == "editMessageText");
        Assert.All(_bot.Api.Calls.Where(c => c.Method == "answerCallbackQuery"), c => Assert.Contains("no longer valid", c["text"]));
    }

    [Theory]
    [InlineData("/recent -5")]
    [InlineData("/recent 0")]
    [InlineData("/recent abc")]
    [InlineData("/recent 5 6")]
    public async Task Recent_with_a_bad_count_gets_the_usage_line(string command)
    {
        await Start();
        var reply = await _bot.Ask(Tg.Text(command, from: Tg.Alice));
        Assert.Contains("Usage: <code>/recent</code>", reply.Text);
    }

    [Theory]
    [InlineData("/recent 100000")]
    [InlineData("/recent 99999999999999999999")]
    public async Task Recent_with_a_huge_count_is_clamped_to_50_and_says_so(string command)
    {
        await Start();
        var reply = await _bot.Ask(Tg.Text(command, from: Tg.Alice));
        Assert.Contains("at most 50", reply.Text);
        Assert.Contains("1–6 of 6", reply.Text);
    }

    [Fact]
    public async Task Incident_card_shows_the_date_at_its_precision_with_sources()
    {
        await Start();
        var card = (await _bot.Ask(Tg.Text("/incident 2", from: Tg.Alice))).Text!;

        Assert.Contains("January 2024", card);
        Assert.DoesNotContain("1 January", card);
        Assert.Contains("Kinzhal missile", card);
        Assert.Contains("Kyiv, Ukraine", card);
        Assert.Contains("Azerbaijan", card);
        Assert.Contains("The Moscow Times", card);
        Assert.DoesNotContain("href", card); // the seed knows no links and none is invented
    }

    [Theory, BothDatabases]
    public async Task The_tappable_form_and_a_day_precise_date_work(string database)
    {
        await Start(database);
        var card = (await _bot.Ask(Tg.Text("/incident_1", from: Tg.Alice))).Text!;
        Assert.Contains("10 March 2022", card);
        Assert.Contains("Kharkiv", card);
        Assert.Contains("not stated by the sources", card);
    }

    [Theory, BothDatabases]
    public async Task The_start_deep_link_opens_an_incident(string database)
    {
        await Start(database);
        var card = (await _bot.Ask(Tg.Text("/start incident_6", from: Tg.Alice))).Text!;
        Assert.Contains("November 2025", card);
        Assert.Contains("on or before 14 November", card);
        Assert.Contains("Euronews", card);
        Assert.Contains("no injuries reported", card);
    }

    [Theory]
    [InlineData("/incident abc", "Usage: <code>/incident N</code>")]
    [InlineData("/incident", "Usage: <code>/incident N</code>")]
    [InlineData("/incident -1", "Usage: <code>/incident N</code>")]
    [InlineData("/incident 99999999999999999999", "There is no incident 99999999999999999999")]
    [InlineData("/incident 777", "There is no incident 777")]
    [InlineData("/incident_0x10", "Usage: <code>/incident N</code>")]
    public async Task Bad_incident_ids_get_a_short_helpful_reply(string command, string expected)
    {
        await Start();
        var reply = await _bot.Ask(Tg.Text(command, from: Tg.Alice));
        Assert.Contains(expected, reply.Text);
        Assert.Empty(_bot.Api.Violations);
    }

    [Theory, BothDatabases]
    public async Task Search_ranks_matching_incidents(string database)
    {
        await Start(database);
        var reply = (await _bot.Ask(Tg.Text("/search SOCAR", from: Tg.Alice))).Text!;
        Assert.Contains("/incident_4", reply);
        Assert.DoesNotContain("/incident_1", reply);

        var kyiv = (await _bot.Ask(Tg.Text("/search kyiv embassy", from: Tg.Alice))).Text!;
        Assert.Contains("/incident_6", kyiv);
        Assert.Contains("/incident_2", kyiv);
        Assert.DoesNotContain("/incident_4", kyiv);

        // A Ukrainian word in another case meets the record's words by its stem.
        var embassies = (await _bot.Ask(Tg.Text("/search посольства", from: Tg.Alice))).Text!;
        Assert.Contains("/incident_6", embassies);
        Assert.DoesNotContain("/incident_4", embassies);
    }

    [Theory, BothDatabases]
    public async Task Search_by_year_finds_the_incidents_dated_in_it_not_the_number_in_their_text(string database)
    {
        await Start(database);
        var y2025 = (await _bot.Ask(Tg.Text("/search 2025", from: Tg.Alice))).Text!;
        Assert.Equal(["/incident_6", "/incident_5", "/incident_4"], Incidents(y2025));

        // Incident 6's context mentions 2022 (the diplomatic coordinates), but it happened in 2025.
        Assert.Equal(["/incident_1"], Incidents((await _bot.Ask(Tg.Text("/search 2022", from: Tg.Alice))).Text!));
        Assert.Equal(["/incident_2"], Incidents((await _bot.Ask(Tg.Text("/search Kyiv 2024", from: Tg.Alice))).Text!));
        Assert.Contains("Nothing in the record matches “2019”", (await _bot.Ask(Tg.Text("/search 2019", from: Tg.Alice))).Text);
    }

    [Theory, BothDatabases]
    public async Task A_quoted_phrase_is_searched_as_those_words_in_that_order(string database)
    {
        await Start(database);
        Assert.Equal(["/incident_4"], Incidents((await _bot.Ask(Tg.Text("/search \"fuel site\"", from: Tg.Alice))).Text!));
        Assert.Equal(["/incident_6"], Incidents((await _bot.Ask(Tg.Text("/search “embassy fence”", from: Tg.Alice))).Text!)); // a phone's quotes
        Assert.Contains("Nothing in the record matches", (await _bot.Ask(Tg.Text("/search \"site fuel\"", from: Tg.Alice))).Text);

        // Unquoted, the words are searched one by one: "energy" is incident 4's category.
        Assert.Contains("/incident_4", (await _bot.Ask(Tg.Text("/search energy facility", from: Tg.Alice))).Text);
        Assert.Contains("Nothing in the record matches “&quot;energy facility&quot;”",
            (await _bot.Ask(Tg.Text("/search \"energy facility\"", from: Tg.Alice))).Text);
        Assert.Contains("У реєстрі нічого не знайдено за запитом «“energy facility”»",
            (await _bot.Ask(Tg.Text("/search “energy facility”", from: Tg.Bob))).Text); // Bob reads Ukrainian
    }

    static List<string> Incidents(string reply) => [.. System.Text.RegularExpressions.Regex.Matches(reply, @"/incident_\d+").Select(m => m.Value)];

    [Fact]
    public async Task Search_without_words_gets_the_usage_and_hostile_text_is_escaped()
    {
        await Start();
        Assert.Contains("Usage: <code>/search", (await _bot.Ask(Tg.Text("/search", from: Tg.Alice))).Text);
        Assert.Contains("Nothing in the record matches", (await _bot.Ask(Tg.Text("/search \"*()", from: Tg.Alice))).Text); // searched: it matches nothing

        var hostile = (await _bot.Ask(Tg.Text("/search <b>bold</b> & \"NEAR(x y)\" <a href=\"x\">", from: Tg.Alice))).Text!;
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;NEAR(x y)&quot;", hostile);
        Assert.Empty(_bot.Api.Violations);
    }

    [Theory, BothDatabases]
    public async Task Stats_counts_by_month_category_and_place(string database)
    {
        await Start(database);
        var stats = (await _bot.Ask(Tg.Text("/stats", from: Tg.Alice))).Text!;
        Assert.Contains("6 incidents", stats);
        Assert.Contains("August 2025: 2", stats);
        Assert.Contains("diplomatic: 4", stats);
        Assert.Contains("Kyiv, Ukraine: 3", stats);
    }
}
