using Microsoft.Extensions.Logging;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Alerts;

/// <summary>
/// Who may change a chat's subscriptions: anyone in a private chat; in a group its admins, including an
/// anonymous admin (GroupAnonymousBot writing as the group); in a channel, a post (only admins can post,
/// and posts carry no sender) or an admin pressing a button (any reader can press one under a post).
/// Asked of Telegram on every action, never cached.
/// </summary>
internal sealed class ChatAdmins(ITelegramBotClient bot, ILogger<ChatAdmins> log)
{
    public const long GroupAnonymousBot = 1087968824;

    public async Task<bool> MayManage(Chat chat, User? from, Chat? senderChat, CancellationToken ct)
    {
        if (chat.Type is ChatType.Private) return true;
        if (from is null) return chat.Type is ChatType.Channel;
        if (from.Id == GroupAnonymousBot) return senderChat?.Id == chat.Id;
        try
        {
            var member = await bot.GetChatMember(chat.Id, from.Id, ct);
            return member.Status is ChatMemberStatus.Administrator or ChatMemberStatus.Creator;
        }
        catch (ApiRequestException e)
        {
            log.LogWarning("Could not check whether {UserId} administers chat {ChatId}: {Error}", from.Id, chat.Id, e.Message);
            return false;
        }
    }
}
