using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Reports;

/// <summary>
/// The card a moderator decides from, as it stands: a pending report's card has its buttons; a decided
/// one leads with the outcome and who decided, and has none. Every copy is an outbox row
/// (<see cref="ReportOutbox"/>), rendered from the report when it is sent, so a copy that leaves late already
/// shows what happened meanwhile.
/// </summary>
internal static class ModeratorCards
{
    public const string Approve = "ap", ApproveNoAlert = "an", Edit = "ed", Merge = "mg", MergeAnyway = "mm", Reject = "rj", RejectReason = "rr", Photos = "ph";

    /// <summary>Reason codes a Reject button offers (they are button data already sent: new ones go at the end); 0 asks for free text.</summary>
    public static readonly string[] ReasonKeys = ["reason.other", "reason.duplicate", "reason.off_topic", "reason.unverifiable", "reason.spam", "reason.false"];

    /// <summary>
    /// The card's text and buttons now: <paramref name="incident"/> is the draft, or the published incident once approved;
    /// <paramref name="standing"/> is the reporter's.
    /// </summary>
    public static (string Html, InlineKeyboardMarkup? Buttons) Current(Report report, Incident? incident, Incident? duplicate, Standing standing, Texts t) =>
        report.State == ReportState.Pending
            ? (Render(report, incident, duplicate, standing, t), Buttons(report, t))
            : (Decided(report, report.State == ReportState.Approved ? incident : null, standing, t), null);

    static string Decided(Report report, Incident? published, Standing standing, Texts t)
    {
        // The outcome goes first so that cutting to Telegram's limit can never drop it.
        var outcome = report.State switch
        {
            ReportState.Approved => t.Format("mod.outcome_approved", report.DecidedByName, report.IncidentId),
            ReportState.Merged => t.Format("mod.outcome_merged", report.DecidedByName, report.IncidentId),
            ReportState.Withdrawn => t["mod.outcome_withdrawn"],
            _ => t.Format("mod.outcome_rejected", report.DecidedByName, report.Reason),
        };
        var card = Render(report, published, null, standing, t, HtmlText.MaxMessage - outcome.Length - 2);
        return HtmlText.JoinWithin([outcome, "", .. card.Split('\n')]);
    }

    public static string Render(Report r, Incident? draft, Incident? duplicate, Standing standing, Texts t, int max = HtmlText.MaxMessage)
    {
        var lines = new List<string>
        {
            t.Format("card.report_title", r.Id, new Html(t[$"state.{r.State}"])),
            r.ReporterId == AuditLog.Removed ? t["card.reporter_removed"] : t.Format("card.reporter", HtmlText.Plain(r.ReporterName, 100), r.ReporterId),
        };
        lines.AddRange(standing.Lines(r.ReporterId, t));
        var what = lines.Count;
        lines.Add(t.Format("report.line_where", new Html(ReportText.Where(r, t))));
        lines.Add(t.Format("report.line_when", new Html(ReportText.When(r, t))));
        if (r.Link is not null) lines.Add(t.Format("report.line_link", HtmlText.Plain(r.Link, 300)));
        if (r.PhotoIds.Any()) lines.Add(t.Format("report.line_photos", r.PhotoIds.Count()));
        if (draft is not null)
        {
            // A pending report's incident has no public number yet: it takes the next one when it is published.
            lines.Add(r.State == ReportState.Pending
                ? t.Format("card.will_publish", new Html(IncidentCards.UnnumberedLine(draft, t)))
                : t.Format("card.published_as", new Html(IncidentCards.Line(draft, t))));
            // The pin above is the moderators' alone; this is the point the public gets.
            if (IncidentCards.Point(draft, t) is { } point) lines.Add(t.Format("card.public_point", new Html(point)));
            // A decided card has no Edit button: the advice is for a pending report only.
            if (r.State == ReportState.Pending && Warning(draft) is { } warning) lines.Add(t[warning]);
            if (r.State == ReportState.Pending && draft.PlaceId is null && draft.Place is not null)
                lines.Add(t.Format("card.place_unknown", HtmlText.Plain(draft.Place, 100)));
        }
        if (duplicate is not null) lines.Add(t.Format("card.duplicate", duplicate.Id, HtmlText.Plain(IncidentCards.Headline(duplicate), 80)));
        // The report's text gets the room the other lines leave, so a long text is cut rather than dropped.
        lines.Insert(what, ReportText.WhatLine(r, t, 3000, ReportText.Room(lines, max)));
        return HtmlText.JoinWithin(lines, max);
    }

    /// <summary>
    /// What a card warns of: without a category an incident misses the chats subscribed to one, without a place
    /// those subscribed to a place; the key of that line, or null.
    /// </summary>
    public static string? Warning(Incident draft)
    {
        var noPlace = draft.PlaceId is null && draft.Place is null && draft.Region is null && draft.Country == "unknown";
        return (draft.Category is null, noPlace) switch
        {
            (true, true) => "card.unfiltered_only",
            (true, false) => "card.no_category",
            (false, true) => "card.no_place",
            _ => null,
        };
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
        var third = new[] { InlineKeyboardButton.WithCallbackData(t["mod.approve_no_alert"], CallbackData.Format(ApproveNoAlert, r.Id)) };
        return new InlineKeyboardMarkup([first, second, third]);
    }

    /// <summary>The answer to a merge that looks far off (<see cref="Moderation.MergeDoubt"/>): merge all the same.</summary>
    public static InlineKeyboardMarkup MergeAnywayButton(long reportId, long incidentId, Texts t) =>
        new(InlineKeyboardButton.WithCallbackData(t["mod.merge_anyway"], CallbackData.Format(MergeAnyway, reportId, incidentId)));

    public static InlineKeyboardMarkup ReasonButtons(long reportId, Texts t) => new(
        ReasonKeys.Select((key, code) => new[] { InlineKeyboardButton.WithCallbackData(t[key], CallbackData.Format(RejectReason, reportId, code)) }));
}
