using System.Net;
using IncidentBot.Data;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Incidents;

/// <summary>
/// The "📍 Map" button under a card: Telegram's own map of the incident, as a venue. Only an incident's
/// own coordinates are shown; an incident without them gets no button rather than a guessed point.
/// </summary>
internal sealed class IncidentVenue(BotDb db, ITelegramBotClient bot, Replies replies)
{
    public const string Prefix = "map";
    // Venue titles and addresses are plain text; kept short so Telegram's map card shows them whole.
    const int MaxTitle = 100, MaxAddress = 200;

    /// <summary>The button for a card, or none when the incident has no coordinates of its own.</summary>
    public static InlineKeyboardMarkup? Button(Incident i, Texts t) =>
        i is { Status: IncidentStatus.Published, Latitude: not null, Longitude: not null }
            ? new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData(t["button.map"], CallbackData.Format(Prefix, i.Id)))
            : null;

    public async Task OnButton(CallbackQuery query, Texts t, long id, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == id && i.Status == IncidentStatus.Published, ct);
        if (incident is not { Latitude: { } lat, Longitude: { } lon } || query.Message is not { } message)
        {
            await replies.Answer(query, t["button.expired"], ct);
            return;
        }
        await replies.Answer(query, null, ct);
        var (title, address) = Describe(incident, t);
        await bot.SendVenue(message.Chat.Id, lat, lon, title, address,
            messageThreadId: message.IsTopicMessage ? message.MessageThreadId : null, cancellationToken: ct);
    }

    /// <summary>Title: the target or headline, marked with the point's margin when it is not exact ("≈ … (approximate, ±1 km)"); address: the place line.</summary>
    public static (string Title, string Address) Describe(Incident i, Texts t)
    {
        i = IncidentFields.In(i, t.Language);
        var headline = IncidentCards.Headline(i);
        // Texts and the place line are HTML (stored strings escaped) for cards; a venue is plain text.
        var title = WebUtility.HtmlDecode(string.IsNullOrWhiteSpace(headline)
            ? t.Format("venue.incident", i.Id)
            : HtmlText.Plain(headline, MaxTitle).Value);
        if (i.CoordinatePrecision != CoordinatePrecision.Exact) title = WebUtility.HtmlDecode(t.Format("venue.approximate", title, IncidentCards.PointPrecision(i, t)));
        var address = WebUtility.HtmlDecode(IncidentCards.Where(i, t, withNote: false));
        return (HtmlText.Truncate(title, MaxTitle), HtmlText.Truncate(address, MaxAddress));
    }
}
