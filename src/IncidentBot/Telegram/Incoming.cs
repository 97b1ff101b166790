using IncidentBot.Localization;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Telegram;

/// <summary>A command or text as a feature sees it: the message, its arguments and the sender's language.</summary>
internal sealed record Incoming(Message Message, string Args, Texts T)
{
    public long ChatId => Message.Chat.Id;
    public bool IsPrivate => Message.Chat.Type == ChatType.Private;
    public User? From => Message.From;
}
