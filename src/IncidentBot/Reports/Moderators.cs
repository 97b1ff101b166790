using IncidentBot.Data;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;

namespace IncidentBot.Reports;

/// <summary>
/// Who may moderate, asked afresh for every command and every button press (callback data can be
/// forged by any client). The configured ids are admins; admins add the others with /mod.
/// </summary>
internal sealed class Moderators(BotDb db, IOptions<ModerationOptions> options, CommandMenu menu, ILogger<Moderators> log)
{
    public static readonly string[] Commands =
        ["queue", "approve", "reject", "edit", "merge", "log", "correct", "retract", "audit", "ban", "unban", "bans", "unpause", "pause", "resume", "status", "mod"];

    public bool IsAdmin(long userId) => options.Value.ModeratorIds.Contains(userId);

    /// <summary>The configured admins, in the order configured.</summary>
    public IEnumerable<long> Admins => options.Value.ModeratorIds.Distinct();

    public async Task<bool> IsModerator(User? user, CancellationToken ct) =>
        user is { IsBot: false } && (IsAdmin(user.Id) || await db.Moderators.AnyAsync(m => m.UserId == user.Id, ct));

    public async Task<List<long>> All(CancellationToken ct)
    {
        var added = await db.Moderators.Select(m => m.UserId).ToListAsync(ct);
        return [.. options.Value.ModeratorIds.Union(added)];
    }

    /// <summary>Where new report cards go: the moderators' group when configured, else each moderator in private.</summary>
    public async Task<List<long>> CardChats(CancellationToken ct) =>
        options.Value.ChatId is { } group ? [group] : await All(ct);

    /// <summary>
    /// A moderator's own menu: scope Chat replaces the default menu in their private chat, so it
    /// repeats the public commands.
    /// </summary>
    public async Task RefreshMenu(long userId, bool isModerator, CancellationToken ct)
    {
        try
        {
            var chosen = (await db.ChatLanguages.FindAsync([userId], ct))?.Chosen;
            await menu.ForPerson(userId, isModerator ? [.. CommandMenu.Public, .. Commands] : null, chosen, ct);
        }
        catch (ApiRequestException e)
        {
            // Telegram refuses a chat scope for someone who never opened the bot: they get the menu on a later start.
            log.LogWarning("Moderator {UserId} cannot be reached yet ({Error}): they must open the bot and press Start", userId, e.Message);
        }
    }
}
