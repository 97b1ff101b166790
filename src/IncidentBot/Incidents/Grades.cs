using IncidentBot.Localization;

namespace IncidentBot.Incidents;

/// <summary>How sure the record is of an incident, least sure first (the order is compared: a grade "rises").</summary>
internal enum Grade { Reported, Corroborated, Confirmed }

/// <summary>
/// An incident's grade from its sources: confirmed when one is an official statement; corroborated when at least two
/// are independent; else reported. Sources that share an origin are one account, not two: the same outlet (by its
/// link's publisher or its name), the same person (all the reports of one contributor), the same report (a
/// contributor's line and the link they sent with it). One reader of grade words for /subscribe, /edit and /correct.
/// </summary>
internal static class Grades
{
    /// <param name="reporters">Who filed each report the sources came with: report id → person.</param>
    public static Grade Derive(IEnumerable<IncidentSource> sources, IReadOnlyDictionary<long, long> reporters)
    {
        var all = sources.ToList();
        if (all.Any(s => s.Kind == SourceKind.Official)) return Grade.Confirmed;
        // Accounts: sets of origins; a source joins (and merges) every account it shares an origin with.
        var accounts = new List<HashSet<string>>();
        foreach (var origins in all.Select(s => Origins(s, reporters).ToHashSet()))
        {
            foreach (var shared in accounts.Where(a => a.Overlaps(origins)).ToList())
            {
                origins.UnionWith(shared);
                accounts.Remove(shared);
            }
            accounts.Add(origins);
        }
        return accounts.Count >= 2 ? Grade.Corroborated : Grade.Reported;
    }

    static IEnumerable<string> Origins(IncidentSource s, IReadOnlyDictionary<long, long> reporters)
    {
        if (s.ReportId is { } report)
        {
            yield return $"report:{report}";
            if (reporters.TryGetValue(report, out var person)) yield return $"person:{person}";
        }
        if (s.Kind != SourceKind.Contributor) yield return "outlet:" + Publisher(s);
    }

    // Platforms where the account, not the site, is the publisher: t.me/kyivindependent and t.me/rian_ru are two outlets.
    static readonly HashSet<string> Platforms =
        ["t.me", "telegram.me", "x.com", "twitter.com", "facebook.com", "instagram.com", "youtube.com", "tiktok.com", "threads.net"];

    static readonly HashSet<string> SecondLevel = ["co", "com", "gov", "org", "net", "ac", "edu", "gv", "in"];

    /// <summary>
    /// Who published it, comparable between a link and a bare name: "https://www.themoscowtimes.com/…" and "The Moscow
    /// Times" are both "moscowtimes"; "mfa.gov.az" is "mfa"; a platform's account counts as its own publisher.
    /// </summary>
    public static string Publisher(IncidentSource s)
    {
        if (!Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return Compact(s.Name);
        var host = uri.Host.ToLowerInvariant();
        foreach (var prefix in new[] { "www.", "m.", "mobile.", "amp." })
            if (host.StartsWith(prefix, StringComparison.Ordinal)) host = host[prefix.Length..];
        if (Platforms.Contains(host))
            return host + "/" + (uri.Segments.Skip(1).FirstOrDefault()?.Trim('/').ToLowerInvariant() ?? "");
        var labels = host.Split('.');
        // "bbc.co.uk", "mfa.gov.az": the name sits before a second-level domain under a country code.
        var name = labels.Length >= 3 && labels[^1].Length == 2 && SecondLevel.Contains(labels[^2]) ? labels[^3]
            : labels.Length >= 2 ? labels[^2] : labels[0];
        return Compact(name);
    }

    /// <summary>Letters and digits only, lower case, without a leading "the".</summary>
    static string Compact(string name)
    {
        var compact = new string([.. name.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
        return compact.StartsWith("the", StringComparison.Ordinal) && compact.Length > 3 ? compact[3..] : compact;
    }

    /// <summary>A grade from what people type: its English name or its label in any language the bot speaks, and a few short forms.</summary>
    public static Grade? Parse(string text) => Words.TryGetValue(text.Trim().ToLowerInvariant().Replace('ё', 'е'), out var grade) ? grade : null;

    static readonly Dictionary<string, Grade> Words = Build(new()
    {
        [Grade.Reported] = ["reported", "повідомлено", "сообщено"],
        [Grade.Corroborated] = ["corroborated", "перевірені", "перехресно перевірені", "проверенные", "перекрестно проверенные", "çarpaz yoxlanılmış"],
        [Grade.Confirmed] = ["confirmed", "підтверджені", "подтвержденные", "təsdiq olunmuş", "təsdiqlənmiş"],
    });

    static Dictionary<string, Grade> Build(Dictionary<Grade, string[]> words)
    {
        var all = words.SelectMany(w => w.Value.Select(word => (Word: word, Grade: w.Key))).ToDictionary(w => w.Word, w => w.Grade);
        foreach (var grade in Enum.GetValues<Grade>())
            foreach (var label in Localizer.InEveryLanguage($"grade.{grade}"))
                all.TryAdd(label.ToLowerInvariant().Replace('ё', 'е'), grade);
        return all;
    }
}
