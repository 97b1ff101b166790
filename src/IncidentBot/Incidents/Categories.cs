using IncidentBot.Localization;

namespace IncidentBot.Incidents;

/// <summary>
/// A target category from what people type: its name, or a word for what was hit ("embassy" is diplomatic,
/// "refinery" energy, "airport" civil aviation), in English, Ukrainian, Russian and Azerbaijani. One reader for
/// /subscribe, /edit and /correct.
/// </summary>
internal static class Categories
{
    static readonly Dictionary<string, TargetCategory> Words = Build(new()
    {
        [TargetCategory.Diplomatic] = ["diplomatic", "embassy", "embassies", "consulate", "consulates", "honorary consulate", "diplomatic mission", "mission",
            "дипломатичний", "дипломатичні", "посольство", "консульство", "дипломатический", "дипломатические", "diplomatik", "diplomatik missiya", "səfirlik", "konsulluq"],
        [TargetCategory.Energy] = ["energy", "refinery", "fuel", "fuel depot", "oil", "gas", "oil depot", "power plant", "power station", "substation", "pipeline",
            "енергетика", "нафтобаза", "нпз", "електростанція", "энергетика", "нефтебаза", "электростанция", "enerji", "neft", "yanacaq"],
        [TargetCategory.Aviation] = ["aviation", "civil aviation", "airline", "airport", "aircraft", "plane", "airliner", "flight",
            "авіація", "аеропорт", "літак", "авиация", "аэропорт", "самолет", "самолёт", "aviasiya", "hava limanı", "təyyarə"],
        [TargetCategory.Civilian] = ["civilian", "civilians", "residential", "housing", "цивільні", "житловий", "гражданские", "жилой", "mülki", "yaşayış"],
        [TargetCategory.Infrastructure] = ["infrastructure", "bridge", "railway", "port", "інфраструктура", "инфраструктура", "infrastruktur", "körpü", "dəmir yolu", "liman"],
        [TargetCategory.Military] = ["military", "army", "військовий", "військові", "военный", "военные", "hərbi", "ordu"],
        [TargetCategory.Other] = ["other", "інше", "другое", "digər"],
    });

    public static TargetCategory? Parse(string text) => Words.TryGetValue(Normal(text), out var category) ? category : null;

    // Apostrophes come in three shapes on phones: об'єкти, об’єкти, обʼєкти.
    static string Normal(string text) => text.Trim().ToLowerInvariant().Replace('’', '\'').Replace('ʼ', '\'');

    /// <summary>Every word that means a category, for "Did you mean …?".</summary>
    public static IEnumerable<(string Word, TargetCategory Category)> All => Words.Select(w => (w.Key, w.Value));

    /// <summary>The words above, and each category's label in every language the bot speaks (what people see on its buttons).</summary>
    static Dictionary<string, TargetCategory> Build(Dictionary<TargetCategory, string[]> words)
    {
        var all = words.SelectMany(w => w.Value.Select(word => (Word: word, Category: w.Key))).ToDictionary(w => w.Word, w => w.Category);
        foreach (var category in Enum.GetValues<TargetCategory>())
            foreach (var label in Localizer.InEveryLanguage($"category.{category}"))
                all.TryAdd(Normal(label), category);
        return all;
    }
}
