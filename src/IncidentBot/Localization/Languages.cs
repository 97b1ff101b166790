using IncidentBot.Data;
using Microsoft.EntityFrameworkCore;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Localization;

/// <summary>
/// Which language an update is answered in, and what the bot remembers of it. A person: their /language
/// choice, else the language_code of this update, else the one they last wrote with. In a group or channel
/// whose admin chose a language: that language; otherwise the person's. Writes go through the handler's
/// DbContext, so they commit with the update.
/// </summary>
internal sealed class Languages(BotDb db, Localizer localizer)
{
    public async Task<Texts> Of(Message message, CancellationToken ct) =>
        await Of(message.Chat, message.From, ct);

    public async Task<Texts> Of(CallbackQuery query, CancellationToken ct) =>
        await Of(query.Message?.Chat, query.From, ct);

    /// <summary>An inline query has no chat: always the asker's own language, wherever they type it.</summary>
    public async Task<Texts> Of(InlineQuery query, CancellationToken ct) =>
        await Of(null, query.From, ct);

    async Task<Texts> Of(Chat? chat, User? from, CancellationToken ct)
    {
        if (chat is not null && chat.Type != ChatType.Private && await Find(chat.Id, ct) is { Chosen: { } chosen })
            return localizer.For(chosen);
        if (from is null) return localizer.For((chat is null ? null : await Find(chat.Id, ct))?.Language);

        var person = await Find(from.Id, ct);
        var telegram = from.LanguageCode is null ? null : Localizer.Known(from.LanguageCode) ?? Localizer.Fallback;
        // Only a person's own chat records what they wrote with: their updates there are handled one at a time.
        if (chat?.Id == from.Id && telegram is not null && person?.Seen != telegram)
            (person ??= Add(from.Id)).Seen = telegram;
        return localizer.For(person?.Chosen ?? telegram ?? person?.Seen);
    }

    /// <summary>/language: the chat's choice (a person's own chat is the person).</summary>
    public async Task Choose(long chatId, string language, CancellationToken ct) =>
        ((await Find(chatId, ct)) ?? Add(chatId)).Chosen = language;

    /// <summary>A group subscribed by someone: its alerts are in their language until an admin chooses one.</summary>
    public async Task Subscribed(Chat chat, Texts subscriber, CancellationToken ct)
    {
        if (chat.Type == ChatType.Private) return;
        var row = await Find(chat.Id, ct) ?? Add(chat.Id);
        row.Seen ??= subscriber.Language;
    }

    async Task<ChatLanguage?> Find(long chatId, CancellationToken ct) => await db.ChatLanguages.FindAsync([chatId], ct);

    ChatLanguage Add(long chatId)
    {
        var row = new ChatLanguage { ChatId = chatId };
        db.ChatLanguages.Add(row);
        return row;
    }

    /// <summary>The languages of the chats a batch of messages is for, read once.</summary>
    public static async Task<Dictionary<long, ChatLanguage>> Load(BotDb db, IEnumerable<long> chatIds, CancellationToken ct)
    {
        var ids = chatIds.Distinct().ToList();
        return await db.ChatLanguages.AsNoTracking().Where(c => ids.Contains(c.ChatId)).ToDictionaryAsync(c => c.ChatId, ct);
    }
}
