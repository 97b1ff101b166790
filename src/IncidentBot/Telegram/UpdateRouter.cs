using IncidentBot.Incidents;
using IncidentBot.Localization;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Telegram;

/// <summary>The routing table: one switch on the update's shape, one on the command name.</summary>
internal sealed class UpdateRouter(
    BotIdentity identity, Localizer localizer, Replies replies, HelpCommands help, IncidentCommands incidents,
    ILogger<UpdateRouter> log)
{
    public Task Route(Update update, CancellationToken ct) => update switch
    {
        { Message: { } message } => OnMessage(message, ct),
        { ChannelPost: { } post } => OnMessage(post, ct),
        { CallbackQuery: { } query } => OnButton(query, ct),
        _ => Ignore(update),
    };

    Task OnMessage(Message message, CancellationToken ct)
    {
        var t = localizer.For(message.From?.LanguageCode);
        if (Command.Parse(message.Text) is not { } command)
            return message.Chat.Type == ChatType.Private && message.Text is not null
                ? replies.Reply(message, t["help.not_a_command"], ct: ct)
                : Task.CompletedTask;
        if (!command.IsFor(identity.Username)) return Task.CompletedTask;

        var m = new Incoming(message, command.Args, t);
        return command.Name switch
        {
            "start" => help.Start(m, ct),
            "help" => help.Help(m, ct),
            "recent" => incidents.Recent(m, ct),
            "incident" => incidents.Show(m, m.Args, ct),
            var name when name.StartsWith("incident_", StringComparison.Ordinal) => incidents.Show(m, name["incident_".Length..], ct),
            "search" => incidents.Search(m, ct),
            "stats" => incidents.Stats(m, ct),
            // In a group an unaddressed unknown command may be another bot's: stay quiet.
            _ when m.IsPrivate || command.Mention is not null => help.Unknown(m, command.Name, ct),
            _ => Task.CompletedTask,
        };
    }

    Task OnButton(CallbackQuery query, CancellationToken ct)
    {
        var t = localizer.For(query.From.LanguageCode);
        return CallbackData.Parse(query.Data) switch
        {
            { Prefix: IncidentCommands.RecentPagePrefix, Ids: [var offset, var size] } => incidents.RecentPage(query, t, offset, size, ct),
            _ => replies.Answer(query, t["button.expired"], ct),
        };
    }

    Task Ignore(Update update)
    {
        log.LogDebug("Ignored update {UpdateId} of type {UpdateType}", update.Id, update.Type);
        return Task.CompletedTask;
    }

    /// <summary>Best effort after a handler failed: say so rather than leave the person waiting.</summary>
    public async Task Apologise(Update update, CancellationToken ct)
    {
        try
        {
            if (update.CallbackQuery is { } query)
                await replies.Answer(query, localizer.For(query.From.LanguageCode)["error.generic"], ct);
            else if ((update.Message ?? update.ChannelPost) is { } message && message.Text is not null)
                await replies.Reply(message, localizer.For(message.From?.LanguageCode)["error.generic"], ct: ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Could not tell chat about a failed update: {Error}", e.GetBaseException().Message);
        }
    }
}
