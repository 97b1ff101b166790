using IncidentBot.Tests.Data;
using IncidentBot.Data;
using IncidentBot.Tests.Fakes;
using IncidentBot.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace IncidentBot.Tests.Localization;

/// <summary>
/// People reading the bot in their own language, end to end through the real bot and the fake Bot API: a
/// Ukrainian reporter, an Azerbaijani moderator, Russian and Ukrainian subscribers, and /language.
/// </summary>
public sealed class LanguageJourneyTests : IAsyncLifetime
{
    static readonly User Olena = new() { Id = 3201, FirstName = "Olena", LanguageCode = "uk" };
    static readonly User Ivan = new() { Id = 3202, FirstName = "Ivan", LanguageCode = "ru-RU" };
    static readonly User Aysel = new() { Id = 3203, FirstName = "Aysel", LanguageCode = "az" };
    static readonly User Taras = new() { Id = 3204, FirstName = "Taras", LanguageCode = "uk" };

    // Words of the English strings that must never reach someone who reads another language.
    static readonly string[] English = ["Subscribed", "New strike", "Correction", "Best matches", "Thank you", "Report #", "Approved", "published", "killed", "Where:"];

    ModeratedBot _bot = null!;

    /// <summary>Each test starts the bot, on SQLite unless it runs on both databases.</summary>
    async Task Start(string database = nameof(DatabaseProvider.Sqlite)) =>
        _bot = await ModeratedBot.StartAsync(BothDatabasesAttribute.Provider(database), [.. ModeratedBot.ModeratorChats, Aysel.Id], ("Moderation:ModeratorIds:2", Aysel.Id.ToString()));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() { if (_bot is not null) await _bot.DisposeAsync(); }

    static void NoEnglish(string shown)
    {
        foreach (var word in English) Assert.DoesNotContain(word, shown);
    }

    [Theory, BothDatabases]
    public async Task A_ukrainian_report_approved_by_an_azerbaijani_moderator_alerts_russian_and_ukrainian_readers_each_in_their_own(string database)
    {
        await Start(database);
        // The moderator opened the bot once, as moderators are asked to: that is how it learns her language.
        Assert.Contains("IncidentBot", await _bot.Say("/start", Aysel));

        // Searching and subscribing in Ukrainian and Russian, each with their own spelling of Kyiv.
        var found = await _bot.Say("/search Київ", Olena);
        Assert.Contains("Найкращі збіги для «Київ»", found);
        Assert.Contains("Київ, Україна", found);
        Assert.Contains("листопад 2025", found);
        NoEnglish(found);
        Assert.Contains("Підписано: Київ.", await _bot.Say("/subscribe Київ", Olena));
        Assert.Contains("Подписка оформлена: 📍 Киев.", await _bot.Say("/subscribe Киев", Ivan));

        // Olena reports; the Azerbaijani moderator's card is in Azerbaijani, the English moderators' in English.
        var filed = await _bot.Say("/report Уламки дрона влучили в житловий будинок на Печерську", Olena);
        Assert.Contains("Дякую! Ваш звіт #1 передано модераторам.", filed);
        var card = await _bot.Seen(Aysel.Id, "Hesabat #1");
        Assert.Contains("Уламки дрона", card); // the reporter's own words, as written
        NoEnglish(card.Replace("Report", ""));
        await _bot.Seen(Tg.Moderator.Id, "Report #1 ·");

        Assert.Contains("#1", await _bot.Say("/edit #1 place Київ", Aysel));
        var azCard = _bot.Api.Messages(Aysel.Id).Last(m => m.From?.IsBot == true && m.Text?.Contains("Hesabat #1 ·") == true);
        var approve = _bot.Button("✅ Təsdiqlə", Aysel, on: azCard);
        await _bot.Press(approve);
        await _bot.Settled(1);
        var incident = await PublishedIncident();

        // One alert each, in the reader's language, places named in it.
        var ru = await _bot.Seen(Ivan.Id, "Новый удар");
        var uk = await _bot.Seen(Olena.Id, "Новий удар");
        Assert.Contains("📍 Киев, Украина", ru);
        Assert.Contains("📍 Київ, Україна", uk);
        Assert.Contains($"/incident_{incident}", ru);
        NoEnglish(ru);
        NoEnglish(uk);
        Assert.Contains("Ваш звіт #1 схвалено й опубліковано", await _bot.Seen(Olena.Id, "схвалено"));

        // A correction follows each reader in theirs.
        await _bot.Say($"/correct {incident} killed 2", Aysel);
        Assert.Contains("число погибших — теперь 2", await _bot.Seen(Ivan.Id, "Исправление"));
        Assert.Contains("кількість загиблих — тепер 2", await _bot.Seen(Olena.Id, "Виправлення"));
        Assert.Single(_bot.Api.Sent(Ivan.Id), c => ModeratedBot.Shown(c).Contains("Новый удар"));
        Assert.Empty(_bot.Api.Violations);
    }

    async Task<long> PublishedIncident()
    {
        await using var db = _bot.Db();
        return (await db.Reports.SingleAsync(r => r.Id == 1)).IncidentId!.Value;
    }

    [Fact]
    public async Task Language_shows_a_button_for_each_language_and_the_choice_holds_for_later_messages()
    {
        await Start();
        var ask = await _bot.Ask(Tg.Text("/language", Taras));
        Assert.Equal(["Українська", "Azərbaycanca", "Русский", "English"], _bot.Api.Messages(Taras.Id).Last().ReplyMarkup!.InlineKeyboard.SelectMany(r => r).Select(b => b.Text));
        Assert.Contains("Якою мовою", ModeratedBot.Shown(ask));

        await _bot.Press(_bot.Button("Русский", Taras));
        await _bot.Api.WaitUntil(a => a.Messages(Taras.Id).Any(m => m.Text?.Contains("по-русски") == true));

        // His Telegram still says Ukrainian; his choice wins, for replies and for his menu.
        Assert.Contains("Подписка оформлена: 📍 Одесская область.", await _bot.Say("/subscribe Одеська область", Taras));
        var menu = _bot.Api.Commands(new BotCommandScopeChat { ChatId = Taras.Id }, "uk");
        Assert.Contains(menu, c => c.Command == "language" && c.Description.Contains("язык", StringComparison.OrdinalIgnoreCase));

        // /language en in one go; a code the bot does not speak only shows the buttons.
        Assert.Contains("English", await _bot.Say("/language en", Taras));
        Assert.Contains("Subscribed:", await _bot.Say("/subscribe Kyiv", Taras));
        Assert.Contains("Which language should I write to you in?", await _bot.Say("/language de", Taras));
    }

    [Fact]
    public async Task An_alert_sent_later_arrives_in_the_language_the_chat_last_wrote_in()
    {
        await Start();
        Assert.Contains("Подписка оформлена", await _bot.Say("/subscribe", Ivan));
        // Ivan switches his Telegram to Azerbaijani and writes once; hours later an alert comes.
        var azeri = new User { Id = Ivan.Id, FirstName = Ivan.FirstName, LanguageCode = "az" };
        Assert.Contains("hesabat", await _bot.Say("/myreports", azeri));

        var id = await Alerts.AlertScenario.Publish(_bot.Harness, "Drone hit a substation", ("place", "Odesa"), ("category", "energy"));

        var alert = await _bot.Seen(Ivan.Id, "Yeni zərbə");
        Assert.Contains("Odessa", alert);
        Assert.Contains("enerji", alert);
        Assert.Contains($"/incident_{id}", alert);
    }

    [Fact]
    public async Task An_admin_sets_a_groups_language_for_its_alerts_and_replies_and_a_member_is_refused()
    {
        await Start();
        var group = Tg.Group;
        _bot.Api.GroupAdmins[group.Id] = [Taras.Id];

        var refused = await _bot.Say("/language", Ivan, group);
        Assert.Equal("Менять язык этого чата могут только его админы.", refused);
        var ask = await _bot.Ask(Tg.Text("/language", Taras, group));
        Assert.Contains("Якою мовою надсилати сповіщення й відповіді в цьому чаті?", ModeratedBot.Shown(ask));

        // A member's press on the admin's buttons changes nothing.
        var buttons = _bot.Api.Messages(group.Id).Last(m => m.ReplyMarkup is not null);
        var press = await _bot.Press(_bot.Button("Azərbaycanca", Ivan, on: buttons));
        Assert.Equal("Менять язык этого чата могут только его админы.", press["text"]);
        await _bot.Press(_bot.Button("Azərbaycanca", Taras, on: buttons));
        await _bot.Api.WaitUntil(a => a.Messages(group.Id).Any(m => m.Text?.Contains("azərbaycancadır") == true));

        // Replies there follow the chat, whoever asks; alerts too.
        Assert.Contains("Abunə oldunuz", await _bot.Say("/subscribe", Taras, group));
        Assert.Contains("üzrə ən uyğun nəticələr", await _bot.Say("/search Kyiv", Ivan, group));
        var id = await Alerts.AlertScenario.Publish(_bot.Harness, "Drone hit a substation", ("place", "Kyiv"), ("category", "energy"));
        var alert = await _bot.Seen(group.Id, "Yeni zərbə");
        Assert.Contains("Kiyev, Ukrayna", alert);
        Assert.Contains($"/incident_{id}", alert);
        Assert.Empty(_bot.Api.Violations);
    }
}
