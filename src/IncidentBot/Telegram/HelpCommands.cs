using IncidentBot.Incidents;

namespace IncidentBot.Telegram;

/// <summary>/start (with deep-link payloads), /help and the answer to an unknown command.</summary>
internal sealed class HelpCommands(Replies replies, IncidentCommands incidents)
{
    public Task Start(Incoming m, CancellationToken ct)
    {
        // Deep links: t.me/IncidentBot?start=incident_6 opens that card.
        if (m.Args.StartsWith("incident_", StringComparison.Ordinal))
            return incidents.Show(m, m.Args["incident_".Length..], ct);
        return replies.Reply(m.Message, m.T["start.welcome"] + "\n\n" + m.T["help.commands"], ct: ct);
    }

    public Task Help(Incoming m, CancellationToken ct) =>
        replies.Reply(m.Message, m.T["help.commands"], ct: ct);

    public Task Unknown(Incoming m, string name, CancellationToken ct) =>
        replies.Reply(m.Message, m.T.Format("help.unknown_command", HtmlText.Truncate(name, 32)), ct: ct);
}
