using IncidentBot.Incidents.Places;
using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentBot.Incidents;
using Microsoft.EntityFrameworkCore;

namespace IncidentBot.Data;

/// <summary>Imports the documented strikes on first start, so a new install is never empty.</summary>
internal static class SeedImport
{
    const string Resource = "IncidentBot.Data.Seed.incidents.json";
    const string TranslationsResource = "IncidentBot.Data.Seed.translations.json";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<int> ImportIfEmpty(BotDb db, Gazetteer places, DateTime now, CancellationToken ct)
    {
        if (await db.Incidents.AnyAsync(ct)) return 0;
        var incidents = Load();
        var translations = LoadTranslations();
        foreach (var (incident, translated) in incidents.Zip(translations))
            foreach (var (language, fields) in translated)
                foreach (var (field, value) in fields)
                    if (IncidentFields.SetTranslation(incident, field, language, value) is { } error)
                        throw new InvalidOperationException($"The embedded seed translation {field}@{language} is refused: {error}.");
        foreach (var incident in incidents)
        {
            incident.OccurredOn = DateTime.SpecifyKind(incident.OccurredOn, DateTimeKind.Utc);
            incident.CreatedAt = incident.UpdatedAt = now;
            incident.Alerted = false; // the record's history, not news: a later correction alerts nobody
            incident.Grade = Grades.Derive(incident.Sources, new Dictionary<long, long>()); // each rests on one outlet's account: reported
            // The gazetteer's entry for where the source places it; the source's own wording stays as written.
            if ((incident.Place ?? incident.Region) is { } where)
                incident.PlaceId = places.Resolve(incident.Country == "unknown" ? where : $"{where}, {incident.Country}").Place?.Id;
        }
        db.Incidents.AddRange(incidents);
        await db.SaveChangesAsync(ct);
        return incidents.Count;
    }

    public static List<Incident> Load()
    {
        using var stream = typeof(SeedImport).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded seed {Resource} is missing from the build.");
        return JsonSerializer.Deserialize<SeedFile>(stream, Json)?.Incidents
            ?? throw new InvalidOperationException("The embedded seed has no incidents.");
    }

    /// <summary>The seed's translations, in the seed's order: language → field → text.</summary>
    public static List<Dictionary<string, Dictionary<string, string>>> LoadTranslations()
    {
        using var stream = typeof(SeedImport).Assembly.GetManifestResourceStream(TranslationsResource)
            ?? throw new InvalidOperationException($"Embedded seed {TranslationsResource} is missing from the build.");
        return JsonSerializer.Deserialize<TranslationsFile>(stream, Json)?.Translations
            ?? throw new InvalidOperationException("The embedded seed translations are empty.");
    }

    sealed record SeedFile(List<Incident> Incidents);

    sealed record TranslationsFile(List<Dictionary<string, Dictionary<string, string>>> Translations);
}
