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
            "дипломатичний", "посольство", "консульство", "дипломатический", "diplomatik", "səfirlik", "konsulluq"],
        [TargetCategory.Energy] = ["energy", "refinery", "fuel", "fuel depot", "oil", "gas", "oil depot", "power plant", "power station", "substation", "pipeline",
            "енергетика", "нафтобаза", "нпз", "електростанція", "энергетика", "нефтебаза", "электростанция", "enerji", "neft", "yanacaq"],
        [TargetCategory.Aviation] = ["aviation", "civil aviation", "airline", "airport", "aircraft", "plane", "airliner", "flight",
            "авіація", "аеропорт", "літак", "авиация", "аэропорт", "самолет", "самолёт", "aviasiya", "hava limanı", "təyyarə"],
        [TargetCategory.Civilian] = ["civilian", "civilians", "residential", "housing", "цивільні", "житловий", "гражданские", "жилой", "mülki"],
        [TargetCategory.Infrastructure] = ["infrastructure", "bridge", "railway", "port", "інфраструктура", "инфраструктура", "infrastruktur"],
        [TargetCategory.Military] = ["military", "army", "військовий", "военный", "hərbi"],
        [TargetCategory.Other] = ["other", "інше", "другое", "digər"],
    });

    public static TargetCategory? Parse(string text) => Words.TryGetValue(text.Trim().ToLowerInvariant(), out var category) ? category : null;

    /// <summary>Every word that means a category, for "Did you mean …?".</summary>
    public static IEnumerable<(string Word, TargetCategory Category)> All => Words.Select(w => (w.Key, w.Value));

    static Dictionary<string, TargetCategory> Build(Dictionary<TargetCategory, string[]> words) =>
        words.SelectMany(w => w.Value.Select(word => (word, w.Key))).ToDictionary(w => w.word, w => w.Key);
}
