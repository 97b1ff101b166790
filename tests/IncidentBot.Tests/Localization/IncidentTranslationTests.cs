using System.Text.RegularExpressions;
using IncidentBot.Tests.Fakes;
using IncidentBot.Tests.Reports;
using Telegram.Bot.Types;
using static IncidentBot.Tests.Alerts.AlertScenario;

namespace IncidentBot.Tests.Localization;

/// <summary>
/// Incident text in several languages (field@uk), places and words found in every language, and the command
/// menu registered for each — through the real bot and the fake Bot API.
/// </summary>
public sealed partial class IncidentTranslationTests : IAsyncLifetime
{
    static readonly User Ivan = new() { Id = 3302, FirstName = "Ivan", LanguageCode = "ru" };
    static readonly User Aysel = new() { Id = 3303, FirstName = "Aysel", LanguageCode = "az" };
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await ModeratedBot.StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_moderator_adds_a_translation_that_readers_of_that_language_see_and_others_do_not()
    {
        Assert.Equal("/incident_6: damage@uk corrected.", await _bot.Say("/correct 6 damage@uk частково зруйновано паркан посольства", Tg.Moderator));
        Assert.Equal("/incident_6: context@az corrected.", await _bot.Say("/correct 6 context@az Yoxlama üçün kontekst.", Tg.Moderator));

        Assert.Contains("Пошкодження: частково зруйновано паркан посольства", await _bot.Say("/incident_6", Tg.Bob));
        Assert.Contains("Kontekst: Yoxlama üçün kontekst.", await _bot.Say("/incident_6", Aysel));
        var english = await _bot.Say("/incident_6", Tg.Alice);
        Assert.Contains("Damage: part of the embassy fence destroyed", english);
        Assert.DoesNotContain("частково", english);

        // Removed with "-": the reader falls back to the original. Each change is audited with its language.
        await _bot.Say("/correct 6 context@az -", Tg.Moderator);
        Assert.DoesNotContain("Yoxlama", await _bot.Say("/incident_6", Aysel));
        var audit = await _bot.Audit();
        Assert.Contains(audit, a => a.Field == "damage@uk" && a.After == "частково зруйновано паркан посольства" && a.Before != null);
        Assert.Contains(audit, a => a.Field == "context@az" && a.Before == "Yoxlama üçün kontekst." && a.After == null);
    }

    [Fact]
    public async Task Correcting_the_original_drops_its_translations_which_translated_the_old_text()
    {
        Assert.Contains("Зброя: масований удар ракетами й дронами", await _bot.Say("/incident_6", Tg.Bob));

        await _bot.Say("/correct 6 weapon drones", Tg.Moderator);

        var card = await _bot.Say("/incident_6", Tg.Bob);
        Assert.Contains("Зброя: drones", card);
        Assert.Contains("Ціль: Посольство Азербайджану", card); // the other fields keep theirs
        Assert.DoesNotContain("ракетами", await _bot.Say("/incident_6", Ivan) + await _bot.Say("/incident_6", Aysel));
    }

    [Fact]
    public async Task Only_text_fields_and_the_bots_languages_take_a_translation()
    {
        Assert.StartsWith("Only text fields take a translation: attribution, attributionnote, casualties, context, damage, datenote,",
            await _bot.Say("/correct 6 category@uk енергетика", Tg.Moderator));
        Assert.Equal("“de” is not a language I keep translations in. Use one of: az, en, ru, uk.",
            await _bot.Say("/correct 6 target@de Botschaft", Tg.Moderator));
        Assert.DoesNotContain(await _bot.Audit(), a => a.Field?.Contains('@') == true);
    }

    [Fact]
    public async Task A_translation_set_before_approval_reaches_the_alert_in_that_language()
    {
        await Subscribe(_bot.Harness, Everything(Ivan.Id));
        Assert.Contains("IncidentBot", await _bot.Say("/start", Ivan)); // Ivan's chat: the bot learns he reads Russian
        var id = await _bot.File("Drone hit the consulate's roof");
        await _bot.Say($"/edit #{id} target Azerbaijani consulate", Tg.Moderator);
        await _bot.Say($"/edit #{id} target@ru Консульство Азербайджана", Tg.Moderator);
        await _bot.Say($"/approve #{id}", Tg.Moderator);

        var alert = await _bot.Seen(Ivan.Id, "Новый удар");
        Assert.Contains("Консульство Азербайджана", alert);
        Assert.DoesNotContain("Azerbaijani consulate", alert);
    }

    [Theory]
    [InlineData("Kyiv")]
    [InlineData("Київ")]
    [InlineData("Киев")]
    [InlineData("Kiev")]
    [InlineData("Kiyev")]
    public async Task Kyiv_in_any_language_or_spelling_finds_the_kyiv_incidents(string typed)
    {
        var found = Found(await _bot.Say($"/search {typed}", Tg.Alice));
        Assert.Equal(Kyiv, found);
    }

    static readonly long[] Kyiv = [2, 5, 6];

    [Theory]
    [InlineData("посольство")]
    [InlineData("посольства")]
    [InlineData("посольству")]
    public async Task Word_forms_find_the_same_incidents(string typed)
    {
        var found = Found(await _bot.Say($"/search {typed}", Tg.Bob));
        Assert.Equal(Kyiv, found);
    }

    [Fact]
    public async Task Search_reads_russian_and_azerbaijani_translations_and_category_names()
    {
        var russian = Found(await _bot.Say("/search гражданская авиация", Ivan));
        var azerbaijani = Found(await _bot.Say("/search mülki aviasiya", Aysel));
        Assert.Equal(Aviation, russian.Intersect(azerbaijani).ToArray());
    }

    static readonly long[] Aviation = [3];

    static long[] Found(string shown) => [.. IncidentLink().Matches(shown).Select(m => long.Parse(m.Groups[1].Value)).Order()];

    [Fact]
    public async Task The_command_menu_is_registered_in_every_language_for_everyone_and_for_each_moderator()
    {
        await _bot.Api.WaitUntil(a => a.Commands(BotCommandScope.Chat(Tg.SecondModerator.Id), "ru").Count > 0);
        Assert.Equal("The newest incidents", Description(_bot.Api.Commands(), "recent"));
        Assert.Equal("Найновіші інциденти", Description(_bot.Api.Commands(null, "uk"), "recent"));
        Assert.Equal("Последние инциденты", Description(_bot.Api.Commands(null, "ru"), "recent"));
        Assert.Equal("Ən son hadisələr", Description(_bot.Api.Commands(null, "az"), "recent"));
        Assert.DoesNotContain(_bot.Api.Commands(null, "uk"), c => c.Command == "queue");

        var moderator = BotCommandScope.Chat(Tg.Moderator.Id);
        Assert.Equal("Gözləyən hesabatlar, əvvəlcə köhnələr", Description(_bot.Api.Commands(moderator, "az"), "queue"));
        Assert.Equal("Pending reports, oldest first", Description(_bot.Api.Commands(moderator), "queue"));
        Assert.Contains(_bot.Api.Commands(moderator, "uk"), c => c.Command == "language");
        Assert.Empty(_bot.Api.Violations);
    }

    static string Description(IReadOnlyList<BotCommand> menu, string command) => menu.Single(c => c.Command == command).Description;

    [GeneratedRegex(@"/incident_(\d+)")]
    private static partial Regex IncidentLink();
}
