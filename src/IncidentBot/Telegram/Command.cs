namespace IncidentBot.Telegram;

/// <summary>"/recent@IncidentBot 10" → name "recent", mention "IncidentBot", args "10".</summary>
internal sealed record Command(string Name, string? Mention, string Args)
{
    const int MaxName = 64;

    public static Command? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text[0] != '/' || text.Length < 2) return null;
        var end = text.AsSpan().IndexOfAny(" \n\t\r");
        var head = end < 0 ? text[1..] : text[1..end];
        var args = end < 0 ? "" : text[(end + 1)..].Trim();
        var at = head.IndexOf('@');
        var name = (at < 0 ? head : head[..at]).ToLowerInvariant();
        var mention = at < 0 ? null : head[(at + 1)..];
        if (name.Length is 0 or > MaxName) return null;
        return new Command(name, mention, args);
    }

    public bool IsFor(string botUsername) =>
        Mention is null || string.Equals(Mention, botUsername, StringComparison.OrdinalIgnoreCase);
}
