using IncidentBot.Data;
using IncidentBot.Telegram;

namespace IncidentBot.Reports;

/// <summary>/pause reports, /resume reports and /unpause: the moderators' side of <see cref="ReportPauses"/>.</summary>
internal sealed class PauseCommands(BotDb db, ReportPauses pauses, Moderators moderators, Replies replies)
{
    public async Task Pause(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        if (!IsReports(m.Args)) { await replies.Reply(m.Message, m.T["mod.usage_pause"], ct: ct); return; }
        if (await pauses.PauseAll(m.From!, ct)) { await replies.Reply(m.Message, m.T["mod.reports_paused"], ct: ct); return; }
        var since = await pauses.AllPaused(ct);
        await replies.Reply(m.Message, m.T.Format("mod.reports_already_paused", since?.ByName ?? "?"), ct: ct);
    }

    public async Task Resume(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        if (!IsReports(m.Args)) { await replies.Reply(m.Message, m.T["mod.usage_resume"], ct: ct); return; }
        await replies.Reply(m.Message, m.T[await pauses.ResumeAll(m.From!, ct) ? "mod.reports_resumed" : "mod.reports_not_paused"], ct: ct);
    }

    /// <summary>/unpause 123456 or /unpause #12 (that report's author): lets a paused contributor report again.</summary>
    public async Task Unpause(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        if (await ModerationCommands.Person(db, m.Args.Trim(), ct) is not { } id) { await replies.Reply(m.Message, m.T["mod.usage_unpause"], ct: ct); return; }
        await replies.Reply(m.Message, m.T.Format(await pauses.Lift(m.From!, id, ct) ? "mod.unpaused" : "mod.not_paused", id), ct: ct);
    }

    static bool IsReports(string args) => args.Trim().Equals(ReportPauses.Reports, StringComparison.OrdinalIgnoreCase);

    async Task<bool> Allowed(Incoming m, CancellationToken ct)
    {
        if (await moderators.IsModerator(m.From, ct)) return true;
        await replies.Reply(m.Message, m.T["mod.not_allowed"], ct: ct);
        return false;
    }
}
