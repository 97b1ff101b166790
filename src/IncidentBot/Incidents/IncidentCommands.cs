using System.Globalization;
using IncidentBot.Data;
using IncidentBot.Incidents.Charts;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Incidents;

/// <summary>/recent, /incident, /search and /stats: anyone's questions about the record.</summary>
internal sealed class IncidentCommands(BotDb db, Replies replies, Pictures pictures)
{
    public const string RecentPagePrefix = "rc";
    public const int DefaultRecent = 5, MaxRecent = 50, SearchResults = 10;

    public async Task Recent(Incoming m, CancellationToken ct)
    {
        var size = DefaultRecent;
        var note = "";
        if (m.Args.Length > 0)
        {
            if (!long.TryParse(m.Args, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n == 0)
            {
                // Digits only: a too-big number still means "many", anything else is a typo.
                if (!m.Args.All(char.IsAsciiDigit) || m.Args.Trim('0').Length == 0)
                {
                    await replies.Reply(m.Message, m.T["recent.usage"], ct: ct);
                    return;
                }
                n = long.MaxValue;
            }
            size = (int)Math.Min(n, MaxRecent);
            if (n > MaxRecent) note = m.T.Format("recent.clamped", MaxRecent) + "\n";
        }
        var (text, buttons) = await RecentPageContent(m.T, 0, size, ct);
        await replies.Reply(m.Message, note + text, buttons, ct);
    }

    public async Task RecentPage(CallbackQuery query, Texts t, long offset, long size, CancellationToken ct)
    {
        if (offset is < 0 or > int.MaxValue || size is < 1 or > MaxRecent || query.Message is not { } message)
        {
            await replies.Answer(query, t["button.expired"], ct);
            return;
        }
        var (text, buttons) = await RecentPageContent(t, (int)offset, (int)size, ct);
        await replies.Answer(query, null, ct);
        await replies.Edit(message.Chat.Id, message.Id, text, buttons, ct);
    }

    async Task<(string Text, InlineKeyboardMarkup? Buttons)> RecentPageContent(Texts t, int offset, int size, CancellationToken ct)
    {
        var published = db.Incidents.Where(i => i.Status == IncidentStatus.Published);
        var total = await published.CountAsync(ct);
        if (total == 0) return (t["recent.empty"], null);
        offset = Math.Min(offset, Math.Max(0, total - 1));
        var page = await published.OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.Id)
            .Skip(offset).Take(size).ToListAsync(ct);

        // A long page is cut to fit one message; the next page starts after the last line shown.
        var lines = new List<string>();
        var length = 200;
        foreach (var line in page.Select(i => IncidentCards.Line(i, t)))
        {
            if (length + line.Length + 1 > HtmlText.MaxMessage) break;
            lines.Add(line);
            length += line.Length + 1;
        }
        var header = t.Format("recent.header", offset + 1, offset + lines.Count, total);
        var row = new List<InlineKeyboardButton>();
        if (offset > 0)
            row.Add(InlineKeyboardButton.WithCallbackData(t["button.newer"], CallbackData.Format(RecentPagePrefix, Math.Max(0, offset - size), size)));
        if (offset + lines.Count < total)
            row.Add(InlineKeyboardButton.WithCallbackData(t["button.older"], CallbackData.Format(RecentPagePrefix, offset + lines.Count, size)));
        return (header + "\n\n" + string.Join("\n", lines), row.Count == 0 ? null : new InlineKeyboardMarkup(row));
    }

    public async Task Show(Incoming m, string idText, CancellationToken ct)
    {
        idText = idText.Trim();
        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            // All digits but too big for any id: it simply does not exist.
            await replies.Reply(m.Message, idText.Length > 0 && idText.All(char.IsAsciiDigit)
                ? m.T.Format("incident.not_found", HtmlText.Truncate(idText, 30))
                : m.T["incident.usage"], ct: ct);
            return;
        }
        // A draft is a pending report's incident: moderators only, never shown to the public.
        var incident = await db.Incidents.Include(i => i.Sources).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Id == id && i.Status != IncidentStatus.Draft, ct);
        await replies.Reply(m.Message,
            incident is null ? m.T.Format("incident.not_found", id) : IncidentCards.Card(incident, m.T),
            incident is null ? null : IncidentVenue.Button(incident, m.T), ct);
    }

    public async Task Search(Incoming m, CancellationToken ct)
    {
        // Only no words at all is a usage question; anything typed is searched, and a search that finds nothing says so.
        if (string.IsNullOrWhiteSpace(m.Args))
        {
            await replies.Reply(m.Message, m.T["search.usage"], ct: ct);
            return;
        }
        var found = await IncidentSearch.Find(db, m.Args, SearchResults, ct);
        var query = HtmlText.Plain(m.Args, 100);
        var text = found.Count == 0
            ? m.T.Format("search.none", query)
            : m.T.Format("search.header", query, found.Count) + "\n\n" + string.Join("\n", found.Select(i => IncidentCards.Line(i, m.T)));
        await replies.Reply(m.Message, HtmlText.JoinWithin(text.Split('\n')), ct: ct);
    }

    /// <summary>
    /// The chart with the figures as its caption. An unchanged record in the same language reuses the picture:
    /// Telegram's file_id once it has been uploaded, otherwise the PNG made before.
    /// </summary>
    public async Task Stats(Incoming m, CancellationToken ct)
    {
        var version = await IncidentStats.Version(db, ct);
        await pictures.Send(replies, m.Message, version, "stats:" + m.T.Language, async () =>
        {
            var stats = await IncidentStats.Load(db, ct);
            if (stats.Total == 0) return new(null, IncidentStats.Render(stats, m.T));
            var cells = await IncidentStats.ChartCells(db, ct);
            return new(StatsChart.Png(cells, m.T), IncidentStats.Render(stats, m.T, HtmlText.MaxCaption));
        }, ct);
    }
}
