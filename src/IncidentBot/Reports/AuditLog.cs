using IncidentBot.Data;
using global::Telegram.Bot.Types;

namespace IncidentBot.Reports;

/// <summary>Adds audit entries to the caller's unit of work, so the entry and the change commit together.</summary>
internal sealed class AuditLog(BotDb db, TimeProvider clock)
{
    public void Record(User actor, string action, long? reportId = null, long? incidentId = null, long? subjectUserId = null,
        string? field = null, string? before = null, string? after = null) =>
        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, ActorId = actor.Id, ActorName = NameOf(actor), Action = action,
            ReportId = reportId, IncidentId = incidentId, SubjectUserId = subjectUserId, Field = field,
            Before = Cut(before), After = Cut(after),
        });

    /// <summary>
    /// The person of an entry or report whose person asked to be forgotten (/forgetme): no id, no name. Never a Telegram
    /// user id, and not 0 either: 0 is the bot itself (the seed correction's entries).
    /// </summary>
    public const long Removed = -1;

    /// <summary>An entry with no actor: what /forgetme did, on the person's own request, without naming them.</summary>
    public void RecordRemoved(string action, long? reportId = null, long? incidentId = null, string? field = null, string? before = null, string? after = null) =>
        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, ActorId = Removed, ActorName = "", Action = action,
            ReportId = reportId, IncidentId = incidentId, Field = field, Before = before, After = after,
        });

    public static string NameOf(User user)
    {
        var name = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        name = name.Length == 0 ? $"user {user.Id}" : name;
        return user.Username is { Length: > 0 } u ? $"{name} (@{u})" : name;
    }

    // Never half a surrogate pair: SQLite stores text as UTF-8, where a lone half becomes U+FFFD.
    static string? Cut(string? value) =>
        value is { Length: > 2000 } ? value[..(char.IsHighSurrogate(value[1999]) ? 1999 : 2000)] : value;
}
