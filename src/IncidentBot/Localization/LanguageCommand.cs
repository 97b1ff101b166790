using IncidentBot.Alerts;
using IncidentBot.Data;
using IncidentBot.Reports;
using IncidentBot.Telegram;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Localization;

/// <summary>
/// /language: buttons with each language by its own name (or <c>/language uk</c> directly). In a private chat it
/// sets the person's language, menu included; in a group or channel, an admin's choice sets the chat's, for its
/// alerts, summaries and replies.
/// </summary>
internal sealed class LanguageCommand(BotDb db, Languages languages, Localizer localizer, ChatAdmins admins, Replies replies, Moderators moderators)
{
    public const string Prefix = "lg";

    public async Task Ask(Incoming m, CancellationToken ct)
    {
        if (!await admins.MayManage(m.Message.Chat, m.From, m.Message.SenderChat, ct)) { await replies.Reply(m.Message, m.T["language.admins_only"], ct: ct); return; }
        if (Localizer.Known(m.Args) is { } code)
        {
            var t = await Choose(m.Message.Chat, m.From, code, ct);
            await replies.Reply(m.Message, Done(m.Message.Chat, t), ct: ct);
            return;
        }
        var buttons = localizer.Choices.Select((c, i) => InlineKeyboardButton.WithCallbackData(c.Name, CallbackData.Format(Prefix, i))).Chunk(2);
        await replies.Reply(m.Message, m.T[m.IsPrivate ? "language.choose" : "language.choose_chat"], new InlineKeyboardMarkup(buttons), ct);
    }

    public async Task OnButton(CallbackQuery query, Texts t, CallbackData data, CancellationToken ct)
    {
        var chat = query.Message!.Chat;
        var choices = localizer.Choices.ToList();
        if (data.Ids is not [var index] || index < 0 || index >= choices.Count) { await replies.Answer(query, t["button.expired"], ct); return; }
        if (!await admins.MayManage(chat, query.From, null, ct)) { await replies.Answer(query, t["language.admins_only"], ct); return; }
        var chosen = await Choose(chat, query.From, choices[(int)index].Code, ct);
        await replies.Answer(query, null, ct);
        await replies.Edit(chat.Id, query.Message.Id, Done(chat, chosen), null, ct);
    }

    async Task<Texts> Choose(Chat chat, User? from, string code, CancellationToken ct)
    {
        await languages.Choose(chat.Id, code, ct);
        await db.SaveChangesAsync(ct);
        if (chat.Type == ChatType.Private && from is not null)
            await moderators.RefreshMenu(from.Id, await moderators.IsModerator(from, ct), ct);
        return localizer.For(code);
    }

    static string Done(Chat chat, Texts t) => t[chat.Type == ChatType.Private ? "language.done" : "language.done_chat"];
}
