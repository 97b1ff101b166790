using IncidentBot.Incidents;
using IncidentBot.Reports;
using Microsoft.EntityFrameworkCore;
using global::Telegram.Bot.Types;

namespace IncidentBot.Data;

/// <summary>
/// The first seed said more than its source: it named Russia, "not acknowledged", for three strikes the article attributes
/// to no one, recorded "no injuries were reported" as a count of 0, and called the Azerbaijan Airlines aircraft a
/// passenger aircraft. An install seeded then is brought to the corrected seed at start-up: each of those fields still
/// holding the first seed's value is set to the corrected one, translations included, audited as the bot's correction.
/// Only on seed rows nobody ever touched (no audit entry but the bot's own): what a moderator decided stands.
/// Idempotent: a corrected field no longer holds the old value.
/// No subscriber is told: the seed was imported without alerts, so no chat holds an alert to correct; the change
/// shows in /audit, in the card, and in the exports' updated_at and the feed's updated entry.
/// </summary>
internal static class SeedCorrection
{
    /// <summary>Who the audit names for what the bot changes by itself (Telegram user ids are positive).</summary>
    public static readonly User Bot = new() { Id = 0, FirstName = "IncidentBot" };

    public const string Action = "seed_correct";

    /// <summary>The first seed's values, by the seed's index: each field as <see cref="IncidentFields.Get"/> reads it.</summary>
    static readonly (int Seed, string Field, string? Was)[] FirstSeed =
    [
        .. Unattributed(0),
        (2, "target", "Azerbaijan Airlines passenger aircraft"),
        .. Unattributed(3),
        .. Unattributed(4),
        (5, "injured", "0"),
    ];

    static (int, string, string?)[] Unattributed(int seed) =>
        [(seed, "attribution", "Russia"), (seed, "acknowledged", "False"), (seed, "attributionnote", null)];

    /// <summary>Corrects what is left of the first seed; returns how many fields changed.</summary>
    public static async Task<int> Apply(BotDb db, AuditLog audit, DateTime now, CancellationToken ct)
    {
        var seed = SeedImport.Load();
        var translations = SeedImport.LoadTranslations();
        var changed = 0;
        foreach (var group in FirstSeed.GroupBy(f => f.Seed))
        {
            var corrected = seed[group.Key];
            var target = group.FirstOrDefault(f => f.Field == "target").Was ?? corrected.Target;
            foreach (var incident in await Untouched(db, corrected, target, ct))
            {
                foreach (var (_, field, was) in group.Where(f => IncidentFields.Get(incident, f.Field) == f.Was))
                {
                    var value = IncidentFields.Get(corrected, field);
                    // The seed corrects no coordinates: the grid size is not used.
                    if (IncidentFields.Set(incident, field, value ?? "-", now, new Reports.ReportOptions().PublishedCoordinateKm) is { } refused)
                        throw new InvalidOperationException($"The seed's {field} is refused: {refused}.");
                    foreach (var (language, fields) in translations[group.Key])
                        if (fields.TryGetValue(field, out var text)) IncidentFields.SetTranslation(incident, field, language, text);
                    audit.Record(Bot, Action, incidentId: incident.Id, field: field, before: was, after: value);
                    incident.UpdatedAt = now;
                    changed++;
                }
            }
        }
        if (changed > 0) await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>The rows this seed entry was imported as (same day, target and source) that no person has audited anything on.</summary>
    static async Task<List<Incident>> Untouched(BotDb db, Incident seed, string target, CancellationToken ct)
    {
        var day = DateTime.SpecifyKind(seed.OccurredOn, DateTimeKind.Utc);
        var source = seed.Sources[0].Name;
        var rows = await db.Incidents.Include(i => i.Sources)
            .Where(i => i.Status != IncidentStatus.Draft && i.OccurredOn == day && i.Target == target)
            .Where(i => !db.Audit.Any(a => a.IncidentId == i.Id && a.ActorId != Bot.Id))
            .ToListAsync(ct);
        return [.. rows.Where(i => i.Precision == seed.Precision && i.Sources.Any(s => s.Name == source))];
    }
}
