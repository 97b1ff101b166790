using IncidentBot.Telegram;
using IncidentBot.Telegram.Sending;
using global::Telegram.Bot;
using global::Telegram.Bot.Args;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Requests;
using global::Telegram.Bot.Requests.Abstractions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using global::Telegram.Bot.Types.InlineQueryResults;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.ConsoleMode;

/// <summary>
/// The terminal the console chat reads and writes; tests hand in their own. With <paramref name="Echo"/>
/// each line read is written after its prompt, so a session fed from a file or a pipe reads as a transcript.
/// </summary>
internal sealed record ConsoleStreams(TextReader In, TextWriter Out, bool Echo = false);

/// <summary>
/// The Bot API as a terminal: the same handlers call the same client methods, and what they send
/// is printed instead of travelling to Telegram. Every chat's messages are printed; one sent to a chat
/// other than the typing person's is labelled with it. Buttons are numbered so "tap N" can press them,
/// and each chat keeps its own last buttons: a card arriving for a moderator never becomes the target of
/// a contributor's tap.
/// </summary>
internal sealed class ConsoleBotClient(ConsoleStreams streams, TimeProvider clock) : ITelegramBotClient
{
    readonly TextWriter output = streams.Out;
    readonly Lock _gate = new();
    readonly Dictionary<long, (Message Message, InlineKeyboardButton[] Buttons)> _lastButtons = [];
    int _messageId;
    long _typing = ConsolePerson.Default.ChatId;

    /// <summary>The chat of the person typing: its messages are printed unlabelled.</summary>
    public long Typing
    {
        get { lock (_gate) return _typing; }
        set { lock (_gate) _typing = value; }
    }

    /// <summary>The newest message with buttons in a chat, with its buttons in the printed order.</summary>
    public (Message Message, InlineKeyboardButton[] Buttons)? LastButtons(long chatId)
    {
        lock (_gate) return _lastButtons.TryGetValue(chatId, out var last) ? last : null;
    }

    public bool LocalBotServer => false;
    public long BotId => 1;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
    public IExceptionParser ExceptionsParser { get; set; } = new DefaultExceptionParser();
    public event AsyncEventHandler<ApiRequestEventArgs>? OnMakingApiRequest { add { } remove { } }
    public event AsyncEventHandler<ApiResponseEventArgs>? OnApiResponseReceived { add { } remove { } }

    public Task<TResponse> SendRequest<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        // A terminal has no wire: the paced client marks the permit when this call returns.
        if (request is PermittedRequest<TResponse> permitted) request = permitted.Inner;
        object result = request switch
        {
            SendMessageRequest send => Show(send.ChatId, send.Text ?? "", send.ReplyMarkup as InlineKeyboardMarkup, edited: false, null),
            EditMessageTextRequest edit => Show(edit.ChatId, edit.Text ?? "", edit.ReplyMarkup, edited: true, edit.MessageId),
            // A drawn picture (the /stats chart) is saved like a document; a photo by file id shows the id.
            SendPhotoRequest { Photo: InputFileStream } photo => Document(photo.ChatId, photo.Photo, photo.Caption, "photo"),
            SendPhotoRequest photo => Photos(photo.ChatId, [photo.Photo])[0],
            SendMediaGroupRequest album => Photos(album.ChatId, [.. album.Media.Select(m => m.Media)]),
            SendDocumentRequest document => Document(document.ChatId, document.Document, document.Caption),
            SendVenueRequest venue => Show(venue.ChatId, FormattableString.Invariant(
                $"📍 {HtmlText.Escape(venue.Title)} — {HtmlText.Escape(venue.Address)} ({venue.Latitude:0.####}, {venue.Longitude:0.####})"), null, edited: false, null),
            AnswerCallbackQueryRequest answer => Notice(answer.Text),
            AnswerInlineQueryRequest inline => Offered(inline),
            GetMeRequest => new User { Id = BotId, IsBot = true, FirstName = "IncidentBot", Username = "IncidentBot" },
            _ => true, // setMyCommands and the like have no visible effect in a terminal
        };
        return Task.FromResult((TResponse)result);
    }

    public Task<bool> TestApi(CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task DownloadFile(string filePath, Stream destination, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The console has no files to download.");

    public Task DownloadFile(TGFile file, Stream destination, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The console has no files to download.");

    Message Show(ChatId chat, string html, InlineKeyboardMarkup? buttons, bool edited, int? messageId)
    {
        lock (_gate)
        {
            var message = new Message
            {
                Id = messageId ?? ++_messageId,
                Date = clock.GetUtcNow().UtcDateTime,
                Chat = new Chat { Id = chat.Identifier ?? 0, Type = ChatType.Private },
                Text = html,
                ReplyMarkup = buttons,
            };
            output.WriteLine();
            output.WriteLine(Label(message.Chat.Id, edited ? "bot (edited)" : "bot"));
            output.WriteLine(HtmlText.ToPlain(html));
            var flat = buttons?.InlineKeyboard.SelectMany(row => row).ToArray() ?? [];
            if (flat.Length > 0)
            {
                output.WriteLine(string.Join("   ", flat.Select((b, n) => $"[{n + 1}] {b.Text}")) + "   (type: tap N)");
                _lastButtons[message.Chat.Id] = (message, flat);
            }
            // An edit that takes the buttons away (a decided card, a chosen radius) leaves nothing to tap.
            else if (edited && _lastButtons.TryGetValue(message.Chat.Id, out var last) && last.Message.Id == message.Id)
                _lastButtons.Remove(message.Chat.Id);
            return message;
        }
    }

    /// <summary>Photos are Telegram file ids: the terminal shows the ids.</summary>
    Message[] Photos(ChatId chat, InputFile[] files)
    {
        lock (_gate)
        {
            output.WriteLine();
            output.WriteLine(Label(chat.Identifier ?? 0, "bot"));
            return [.. files.Select(file =>
            {
                output.WriteLine($"[photo {(file as InputFileId)?.Id ?? "(a file)"}]");
                return new Message
                {
                    Id = ++_messageId, Date = clock.GetUtcNow().UtcDateTime,
                    Chat = new Chat { Id = chat.Identifier ?? 0, Type = ChatType.Private },
                };
            })];
        }
    }

    /// <summary>A file the bot sends (an export, a chart): saved under the temp folder, its path and caption shown.</summary>
    Message Document(ChatId chat, InputFile file, string? caption, string kind = "document")
    {
        string shown;
        if (file is InputFileStream { Content: { } content } stream)
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "incidentbot-console")).FullName;
            var path = Path.Combine(folder, Path.GetFileName(stream.FileName ?? "file"));
            using (var saved = File.Create(path)) content.CopyTo(saved);
            shown = $"[{kind} {Path.GetFileName(path)}, {new FileInfo(path).Length:N0} bytes, saved as {path}]";
        }
        else shown = $"[{kind} {(file as InputFileId)?.Id ?? "(a file)"}]";
        lock (_gate)
        {
            output.WriteLine();
            output.WriteLine(Label(chat.Identifier ?? 0, "bot"));
            output.WriteLine(shown);
            if (!string.IsNullOrEmpty(caption)) output.WriteLine(HtmlText.ToPlain(caption));
            return new Message
            {
                Id = ++_messageId, Date = clock.GetUtcNow().UtcDateTime,
                Chat = new Chat { Id = chat.Identifier ?? 0, Type = ChatType.Private },
            };
        }
    }

    /// <summary>
    /// An inline answer is a list to pick from: each result's title and description, then the first card as it
    /// would be posted (the others post the same way).
    /// </summary>
    bool Offered(AnswerInlineQueryRequest answer)
    {
        var articles = answer.Results.OfType<InlineQueryResultArticle>().ToList();
        lock (_gate)
        {
            output.WriteLine();
            var more = answer.NextOffset is null ? "" : ", more on scrolling";
            output.WriteLine(articles.Count == 0 ? "bot (inline) › nothing to share" : $"bot (inline) › {articles.Count} to share{more}:");
            foreach (var (article, n) in articles.Select((a, n) => (a, n + 1)))
                output.WriteLine($"[{n}] {article.Title} — {article.Description?.ReplaceLineEndings(" · ")}");
            if (articles is [var first, ..] && first.InputMessageContent is InputTextMessageContent card)
            {
                output.WriteLine();
                output.WriteLine("posted, [1] reads:");
                output.WriteLine(HtmlText.ToPlain(card.MessageText));
            }
        }
        return true;
    }

    string Label(long chatId, string who) => chatId == _typing ? $"{who} ›" : $"{who} → {chatId} ›";

    bool Notice(string? text)
    {
        if (!string.IsNullOrEmpty(text)) lock (_gate) output.WriteLine($"bot (notice) › {text}");
        return true;
    }
}
