using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Telegram.Sending;
using IncidentBot.Tests.Data;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Alerts;

/// <summary>
/// How sure the record is: derived from independent sources, set by a moderator, shown in every language; and a
/// subscription that asks for a grade alerted once, when the incident reaches it.
/// </summary>
public sealed class GradeAlertTests : IAsyncLifetime
{
    BotHarness _bot = null!;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    [Theory, BothDatabases]
    public async Task A_corroborated_subscription_is_alerted_once_when_a_second_independent_source_arrives(string database)
    {
        _bot = await Start(BothDatabasesAttribute.Provider(database));
        await Subscribe(_bot, Everything(801), new Subscription { ChatId = 802, Area = "Kyiv", Grade = Grade.Corroborated },
            new Subscription { ChatId = 803, Area = "Kyiv", Grade = Grade.Corroborated }, new Subscription { ChatId = 803, Area = "Ukraine", Grade = Grade.Corroborated },
            new Subscription { ChatId = 804, Grade = Grade.Confirmed });
        var id = await Publish(_bot, "Drone debris hit the embassy fence", ("place", "Kyiv"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 801, id).Any());

        // A second report from the same person is the same account.
        await Merge(await FileReport(_bot, Tg.Alice, "The embassy fence is down, I saw it again this morning"), id);
        Assert.Equal(Grade.Reported, await GradeOf(id));
        // Another person's report is a second, independent one.
        await Merge(await FileReport(_bot, Tg.Bob, "Уламки дрона біля посольства"), id);
        Assert.Equal(Grade.Corroborated, await GradeOf(id));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 802, id).Any() && AlertsTo(a, 803, id).Any());
        Assert.Contains("🔎 corroborated (two or more independent sources)", TelegramHtml.Parse(AlertsTo(_bot.Api, 802, id).Single().Text!).Text);

        // Down and up again: those chats had their alert.
        Assert.Contains("grade corrected", (await _bot.Ask(Tg.Text($"/correct {id} grade reported the two accounts share one video", from: Tg.Moderator))).Text);
        Assert.Contains("grade corrected", (await _bot.Ask(Tg.Text($"/correct {id} grade auto", from: Tg.Moderator))).Text);
        Assert.Equal(Grade.Corroborated, await GradeOf(id));

        await WaitForDb(_bot, async db => !await db.Deliveries.AnyAsync(d => d.State == DeliveryState.Pending || d.State == DeliveryState.Sending));
        Assert.All(new long[] { 801, 802, 803 }, chat => Assert.Single(_bot.Api.Sent(chat)));
        Assert.Single(AlertsTo(_bot.Api, 803, id)); // two of its subscriptions matched: one alert
        Assert.Empty(_bot.Api.Sent(804));
        Assert.Empty(_bot.Api.Violations);
    }

    [Fact]
    public async Task A_moderator_confirms_naming_the_source_and_the_grade_stands_until_cleared()
    {
        _bot = await Start();
        await Subscribe(_bot, new Subscription { ChatId = 811, Grade = Grade.Confirmed }, new Subscription { ChatId = 812, Grade = Grade.Corroborated });
        var id = await Publish(_bot, "Missile hit the substation", ("country", "Ukraine"));

        Assert.Contains("grade must be reported, corroborated or confirmed", await Correct(id, "grade sure"));
        Assert.Contains("Say what the grade rests on", await Correct(id, "grade confirmed"));
        Assert.Contains("grade corrected", await Correct(id, "grade confirmed Ministry of Energy statement, 20 November"));
        await _bot.Api.WaitUntil(a => AlertsTo(a, 811, id).Any() && AlertsTo(a, 812, id).Any());
        const string Set = "confirmed — set by a moderator: Ministry of Energy statement, 20 November";
        Assert.Contains("🔎 " + Set, TelegramHtml.Parse(AlertsTo(_bot.Api, 811, id).Single().Text!).Text);
        Assert.Contains("Verification: " + Set, await Show(id, Tg.Alice));

        // New sources do not move a grade a moderator set.
        await Correct(id, "source Reuters | https://www.reuters.com/world/europe/strike");
        Assert.Equal(Grade.Confirmed, await GradeOf(id));
        await Correct(id, "grade auto");
        Assert.Equal(Grade.Corroborated, await GradeOf(id)); // a contributor and Reuters
        Assert.Contains("Verification: corroborated (two or more independent sources)", await Show(id, Tg.Alice));
        // An official statement among the sources confirms it.
        await Correct(id, "source official: Ministry of Energy of Ukraine | https://mev.gov.ua/statement");
        var card = await Show(id, Tg.Alice);
        Assert.Contains("Verification: confirmed (an official statement)", card);
        Assert.Contains("Ministry of Energy of Ukraine (official statement)", card);

        await WaitForDb(_bot, async db => !await db.Deliveries.AnyAsync(d => d.State == DeliveryState.Pending || d.State == DeliveryState.Sending));
        Assert.Single(_bot.Api.Sent(811));
        Assert.Single(_bot.Api.Sent(812));
        await using var db = _bot.NewDb();
        var audit = await db.Audit.Where(a => a.IncidentId == id && a.Field == "grade").OrderBy(a => a.Id).Select(a => new { a.Action, a.Before, a.After }).ToListAsync();
        Assert.Equal(
        [
            new { Action = "correct", Before = (string?)"derived", After = (string?)"Confirmed: Ministry of Energy statement, 20 November" },
            new { Action = "correct", Before = (string?)"Confirmed: Ministry of Energy statement, 20 November", After = (string?)"derived" },
            new { Action = "grade", Before = (string?)"Confirmed", After = (string?)"Corroborated" },
            new { Action = "grade", Before = (string?)"Corroborated", After = (string?)"Confirmed" },
        ], audit);
    }

    [Fact]
    public async Task A_grade_set_before_approval_is_on_the_card_and_alerts_its_subscribers_at_publication()
    {
        _bot = await Start();
        await Subscribe(_bot, new Subscription { ChatId = 821, Grade = Grade.Corroborated }, new Subscription { ChatId = 822, Grade = Grade.Confirmed });
        var report = await FileReport(_bot, Tg.Alice, "Shelling hit the fuel depot");

        var edited = await _bot.Ask(Tg.Text($"/edit #{report} grade corroborated two outlets confirmed it by phone", from: Tg.Moderator));
        Assert.EndsWith("(uncategorised) · corroborated", TelegramHtml.Parse(edited.Text!).Text);
        Assert.Contains("published as", (await _bot.Ask(Tg.Text($"/approve #{report}", from: Tg.Moderator))).Text);

        await _bot.Api.WaitUntil(a => a.Sent(821).Any());
        await WaitForDb(_bot, async db => !await db.Deliveries.AnyAsync(d => d.State == DeliveryState.Pending || d.State == DeliveryState.Sending));
        Assert.Empty(_bot.Api.Sent(822));
    }

    [Fact]
    public async Task The_grade_is_shown_on_cards_lines_alerts_and_subscriptions_in_every_language()
    {
        _bot = await Start();
        var rustam = new User { Id = 1003, FirstName = "Rustam", LanguageCode = "ru" };
        var aysel = new User { Id = 1004, FirstName = "Aysel", LanguageCode = "az" };
        foreach (var (who, expected) in new[]
        {
            (Tg.Alice, "Verification: reported (one source or one report so far)"),
            (Tg.Bob, "Достовірність: повідомляється (поки що одне джерело або один звіт)"),
            (rustam, "Достоверность: сообщается (пока один источник или одно сообщение)"),
            (aysel, "Etibarlılıq: xəbər verilir (hələlik bir mənbə və ya bir hesabat)"),
        })
            Assert.Contains(expected, await Show(6, who));
        foreach (var (who, expected) in new[] { (Tg.Alice, "· reported"), (Tg.Bob, "· повідомляється"), (rustam, "· сообщается"), (aysel, "· xəbər verilir") })
            Assert.EndsWith(expected, await Say("/recent 1", who));

        Assert.Contains("Київ · лише перехресно перевірені або підтверджені", await Say("/subscribe Київ, перехресно перевірені", Tg.Bob));
        Assert.Contains("лише перехресно перевірені або підтверджені", await Say("/subscriptions", Tg.Bob));
        Assert.Contains("только подтверждённые", await Say("/subscribe подтверждённые", rustam));
        Assert.Contains("yalnız çarpaz yoxlanılmış və ya təsdiq olunmuş", await Say("/subscribe grade: corroborated", aysel));
        Assert.Contains("Every incident is at least reported", await Say("/subscribe Kyiv, reported", Tg.Alice));
        Assert.Contains("A grade is corroborated", await Say("/subscribe grade: likely", Tg.Alice));
        Assert.Contains("Each kind of filter once", await Say("/subscribe corroborated, confirmed", Tg.Alice));

        var id = await Publish(_bot, "Drone hit the embassy fence", ("place", "Kyiv"));
        await Correct(id, "source Suspilne | https://suspilne.media/kyiv/1");
        var alert = await _bot.Api.WaitForCall(c => AlertsTo(_bot.Api, Tg.Bob.Id, id, "uk").Contains(c));
        Assert.Contains("🔎 перехресно перевірено (щонайменше два незалежні джерела)", TelegramHtml.Parse(alert.Text!).Text);
        await _bot.Api.WaitUntil(a => a.Sent(aysel.Id).Any(c => c.Text?.Contains($"/incident_{id}") == true));
        Assert.Contains("🔎 çarpaz yoxlanılıb (ən azı iki müstəqil mənbə)", TelegramHtml.Parse(_bot.Api.Sent(aysel.Id).Last().Text!).Text);
    }

    async Task Merge(long report, long incident)
    {
        Assert.Contains($"merged into /incident_{incident}", (await _bot.Ask(Tg.Text($"/merge #{report} {incident}", from: Tg.Moderator))).Text);
        await WaitForDb(_bot, db => OwesNothing(db, report));
    }

    async Task<string> Correct(long id, string rest) =>
        TelegramHtml.Parse((await _bot.Ask(Tg.Text($"/correct {id} {rest}", from: Tg.Moderator))).Text!).Text;

    Task<string> Show(long id, User who) => Say($"/incident {id}", who);

    async Task<string> Say(string text, User who) => TelegramHtml.Parse((await _bot.Ask(Tg.Text(text, from: who))).Text!).Text;

    async Task<Grade> GradeOf(long id)
    {
        await using var db = _bot.NewDb();
        return (await db.Incidents.SingleAsync(i => i.Id == id)).Grade;
    }
}
