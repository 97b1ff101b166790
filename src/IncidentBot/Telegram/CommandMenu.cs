using IncidentBot.Localization;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;

namespace IncidentBot.Telegram;

/// <summary>
/// The "/" menu Telegram shows, in every language the bot speaks: registered once per language_code (Telegram
/// picks the one matching the reader's app, English for the rest), for everyone and for each person whose menu
/// differs (a moderator's, or someone who chose a language with /language).
/// </summary>
internal sealed class CommandMenu(ITelegramBotClient bot, Localizer localizer, ILogger<CommandMenu> log)
{
    public static readonly string[] Public =
        ["recent", "incident", "search", "stats", "map", "export", "subscribe", "subscriptions", "unsubscribe", "quiet", "report", "myreports", "forgetme", "language", "help"];

    public async Task Register(CancellationToken ct)
    {
        try
        {
            await Set(Public, new BotCommandScopeDefault(), chosen: null, ct);
        }
        catch (Exception e) when (e is RequestException or HttpRequestException)
        {
            // The bot works without a menu; the next start tries again.
            log.LogWarning("Registering the command menu failed: {Error}", e.GetBaseException().Message);
        }
    }

    /// <summary>
    /// One person's menu in their private chat: <paramref name="names"/> (null = the public menu) in the language they
    /// chose, or in each app language when they chose none. Throws what Telegram throws (it refuses a chat that never
    /// opened the bot).
    /// </summary>
    public async Task ForPerson(long userId, string[]? names, string? chosen, CancellationToken ct)
    {
        var scope = new BotCommandScopeChat { ChatId = userId };
        if (names is null && chosen is null)
        {
            foreach (var language in Codes) await bot.DeleteMyCommands(scope, language, ct);
            return;
        }
        await Set(names ?? Public, scope, chosen, ct);
    }

    /// <summary>The default (no language_code) and each language's list.</summary>
    IEnumerable<string?> Codes => [null, .. localizer.Languages.Where(l => l != Localizer.Fallback).Order()];

    async Task Set(string[] names, BotCommandScope scope, string? chosen, CancellationToken ct)
    {
        foreach (var language in Codes)
            await bot.SetMyCommands(Commands(localizer.For(chosen ?? language), names), scope, language, ct);
    }

    public static BotCommand[] Commands(Texts t, IEnumerable<string> names) =>
        [.. names.Select(n => new BotCommand(n, t[$"menu.{n}"]))];
}
