using IncidentBot.Data;
using IncidentBot.Telegram;
using IncidentBot.Telegram.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.ConsoleMode;

/// <summary>
/// A local chat in the terminal: each line becomes a Telegram update from the person typing and enters
/// the bot through the same inbox, sequencer, router and handlers as a real one. "as" changes who types.
/// </summary>
internal sealed class ConsoleChat(
    ConsoleStreams streams, ConsoleLanguage language, ConsoleBotClient bot, BotIdentity identity, UpdateInbox inbox, ChatSequencer sequencer,
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock) : BackgroundService
{
    // Long enough for a fan-out to a few chats at the real pace; a row still failing after it is not waited for.
    static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(10);
    static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(50);

    readonly TextReader input = streams.In;
    readonly TextWriter output = streams.Out;
    ConsolePerson _person = ConsolePerson.Of(ConsolePerson.Default.User.Id, language.Code);
    int _updateId, _messageId, _photos;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The terminal's bot is known without asking Telegram.
        identity.Learn(bot.BotId, "IncidentBot");
        _updateId = await NextUpdateId(stoppingToken);
        output.WriteLine("IncidentBot console: you are user 1, a contributor and a moderator at once. Try /help, /recent, /incident_6, /report, /queue.");
        output.WriteLine("'as 2002 uk' types as someone else; 'pin <lat> <lon>' and 'photo' send a location or a photo;");
        output.WriteLine("'tap N' presses button N of the last message with buttons in your chat; 'inline kyiv' lists what @IncidentBot kyiv");
        output.WriteLine("offers to share in any chat; 'quit' or Ctrl+D to leave.");
        while (!stoppingToken.IsCancellationRequested)
        {
            output.Write($"\n{_person.Prompt} › ");
            var line = await input.ReadLineAsync(stoppingToken);
            if (line is null) break;
            if (streams.Echo) output.WriteLine(line);
            if (line.Trim().Length == 0) continue;
            var parsed = ConsoleLine.Parse(line);
            if (parsed is ConsoleLine.Quit) break;
            if (ToUpdate(parsed) is not { } update) continue;
            await inbox.Accept([update], stoppingToken);
            await Handled(stoppingToken);
            await sequencer.WhenIdle();
            await OutboxSettled(stoppingToken);
        }
        lifetime.StopApplication();
    }

    /// <summary>The update a line stands for; null when it stands for none (a switch of person, a usage line).</summary>
    Update? ToUpdate(ConsoleLine line)
    {
        switch (line)
        {
            case ConsoleLine.Usage usage:
                output.WriteLine(usage.Line);
                return null;
            case ConsoleLine.As who:
                _person = ConsolePerson.Of(who.UserId, who.Language);
                bot.Typing = _person.ChatId;
                return null;
            case ConsoleLine.Tap tap:
                return Press(tap.Button);
            case ConsoleLine.Inline inline:
                return new Update
                {
                    Id = ++_updateId,
                    InlineQuery = new InlineQuery
                    {
                        Id = Guid.NewGuid().ToString("N"), From = _person.User, Query = inline.Query, Offset = "", ChatType = ChatType.Sender,
                    },
                };
        }
        var message = new Message { Id = ++_messageId, Date = clock.GetUtcNow().UtcDateTime, Chat = _person.Chat, From = _person.User };
        switch (line)
        {
            case ConsoleLine.Pin pin:
                message.Location = new Location { Latitude = pin.Latitude, Longitude = pin.Longitude };
                break;
            case ConsoleLine.Photo:
                // Telegram sends several sizes of one photo; the handlers keep the largest's file id.
                var id = $"console-photo-{++_photos}";
                message.Photo =
                [
                    new PhotoSize { FileId = $"{id}-small", FileUniqueId = $"{id}-s", Width = 90, Height = 60 },
                    new PhotoSize { FileId = id, FileUniqueId = id, Width = 1280, Height = 853 },
                ];
                break;
            case ConsoleLine.Text text:
                message.Text = text.Value;
                break;
        }
        return new Update { Id = ++_updateId, Message = message };
    }

    Update? Press(int button)
    {
        if (bot.LastButtons(_person.ChatId) is not { } last)
        {
            output.WriteLine($"(there are no buttons in the chat of {_person.User.Id} to tap)");
            return null;
        }
        if (button > last.Buttons.Length)
        {
            output.WriteLine("(there is no such button)");
            return null;
        }
        return new Update
        {
            Id = ++_updateId,
            CallbackQuery = new CallbackQuery
            {
                Id = Guid.NewGuid().ToString("N"), From = _person.User, Message = last.Message,
                Data = last.Buttons[button - 1].CallbackData, ChatInstance = $"console-{_person.ChatId}",
            },
        };
    }

    /// <summary>
    /// The line is handled from the inbox by the holder of the lease (this process, unless a bot runs on the same
    /// database): once its row is marked, its handler is running here, and the sequencer says when it is done.
    /// </summary>
    async Task Handled(CancellationToken ct)
    {
        var until = clock.GetUtcNow() + MaxSettle;
        while (clock.GetUtcNow() < until)
        {
            await using (var scope = scopes.CreateAsyncScope())
                if (!await scope.ServiceProvider.GetRequiredService<BotDb>().Inbox.AnyAsync(i => i.HandledAt == null, ct)) return;
            await Task.Delay(SettlePoll, clock, ct);
        }
    }

    /// <summary>
    /// Messages owed to others (cards, outcomes, alerts) leave from the outbox a moment after the reply:
    /// the next prompt waits until those due now are sent, so what a line caused is printed before the
    /// next line is read, labelled with the chat it went to while the same person is still typing.
    /// </summary>
    async Task OutboxSettled(CancellationToken ct)
    {
        var until = clock.GetUtcNow() + MaxSettle;
        while (clock.GetUtcNow() < until)
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BotDb>();
                var now = clock.GetUtcNow().UtcDateTime;
                // Held rows fall due at the end of quiet hours, as one summary.
                if (!await db.Deliveries.AnyAsync(d => d.State == DeliveryState.Sending
                    || (d.State == DeliveryState.Pending || d.State == DeliveryState.Held) && d.NotBefore <= now, ct)) return;
            }
            await Task.Delay(SettlePoll, clock, ct);
        }
    }

    // Update ids are remembered for two days; a new console session must not reuse them.
    async Task<int> NextUpdateId(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        return (int)Math.Min(int.MaxValue - 1_000_000, await db.Inbox.MaxAsync(i => (long?)i.UpdateId, ct) ?? 0);
    }
}
