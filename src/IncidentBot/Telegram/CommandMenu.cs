using IncidentBot.Localization;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;

namespace IncidentBot.Telegram;

/// <summary>The "/" menu Telegram shows; descriptions come from the strings of each language.</summary>
internal sealed class CommandMenu(ITelegramBotClient bot, Localizer localizer, ILogger<CommandMenu> log)
{
    public static readonly string[] Public =
        ["recent", "incident", "search", "stats", "subscribe", "subscriptions", "unsubscribe", "quiet", "report", "myreports", "help"];

    public async Task Register(CancellationToken ct)
    {
        try
        {
            await bot.SetMyCommands(Commands(localizer.English, Public), cancellationToken: ct);
            foreach (var language in localizer.Languages.Where(l => l != Localizer.Fallback))
                await bot.SetMyCommands(Commands(localizer.For(language), Public), languageCode: language, cancellationToken: ct);
        }
        catch (Exception e) when (e is RequestException or HttpRequestException)
        {
            // The bot works without a menu; the next start tries again.
            log.LogWarning("Registering the command menu failed: {Error}", e.GetBaseException().Message);
        }
    }

    public static BotCommand[] Commands(Texts t, IEnumerable<string> names) =>
        [.. names.Select(n => new BotCommand(n, t[$"menu.{n}"]))];
}
