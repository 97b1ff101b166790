using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using global::Telegram.Bot.Types.InlineQueryResults;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Telegram;

/// <summary>
/// How the bot talks: HTML parse mode, no link previews, replies threaded to the command in groups.
/// Every outgoing message passes here, so pacing can live in one place.
/// </summary>
internal sealed class Replies(ITelegramBotClient bot)
{
    static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    /// <summary>
    /// A reply to a message that was deleted meanwhile is still sent (AllowSendingWithoutReply). Only the
    /// replied-to message ties a reply to its forum topic, so <paramref name="topic"/> names the topic too:
    /// without it, a reply to a deleted command lands in General.
    /// </summary>
    public Task<Message> Send(long chatId, string html, ReplyMarkup? buttons = null, int? replyTo = null,
        CancellationToken ct = default, int? topic = null) =>
        bot.SendMessage(chatId, html, ParseMode.Html,
            replyParameters: replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null,
            replyMarkup: buttons, messageThreadId: topic, linkPreviewOptions: NoPreview, cancellationToken: ct);

    /// <summary>Replies to a message; in groups the reply is threaded so it is clear whom it answers.</summary>
    public Task<Message> Reply(Message to, string html, InlineKeyboardMarkup? buttons = null, CancellationToken ct = default) =>
        Send(to.Chat.Id, html, buttons, to.Chat.Type == ChatType.Private ? null : to.Id, ct,
            to.IsTopicMessage ? to.MessageThreadId : null);

    /// <summary>A photo (uploaded or by file_id) with an HTML caption, threaded like <see cref="Reply"/>.</summary>
    public Task<Message> ReplyPhoto(Message to, InputFile photo, string captionHtml, CancellationToken ct = default) =>
        bot.SendPhoto(to.Chat.Id, photo, captionHtml, ParseMode.Html,
            replyParameters: to.Chat.Type == ChatType.Private ? null : new ReplyParameters { MessageId = to.Id, AllowSendingWithoutReply = true },
            messageThreadId: to.IsTopicMessage ? to.MessageThreadId : null, cancellationToken: ct);

    /// <summary>
    /// Photos by Telegram file_id (never downloaded), in albums of up to ten. An album takes 2-10 items,
    /// so a single photo, alone or left over after full albums, goes as a plain photo.
    /// </summary>
    public async Task<Message[]> SendPhotos(long chatId, IEnumerable<string> fileIds, CancellationToken ct)
    {
        var sent = new List<Message>();
        foreach (var album in fileIds.Chunk(10))
            sent.AddRange(album is [var one]
                ? [await bot.SendPhoto(chatId, InputFile.FromFileId(one), cancellationToken: ct)]
                : await bot.SendMediaGroup(chatId, album.Select(id => new InputMediaPhoto(InputFile.FromFileId(id))), cancellationToken: ct));
        return [.. sent];
    }

    /// <summary>Edits a message; an identical edit ("message is not modified") counts as done.</summary>
    public async Task Edit(long chatId, int messageId, string html, InlineKeyboardMarkup? buttons, CancellationToken ct)
    {
        try
        {
            await bot.EditMessageText(chatId, messageId, html, ParseMode.Html, buttons, NoPreview, cancellationToken: ct);
        }
        catch (ApiRequestException e) when (e.Message.Contains("message is not modified", StringComparison.Ordinal)) { }
    }

    /// <summary>
    /// Answers an inline query (like a button press, not a message: no send budget); one answered too late is not
    /// worth an error. <paramref name="nextOffset"/> null: there are no more results.
    /// </summary>
    public async Task AnswerInline(InlineQuery query, IEnumerable<InlineQueryResult> results, string? nextOffset, int cacheSeconds,
        bool personal, CancellationToken ct)
    {
        try
        {
            await bot.AnswerInlineQuery(query.Id, results, cacheSeconds, personal, nextOffset, cancellationToken: ct);
        }
        catch (ApiRequestException e) when (e.Message.Contains("query is too old", StringComparison.Ordinal)) { }
    }

    /// <summary>Answers a button press; a press answered too late is not worth an error.</summary>
    public async Task Answer(CallbackQuery query, string? text, CancellationToken ct)
    {
        try
        {
            await bot.AnswerCallbackQuery(query.Id, text is null ? null : HtmlText.Truncate(text, 200), cancellationToken: ct);
        }
        catch (ApiRequestException e) when (e.Message.Contains("query is too old", StringComparison.Ordinal)) { }
    }
}
