using System.Text.Json.Nodes;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Telegram;
using IncidentBot.Tests.Alerts;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Incidents;

/// <summary>
/// Inline mode, "@bot words" in any chat: published incidents as cards ready to post, in the asker's language,
/// with a link back to the bot; never a draft or a retracted incident.
/// </summary>
public sealed class InlineSharingTests : IAsyncLifetime
{
    // Not the fake's default name: a link that names it came from getMe, not from a constant.
    const string BotName = "StrikeLogBot";

    BotHarness _bot = null!;

    async Task Start(string database = nameof(DatabaseProvider.Sqlite)) =>
        _bot = await BotHarness.StartAsync(b => AlertScenario.Configure(b, null), started: [Tg.Moderator.Id],
            existing: h => { h.Api.BotUsername = BotName; return Task.CompletedTask; }, provider: BothDatabasesAttribute.Provider(database));

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    async Task<FakeBotApi.InlineAnswer> Inline(string query, User from, string offset = "")
    {
        var update = Tg.Inline(query, from, offset);
        _bot.Api.Enqueue(update);
        return await _bot.Api.WaitForInlineAnswer(update.InlineQuery!.Id);
    }

    static string Shown(string html) => TelegramHtml.Parse(html).Text;

    static string Text(JsonObject article, string field) => Params.String(article, field) ?? "";

    static JsonObject Button(JsonObject article) => (JsonObject)article["reply_markup"]!["inline_keyboard"]![0]![0]!;

    [Theory, BothDatabases]
    public async Task A_query_offers_the_matching_published_incidents_as_their_cards(string database)
    {
        await Start(database);
        var answer = await Inline("kyiv", Tg.Alice);

        // The seed's Kyiv strikes (2, 5, 6); not Kharkiv, Aktau or Odesa.
        Assert.Equal(["2", "5", "6"], answer.Ids.Order());
        Assert.True(answer.IsPersonal);
        Assert.InRange(answer.CacheTime ?? 300, 1, 30);
        Assert.True(string.IsNullOrEmpty(answer.NextOffset));

        var six = answer.Articles.Single(a => Text(a, "id") == "6");
        Assert.Equal("article", Text(six, "type"));
        Assert.Equal("Incident 6 · diplomatic", Text(six, "title"));
        Assert.Contains("November 2025", Text(six, "description"));
        Assert.Contains("Kyiv", Text(six, "description"));
        var content = (JsonObject)six["input_message_content"]!;
        Assert.Equal("html", Text(content, "parse_mode").ToLowerInvariant());
        // The card the bot shows for /incident 6, then the way back to the bot.
        var card = await _bot.Ask(Tg.Text("/incident 6", from: Tg.Alice));
        Assert.StartsWith(card.Text! + "\n\n", Text(content, "message_text"));
        Assert.EndsWith("Incident 6 in @" + BotName, Shown(Text(content, "message_text")));
        Assert.Equal($"https://t.me/{BotName}?start=incident_6", Text(Button(six), "url"));
        Assert.Equal("Open in @" + BotName, Text(Button(six), "text"));
        Assert.Empty(_bot.Api.Violations);

        // Telegram delivers inline queries only when the bot asks for them.
        var poll = _bot.Api.Calls.Last(c => c.Method == "getUpdates");
        Assert.Contains("inline_query", Params.Array(poll.Body, "allowed_updates")!.Select(n => n!.ToString()));
    }

    [Theory, BothDatabases]
    public async Task An_empty_query_offers_the_newest_incidents_first(string database)
    {
        await Start(database);
        var answer = await Inline("", Tg.Alice);

        // By when they happened: November 2025, August 2025 (5 before 4), December 2024, January 2024, March 2022.
        Assert.Equal(["6", "5", "4", "3", "2", "1"], answer.Ids);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Never_a_draft_a_pending_report_or_a_retracted_incident()
    {
        await Start();
        var filed = await _bot.Ask(Tg.Text("/report Drones hit the embassy in Kyiv again tonight", from: Tg.Bob));
        Assert.Contains("#1", filed.Text);
        await _bot.Ask(Tg.Text("/retract 6 the source withdrew it", from: Tg.Moderator));
        long draft;
        await using (var db = _bot.NewDb())
        {
            draft = (await db.Reports.SingleAsync()).IncidentId!.Value;
            Assert.Equal(IncidentStatus.Draft, (await db.Incidents.SingleAsync(i => i.Id == draft)).Status);
        }

        foreach (var query in new[] { "kyiv", "embassy drones tonight", "" })
        {
            var answer = await Inline(query, Tg.Alice);
            Assert.DoesNotContain("6", answer.Ids);
            Assert.DoesNotContain(draft.ToString(), answer.Ids);
            Assert.NotEmpty(answer.Ids); // the other Kyiv strikes, the drone strikes, the rest of the record
            Assert.All(answer.MessageTexts, text => Assert.DoesNotContain("Retracted", text));
        }
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_Ukrainian_asker_gets_Ukrainian_cards_and_so_does_one_who_chose_Ukrainian()
    {
        await Start();
        var bob = (await Inline("Київ", Tg.Bob)).Articles.Single(a => Text(a, "id") == "6");
        var card = await _bot.Ask(Tg.Text("/incident 6", from: Tg.Bob));

        Assert.Equal("Інцидент 6 · дипломатичні об'єкти", Text(bob, "title"));
        Assert.StartsWith(card.Text!, Text((JsonObject)bob["input_message_content"]!, "message_text"));
        Assert.Contains("Київ", Shown(card.Text!));
        Assert.Equal("Відкрити в боті @" + BotName, Text(Button(bob), "text"));

        // Alice's Telegram is English; her /language choice wins, wherever she types the query.
        await _bot.Ask(Tg.Text("/language uk", from: Tg.Alice));
        var alice = (await Inline("kyiv", Tg.Alice)).Articles.Single(a => Text(a, "id") == "6");
        Assert.Equal(Text(bob, "title"), Text(alice, "title"));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task The_link_in_a_shared_card_opens_that_card_in_the_bot()
    {
        await Start();
        var article = (await Inline("Aktau", Tg.Alice)).Articles.Single();
        var url = Text(Button(article), "url");
        Assert.Equal($"https://t.me/{BotName}?start=incident_3", url);
        Assert.Contains($"href=\"{url}\"", Text((JsonObject)article["input_message_content"]!, "message_text"));

        // Opening the link sends "/start incident_3" in the bot's private chat.
        var opened = await _bot.Ask(Tg.Text("/start " + url[(url.IndexOf("?start=", StringComparison.Ordinal) + 7)..], from: Tg.Bob));
        var shown = await _bot.Ask(Tg.Text("/incident 3", from: Tg.Bob));
        Assert.Contains("Інцидент 3", opened.Text);
        Assert.Equal(shown.Text, opened.Text);
    }

    [Fact]
    public async Task Scrolling_fetches_the_next_page_until_the_record_ends()
    {
        await Start();
        await using (var db = _bot.NewDb())
        {
            var now = DateTime.UtcNow;
            db.Incidents.AddRange(Enumerable.Range(1, 30).Select(n => new Incident
            {
                OccurredOn = new DateTime(2021, 1, 1).AddDays(n), Precision = DatePrecision.Day, Country = "Ukraine", Place = "Lviv",
                Target = $"Depot {n}", Status = IncidentStatus.Published, CreatedAt = now, UpdatedAt = now,
                Sources = [new IncidentSource { Name = "Test wire" }],
            }));
            await db.SaveChangesAsync();
        }

        var first = await Inline("", Tg.Alice);
        Assert.Equal(IncidentSharing.PageSize, first.Ids.Count());
        Assert.Equal(IncidentSharing.PageSize.ToString(), first.NextOffset);
        var second = await Inline("", Tg.Alice, first.NextOffset!);
        Assert.Equal(36 - IncidentSharing.PageSize, second.Ids.Count());
        Assert.True(string.IsNullOrEmpty(second.NextOffset));
        Assert.Empty(first.Ids.Intersect(second.Ids));

        // Search pages the same way: 30 depots in Lviv.
        var lviv = await Inline("depot", Tg.Alice);
        var more = await Inline("depot", Tg.Alice, lviv.NextOffset!);
        Assert.Equal(30, lviv.Ids.Concat(more.Ids).Distinct().Count());
        Assert.Empty(_bot.Api.Violations);
    }

    [Theory]
    [InlineData("\"NEAR(a b)\" OR * -")]
    [InlineData("<b>Kyiv</b> &amp; \"'; DROP TABLE \"Incidents\"; --")]
    [InlineData("🇺🇦🇦🇿\u0000\u202e Київ")]
    [InlineData("***")]
    public async Task A_hostile_query_is_answered(string query)
    {
        await Start();
        var answer = await Inline(query, Tg.Alice);
        Assert.True(answer.Ids.Count() <= TelegramRules.MaxInlineResults);
        Assert.Empty(_bot.Api.Violations);
        Assert.Contains("What you can ask", (await _bot.Ask(Tg.Text("/help", from: Tg.Alice))).Text);
    }

    [Fact]
    public async Task A_huge_query_or_an_offset_the_bot_never_wrote_is_answered()
    {
        await Start();
        var huge = await Inline(string.Concat(Enumerable.Repeat("Kyiv embassy ", 400))[..4000], Tg.Alice);
        Assert.Contains("6", huge.Ids);

        foreach (var offset in new[] { "-1", "abc", "99999999999999999999", "1000000", " 5" })
            Assert.Empty((await Inline("", Tg.Alice, offset)).Ids);
        Assert.Empty(_bot.Api.UnansweredInlineQueries);
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_query_whose_answer_fails_is_still_answered_with_nothing()
    {
        await Start();
        _bot.Api.FailNext("answerInlineQuery", 502, TelegramErrors.BadGateway);

        var answer = await Inline("kyiv", Tg.Alice);

        Assert.Empty(answer.Results);
        Assert.Contains(_bot.Logs, l => l.Contains("failed in its handler", StringComparison.Ordinal));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task Message_texts_stay_within_4096_characters_in_every_language()
    {
        await Start();
        await using (var db = _bot.NewDb())
        {
            var six = await db.Incidents.Include(i => i.Sources).SingleAsync(i => i.Id == 6);
            var long_ = string.Concat(Enumerable.Repeat("<&> Київ \"", 300));
            (six.Summary, six.Target, six.Weapon, six.Damage, six.Context) = (long_, long_, long_, long_, long_);
            (six.DateNote, six.LocationNote, six.CasualtiesNote, six.AttributedTo, six.AttributionNote) = (long_, long_, long_, long_, long_);
            six.Sources.AddRange(Enumerable.Range(1, 30).Select(n => new IncidentSource
            {
                Name = long_, Url = "https://example.org/" + new string('a', 1500) + n, Note = long_,
            }));
            await db.SaveChangesAsync();
        }

        foreach (var (language, n) in new[] { "en", "uk", "az", "ru" }.Select((l, n) => (l, n)))
        {
            var asker = new User { Id = 7001 + n, FirstName = language, LanguageCode = language };
            var answer = await Inline("", asker);
            Assert.Equal(6, answer.Ids.Count());
            foreach (var text in answer.MessageTexts)
            {
                // Telegram counts what is shown; the bot cuts by the HTML, which is never shorter.
                Assert.InRange(Shown(text).Length, 1, TelegramRules.MaxTextLength);
                Assert.InRange(text.Length, 1, TelegramRules.MaxTextLength);
                Assert.Contains($"?start=incident_", text); // the link back is never what gets cut
            }
        }
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public void An_inline_query_is_handled_in_order_with_its_senders_chat()
    {
        var update = Tg.Inline("kyiv", Tg.Bob);
        update.Id = 42;
        Assert.Equal(Tg.Bob.Id, UpdateInbox.ChatKeyOf(update));
        Assert.Equal(Tg.Bob.Id, RawUpdate.From(update).ChatKey);
    }
}
