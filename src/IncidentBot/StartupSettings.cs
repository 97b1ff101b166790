using System.Globalization;
using System.Text.RegularExpressions;
using IncidentBot.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IncidentBot;

/// <summary>A setting that stops start-up; its message is one line naming the key and never its value.</summary>
internal sealed class SettingsException(string message) : Exception(message);

/// <summary>
/// Checks the raw configuration against <see cref="Settings.All"/> before anything binds it, so a bad
/// value gives one clear line naming its key instead of a binder stack trace. Values are never echoed
/// back (the token is a secret, and a connection string may hold a password).
/// </summary>
internal static partial class StartupSettings
{
    public const string DefaultConnectionString = "Data Source=incidentbot.db";

    public static void Check(IConfiguration config, bool consoleMode)
    {
        foreach (var setting in Settings.All)
            Check(config, setting, consoleMode);
        if (!consoleMode && IsWebhook(config))
            foreach (var key in (string[])["Telegram:WebhookUrl", "Telegram:WebhookSecret", "Http:Urls"])
                if (string.IsNullOrWhiteSpace(config[key]))
                    throw new SettingsException($"{key} is required when Telegram:Mode is Webhook.");
    }

    public static bool IsWebhook(IConfiguration config) => string.Equals(config["Telegram:Mode"], "Webhook", StringComparison.OrdinalIgnoreCase);

    static void Check(IConfiguration config, Setting s, bool consoleMode)
    {
        var value = config[s.Key];
        switch (s.Kind)
        {
            case SettingKind.Token: if (!consoleMode) CheckToken(value); break;
            case SettingKind.Url: CheckUrl(value); break;
            case SettingKind.Provider: Provider(config); break;
            case SettingKind.Connection: CheckConnectionString(value, Provider(config)); break;
            case SettingKind.UserIds: ModeratorIds(config); break;
            case SettingKind.GroupId: CheckGroupId(value, s.Key); break;
            case SettingKind.Count: CheckCount(value, s); break;
            case SettingKind.Rate: CheckRate(value, s); break;
            case SettingKind.Flag: CheckBool(value, s.Key); break;
            case SettingKind.LogLevels: CheckLogLevels(config.GetSection(s.Key)); break;
            case SettingKind.Mode: CheckMode(value, s); break;
            case SettingKind.HttpsUrl: CheckHttpsUrl(value, s); break;
            case SettingKind.Secret: CheckSecret(value, s); break;
            case SettingKind.ListenUrls: CheckListenUrls(value, s); break;
            default: throw new InvalidOperationException($"No check for {s.Kind}");
        }
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

    /// <summary>The engine Database:Provider names, by its exact name in any case (never a number).</summary>
    public static DatabaseProvider Provider(IConfiguration config) => config["Database:Provider"]?.Trim() switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var v => Enum.GetValues<DatabaseProvider>().Cast<DatabaseProvider?>().FirstOrDefault(p => p.ToString()!.Equals(v, StringComparison.OrdinalIgnoreCase))
            ?? throw new SettingsException("Database:Provider must be Sqlite or Postgres."),
    };

    static void CheckConnectionString(string? value, DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new SettingsException("ConnectionStrings:IncidentBot is not set: Database:Provider Postgres needs a PostgreSQL connection string (e.g. \"Host=db;Database=incidentbot;Username=bot;Password=...\").");
            try { _ = new NpgsqlConnectionStringBuilder(value); }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new SettingsException("ConnectionStrings:IncidentBot is not a valid PostgreSQL connection string (e.g. \"Host=db;Database=incidentbot;Username=bot;Password=...\").");
            }
            return;
        }
        try { _ = new SqliteConnectionStringBuilder(value ?? DefaultConnectionString); }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new SettingsException("ConnectionStrings:IncidentBot is not a valid SQLite connection string (e.g. \"Data Source=incidentbot.db\").");
        }
    }

    static void CheckGroupId(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id >= 0)
            throw new SettingsException($"{key} must be a group's chat id (a negative number such as -1001234567890), or left unset.");
    }

    static void CheckCount(string? value, Setting s)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < s.Min || n > s.Max)
            throw new SettingsException($"{s.Key} must be {Settings.Allowed(s)}.");
    }

    static void CheckRate(string? value, Setting s)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        // Written so that NaN fails too: every comparison with NaN is false.
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !(n > 0 && n <= s.Max))
            throw new SettingsException($"{s.Key} must be {Settings.Allowed(s)}.");
    }

    /// <summary>Each category's level must be one .NET knows, or logging would throw later, mid-start.</summary>
    static void CheckLogLevels(IConfigurationSection levels)
    {
        foreach (var category in levels.GetChildren())
            if (category.Value is { } level && !(Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)))
                throw new SettingsException($"{category.Path} must be one of Trace, Debug, Information, Warning, Error, Critical, None.");
    }

    static void CheckBool(string? value, string key)
    {
        if (!string.IsNullOrWhiteSpace(value) && !bool.TryParse(value, out _))
            throw new SettingsException($"{key} must be true or false.");
    }

    static void CheckMode(string? value, Setting s)
    {
        if (!string.IsNullOrWhiteSpace(value) && !Enum.GetNames<global::IncidentBot.Telegram.BotMode>().Contains(value, StringComparer.OrdinalIgnoreCase))
            throw new SettingsException($"{s.Key} must be {Settings.Allowed(s)}.");
    }

    // Telegram calls only https; TLS usually ends at a reverse proxy in front of Http:Urls.
    static void CheckHttpsUrl(string? value, Setting s)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new SettingsException($"{s.Key} must be {Settings.Allowed(s)} without a query, such as https://bot.example.org/telegram/webhook.");
    }

    static void CheckSecret(string? value, Setting s)
    {
        if (!string.IsNullOrEmpty(value) && !SecretShape().IsMatch(value))
            throw new SettingsException($"{s.Key} must be {Settings.Allowed(s)} (Telegram's rule for secret_token).");
    }

    static void CheckListenUrls(string? value, Setting s)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        foreach (var url in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            // Kestrel's wildcard hosts (http://*:8080, http://+:8080) are not valid URIs but are valid here.
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/")
                throw new SettingsException($"{s.Key} must be {Settings.Allowed(s)}, such as http://0.0.0.0:8080.");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretShape();

    [GeneratedRegex(@"^\d{1,20}:[A-Za-z0-9_-]{1,200}$")]
    private static partial Regex TokenShape();
}
