using System.Text.Json.Nodes;
using IncidentBot.Alerts;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Places;
using IncidentBot.Reports;
using IncidentBot.Telegram.Sending;
using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Alerts;

/// <summary>A moderated bot with subscribers: publishes incidents the way moderators do, through commands.</summary>
internal static class AlertScenario
{
    /// <summary>The bot with Tg.Moderator configured as moderator, who has opened the bot as a real one would.</summary>
    public static Task<BotHarness> Start(TestClock? clock = null, params (string Key, string Value)[] settings) =>
        Start(DatabaseProvider.Sqlite, clock, settings);

    /// <summary>As above, on the given database.</summary>
    public static Task<BotHarness> Start(DatabaseProvider provider, TestClock? clock = null, params (string Key, string Value)[] settings) =>
        BotHarness.StartAsync(b => Configure(b, clock, settings), started: [Tg.Moderator.Id], provider: provider);

    public static void Configure(HostApplicationBuilder b, TestClock? clock, params (string Key, string Value)[] settings)
    {
        b.Configuration.AddInMemoryCollection(
            [KeyValuePair.Create("Moderation:ModeratorIds:0", (string?)Tg.Moderator.Id.ToString()),
             .. settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))]);
        if (clock is not null) b.Services.AddSingleton<TimeProvider>(clock);
    }

    static readonly Gazetteer Places = new();

    /// <summary>
    /// Subscriptions straight into the database: many chats without a conversation each. A private chat
    /// could only have subscribed by writing to the bot, so the fake lets the bot write back to it.
    /// </summary>
    public static async Task Subscribe(BotHarness bot, params Subscription[] subscriptions)
    {
        bot.Api.Started([.. subscriptions.Select(s => s.ChatId).Where(id => id > 0)]);
        await using var db = bot.NewDb();
        var numbers = new Dictionary<long, int>();
        foreach (var s in subscriptions)
        {
            s.Number = numbers[s.ChatId] = numbers.GetValueOrDefault(s.ChatId) + 1;
            // Keyed as /subscribe keys them: the gazetteer's id for a place it knows, else the name.
            if (s.Area is not null) (s.AreaKey, s.IncludesAffected) = Places.Resolve(s.Area).Place is { } place
                ? (place.Id, place.Kind == PlaceKind.Country) : (IncidentPlaces.Key(s.Area), false);
            if (s.Affected is not null) s.AffectedKey = Places.Resolve(s.Affected).Place?.Id ?? IncidentPlaces.Key(s.Affected);
            s.CreatedAt = DateTime.UtcNow;
        }
        db.Subscriptions.AddRange(subscriptions);
        await db.SaveChangesAsync();
    }

    /// <summary>A contributor reports, a moderator sets the fields and approves: the incident's id.</summary>
    public static async Task<long> Publish(BotHarness bot, string what, params (string Field, string Value)[] fields)
    {
        var reportId = await FileReport(bot, Tg.Alice, what);
        foreach (var (field, value) in fields)
            await bot.Ask(Tg.Text($"/edit #{reportId} {field} {value}", from: Tg.Moderator));
        var done = await bot.Ask(Tg.Text($"/approve #{reportId}", from: Tg.Moderator));
        Assert.Contains("published as /incident_", done.Text);
        // The reporter has been told, so that message cannot be taken for the answer to a later question.
        await WaitForDb(bot, db => OwesNothing(db, reportId));
        await using (var db = bot.NewDb())
            return (await db.Reports.SingleAsync(r => r.Id == reportId)).IncidentId!.Value;
    }

    /// <summary>Someone files "/report what" and its cards go out (so a moderator's command after it is answered after them): the report's number.</summary>
    public static async Task<long> FileReport(BotHarness bot, User from, string what)
    {
        long before;
        await using (var db = bot.NewDb())
            before = await db.Reports.MaxAsync(r => (long?)r.Id) ?? 0;
        bot.Api.Enqueue(Tg.Text($"/report {what}", from: from));
        await WaitForDb(bot, async db => await db.Reports.AnyAsync(r => r.Id > before && r.State == ReportState.Pending));
        long reportId;
        await using (var db = bot.NewDb())
            reportId = await db.Reports.Where(r => r.Id > before).MinAsync(r => r.Id);
        await WaitForDb(bot, db => OwesNothing(db, reportId));
        return reportId;
    }

    /// <summary>Every message the report owes (its cards, their updates, the reporter's outcome) has left the outbox.</summary>
    public static async Task<bool> OwesNothing(BotDb db, long reportId) =>
        await db.Deliveries.AnyAsync(d => d.ReportId == reportId)
        && !await db.Deliveries.AnyAsync(d => d.ReportId == reportId && (d.State == DeliveryState.Pending || d.State == DeliveryState.Sending));

    /// <summary>The chat's alerts for the incident, titled in the language the chat reads (alert.title in that language's strings).</summary>
    public static IEnumerable<ApiCall> AlertsTo(FakeBotApi api, long chatId, long incidentId, string language = "en") =>
        api.Sent(chatId).Where(c => c.Text?.Contains($"/incident_{incidentId}", StringComparison.Ordinal) == true && c.Text.Contains(NewStrike(language)));

    static string NewStrike(string language) => language switch
    {
        "en" => "New strike",
        "uk" => "Новий удар",
        "ru" => "Новый удар",
        "az" => "Yeni zərbə",
        _ => throw new ArgumentException($"No alert title known for language \"{language}\"", nameof(language)),
    };

    public static Subscription Everything(long chat) => new() { ChatId = chat };

    /// <summary>A chat's active subscriptions as the database holds them, oldest first.</summary>
    public static async Task<List<Subscription>> ActiveSubscriptions(BotHarness bot, long chatId)
    {
        await using var db = bot.NewDb();
        return await db.Subscriptions.AsNoTracking().Where(s => s.ChatId == chatId && s.Active).OrderBy(s => s.Id).ToListAsync();
    }

    /// <summary>The inline buttons of a sent or edited message, row after row, as (text, callback data).</summary>
    public static List<(string Text, string Data)> Buttons(ApiCall call) =>
        call.Body["reply_markup"]?["inline_keyboard"] is JsonArray rows
            ? [.. rows.SelectMany(row => row!.AsArray()).Select(b => (b!["text"]!.GetValue<string>(), b["callback_data"]!.GetValue<string>()))]
            : [];

    /// <summary>Presses a button and returns the bot's answerCallbackQuery for it.</summary>
    public static async Task<ApiCall> Press(BotHarness bot, Update tap)
    {
        var id = tap.CallbackQuery!.Id;
        bot.Api.Enqueue(tap);
        return await bot.Api.WaitForCall(c => c.Method == "answerCallbackQuery" && c["callback_query_id"] == id);
    }

    /// <summary>
    /// Waits for a database state that no Bot API call marks (an outcome the dispatcher records after the
    /// send, a row held for quiet hours): re-read every 20 ms until it holds, failing after 10 s.
    /// </summary>
    public static async Task WaitForDb(BotHarness bot, Func<BotDb, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + FakeBotApi.DefaultTimeout;
        while (true)
        {
            await using (var db = bot.NewDb())
                if (await condition(db)) return;
            if (DateTime.UtcNow > deadline) Assert.Fail("The database never reached the expected state.");
            await Task.Delay(20);
        }
    }

    /// <summary>Moves a fake clock on step by step until the condition holds (the dispatcher waits on this clock).</summary>
    public static async Task AdvanceUntil(BotHarness bot, TestClock clock, Func<FakeBotApi, bool> condition, TimeSpan step)
    {
        var done = bot.Api.WaitUntil(condition, TimeSpan.FromSeconds(20));
        while (!done.IsCompleted)
        {
            clock.Advance(step);
            await Task.WhenAny(done, Task.Delay(10));
        }
        await done;
    }
}
