using IncidentBot.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;

namespace IncidentBot.Telegram;

/// <summary>Learns the bot's username and registers the command menus before polling starts.</summary>
internal sealed class BotStartup(ITelegramBotClient bot, BotIdentity identity, CommandMenu menu, IServiceScopeFactory scopes,
    TimeProvider clock, ILogger<BotStartup> log)
{
    public string Username => identity.Username;

    public async Task Run(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var me = await bot.GetMe(ct);
                identity.Learn(me.Id, me.Username);
                break;
            }
            catch (Exception e) when (e is RequestException or HttpRequestException)
            {
                var delay = UpdateReceiver.Backoff(attempt);
                if (e is ApiRequestException { ErrorCode: 401 or 404 })
                    log.LogError("Telegram rejected the bot token (Unauthorized): check Telegram:BotToken. Retrying in {Delay}", delay);
                else
                    log.LogWarning("Cannot reach the Bot API yet: {Error}. Retrying in {Delay}", e.GetBaseException().Message, delay);
                await Task.Delay(delay, clock, ct);
            }
        }
        await menu.Register(ct);
        await RegisterModeratorMenus(ct);
    }

    // Also tells the operator which moderators cannot be reached yet: Telegram refuses a chat it has never seen.
    async Task RegisterModeratorMenus(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var moderators = scope.ServiceProvider.GetRequiredService<Moderators>();
        foreach (var id in await moderators.All(ct))
            await moderators.RefreshMenu(id, isModerator: true, ct);
    }
}
