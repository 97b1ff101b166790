using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Reports;

/// <summary>
/// /report: one step with text, or a guided flow whose state is the draft report itself
/// (what → where → when → link → photos → review). /log asks the same, then the category, target and
/// affected country (ReportConversation.Log.cs). /cancel leaves it at any step.
/// </summary>
internal sealed partial class ReportConversation(
    BotDb db, Replies replies, ReportFiling filing, Moderators moderators, BotIdentity identity, IncidentPlaces places, IOptions<ReportOptions> options,
    TimeProvider clock)
{
    public const string Prefix = "dr";

    enum Step { What, Where, When, Link, Photos, Category, Target, Affected, Review }

    // Numbers are button data already sent: new actions go at the end.
    internal enum Action
    {
        Today = 1, Yesterday, NotSure, SkipLink, PhotosDone, Submit, Edit, Cancel, EditWhat, EditWhere, EditWhen, EditLink, EditPhotos,
        Category, NoCategory, SkipTarget, Affected, SkipAffected, PublishNoAlert, EditCategory, EditTarget, EditAffected,
    }

    public async Task Start(Incoming m, bool directLog, CancellationToken ct)
    {
        if (!m.IsPrivate)
        {
            var link = InlineKeyboardButton.WithUrl(m.T["report.open_private"], identity.StartLink("report"));
            await replies.Reply(m.Message, m.T["report.private_only"], new InlineKeyboardMarkup(link), ct);
            return;
        }
        if (m.From is not { } from) return;
        if (await filing.Refusal(from, m.T, ct) is { } refusal)
        {
            await replies.Reply(m.Message, refusal, ct: ct);
            return;
        }
        // A contributor's "/report text" files at once; a moderator's "/log text" still asks where and the
        // category, target and affected country before it publishes.
        if (m.Args.Length > 0 && !directLog)
        {
            await FileInOneStep(m, from, ct);
            return;
        }
        if (m.Args.Length > options.Value.MaxTextLength)
        {
            await replies.Reply(m.Message, TooLong(m.T, m.Args.Length), ct: ct);
            return;
        }
        var draft = await Draft(m.ChatId, from.Id, ct);
        if (draft is null)
        {
            draft = new Report { Id = Numbering.DraftReportId(), ChatId = m.ChatId, ReporterId = from.Id, ReporterName = AuditLog.NameOf(from), LanguageCode = from.LanguageCode, CreatedAt = Now };
            db.Reports.Add(draft);
        }
        draft.DirectLog = directLog;
        if (m.Args.Length > 0) (draft.Text, draft.WhenAnswered, draft.LinkAnswered, draft.PhotosDone, draft.Link) = (m.Args, true, true, true, ReportText.FirstLink(m.Message));
        await db.SaveChangesAsync(ct);
        await Ask(draft, m.T, ct);
    }

    async Task FileInOneStep(Incoming m, User from, CancellationToken ct)
    {
        if (m.Args.Length > options.Value.MaxTextLength)
        {
            await replies.Reply(m.Message, TooLong(m.T, m.Args.Length), ct: ct);
            return;
        }
        var report = new Report
        {
            ChatId = m.ChatId, ReporterId = from.Id, ReporterName = AuditLog.NameOf(from), LanguageCode = from.LanguageCode,
            CreatedAt = Now,
            Text = m.Args, WhenAnswered = true, LinkAnswered = true, PhotosDone = true, Link = ReportText.FirstLink(m.Message),
        };
        db.Reports.Add(report);
        await filing.Submit(report, from, m.T, ct);
    }

    public async Task<bool> Cancel(Incoming m, CancellationToken ct)
    {
        if (m.From is null || await Draft(m.ChatId, m.From.Id, ct) is not { } draft) return false;
        db.Reports.Remove(draft);
        await db.SaveChangesAsync(ct);
        await replies.Reply(m.Message, m.T["report.cancelled"], ct: ct);
        return true;
    }

    /// <summary>A message (text, pin, photo) in a private chat with an open draft; false when there is none.</summary>
    public async Task<bool> OnMessage(Message message, Texts t, CancellationToken ct)
    {
        if (message.From is null || await Draft(message.Chat.Id, message.From.Id, ct) is not { } draft) return false;
        await CheckRights(draft, message.From, ct);
        // Nothing of an image sent as a file is kept, its caption included: the file carries its EXIF (GPS, time, camera).
        var problem = ReportText.IsImageFile(message) ? t["report.image_as_file"] : Apply(draft, message, t);
        await db.SaveChangesAsync(ct);
        if (problem is not null) await replies.Reply(message, problem, ct: ct);
        await Ask(draft, t, ct);
        return true;
    }

    /// <summary>Fills the draft from a message; returns what to tell the person when it could not be used.</summary>
    string? Apply(Report draft, Message message, Texts t)
    {
        if (message.Location is { } pin) (draft.Latitude, draft.Longitude) = (pin.Latitude, pin.Longitude);
        if (message.Photo is { Length: > 0 } sizes)
        {
            if (draft.PhotoIds.Count() >= ReportOptions.MaxPhotos) return t.Plural("report.too_many_photos", ReportOptions.MaxPhotos, ReportOptions.MaxPhotos);
            draft.Photos = string.Join('\n', draft.PhotoIds.Append(sizes.MaxBy(p => p.Width * p.Height)!.FileId));
        }
        if (ReportText.FirstLink(message) is { } link && draft.Link is null) { draft.Link = link; draft.LinkAnswered = true; }
        var text = (message.Text ?? message.Caption)?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        switch (Next(draft))
        {
            case Step.What:
                if (text.Length > options.Value.MaxTextLength) return TooLong(t, text.Length);
                draft.Text = text;
                return null;
            case Step.Where:
                draft.PlaceText = HtmlText.Truncate(text, 200);
                return null;
            case Step.When:
                if (ReportText.ParseWhen(text, Now) is not { } when) return t["report.bad_date"];
                (draft.OccurredOn, draft.Precision, draft.WhenAnswered) = (when.Date, when.Precision, true);
                return null;
            case Step.Link:
                if (IsSkip(text)) { draft.LinkAnswered = true; return null; }
                if (IncidentCards.IsWebLink(text)) { (draft.Link, draft.LinkAnswered) = (text, true); return null; }
                return draft.LinkAnswered ? null : t["report.bad_link"];
            case Step.Photos:
                if (IsSkip(text) || Done.Contains(text.Trim())) draft.PhotosDone = true;
                return null;
            case Step.Category or Step.Target or Step.Affected:
                return AnswerLog(draft, Next(draft), text, t);
            default:
                return message.Photo is null && message.Location is null ? t[draft.DirectLog ? "log.use_buttons" : "report.use_buttons"] : null;
        }
    }

    /// <summary>A press on a draft's button; <paramref name="choice"/> is the category or country a /log button picks.</summary>
    public async Task OnButton(CallbackQuery query, Texts t, long reportId, long action, long? choice, CancellationToken ct)
    {
        var draft = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId && r.ReporterId == query.From.Id && r.State == ReportState.Drafting, ct);
        if (draft is not null) await CheckRights(draft, query.From, ct);
        if (draft is null || !Valid(draft, action, choice))
        {
            await replies.Answer(query, t["button.expired"], ct);
            return;
        }
        await replies.Answer(query, null, ct);
        var today = Now.Date;
        switch ((Action)action)
        {
            case Action.Today: (draft.OccurredOn, draft.Precision, draft.WhenAnswered) = (today, DatePrecision.Day, true); break;
            case Action.Yesterday: (draft.OccurredOn, draft.Precision, draft.WhenAnswered) = (today.AddDays(-1), DatePrecision.Day, true); break;
            case Action.NotSure: (draft.OccurredOn, draft.Precision, draft.WhenAnswered) = (null, null, true); break;
            case Action.SkipLink: draft.LinkAnswered = true; break;
            case Action.PhotosDone: draft.PhotosDone = true; break;
            case Action.Cancel:
                db.Reports.Remove(draft);
                await db.SaveChangesAsync(ct);
                await replies.Send(draft.ChatId, t["report.cancelled"], ct: ct);
                return;
            case Action.Submit or Action.PublishNoAlert:
                if (Next(draft) != Step.Review) break;
                await filing.Submit(draft, query.From, t, ct, alert: (Action)action == Action.Submit);
                return;
            case Action.Edit:
                await replies.Send(draft.ChatId, t["report.edit_which"], EditButtons(draft, t), ct: ct);
                return;
            case Action.EditWhat: draft.Text = null; break;
            case Action.EditWhere: (draft.PlaceText, draft.Latitude, draft.Longitude) = (null, null, null); break;
            case Action.EditWhen: (draft.WhenAnswered, draft.OccurredOn, draft.Precision) = (false, null, null); break;
            case Action.EditLink: (draft.LinkAnswered, draft.Link) = (false, null); break;
            case Action.EditPhotos: (draft.PhotosDone, draft.Photos) = (false, ""); break;
            default: PressLog(draft, (Action)action, choice); break;
        }
        await db.SaveChangesAsync(ct);
        await Ask(draft, t, ct);
    }

    /// <summary>The next question follows from the first missing answer.</summary>
    static Step Next(Report r) => r switch
    {
        { Text: null } => Step.What,
        { HasPlace: false } => Step.Where,
        { WhenAnswered: false } => Step.When,
        { LinkAnswered: false } => Step.Link,
        { PhotosDone: false } => Step.Photos,
        { DirectLog: true, CategoryAnswered: false } => Step.Category,
        { DirectLog: true, TargetAnswered: false } => Step.Target,
        { DirectLog: true, AffectedAnswered: false } => Step.Affected,
        _ => Step.Review,
    };

    Task Ask(Report draft, Texts t, CancellationToken ct) => Next(draft) switch
    {
        Step.What => replies.Send(draft.ChatId, t.Plural(draft.DirectLog ? "log.ask_what" : "report.ask_what", options.Value.MaxTextLength, options.Value.MaxTextLength), ct: ct),
        Step.Where => replies.Send(draft.ChatId, t.Format("report.ask_where", options.Value.PublishedCoordinateKm), ct: ct),
        Step.When => replies.Send(draft.ChatId, t["report.ask_when"], Buttons(draft, t, ("report.today", Action.Today), ("report.yesterday", Action.Yesterday), ("report.not_sure", Action.NotSure)), ct: ct),
        Step.Link => replies.Send(draft.ChatId, t["report.ask_link"], Buttons(draft, t, ("report.skip", Action.SkipLink)), ct: ct),
        Step.Photos => replies.Send(draft.ChatId, t.Plural("report.ask_photos", ReportOptions.MaxPhotos, ReportOptions.MaxPhotos, draft.PhotoIds.Count()), Buttons(draft, t, ("report.done", Action.PhotosDone)), ct: ct),
        Step.Category or Step.Target or Step.Affected => AskLog(draft, Next(draft), t, ct),
        _ when draft.DirectLog => replies.Send(draft.ChatId, ReportText.Review(draft, t, ReportFiling.Draft(draft, Now, places, options.Value.PublishedCoordinateKm)), LogReviewButtons(draft, t), ct: ct),
        _ => replies.Send(draft.ChatId, ReportText.Review(draft, t), Buttons(draft, t, ("report.submit", Action.Submit), ("report.edit", Action.Edit), ("report.cancel", Action.Cancel)), ct: ct),
    };

    string TooLong(Texts t, int length) =>
        t.Format("report.too_long", t.Count("count.characters", length), t.Count("count.characters", options.Value.MaxTextLength));

    static InlineKeyboardMarkup Buttons(Report draft, Texts t, params (string Key, Action Action)[] buttons) => new(Row(draft, t, buttons));

    static InlineKeyboardButton[] Row(Report draft, Texts t, params (string Key, Action Action)[] buttons) =>
        [.. buttons.Select(b => Button(draft, t[b.Key], b.Action))];

    static InlineKeyboardButton Button(Report draft, string label, Action action, long? choice = null) =>
        InlineKeyboardButton.WithCallbackData(label, choice is { } c
            ? CallbackData.Format(Prefix, draft.Id, (long)action, c)
            : CallbackData.Format(Prefix, draft.Id, (long)action));

    static InlineKeyboardMarkup EditButtons(Report draft, Texts t)
    {
        List<InlineKeyboardButton[]> rows =
        [
            Row(draft, t, ("report.field_what", Action.EditWhat), ("report.field_where", Action.EditWhere), ("report.field_when", Action.EditWhen)),
            Row(draft, t, ("report.field_link", Action.EditLink), ("report.field_photos", Action.EditPhotos)),
        ];
        if (draft.DirectLog)
            rows.Add(Row(draft, t, ("log.field_category", Action.EditCategory), ("log.field_target", Action.EditTarget), ("log.field_affected", Action.EditAffected)));
        return new InlineKeyboardMarkup(rows);
    }

    Task<Report?> Draft(long chatId, long userId, CancellationToken ct) =>
        db.Reports.FirstOrDefaultAsync(r => r.ChatId == chatId && r.ReporterId == userId && r.State == ReportState.Drafting, ct);

    // What the buttons say may also be typed, in any of the bot's languages.
    static readonly HashSet<string> Skip = Typed("-", "skip", "report.skip"), Done = Typed("done", "report.done"), NotSure = Typed("not sure", "report.not_sure");

    static HashSet<string> Typed(params string[] wordsThenKey) =>
        new([.. wordsThenKey[..^1], .. Localizer.InEveryLanguage(wordsThenKey[^1])], StringComparer.OrdinalIgnoreCase);

    static bool IsSkip(string text) => Skip.Contains(text.Trim());

    DateTime Now => clock.GetUtcNow().UtcDateTime;
}
