using IncidentBot.Telegram.Sending;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using global::Telegram.Bot.Types;

namespace IncidentBot.Reports;

/// <summary>
/// Turns a finished report into a pending one: the limits are checked, an unpublished incident is
/// drafted from it for moderators to shape, and a card for each moderators' chat is written to the outbox in
/// the same transaction (so the reporter's answer never waits for the moderators' chats, and no card is lost).
/// </summary>
internal sealed class ReportFiling(
    BotDb db, Replies replies, Moderators moderators, ReportOutbox cards, DeliverySignal delivery, Moderation moderation, AuditLog audit, IncidentPlaces places,
    ReportPauses pauses, IOptions<ReportOptions> options, TimeProvider clock, ILogger<ReportFiling> log)
{
    /// <summary>
    /// Why this person may not report now (banned; their reporting paused; all reports paused; over the hourly limit),
    /// or null. Moderators are only ever stopped by a ban, which they cannot get.
    /// </summary>
    public async Task<string?> Refusal(User user, Texts t, CancellationToken ct)
    {
        if (await db.BannedUsers.AnyAsync(b => b.UserId == user.Id, ct)) return t["report.banned"];
        if (await moderators.IsModerator(user, ct)) return null;
        if (await pauses.IsPaused(user.Id, ct)) return t.Plural("report.paused", ReportPauses.Limit, ReportPauses.Limit);
        if (await pauses.AllPaused(ct) is not null) return t["report.paused_all"];
        var hourAgo = Now.AddHours(-1);
        var recent = await db.Reports.Where(r => r.ReporterId == user.Id && r.SubmittedAt > hourAgo)
            .OrderBy(r => r.SubmittedAt).Select(r => r.SubmittedAt).ToListAsync(ct);
        if (recent.Count < options.Value.PerUserPerHour) return null;
        var again = recent[^options.Value.PerUserPerHour]!.Value.AddHours(1);
        var minutes = Math.Max(1, (int)Math.Ceiling((again - Now).TotalMinutes));
        return t.Plural("report.rate_limited", options.Value.PerUserPerHour, options.Value.PerUserPerHour, minutes, again.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Files a report; a /log is published at once, as a backlog entry without alerts when <paramref name="alert"/> is false.</summary>
    public async Task Submit(Report report, User from, Texts t, CancellationToken ct, bool alert = true)
    {
        if (await Refusal(from, t, ct) is { } refusal)
        {
            await replies.Send(report.ChatId, refusal, ct: ct);
            return;
        }
        // A /log publishes at once only if its author is still a moderator; otherwise it goes to the moderators.
        if (report.DirectLog && !await moderators.IsModerator(from, ct)) report.DirectLog = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        report.State = ReportState.Pending;
        report.SubmittedAt = Now;
        report = await Numbering.Filed(db, report, ct); // a conversation's report takes its number only now
        await db.SaveChangesAsync(ct); // the report's number, for the incident's source line

        var incident = Draft(report, Now, places, options.Value.PublishedCoordinateKm);
        incident.Id = Numbering.DraftIncidentId(report.Id); // its public number comes with its publication
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(ct);
        report.IncidentId = incident.Id;
        report.DuplicateOfId = (await DuplicateFinder.Find(db, incident, report.Text, ct))?.Id;
        audit.Record(from, report.DirectLog ? "logged" : "filed", report.Id, incident.Id);
        // A /log publishes at once: there is no card to decide from.
        if (!report.DirectLog) cards.Cards(report, await moderators.CardChats(ct));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Report {ReportId} filed by {UserId}", report.Id, from.Id);

        if (report.DirectLog)
        {
            await moderation.Approve(from, report.Id, t, report.ChatId, ct, alert);
            return;
        }
        delivery.Notify();
        await replies.Send(report.ChatId, t.Format("report.filed", report.Id), ct: ct);
    }

    /// <summary>
    /// The incident as the report states it, no more: the place as typed (a trailing ", Country" is
    /// read as the country), the date at the precision given, the contributor and the link as sources;
    /// for a /log also the category, target and affected country its moderator gave. Before submission
    /// (a /log's review) it previews what will be published. A pin becomes a point on the grid of
    /// <paramref name="coordinateKm"/>: the exact pin stays on the report, for moderators only.
    /// </summary>
    internal static Incident Draft(Report r, DateTime now, IncidentPlaces places, double coordinateKm)
    {
        var reported = (r.SubmittedAt ?? now).Date;
        var incident = new Incident
        {
            Status = IncidentStatus.Draft, Summary = r.Text, Country = "unknown",
            // No date given: it happened on or before the day it was reported, and the note says why.
            OccurredOn = r.OccurredOn ?? reported,
            Precision = r.Precision ?? DatePrecision.Day,
            OnOrBefore = r.OccurredOn is null,
            DateNote = r.OccurredOn is null ? Localizer.InLanguage(Localizer.Fallback, "date.not_given") : null,
            CreatedAt = now, UpdatedAt = now,
            // A contributor is never asked these (moderators set them on the card); a /log's moderator is.
            Category = r.DirectLog ? r.Category : null,
            Target = r.DirectLog ? r.Target ?? "" : "",
            AffectedCountry = r.DirectLog ? r.AffectedCountry : null,
            Sources = [new IncidentSource { Name = $"Contributor report #{r.Id}", Kind = SourceKind.Contributor, ReportId = r.Id }],
        };
        // The note is the bot's words, not the reporter's: every reader gets it in their language.
        if (incident.DateNote is not null)
            foreach (var language in Localizer.Spoken.Where(l => l != Localizer.Fallback))
                IncidentFields.SetTranslation(incident, "datenote", language, Localizer.InLanguage(language, "date.not_given")!);
        if (r is { Latitude: { } lat, Longitude: { } lon }) IncidentFields.SetPublicPoint(incident, lat, lon, coordinateKm);
        if (r.Link is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri))
            incident.Sources.Add(new IncidentSource { Name = uri.Host, Url = link, ReportId = r.Id });
        // One report is one account, its link included: reported, until another source stands beside it.
        incident.Grade = Grades.Derive(incident.Sources, new Dictionary<long, long> { [r.Id] = r.ReporterId });
        // "Pechersk district, Kyiv, Ukraine", "Київ": the gazetteer's entry and its hierarchy; unknown text as typed.
        if (!string.IsNullOrWhiteSpace(r.PlaceText)) places.Apply(incident, "place", r.PlaceText);
        return incident;
    }

    DateTime Now => clock.GetUtcNow().UtcDateTime;
}
