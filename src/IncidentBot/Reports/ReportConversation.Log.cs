using IncidentBot.Incidents;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Reports;

/// <summary>
/// The questions only a /log asks, after the photos: the target's category, the target, the affected
/// country. A contributor never reaches them (moderators set these on a report's card): they follow from
/// <see cref="Report.DirectLog"/>, which only a moderator's /log sets and which is dropped once its author
/// is no longer a moderator, and their buttons are refused on any other draft.
/// </summary>
internal sealed partial class ReportConversation
{
    static readonly TargetCategory[] Categories = Enum.GetValues<TargetCategory>();

    /// <summary>One-tap affected countries, stored as named here (subscriptions match the name, any case).</summary>
    internal static readonly string[] AffectedChoices = ["Ukraine", "Azerbaijan"];

    Task AskLog(Report draft, Step step, Texts t, CancellationToken ct) => step switch
    {
        Step.Category => replies.Send(draft.ChatId, t["log.ask_category"], CategoryButtons(draft, t), ct: ct),
        Step.Target => replies.Send(draft.ChatId, t["log.ask_target"], Buttons(draft, t, ("report.skip", Action.SkipTarget)), ct: ct),
        _ => replies.Send(draft.ChatId, t["log.ask_affected"], AffectedButtons(draft, t), ct: ct),
    };

    /// <summary>Rights are checked on every action: a /log whose author is no longer a moderator goes on as a report.</summary>
    async Task CheckRights(Report draft, User user, CancellationToken ct)
    {
        if (draft.DirectLog && !await moderators.IsModerator(user, ct)) draft.DirectLog = false;
    }

    /// <summary>Button data is a claim: an action is taken only on a draft and at a step where it was offered.</summary>
    static bool Valid(Report draft, long action, long? choice)
    {
        var log = draft.DirectLog;
        var step = Next(draft);
        return (Action)action switch
        {
            _ when action is < 1 or > int.MaxValue || !Enum.IsDefined((Action)action) => false,
            Action.Category => log && step == Step.Category && choice is { } c && c >= 0 && c < Categories.Length,
            Action.Affected => log && step == Step.Affected && choice is { } a && a >= 0 && a < AffectedChoices.Length,
            _ when choice is not null => false,
            Action.NoCategory => log && step == Step.Category,
            Action.SkipTarget => log && step == Step.Target,
            Action.SkipAffected => log && step == Step.Affected,
            Action.PublishNoAlert or Action.EditCategory or Action.EditTarget or Action.EditAffected => log,
            _ => true,
        };
    }

    /// <summary>A typed answer to a /log question; returns what to tell the moderator when it could not be used.</summary>
    static string? AnswerLog(Report draft, Step step, string text, Texts t)
    {
        var skip = IsSkip(text);
        switch (step)
        {
            case Step.Category:
                if (skip || NotSure.Contains(text.Trim())) (draft.Category, draft.CategoryAnswered) = (null, true);
                else if (IncidentBot.Incidents.Categories.Parse(text) is { } category) (draft.Category, draft.CategoryAnswered) = (category, true);
                else return t["log.bad_category"];
                return null;
            case Step.Target:
                (draft.Target, draft.TargetAnswered) = (skip ? null : HtmlText.Truncate(text, 200), true);
                return null;
            default:
                (draft.AffectedCountry, draft.AffectedAnswered) = (skip ? null : HtmlText.Truncate(text, 100), true);
                return null;
        }
    }

    /// <summary>A /log button, already checked by <see cref="Valid"/>.</summary>
    static void PressLog(Report draft, Action action, long? choice)
    {
        switch (action)
        {
            case Action.Category: (draft.Category, draft.CategoryAnswered) = (Categories[choice!.Value], true); break;
            case Action.NoCategory: (draft.Category, draft.CategoryAnswered) = (null, true); break;
            case Action.SkipTarget: (draft.Target, draft.TargetAnswered) = (null, true); break;
            case Action.Affected: (draft.AffectedCountry, draft.AffectedAnswered) = (AffectedChoices[choice!.Value], true); break;
            case Action.SkipAffected: (draft.AffectedCountry, draft.AffectedAnswered) = (null, true); break;
            case Action.EditCategory: (draft.Category, draft.CategoryAnswered) = (null, false); break;
            case Action.EditTarget: (draft.Target, draft.TargetAnswered) = (null, false); break;
            case Action.EditAffected: (draft.AffectedCountry, draft.AffectedAnswered) = (null, false); break;
        }
    }

    /// <summary>One button per category, labelled as cards name it, two to a row, then "Not sure".</summary>
    static InlineKeyboardMarkup CategoryButtons(Report draft, Texts t)
    {
        var buttons = Categories.Select((c, i) => Button(draft, Capitalized(t[$"category.{c}"]), Action.Category, i))
            .Append(Button(draft, t["report.not_sure"], Action.NoCategory));
        return new InlineKeyboardMarkup(buttons.Chunk(2));
    }

    static InlineKeyboardMarkup AffectedButtons(Report draft, Texts t) => new(
    [
        [.. AffectedChoices.Select((country, i) => Button(draft, t[$"log.affected.{country}"], Action.Affected, i))],
        Row(draft, t, ("report.skip", Action.SkipAffected)),
    ]);

    static InlineKeyboardMarkup LogReviewButtons(Report draft, Texts t) => new(
    [
        Row(draft, t, ("report.submit", Action.Submit), ("report.edit", Action.Edit), ("report.cancel", Action.Cancel)),
        Row(draft, t, ("mod.approve_no_alert", Action.PublishNoAlert)),
    ]);

    // The app runs with invariant globalization: no culture's casing rules to follow.
    static string Capitalized(string label) => label.Length == 0 ? label : label[..1].ToUpperInvariant() + label[1..];
}
