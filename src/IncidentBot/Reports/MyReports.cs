using IncidentBot.Data;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Reports;

/// <summary>/myreports: what became of each report, with the moderator's reason for a rejection.</summary>
internal sealed class MyReports(BotDb db, Replies replies)
{
    const int Shown = 20;

    public async Task Show(Incoming m, CancellationToken ct)
    {
        if (m.From is null) return;
        var reports = await db.Reports.Where(r => r.ReporterId == m.From.Id && r.State != ReportState.Drafting)
            .OrderByDescending(r => r.Id).Take(Shown).ToListAsync(ct);
        if (reports.Count == 0) { await replies.Reply(m.Message, m.T["myreports.none"], ct: ct); return; }
        var lines = reports.Select(r => m.T.Format($"myreports.{r.State}", r.Id, HtmlText.Plain(r.Text, 60), r.IncidentId, HtmlText.Plain(r.Reason, 300)));
        await replies.Reply(m.Message, HtmlText.JoinWithin([m.T["myreports.header"], .. lines]), ct: ct);
    }
}
