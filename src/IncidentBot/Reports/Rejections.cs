using IncidentBot.Localization;

namespace IncidentBot.Reports;

/// <summary>
/// A rejection's reason, and whether it counts against the reporter (<see cref="Standing"/>): spam and false reports
/// do. Typed, they are the words <c>spam</c> and <c>false</c> first (<c>/reject #12 false the photo is from 2019</c>),
/// like the field names of /edit, Latin in every language; on the card, the buttons for those reasons.
/// </summary>
internal static class Rejections
{
    public static (RejectionKind? Kind, string Reason) Read(string text, Texts t)
    {
        text = text.Trim();
        var space = text.IndexOfAny([' ', '\n', '\t']);
        var (word, rest) = space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
        RejectionKind? kind = word.ToLowerInvariant() switch { "spam" => RejectionKind.Spam, "false" => RejectionKind.False, _ => null };
        if (kind is not { } k) return (null, text);
        var label = t[Key(k)];
        return (k, rest.Length == 0 ? label : $"{label}: {rest}");
    }

    /// <summary>The kind a Reject button's reason stands for, if it counts against the reporter.</summary>
    public static RejectionKind? OfReasonKey(string key) =>
        Enum.GetValues<RejectionKind>().Cast<RejectionKind?>().FirstOrDefault(k => Key(k!.Value) == key);

    static string Key(RejectionKind kind) => kind == RejectionKind.Spam ? "reason.spam" : "reason.false";
}
