using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace IncidentBot;

/// <summary>A setting that stops start-up; its message is one line naming the key and never its value.</summary>
internal sealed class SettingsException(string message) : Exception(message);

/// <summary>
/// Checks the raw configuration before anything binds it, so a bad value gives one clear line
/// instead of a binder stack trace. Secrets are never echoed back.
/// </summary>
internal static partial class StartupSettings
{
    public const string DefaultConnectionString = "Data Source=incidentbot.db";

    public static void Check(IConfiguration config, bool consoleMode)
    {
        if (!consoleMode) CheckToken(config["Telegram:BotToken"]);
        CheckUrl(config["Telegram:ApiBaseUrl"]);
        CheckConnectionString(config.GetConnectionString("IncidentBot"));
        ModeratorIds(config);
        CheckId(config["Moderation:ChatId"], "Moderation:ChatId", "a chat id such as -1001234567890");
        CheckCount(config["Reports:PerUserPerHour"], "Reports:PerUserPerHour", 1, 1000);
        CheckRate(config["Alerts:GlobalPerSecond"], "Alerts:GlobalPerSecond", 1000);
        CheckRate(config["Alerts:PerChatPerSecond"], "Alerts:PerChatPerSecond", 1000);
        CheckRate(config["Alerts:SendTimeoutSeconds"], "Alerts:SendTimeoutSeconds", 600);
        CheckCount(config["Alerts:GroupPerMinute"], "Alerts:GroupPerMinute", 1, 60_000);
        CheckCount(config["Alerts:MaxInFlight"], "Alerts:MaxInFlight", 0, 5000);
        CheckBool(config["Alerts:PaidBroadcast"], "Alerts:PaidBroadcast");
        CheckCount(config["Reports:MaxTextLength"], "Reports:MaxTextLength", 10, 3500);
    }

    /// <summary>Accepts a JSON array, Moderation__ModeratorIds__0=..., or one comma-separated value.</summary>
    public static List<long> ModeratorIds(IConfiguration config)
    {
        var section = config.GetSection("Moderation:ModeratorIds");
        var values = section.Value is { } flat
            ? flat.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (Key: section.Path, Value: (string?)v))
            : section.GetChildren().Select(c => (Key: c.Path, c.Value));
        var ids = new List<long>();
        foreach (var (key, value) in values)
        {
            if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id <= 0)
                throw new SettingsException($"{key} must be a Telegram user id (a positive number; @usernames cannot be used).");
            ids.Add(id);
        }
        return ids;
    }

    static void CheckToken(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw new SettingsException("Telegram:BotToken is not set: get a token from @BotFather and set Telegram__BotToken (or run with 'console' to try the bot without one).");
        if (!TokenShape().IsMatch(token))
            throw new SettingsException("Telegram:BotToken is malformed: it must look like 123456789:AA... exactly as @BotFather gives it.");
    }

    static void CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new SettingsException("Telegram:ApiBaseUrl must be an absolute http(s) URL such as http://127.0.0.1:8081, or left unset for Telegram's own.");
    }

    static void CheckConnectionString(string? value)
    {
        try { _ = new SqliteConnectionStringBuilder(value ?? DefaultConnectionString); }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new SettingsException("ConnectionStrings:IncidentBot is not a valid SQLite connection string (e.g. \"Data Source=incidentbot.db\").");
        }
    }

    static void CheckId(string? value, string key, string example)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            throw new SettingsException($"{key} must be {example}.");
    }

    static void CheckCount(string? value, string key, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new SettingsException($"{key} must be a whole number from {min} to {max}.");
    }

    static void CheckRate(string? value, string key, double max)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > max)
            throw new SettingsException($"{key} must be a number above 0 and at most {max}.");
    }

    static void CheckBool(string? value, string key)
    {
        if (!string.IsNullOrWhiteSpace(value) && !bool.TryParse(value, out _))
            throw new SettingsException($"{key} must be true or false.");
    }

    [GeneratedRegex(@"^\d{1,20}:[A-Za-z0-9_-]{1,200}$")]
    private static partial Regex TokenShape();
}
