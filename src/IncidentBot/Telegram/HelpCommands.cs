using IncidentBot.Incidents;
using IncidentBot.Data;
using IncidentBot.Reports;
using IncidentBot.Telegram.Sending;

namespace IncidentBot.Telegram;

/// <summary>/start (with deep-link payloads), /help and the answer to an unknown command.</summary>
internal sealed class HelpCommands(Replies replies, IncidentCommands incidents, ReportConversation reports, Alerts.SubscriptionCommands subscriptions,
    Moderators moderators, BotDb db, DeliverySignal delivery, TimeProvider clock)
{
    public async Task Start(Incoming m, CancellationToken ct)
    {
        // Someone Telegram would not let the bot write to has now opened it: what they were owed (a moderator's
        // cards, a reporter's outcome) is sent after all.
        if (m.IsPrivate && await DeliveryStore.Reopen(db, m.ChatId, clock.GetUtcNow().UtcDateTime, ct) > 0) delivery.Notify();
        await Open(m, ct);
    }

    Task Open(Incoming m, CancellationToken ct) => m.Args switch
    {
        // Deep links: t.me/IncidentBot?start=incident_6 opens that card, ?start=report and ?start=subscribe start those flows.
        var a when a.StartsWith("incident_", StringComparison.Ordinal) => incidents.Show(m, a["incident_".Length..], ct),
        "report" => reports.Start(m with { Args = "" }, directLog: false, ct),
        "subscribe" => subscriptions.Subscribe(m with { Args = "" }, ct),
        _ => Welcome(m, ct),
    };

    async Task Welcome(Incoming m, CancellationToken ct) =>
        await replies.Reply(m.Message, m.T["start.welcome"] + "\n\n" + await Commands(m, ct), ct: ct);

    public async Task Help(Incoming m, CancellationToken ct) =>
        await replies.Reply(m.Message, await Commands(m, ct), ct: ct);

    async Task<string> Commands(Incoming m, CancellationToken ct) =>
        await moderators.IsModerator(m.From, ct) ? m.T["help.commands"] + "\n\n" + m.T["help.moderator_commands"] : m.T["help.commands"];

    public Task Unknown(Incoming m, string name, CancellationToken ct) =>
        replies.Reply(m.Message, m.T.Format("help.unknown_command", HtmlText.Truncate(name, 32)), ct: ct);
}
