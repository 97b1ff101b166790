using IncidentBot.Localization;
using IncidentBot.Alerts;
using IncidentBot.ConsoleMode;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Reports;
using IncidentBot.Telegram.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Tests;

/// <summary>The terminal chat runs the same router and handlers, with no token and no network.</summary>
public sealed class ConsoleModeTests
{
    [Fact]
    public async Task A_terminal_session_pages_through_recent_and_opens_a_card()
    {
        var db = Path.Combine(Path.GetTempPath(), $"incidentbot-console-{Guid.NewGuid():N}.db");
        var output = new StringWriter();
        var input = new StringReader("/recent 2\ntap 1\n/incident_3\ntap 9\n/search <i>drones</i>\nquit\n");
        try
        {
            using var host = IncidentBotSetup.CreateBuilder([], consoleMode: true, b =>
            {
                b.Configuration.AddInMemoryCollection([KeyValuePair.Create("ConnectionStrings:IncidentBot", (string?)$"Data Source={db}")]);
                b.Services.AddSingleton(new ConsoleStreams(input, TextWriter.Synchronized(output)));
            }).Build();
            await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(db);
        }

        var transcript = output.ToString();
        Assert.Contains("Newest incidents (1–2 of 6)", transcript);
        Assert.Contains("bot (edited) ›\nNewest incidents (3–4 of 6)", transcript.ReplaceLineEndings("\n"));
        Assert.Contains("December 2024", transcript);
        Assert.Contains("diverted to Aktau", transcript);
        Assert.Contains("(there is no such button)", transcript);
        Assert.Contains("/incident_4", transcript);
        Assert.DoesNotContain("<b>", transcript); // what a person reads, not markup
    }

    [Fact]
    public async Task Inline_lists_what_the_bot_offers_to_share_in_the_typists_language()
    {
        var db = Path.Combine(Path.GetTempPath(), $"incidentbot-console-{Guid.NewGuid():N}.db");
        var output = new StringWriter();
        var input = new StringReader("inline aktau\nas 2002 uk\ninline Київ\ninline zzzqqq\nquit\n");
        try
        {
            using var host = IncidentBotSetup.CreateBuilder([], consoleMode: true, b =>
            {
                b.Configuration.AddInMemoryCollection([KeyValuePair.Create("ConnectionStrings:IncidentBot", (string?)$"Data Source={db}")]);
                b.Services.AddSingleton(new ConsoleStreams(input, TextWriter.Synchronized(output)));
            }).Build();
            await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(db);
        }

        var transcript = output.ToString().ReplaceLineEndings("\n");
        Assert.Contains("bot (inline) › 1 to share:\n[1] Incident 3 · civil aviation — December 2024", transcript);
        Assert.Contains("posted, [1] reads:\nIncident 3 · civil aviation", transcript);
        Assert.Contains("Incident 3 in @IncidentBot (https://t.me/IncidentBot?start=incident_3)", transcript);
        Assert.Contains("bot (inline) › 3 to share:", transcript);
        Assert.Contains("Інцидент 6 · дипломатичні об'єкти — листопад 2025 · Київ, Україна", transcript);
        Assert.Contains("bot (inline) › nothing to share", transcript);
    }

    /// <summary>
    /// One terminal plays every role: a contributor files with a pin and a photo, the card reaches the
    /// moderators' chats while the contributor is still typing, user 1 approves it from the card, and a
    /// Ukrainian-speaking subscriber who pinned a place nearby gets the alert.
    /// </summary>
    [Fact]
    public async Task One_terminal_plays_contributor_moderator_and_subscriber()
    {
        var script = """
            as 2002 uk
            pin 50.45 30.52
            tap 2
            as 2001
            /queue
            /report
            Drone hit a fuel depot
            pin 50.41 30.60
            tap 1
            skip
            photo
            tap 1
            tap 1
            tap 1
            as 1
            tap 1
            tap 4
            quit
            """;
        var (transcript, db) = await RunConsole(script, ("Moderation:ModeratorIds", "3003"));

        // The subscriber's pin offered radii; within 50 km was chosen, in the subscriber's language.
        Assert.Contains("you (2002, uk) › pin 50.45 30.52\n\nbot ›\n📍 Сповіщати про удари поблизу цього місця?", transcript);
        var near = Assert.Single(db.Subscriptions, s => s.ChatId == 2002);
        Assert.Equal((50.45, 30.52, 50.0), (near.Latitude!.Value, near.Longitude!.Value, near.RadiusKm!.Value));
        Assert.Equal("uk", db.ChatLanguages.Single(c => c.ChatId == 2002).Seen);

        // 2001 is a plain contributor; the pin and the photo answered the guided flow's questions.
        Assert.Contains("you (2001) › /queue\n\nbot ›\nOnly moderators can do that.", transcript);
        var report = Assert.Single(db.Reports);
        Assert.Equal((2001L, 50.41, 30.60, "console-photo-1"), (report.ReporterId, report.Latitude, report.Longitude, report.Photos));

        // The card arrives for both moderators while 2001 types, labelled with their chats.
        var review = After(transcript, "you (2001) › tap 1\n\nbot ›\nYour report — check it and submit:");
        var submitted = After(review, "you (2001) › tap 1\n");
        Assert.Contains("bot → 1 ›\n📝 Report #1 · pending", submitted);
        Assert.Contains("bot → 3003 ›\n📝 Report #1 · pending", submitted);
        Assert.Matches(@"\[1\] ✅ Approve +\[2\] ✏️ Edit +\[3\] ❌ Reject +\[4\] 📷 Photos", submitted);

        // 2001's tap presses 2001's own last buttons (the review's Submit, now spent), not the newer card.
        var contributorTap = After(submitted, "you (2001) › tap 1\n");
        Assert.StartsWith("bot (notice) › This button is no longer valid.", contributorTap);
        Assert.DoesNotContain("Only moderators can do that.", contributorTap[..contributorTap.IndexOf("you (1) ›", StringComparison.Ordinal)]);

        // As 1, the same tap approves from the card; every chat's outcome is printed under its label.
        var approved = After(transcript, "you (1) › tap 1\n");
        Assert.StartsWith("bot (notice) › Report #1 published as /incident_7.", approved);
        Assert.Contains("bot (edited) ›\n✅ Approved by You → /incident_7", approved);
        Assert.Contains("bot (edited) → 3003 ›\n✅ Approved by You → /incident_7", approved);
        Assert.Contains("bot → 2002 ›\n🚨 Новий удар · без категорії\nDrone hit a fuel depot", approved); // the subscriber reads Ukrainian
        Assert.Contains("bot → 2001 ›\n✅ Your report #1 was approved and published: /incident_7", approved);
        // The decided card lost its buttons: a tap there is told so rather than pressing a spent button.
        Assert.Contains("you (1) › tap 4\n(there are no buttons in the chat of 1 to tap)", approved);

        Assert.Equal(ReportState.Approved, report.State);
        Assert.Equal(IncidentStatus.Published, db.Incidents.Single(i => i.Id == 7).Status);
        var sent = db.Deliveries.Where(d => d.State == DeliveryState.Sent).Select(d => new { d.Kind, d.ChatId }).ToList();
        Assert.Contains(sent, d => d.Kind == DeliveryKind.Alert && d.ChatId == 2002);
        Assert.Contains(sent, d => d.Kind == DeliveryKind.ReportOutcome && d.ChatId == 2001);
        Assert.Equal([1L, 3003L], sent.Where(d => d.Kind == DeliveryKind.Card).Select(d => d.ChatId).Order());
        Assert.DoesNotContain(db.Deliveries, d => d.State != DeliveryState.Sent);
    }

    [Fact]
    public async Task Bad_console_verbs_get_one_line_of_help_and_the_session_goes_on()
    {
        var (transcript, _) = await RunConsole("as abc\npin 91 0\npin NaN 1\nphoto of the crater\ntap\ntap 1\nas 2002\ntap 1\nsay as soon as I can\nquit\n");

        Assert.Contains("you (1) › as abc\n(as <user id> [language]: a positive user id", transcript);
        Assert.Contains("you (1) › pin 91 0\n(pin <lat> <lon>: latitude -90..90", transcript);
        Assert.Contains("you (1) › pin NaN 1\n(pin <lat> <lon>", transcript);
        Assert.Contains("you (1) › photo of the crater\n(photo takes nothing after it", transcript);
        Assert.Contains("you (1) › tap\n(tap N presses button N", transcript);
        Assert.Contains("you (1) › tap 1\n(there are no buttons in the chat of 1 to tap)", transcript);
        Assert.Contains("you (2002) › tap 1\n(there are no buttons in the chat of 2002 to tap)", transcript);
        // "say" sends text that starts like a verb; the bot answers it as the text it is.
        Assert.Contains("you (2002) › say as soon as I can\n\nbot ›\n", transcript);
        // Five misused verbs, five help lines: one each, nothing sent to the bot for them.
        Assert.Equal(5, transcript.Split("; console verbs: as <user id>").Length - 1);
    }

    [Theory]
    [InlineData("as 2002", "As { UserId = 2002, Language = en }")]
    [InlineData("as 2002 UK", "As { UserId = 2002, Language = uk }")]
    [InlineData("as 2002 pt-BR", "As { UserId = 2002, Language = pt-br }")]
    [InlineData("pin 50.45 30.52", "Pin { Latitude = 50.45, Longitude = 30.52 }")]
    [InlineData("pin -33.9,151.2", "Pin { Latitude = -33.9, Longitude = 151.2 }")]
    [InlineData("photo", "Photo { }")]
    [InlineData("tap 3", "Tap { Button = 3 }")]
    [InlineData("say tap 3", "Text { Value = tap 3 }")]
    [InlineData("Drone hit a depot", "Text { Value = Drone hit a depot }")]
    [InlineData("/report", "Text { Value = /report }")]
    [InlineData("quit", "Quit { }")]
    [InlineData("as 0", "Usage")]
    [InlineData("as -5", "Usage")]
    [InlineData("as 2002 12", "Usage")]
    [InlineData("as 2002 uk extra", "Usage")]
    [InlineData("pin 90.1 0", "Usage")]
    [InlineData("pin 0 180.5", "Usage")]
    [InlineData("pin Infinity 0", "Usage")]
    [InlineData("pin 50", "Usage")]
    [InlineData("tap 0", "Usage")]
    [InlineData("tap -1", "Usage")]
    [InlineData("say", "Usage")]
    public void Console_lines_are_read_as_verbs_or_text(string line, string expected)
    {
        var parsed = ConsoleLine.Parse(line);
        Assert.StartsWith(expected, parsed.ToString()!.Replace("ConsoleLine.", "", StringComparison.Ordinal).Replace("+", "", StringComparison.Ordinal));
    }

    static string After(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"Not in the transcript: {marker}");
        return text[(at + marker.Length)..];
    }

    /// <summary>
    /// Runs the console host on a script with its own database; returns the transcript (echoed input,
    /// "\n" line ends) and the database as the session left it, read after the host stopped.
    /// </summary>
    sealed record Saved(List<Report> Reports, List<Subscription> Subscriptions, List<AlertChat> AlertChats, List<Incident> Incidents,
        List<Delivery> Deliveries, List<ChatLanguage> ChatLanguages);

    [Fact]
    public async Task Console_lang_makes_the_terminals_person_write_with_that_language_and_language_works_there()
    {
        var (transcript, db) = await RunConsoleWith(["--lang", "uk"], "/recent 1\n/language\ntap 3\n/recent 1\nquit\n");

        Assert.Contains("you (1, uk) › /recent 1\n\nbot ›\nНайновіші інциденти (1–1 з 6)", transcript);
        Assert.Contains("[1] Українська   [2] Azərbaycanca   [3] Русский   [4] English", transcript);
        Assert.Contains("bot (edited) ›\n✅ Теперь я буду писать вам по-русски.", transcript);
        Assert.Contains("you (1, uk) › /recent 1\n\nbot ›\nПоследние инциденты", transcript);
        Assert.Equal(("ru", "uk"), db.ChatLanguages.Where(c => c.ChatId == 1).Select(c => (c.Chosen, c.Seen)).Single());
    }

    [Fact]
    public async Task An_export_in_the_terminal_is_saved_and_its_path_shown()
    {
        var (transcript, _) = await RunConsole("/export csv\nquit\n");

        var saved = System.Text.RegularExpressions.Regex.Match(transcript, @"\[document incidents\.csv, [\d,]+ bytes, saved as (.+)\]");
        Assert.True(saved.Success, transcript);
        Assert.StartsWith("id,event_date,time_precision,", await File.ReadAllTextAsync(saved.Groups[1].Value));
        Assert.Contains("The published record as CSV", transcript);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("uk-UA-x")]
    [InlineData("")]
    public void Console_lang_refuses_a_language_the_bot_does_not_speak(string language)
    {
        var e = Assert.Throws<SettingsException>(() => IncidentBotSetup.CreateBuilder(["--lang", language], consoleMode: true));
        Assert.StartsWith($"--lang: \"{language}\" is not a language the bot speaks; use one of az, en, ru, uk.", e.Message);
    }

    static Task<(string Transcript, Saved Db)> RunConsole(string script, params (string Key, string Value)[] settings) =>
        RunConsoleWith([], script, settings);

    static async Task<(string Transcript, Saved Db)> RunConsoleWith(string[] args, string script, params (string Key, string Value)[] settings)
    {
        var file = Path.Combine(Path.GetTempPath(), $"incidentbot-console-{Guid.NewGuid():N}.db");
        var output = new StringWriter();
        try
        {
            using var host = IncidentBotSetup.CreateBuilder(args, consoleMode: true, b =>
            {
                b.Configuration.AddInMemoryCollection([
                    KeyValuePair.Create("ConnectionStrings:IncidentBot", (string?)$"Data Source={file}"),
                    // Each chat's real pace is a message a second; the script's turns need not wait for it.
                    KeyValuePair.Create("Alerts:PerChatPerSecond", (string?)"20"),
                    .. settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))]);
                b.Services.AddSingleton(new ConsoleStreams(new StringReader(script), TextWriter.Synchronized(output), Echo: true));
            }).Build();
            await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));
            // Read now: the file is deleted below.
            await using var db = new BotDb(new DbContextOptionsBuilder<BotDb>().UseSqlite($"Data Source={file}").Options);
            var saved = new Saved(await db.Reports.ToListAsync(), await db.Subscriptions.ToListAsync(), await db.AlertChats.ToListAsync(),
                await db.Incidents.ToListAsync(), await db.Deliveries.ToListAsync(), await db.ChatLanguages.ToListAsync());
            return (output.ToString().ReplaceLineEndings("\n"), saved);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
