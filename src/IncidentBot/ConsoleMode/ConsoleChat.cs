using IncidentBot.Data;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.ConsoleMode;

/// <summary>
/// A local chat in the terminal: each line becomes a Telegram update and enters the bot through the
/// same inbox, sequencer, router and handlers as a real one.
/// </summary>
internal sealed class ConsoleChat(
    ConsoleStreams streams, ConsoleBotClient bot, UpdateInbox inbox, ChatSequencer sequencer,
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock) : BackgroundService
{
    public static readonly User You = new() { Id = 1, FirstName = "You", LanguageCode = "en" };
    static readonly Chat Private = new() { Id = You.Id, Type = ChatType.Private, FirstName = You.FirstName };

    readonly TextReader input = streams.In;
    readonly TextWriter output = streams.Out;
    int _updateId, _messageId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await inbox.ReplayUnhandled(stoppingToken);
        _updateId = await NextUpdateId(stoppingToken);
        output.WriteLine("IncidentBot console: you are a contributor and a moderator at once. Try /help, /recent, /incident_6, /report, /queue.");
        output.WriteLine("Type 'tap N' to press button N of the last message; 'quit' or Ctrl+D to leave.");
        while (!stoppingToken.IsCancellationRequested)
        {
            output.Write("\nyou › ");
            var line = await input.ReadLineAsync(stoppingToken);
            if (line is null || line.Trim() is "quit" or "exit") break;
            if (line.Trim().Length == 0) continue;
            if (ToUpdate(line.Trim()) is not { } update) { output.WriteLine("(there is no such button)"); continue; }
            await inbox.Accept([update], stoppingToken);
            await sequencer.WhenIdle();
        }
        lifetime.StopApplication();
    }

    Update? ToUpdate(string line)
    {
        var update = new Update { Id = ++_updateId };
        if (line.StartsWith("tap ", StringComparison.OrdinalIgnoreCase))
        {
            if (bot.LastButtons is not { } last || !int.TryParse(line[4..].Trim(), out var n) || n < 1 || n > last.Buttons.Length)
                return null;
            update.CallbackQuery = new CallbackQuery
            {
                Id = Guid.NewGuid().ToString("N"), From = You, Message = last.Message, Data = last.Buttons[n - 1].CallbackData,
                ChatInstance = "console",
            };
            return update;
        }
        update.Message = new Message
        {
            Id = ++_messageId, Date = clock.GetUtcNow().UtcDateTime, Chat = Private, From = You, Text = line,
        };
        return update;
    }

    // Update ids are remembered for two days; a new console session must not reuse them.
    async Task<int> NextUpdateId(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        return (int)Math.Min(int.MaxValue - 1_000_000, await db.Inbox.MaxAsync(i => (long?)i.UpdateId, ct) ?? 0);
    }
}
