namespace IncidentBot.Localization;

/// <summary>
/// The language a chat reads. For a person (their private chat, whose id is theirs): what they chose with
/// /language, and what their Telegram said when they last wrote, so a message sent hours later (an alert, a
/// card, an outcome) arrives in it. For a group or channel: what an admin chose, and the language of whoever
/// subscribed it.
/// </summary>
internal sealed class ChatLanguage
{
    public long ChatId { get; set; }

    /// <summary>Set by /language; wins over everything else.</summary>
    public string? Chosen { get; set; }

    /// <summary>A private chat: the person's Telegram language when they last wrote. A group: its subscriber's.</summary>
    public string? Seen { get; set; }

    public string? Language => Chosen ?? Seen;
}
