using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Reports;

/// <summary>
/// The card a moderator decides from. Every copy sent is remembered, so a decision edits them all
/// to show the outcome and who decided, and takes their buttons away.
/// </summary>
internal sealed class ModeratorCards(BotDb db, Replies replies, Moderators moderators, Localizer localizer, ILogger<ModeratorCards> log)
{
    public const string Approve = "ap", Edit = "ed", Merge = "mg", Reject = "rj", RejectReason = "rr", Photos = "ph";

    /// <summary>Reason codes a Reject button offers; 0 asks for free text.</summary>
    public static readonly string[] ReasonKeys = ["reason.other", "reason.duplicate", "reason.off_topic", "reason.unverifiable", "reason.spam"];

    Texts T => localizer.English;

    public async Task SendNew(Report report, Incident draft, CancellationToken ct)
    {
        foreach (var chat in await moderators.CardChats(ct))
            await Send(chat, report, draft, ct);
    }

    public async Task Send(long chatId, Report report, Incident draft, CancellationToken ct)
    {
        try
        {
            var duplicate = report.DuplicateOfId is { } d ? await db.Incidents.FindAsync([d], ct) : null;
            var sent = await replies.Send(chatId, Render(report, draft, duplicate, T), Buttons(report, T), ct: ct);
            db.ModeratorCards.Add(new ModeratorCard { ReportId = report.Id, ChatId = chatId, MessageId = sent.Id });
            await db.SaveChangesAsync(ct);

            // A decision taken while this copy was on its way edited only the copies saved before it: close this one too.
            if (await DecidedSince(report.Id, ct) is { } closed) await replies.Edit(chatId, sent.Id, closed, null, ct);
        }
        catch (Exception e) when (e is RequestException or HttpRequestException or TimeoutException)
        {
            log.LogWarning("Report {ReportId} card could not reach moderator chat {ChatId}: {Error}. A moderator must open the bot and press Start.",
                report.Id, chatId, e.Message);
        }
    }

    /// <summary>Edits every copy of the card to its final state; a copy that cannot be edited is skipped.</summary>
    public Task Decided(Report report, Incident? draft, CancellationToken ct) => EditAll(report, DecidedText(report, draft), null, ct);

    string DecidedText(Report report, Incident? draft)
    {
        // The outcome goes first so that cutting to Telegram's limit can never drop it.
        var outcome = report.State switch
        {
            ReportState.Approved => T.Format("mod.outcome_approved", report.DecidedByName, report.IncidentId),
            ReportState.Merged => T.Format("mod.outcome_merged", report.DecidedByName, report.IncidentId),
            _ => T.Format("mod.outcome_rejected", report.DecidedByName, report.Reason),
        };
        var card = Render(report, draft, null, T, HtmlText.MaxMessage - outcome.Length - 2);
        return HtmlText.JoinWithin([outcome, "", .. card.Split('\n')]);
    }

    /// <summary>Shows a pending report's edited fields on every copy, buttons kept.</summary>
    public async Task Refresh(Report report, Incident draft, CancellationToken ct)
    {
        var duplicate = report.DuplicateOfId is { } d ? await db.Incidents.FindAsync([d], ct) : null;
        await EditAll(report, Render(report, draft, duplicate, T), Buttons(report, T), ct);
        // A decision taken meanwhile may have closed the copies before this refresh reopened them: close them again.
        if (await DecidedSince(report.Id, ct) is { } closed) await EditAll(report, closed, null, ct);
    }

    /// <summary>The closed card of a report decided by now; null while it is pending.</summary>
    async Task<string?> DecidedSince(long reportId, CancellationToken ct)
    {
        var now = await db.Reports.AsNoTracking().FirstAsync(r => r.Id == reportId, ct);
        if (now.State == ReportState.Pending) return null;
        var published = now.State == ReportState.Approved
            ? await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == now.IncidentId, ct) : null;
        return DecidedText(now, published);
    }

    async Task EditAll(Report report, string text, InlineKeyboardMarkup? buttons, CancellationToken ct)
    {
        var copies = await db.ModeratorCards.Where(c => c.ReportId == report.Id).ToListAsync(ct);
        foreach (var copy in copies)
        {
            try { await replies.Edit(copy.ChatId, copy.MessageId, text, buttons, ct); }
            catch (Exception e) when (e is RequestException or HttpRequestException or TimeoutException) { log.LogWarning("Card of report {ReportId} in chat {ChatId} not updated: {Error}", report.Id, copy.ChatId, e.Message); }
        }
    }

    public static string Render(Report r, Incident? draft, Incident? duplicate, Texts t, int max = HtmlText.MaxMessage)
    {
        var lines = new List<string>
        {
            t.Format("card.report_title", r.Id, new Html(t[$"state.{r.State}"])),
            t.Format("card.reporter", HtmlText.Plain(r.ReporterName, 100), r.ReporterId),
            t.Format("report.line_where", new Html(ReportText.Where(r, t))),
            t.Format("report.line_when", new Html(ReportText.When(r, t))),
        };
        if (r.Link is not null) lines.Add(t.Format("report.line_link", HtmlText.Plain(r.Link, 300)));
        if (r.PhotoIds.Any()) lines.Add(t.Format("report.line_photos", r.PhotoIds.Count()));
        if (draft is not null)
        {
            lines.Add(t.Format(r.State == ReportState.Pending ? "card.will_publish" : "card.published_as", new Html(IncidentCards.Line(draft, t))));
            // A decided card has no Edit button: the advice is for a pending report only.
            if (r.State == ReportState.Pending && (draft.Category is null || draft.Place is null && draft.Region is null && draft.Country == "unknown"))
                lines.Add(t["card.unfiltered_only"]);
        }
        if (duplicate is not null) lines.Add(t.Format("card.duplicate", duplicate.Id, HtmlText.Plain(IncidentCards.Headline(duplicate), 80)));
        // The report's text gets the room the other lines leave, so a long text is cut rather than dropped.
        lines.Insert(2, ReportText.WhatLine(r, t, 3000, ReportText.Room(lines, max)));
        return HtmlText.JoinWithin(lines, max);
    }

    public static InlineKeyboardMarkup Buttons(Report r, Texts t)
    {
        var first = new List<InlineKeyboardButton>
        {
            InlineKeyboardButton.WithCallbackData(t["mod.approve"], CallbackData.Format(Approve, r.Id)),
            InlineKeyboardButton.WithCallbackData(t["mod.edit"], CallbackData.Format(Edit, r.Id)),
        };
        var second = new List<InlineKeyboardButton>();
        if (r.DuplicateOfId is { } dup)
            second.Add(InlineKeyboardButton.WithCallbackData(t.Format("mod.merge_into", dup), CallbackData.Format(Merge, r.Id, dup)));
        second.Add(InlineKeyboardButton.WithCallbackData(t["mod.reject"], CallbackData.Format(Reject, r.Id)));
        if (r.PhotoIds.Any()) second.Add(InlineKeyboardButton.WithCallbackData(t["mod.photos"], CallbackData.Format(Photos, r.Id)));
        return new InlineKeyboardMarkup([first, second]);
    }

    public static InlineKeyboardMarkup ReasonButtons(long reportId, Texts t) => new(
        ReasonKeys.Select((key, code) => new[] { InlineKeyboardButton.WithCallbackData(t[key], CallbackData.Format(RejectReason, reportId, code)) }));
}
