using System.Text.RegularExpressions;
using IncidentBot.Data;
using IncidentBot.Reports;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Reports;

/// <summary>
/// The real bot with Tg.Moderator and Tg.SecondModerator as configured moderators and a fake clock
/// standing a few days after seed incident 6, plus the few steps every report test repeats.
/// </summary>
internal sealed partial class ModeratedBot : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 11, 20, 10, 0, 0, TimeSpan.Zero);
    public static readonly long[] ModeratorChats = [Tg.Moderator.Id, Tg.SecondModerator.Id];

    readonly Action<HostApplicationBuilder> _configure;

    ModeratedBot(Dictionary<string, string?> settings)
    {
        _configure = b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Services.AddSingleton<TimeProvider>(Clock);
        };
    }

    public TestClock Clock { get; } = new(Now);
    public BotHarness Harness { get; private set; } = null!;
    public FakeBotApi Api => Harness.Api;

    /// <summary>The bot with both moderators configured; both have opened the bot, as moderators are asked to.</summary>
    public static Task<ModeratedBot> StartAsync(params (string Key, string Value)[] settings) => StartAsync(ModeratorChats, settings);

    /// <summary>The bot with both moderators configured, of whom only <paramref name="started"/> have opened the bot.</summary>
    public static Task<ModeratedBot> StartAsync(long[] started, params (string Key, string Value)[] settings) =>
        StartAsync(DatabaseProvider.Sqlite, started, settings);

    /// <summary>As above, on the given database.</summary>
    public static async Task<ModeratedBot> StartAsync(DatabaseProvider provider, long[] started, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Moderation:ModeratorIds:0"] = Tg.Moderator.Id.ToString(),
            ["Moderation:ModeratorIds:1"] = Tg.SecondModerator.Id.ToString(),
        };
        foreach (var (key, value) in settings) all[key] = value;
        var bot = new ModeratedBot(all);
        bot.Harness = await BotHarness.StartAsync(bot._configure, started, provider: provider);
        return bot;
    }

    /// <summary>Stops the host and starts it again on the same database, fake server and settings.</summary>
    public async Task RestartAsync()
    {
        await Harness.StopHostAsync();
        await Harness.StartHostAsync(_configure);
    }

    /// <summary>Sends a message and returns the bot's next message to that chat.</summary>
    public Task<ApiCall> Ask(Update update) => Harness.Ask(update);

    /// <summary>What the person sees of the bot's next message (HTML parsed as Telegram parses it).</summary>
    public async Task<string> Say(string text, User from, Chat? chat = null) => Shown(await Ask(Tg.Text(text, from, chat)));

    /// <summary>Waits for a message to the chat that shows the expected text (sent earlier or later); returns what it shows.</summary>
    public async Task<string> Seen(long chatId, string expected) =>
        Shown(await Api.WaitForCall(c => c.Succeeded && c.ChatId == chatId && c.Method == "sendMessage" && Shown(c).Contains(expected, StringComparison.Ordinal)));

    /// <summary>Files "/report text" and waits until it is filed (see <see cref="Filed"/>); returns the report's number.</summary>
    public async Task<long> File(string text, User? from = null)
    {
        var reply = await Ask(Tg.Text("/report " + text, from ?? Tg.Alice));
        var id = Number(reply);
        await Filed(id, from ?? Tg.Alice);
        return id;
    }

    /// <summary>
    /// Waits until every moderator has the report's card and the card sender has recorded them: cards are
    /// recorded after they are sent, so a test deciding earlier would race them.
    /// </summary>
    public async Task Filed(long reportId, User reporter)
    {
        await Api.WaitUntil(a => ModeratorChats.All(chat => a.Sent(chat).Any(c => IsCard(Shown(c), reportId))));
        await Alerts.AlertScenario.WaitForDb(Harness, db => Alerts.AlertScenario.OwesNothing(db, reportId));
        await Expect(Tg.Text("/myreports", reporter), YourReports(reporter)); // and the reporter's chat has caught up
    }

    /// <summary>The heading of /myreports as the reporter reads it (myreports.header in their language's strings: Tg.Bob reads Ukrainian).</summary>
    static string YourReports(User reporter) => reporter.LanguageCode switch
    {
        null or "en" => "Your reports",
        "uk" => "Ваші звіти",
        "ru" => "Ваши сообщения",
        "az" => "Hesabatlarınız",
        var other => throw new ArgumentException($"No /myreports heading known for language \"{other}\"", nameof(reporter)),
    };

    /// <summary>
    /// Waits until the report owes nobody a message: its cards while it is pending; once decided, every
    /// card copy edited and the reporter told (the outbox sends these after the handler's commit).
    /// </summary>
    public Task Settled(long reportId) => Alerts.AlertScenario.WaitForDb(Harness, db => Alerts.AlertScenario.OwesNothing(db, reportId));

    /// <summary>
    /// Sends an update and waits for a later message to its chat showing the expected text; returns what
    /// that message shows. Later, not any: a question asked twice is matched the second time.
    /// </summary>
    public async Task<string> Expect(Update update, string expected)
    {
        var chat = update.Message?.Chat.Id ?? update.CallbackQuery!.Message!.Chat.Id;
        var before = Api.Sent(chat).Count();
        Api.Enqueue(update);
        bool Match(ApiCall c) => Shown(c).Contains(expected, StringComparison.Ordinal);
        await Api.WaitUntil(a => a.Sent(chat).Skip(before).Any(Match));
        return Shown(Api.Sent(chat).Skip(before).First(Match));
    }

    public Task<string> Expect(string text, User from, string expected) => Expect(Tg.Text(text, from), expected);

    /// <summary>A press on the button with this label: on the given message, else on the newest bot message in the presser's chat that has it.</summary>
    public Update Button(string label, User from, Message? on = null)
    {
        on ??= Api.Messages(from.Id).Last(m => m.From?.Id == Api.BotUser.Id && Data(m, label) is not null);
        return Tg.Tap(Data(on, label) ?? throw new InvalidOperationException($"No button \"{label}\" on: {on.Text}"), from: from, message: on);
    }

    static string? Data(Message m, string label) =>
        m.ReplyMarkup?.InlineKeyboard.SelectMany(row => row).FirstOrDefault(b => b.Text == label)?.CallbackData;

    /// <summary>Presses a button and waits for the press to be answered; returns the answer.</summary>
    public Task<ApiCall> Press(string data, User from, Message? on = null) => Press(Tg.Tap(data, from: from, message: on));

    public async Task<ApiCall> Press(Update tap)
    {
        Api.Enqueue(tap);
        var id = tap.CallbackQuery!.Id;
        return await Api.WaitForCall(c => c.Method == "answerCallbackQuery" && c["callback_query_id"] == id);
    }

    /// <summary>A moderator's copy of the card for a report, as it stands now (edits applied).</summary>
    public Message Card(long chatId, long reportId) =>
        Api.Messages(chatId).Last(m => m.From?.IsBot == true && IsCard(m.Text, reportId));

    /// <summary>The callback data of every button on a message.</summary>
    public static List<string> Buttons(Message message) =>
        [.. message.ReplyMarkup?.InlineKeyboard.SelectMany(row => row).Select(b => b.CallbackData ?? b.Url ?? "") ?? []];

    static bool IsCard(string? text, long reportId) => text?.Contains($"Report #{reportId} ·", StringComparison.Ordinal) == true;

    public static string Shown(ApiCall call) => TelegramHtml.Parse(call.Text ?? "").Text;

    /// <summary>The first "#N" in a message.</summary>
    public static long Number(ApiCall call) => long.Parse(ReportNumber().Match(Shown(call)).Groups[1].Value);

    public BotDb Db() => Harness.NewDb();

    public async Task<Report> Report(long id)
    {
        await using var db = Db();
        return await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public async Task<List<AuditEntry>> Audit()
    {
        await using var db = Db();
        return await db.Audit.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    [GeneratedRegex(@"#(\d+)")]
    private static partial Regex ReportNumber();

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
