using System.Globalization;

namespace IncidentBot.Telegram;

/// <summary>
/// Button data: a short prefix and numbers only, far below Telegram's 64 bytes. Anything a client
/// sends back is untrusted: Parse accepts exactly what Format writes, nothing else.
/// </summary>
internal readonly record struct CallbackData(string Prefix, long[] Ids)
{
    public const int MaxBytes = 64;

    public static string Format(string prefix, params long[] ids) =>
        ids.Length == 0 ? prefix : prefix + ":" + string.Join(':', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    public static CallbackData? Parse(string? data)
    {
        if (string.IsNullOrEmpty(data) || data.Length > MaxBytes) return null;
        var parts = data.Split(':');
        if (parts[0].Length is 0 or > 8 || !parts[0].All(char.IsAsciiLetterLower)) return null;
        var ids = new long[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
            if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ids[i - 1]))
                return null;
        return new CallbackData(parts[0], ids);
    }
}
