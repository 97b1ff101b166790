using IncidentBot.Localization;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.ConsoleMode;

/// <summary>
/// Who is typing in the terminal: a Telegram user in their private chat with the bot, whose id is the
/// chat's. User 1 is the console's own person, always a moderator; anyone else is a moderator only when
/// configured as one.
/// </summary>
/// <summary>The Telegram language the console's own person writes with: <c>console --lang uk</c>.</summary>
internal sealed record ConsoleLanguage(string Code)
{
    /// <summary>Takes "--lang xx" (or "--lang=xx") out of the arguments; English when absent.</summary>
    public static ConsoleLanguage From(ref string[] args)
    {
        var list = args.ToList();
        var at = list.FindIndex(a => a == "--lang" || a.StartsWith("--lang=", StringComparison.Ordinal));
        if (at < 0) return new(Localizer.Fallback);
        var value = list[at].Length > "--lang".Length ? list[at]["--lang=".Length..] : at + 1 < list.Count ? list[at + 1] : "";
        list.RemoveRange(at, list[at] == "--lang" && at + 1 < list.Count ? 2 : 1);
        args = [.. list];
        return new(Localizer.Known(value) is { } code && code == value.ToLowerInvariant() ? code
            : throw new SettingsException($"--lang: \"{value}\" is not a language the bot speaks; use one of {string.Join(", ", Localizer.Spoken)}."));
    }
}

internal sealed record ConsolePerson(User User)
{
    public static readonly ConsolePerson Default = new(new User { Id = 1, FirstName = "You", LanguageCode = "en" });

    public static ConsolePerson Of(long userId, string language) => userId == Default.User.Id && language == "en"
        ? Default
        : new(new User { Id = userId, FirstName = userId == Default.User.Id ? "You" : $"User {userId}", LanguageCode = language });

    public long ChatId => User.Id;

    public Chat Chat => new() { Id = User.Id, Type = ChatType.Private, FirstName = User.FirstName };

    /// <summary>"you (1)", "you (2002, uk)": the language is shown when it is not English.</summary>
    public string Prompt => User.LanguageCode is "en" or null ? $"you ({User.Id})" : $"you ({User.Id}, {User.LanguageCode})";
}
