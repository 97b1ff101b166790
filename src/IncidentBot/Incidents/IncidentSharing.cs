using System.Globalization;
using System.Net;
using IncidentBot.Data;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using global::Telegram.Bot.Types.InlineQueryResults;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Incidents;

/// <summary>
/// Inline mode: "@IncidentBot kyiv" in any chat offers the published incidents /search finds (the newest first when
/// no word is typed), each as its card with a link back to the bot, ready to post. Drafts and retracted incidents
/// are never offered. The cards are in the asker's language, so Telegram must not hand one person's answer to
/// another who types the same words (is_personal), and keeps it only briefly: a correction or a retraction shows
/// within seconds.
/// </summary>
internal sealed class IncidentSharing(BotDb db, Replies replies, BotIdentity identity)
{
    /// <summary>Results per answer; Telegram takes at most 50, and the next page is fetched as the asker scrolls.</summary>
    public const int PageSize = 20;
    public const int CacheSeconds = 10;
    // Search ranks only its newest candidates (IncidentSearch), and nobody scrolls a thousand cards: a page past
    // this, or an offset the bot never wrote, gets no results.
    const int MaxOffset = 1000;
    const int MaxHeadline = 100;

    public async Task Answer(InlineQuery query, Texts t, CancellationToken ct)
    {
        if (Offset(query.Offset) is not { } offset)
        {
            await Nothing(query, ct);
            return;
        }
        var found = await Find(query.Query, offset, PageSize + 1, ct);
        var next = found.Count > PageSize && offset + PageSize <= MaxOffset
            ? (offset + PageSize).ToString(CultureInfo.InvariantCulture)
            : null;
        await replies.AnswerInline(query, found.Take(PageSize).Select(i => Article(i, t)), next, CacheSeconds, personal: true, ct);
    }

    /// <summary>No results: for an offset the bot did not write, and when handling the query failed.</summary>
    public Task Nothing(InlineQuery query, CancellationToken ct) =>
        replies.AnswerInline(query, [], null, CacheSeconds, personal: true, ct);

    static int? Offset(string? text) =>
        string.IsNullOrEmpty(text) ? 0
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxOffset ? n
        : null;

    /// <summary><paramref name="count"/> published incidents from <paramref name="offset"/> on, with their sources.</summary>
    async Task<List<Incident>> Find(string text, int offset, int count, CancellationToken ct)
    {
        List<long> ids = IncidentSearch.Parse(text) is { HasText: false, Years: [] }
            ? await db.Incidents.Where(i => i.Status == IncidentStatus.Published)
                .OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.Id)
                .Skip(offset).Take(count).Select(i => i.Id).ToListAsync(ct)
            : [.. (await IncidentSearch.Find(db, text, offset + count, ct)).Skip(offset).Select(i => i.Id)];
        var incidents = await db.Incidents.AsNoTracking().Include(i => i.Sources).AsSplitQuery()
            .Where(i => ids.Contains(i.Id) && i.Status == IncidentStatus.Published).ToListAsync(ct);
        return [.. incidents.OrderBy(i => ids.IndexOf(i.Id))];
    }

    /// <summary>
    /// The card as /incident N shows it, with a line that links back to the bot, and the same link as a button.
    /// Title and description are what the asker picks from, plain text: "Incident 6 · Diplomatic missions",
    /// "November 2025 · Kyiv, Ukraine" and the target.
    /// </summary>
    InlineQueryResultArticle Article(Incident incident, Texts t)
    {
        var link = identity.StartLink($"incident_{incident.Id}");
        var footer = t.Format("share.link", link, incident.Id, identity.Username);
        var card = IncidentCards.Card(incident, t, HtmlText.MaxMessage - footer.Length - 2) + "\n\n" + footer;

        var i = IncidentFields.In(incident, t.Language);
        var description = t.Format("share.description",
            new Html(IncidentCards.When(i, t, withNote: false)), new Html(IncidentCards.Where(i, t, withNote: false)));
        var headline = IncidentCards.Headline(i);
        if (!string.IsNullOrWhiteSpace(headline)) description += "\n" + HtmlText.Plain(headline, MaxHeadline).Value;

        return new InlineQueryResultArticle(
            incident.Id.ToString(CultureInfo.InvariantCulture),
            Plain(t.Format("share.title", incident.Id, IncidentCards.Category(i, t))),
            new InputTextMessageContent(card) { ParseMode = ParseMode.Html, LinkPreviewOptions = new() { IsDisabled = true } })
        {
            Description = Plain(description),
            ReplyMarkup = new InlineKeyboardMarkup(InlineKeyboardButton.WithUrl(Plain(t.Format("share.button", identity.Username)), link)),
        };
    }

    // Texts are HTML with every argument escaped; a result's title, description and button are plain text.
    static string Plain(string html) => WebUtility.HtmlDecode(html);
}
