namespace IncidentBot.Localization;

/// <summary>
/// CLDR's plural categories for whole numbers in the bot's languages: Ukrainian and Russian have
/// one / few / many (1 звіт, 2 звіти, 5 звітів, 11 звітів, 21 звіт), English and Azerbaijani one / other.
/// A language without a rule here takes English's.
/// </summary>
internal static class Plurals
{
    /// <summary>The categories a language's plural strings must all have.</summary>
    public static IReadOnlyList<string> Categories(string language) => language switch
    {
        "uk" or "ru" => ["one", "few", "many"],
        _ => ["one", "other"],
    };

    public static string Category(string language, long count)
    {
        var n = Math.Abs(count);
        switch (language)
        {
            case "uk" or "ru":
                var (ten, hundred) = (n % 10, n % 100);
                if (ten == 1 && hundred != 11) return "one";
                if (ten is >= 2 and <= 4 && hundred is not (>= 12 and <= 14)) return "few";
                return "many";
            default:
                return n == 1 ? "one" : "other";
        }
    }
}
