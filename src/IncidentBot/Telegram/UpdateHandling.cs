using System.Text.Json;
using IncidentBot.Data;
using IncidentBot.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot.Types;

namespace IncidentBot.Telegram;

/// <summary>
/// Handles one inbox row in its own DI scope. The row is marked handled in the same DbContext the
/// feature saves through, so a feature's effects and "done" commit together: a crash before the
/// commit replays the update, a crash after it never repeats the effect.
/// </summary>
internal sealed class UpdateHandling(IServiceScopeFactory scopes, BotMetrics metrics, TimeProvider clock, ILogger<UpdateHandling> log)
{
    public async Task Handle(long seq, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        var row = await db.Inbox.FirstOrDefaultAsync(i => i.Seq == seq, ct);
        if (row is null || row.HandledAt is not null) return;

        var (update, unreadable) = Read(row);
        row.HandledAt = clock.GetUtcNow().UtcDateTime;
        if (update is null) { row.Unreadable = unreadable; await db.SaveChangesAsync(ct); return; }

        var router = scope.ServiceProvider.GetRequiredService<UpdateRouter>();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await router.Route(update, ct);
            await db.SaveChangesAsync(ct);
            metrics.UpdateHandled(System.Diagnostics.Stopwatch.GetElapsedTime(started), failed: false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (Exception e)
        {
            log.LogError(e, "Update {UpdateId} ({UpdateType}) failed in its handler", update.Id, update.Type);
            metrics.UpdateHandled(System.Diagnostics.Stopwatch.GetElapsedTime(started), failed: true);
            await MarkFailed(seq, e, ct);
            await router.Apologise(update, ct);
        }
    }

    // Rows are checked when stored; this catches a payload stored before that check, or one a newer
    // Telegram.Bot reads differently. Marked handled either way, so it never comes round again.
    (Update?, string?) Read(InboxUpdate row)
    {
        (Update? Update, string? Unreadable) read;
        try
        {
            using var json = JsonDocument.Parse(row.Payload);
            read = RawUpdate.Parse(json.RootElement);
        }
        catch (JsonException e) { read = (null, "the stored payload is not JSON: " + e.Message); }
        if (read.Update is null)
            log.LogWarning("Update {UpdateId} could not be read back from the inbox; skipped: {Reason}", row.UpdateId, read.Unreadable);
        return read;
    }

    // A fresh context: the failed handler's half-made changes must not be saved with the mark.
    async Task MarkFailed(long seq, Exception e, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDb>();
        await db.Inbox.Where(i => i.Seq == seq).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.HandledAt, clock.GetUtcNow().UtcDateTime)
            .SetProperty(i => i.Error, e.GetType().Name + ": " + HtmlText.Truncate(e.Message, 500)), ct);
    }
}
