using IncidentBot.Alerts;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Charts.Map;
using IncidentBot.Incidents.Export;
using IncidentBot.Localization;
using IncidentBot.Reports;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Telegram;

/// <summary>
/// The routing table: one switch on the update's shape, one on the command name. Commands are
/// matched before conversation text, so /cancel always escapes a flow.
/// </summary>
internal sealed class UpdateRouter(
    BotIdentity identity, Localizer localizer, Languages languages, LanguageCommand language, Replies replies, HelpCommands help, IncidentCommands incidents, IncidentVenue venue, MapCommand map, IncidentSharing sharing, ExportCommand export,
    ReportConversation reports, MyReports myReports, ForgetMe forgetMe, ModerationCommands moderation, ModerationButtons moderationButtons, PauseCommands pauses,
    SubscriptionCommands subscriptions, QuietCommand quiet, StatusCommand status, ILogger<UpdateRouter> log)
{
    public Task Route(Update update, CancellationToken ct) => update switch
    {
        { Message: { } message } => OnMessage(message, ct),
        { ChannelPost: { } post } => OnMessage(post, ct),
        { CallbackQuery: { } query } => OnButton(query, ct),
        { MyChatMember: { } membership } => subscriptions.OnMembership(membership, ct),
        { InlineQuery: { } inline } => OnInline(inline, ct),
        _ => Ignore(update),
    };

    async Task OnMessage(Message message, CancellationToken ct)
    {
        if (message.MigrateToChatId is not null) { await subscriptions.OnMigration(message, ct); return; }
        var command = Command.Parse(message.Text);
        if (command is not null && !command.IsFor(identity.Username)) return;
        var t = await languages.Of(message, ct);
        if (command is null) { await OnConversation(message, t, ct); return; }

        var m = new Incoming(message, command.Args, t);
        await (command.Name switch
        {
            "start" => help.Start(m, ct),
            "help" => help.Help(m, ct),
            "recent" => incidents.Recent(m, ct),
            "incident" => incidents.Show(m, m.Args, ct),
            var name when name.StartsWith("incident_", StringComparison.Ordinal) => incidents.Show(m, name["incident_".Length..], ct),
            "search" => incidents.Search(m, ct),
            "stats" => incidents.Stats(m, ct),
            "map" => map.Show(m, ct),
            "export" => export.Export(m, ct),
            "report" => reports.Start(m, directLog: false, ct),
            "cancel" => Cancel(m, ct),
            "myreports" => myReports.Show(m, ct),
            "forgetme" => forgetMe.Ask(m, ct),
            "subscribe" => subscriptions.Subscribe(m, ct),
            "subscriptions" => subscriptions.List(m, ct),
            "unsubscribe" => subscriptions.Unsubscribe(m, ct),
            "quiet" => quiet.Set(m, ct),
            "status" => status.Show(m, ct),
            "queue" => moderation.Queue(m, ct),
            "approve" => moderation.Approve(m, ct),
            "reject" => moderation.Reject(m, ct),
            "edit" => moderation.Edit(m, ct),
            "merge" => moderation.Merge(m, ct),
            "log" => moderation.Log(m, ct),
            "correct" => moderation.Correct(m, ct),
            "retract" => moderation.Retract(m, ct),
            "audit" => moderation.Audit(m, ct),
            "ban" => moderation.Ban(m, ct),
            "unban" => moderation.Unban(m, ct),
            "bans" => moderation.Bans(m, ct),
            "unpause" => pauses.Unpause(m, ct),
            "pause" => pauses.Pause(m, ct),
            "resume" => pauses.Resume(m, ct),
            "mod" => moderation.Mod(m, ct),
            "language" => language.Ask(m, ct),
            // In a group an unaddressed unknown command may be another bot's: stay quiet.
            _ when m.IsPrivate || command.Mention is not null => help.Unknown(m, command.Name, ct),
            _ => Task.CompletedTask,
        });
    }

    /// <summary>
    /// Text, pins and photos: an answer to a moderator's open question, then a report draft, then a warning about
    /// an image sent as a file (never kept), then a pin as the centre of a radius subscription, then a hint.
    /// </summary>
    async Task OnConversation(Message message, Texts t, CancellationToken ct)
    {
        if (await moderationButtons.OnText(message, t, ct)) return;
        if (message.Chat.Type != ChatType.Private) return;
        if (await reports.OnMessage(message, t, ct)) return;
        if (ReportText.IsImageFile(message)) { await replies.Reply(message, t["report.image_as_file"], ct: ct); return; }
        if (message.Location is not null) { await subscriptions.OfferRadius(message, t, ct); return; }
        if (message.Text is not null || message.Location is not null || message.Photo is not null)
            await replies.Reply(message, t[message.Text is null ? "report.start_first" : "help.not_a_command"], ct: ct);
    }

    async Task Cancel(Incoming m, CancellationToken ct)
    {
        if (await moderationButtons.CancelPrompt(m.Message, ct)) await replies.Reply(m.Message, m.T["cancel.question"], ct: ct);
        else if (!await reports.Cancel(m, ct)) await replies.Reply(m.Message, m.T["cancel.nothing"], ct: ct);
    }

    async Task OnButton(CallbackQuery query, CancellationToken ct)
    {
        var t = await languages.Of(query, ct);
        var data = CallbackData.Parse(query.Data);
        // Pages and subscription buttons answer by editing the pressed message. When it cannot be edited,
        // a change would be saved that nobody sees: refuse before any feature runs. Report and moderation
        // buttons answer with new messages and stay usable.
        if (data is { Prefix: IncidentCommands.RecentPagePrefix or SubscriptionCommands.Narrow or SubscriptionCommands.Radius
            or SubscriptionCommands.Remove or LanguageCommand.Prefix or ForgetMe.Prefix } && !Editable(query.Message))
        {
            await replies.Answer(query, t["button.expired"], ct);
            return;
        }
        await (data switch
        {
            { Prefix: IncidentCommands.RecentPagePrefix, Ids: [var offset, var size] } => incidents.RecentPage(query, t, offset, size, ct),
            { Prefix: ReportConversation.Prefix, Ids: [var report, var action] } => reports.OnButton(query, t, report, action, null, ct),
            { Prefix: ReportConversation.Prefix, Ids: [var report, var action, var choice] } => reports.OnButton(query, t, report, action, choice, ct),
            { Prefix: SubscriptionCommands.Narrow or SubscriptionCommands.Radius or SubscriptionCommands.Remove } sub => subscriptions.OnButton(query, t, sub, ct),
            { Prefix: ModeratorCards.Approve or ModeratorCards.ApproveNoAlert or ModeratorCards.Edit or ModeratorCards.Merge or ModeratorCards.MergeAnyway
                or ModeratorCards.Reject or ModeratorCards.RejectReason or ModeratorCards.Photos } mod => moderationButtons.OnButton(query, t, mod, ct),
            { Prefix: IncidentVenue.Prefix, Ids: [var incident] } => venue.OnButton(query, t, incident, ct),
            { Prefix: LanguageCommand.Prefix } choice => language.OnButton(query, t, choice, ct),
            { Prefix: ForgetMe.Prefix } forget => forgetMe.OnButton(query, t, forget, ct),
            _ => replies.Answer(query, t["button.expired"], ct),
        });
    }

    async Task OnInline(InlineQuery query, CancellationToken ct) =>
        await sharing.Answer(query, await languages.Of(query, ct), ct);

    /// <summary>
    /// Missing: a button on a message sent in inline mode. Date 0: Telegram no longer shows the bot the
    /// message (Telegram.Bot reads the "inaccessible message" as a Message with a default Date). A
    /// sender other than us: not ours to edit. A channel post has no sender at all, and is ours.
    /// </summary>
    bool Editable(Message? message) =>
        message is not null && message.Date != default && (message.From is null || message.From.Id == identity.Id);

    Task Ignore(Update update)
    {
        log.LogDebug("Ignored update {UpdateId} of type {UpdateType}", update.Id, update.Type);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Best effort after a handler failed: say so rather than leave the person waiting. An inline query has nowhere
    /// to say it: it gets no results rather than a spinner.
    /// </summary>
    public async Task Apologise(Update update, CancellationToken ct)
    {
        try
        {
            if (update.CallbackQuery is { } query)
                await replies.Answer(query, (await Language(() => languages.Of(query, ct), query.From))["error.generic"], ct);
            else if (update.InlineQuery is { } inline)
                await sharing.Nothing(inline, ct);
            else if ((update.Message ?? update.ChannelPost) is { } message && message.Chat.Type == ChatType.Private)
                await replies.Reply(message, (await Language(() => languages.Of(message, ct), message.From))["error.generic"], ct: ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Could not tell chat about a failed update: {Error}", e.GetBaseException().Message);
        }
    }

    // The failure may have been the database's: then the sender's Telegram language has to do.
    async Task<Texts> Language(Func<Task<Texts>> remembered, User? from)
    {
        try { return await remembered(); }
        catch (Exception e) when (e is not OperationCanceledException) { return localizer.For(from?.LanguageCode); }
    }
}
