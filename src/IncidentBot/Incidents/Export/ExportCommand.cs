using IncidentBot.Telegram;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace IncidentBot.Incidents.Export;

/// <summary>/export csv and /export geojson: the published record as a document, captioned in the reader's language.</summary>
internal sealed class ExportCommand(OpenDataFiles files, ITelegramBotClient bot, Replies replies)
{
    public async Task Export(Incoming m, CancellationToken ct)
    {
        if (files.ByFormat(m.Args.Trim(), ct) is not { } making)
        {
            await replies.Reply(m.Message, m.T["export.usage"], ct: ct);
            return;
        }
        var file = await making;
        using var stream = new MemoryStream(file.Bytes, writable: false);
        await bot.SendDocument(m.ChatId, InputFile.FromStream(stream, file.Name), m.T[$"export.caption.{Path.GetExtension(file.Name)[1..]}"],
            ParseMode.Html, m.IsPrivate ? null : new ReplyParameters { MessageId = m.Message.Id, AllowSendingWithoutReply = true },
            messageThreadId: m.Message.IsTopicMessage ? m.Message.MessageThreadId : null, cancellationToken: ct);
    }
}
