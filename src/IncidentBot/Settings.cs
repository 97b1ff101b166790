namespace IncidentBot;

/// <summary>What a setting holds; <see cref="StartupSettings"/> knows how to check each kind.</summary>
internal enum SettingKind { Token, Url, Provider, Connection, Count, Rate, Flag, GroupId, UserIds, LogLevels, Mode, HttpsUrl, Secret, ListenUrls }

/// <summary>
/// One configuration key: how it is checked (kind and range), its default and its meaning.
/// <paramref name="Min"/> and <paramref name="Max"/> bound a Count; a Rate is above 0 and at most Max.
/// </summary>
internal sealed record Setting(string Key, SettingKind Kind, string Default, string Meaning, double Min = 0, double Max = 0);

/// <summary>
/// Every key the bot reads, once. The start-up check walks this table; tests hold it equal to the
/// options classes that bind the values (each property a row, same default), to appsettings.example.json
/// and to the README's table, so a key cannot be added in one place and forgotten in another.
/// </summary>
internal static class Settings
{
    public static readonly Setting[] All =
    [
        new("Telegram:BotToken", SettingKind.Token, "— (required, except in console mode)", "from @BotFather; never logged"),
        new("Telegram:ApiBaseUrl", SettingKind.Url, "Telegram's own", "another Bot API server, e.g. `http://127.0.0.1:8081`"),
        new("Telegram:PollTimeoutSeconds", SettingKind.Count, "30", "long-poll wait of each `getUpdates`", 1, 120),
        new("Telegram:MaxConcurrentChats", SettingKind.Count, "32", "chats served at once (one chat's updates always in order)", 1, 1000),
        new("Telegram:Mode", SettingKind.Mode, "`Polling`", "how updates arrive: the bot asks for them (`Polling`), or Telegram POSTs them to `Telegram:WebhookUrl` (`Webhook`)"),
        new("Telegram:WebhookUrl", SettingKind.HttpsUrl, "— (required in webhook mode)", "the public URL Telegram POSTs updates to; its path is the route the bot serves"),
        new("Telegram:WebhookSecret", SettingKind.Secret, "— (required in webhook mode)", "Telegram sends it with every update and the bot checks it; never logged"),
        new("Telegram:WebhookMaxConnections", SettingKind.Count, "40", "connections Telegram opens to the webhook at once", 1, 100),
        new("Http:Urls", SettingKind.ListenUrls, "— (required in webhook mode)",
            "where the bot listens, e.g. `http://0.0.0.0:8080`: the webhook, `/healthz`, `/readyz`, `/metrics`; unset in polling mode, no port is opened"),
        new("Database:Provider", SettingKind.Provider, "`Sqlite`", "the database engine: an embedded SQLite file, or a PostgreSQL server (see PostgreSQL below)"),
        new("ConnectionStrings:IncidentBot", SettingKind.Connection, "`Data Source=incidentbot.db`",
            "the database; a relative SQLite path is relative to the working directory; required with `Postgres`"),
        new("Moderation:ModeratorIds", SettingKind.UserIds, "`[]`",
            "the admins (moderators who also manage moderators), never @usernames; a JSON array, `Moderation__ModeratorIds__0=...`, or one comma-separated value"),
        new("Moderation:ChatId", SettingKind.GroupId, "—", "optional moderators' group: report cards go there instead of to each moderator"),
        new("Reports:PerUserPerHour", SettingKind.Count, "5", "reports one user may file per hour (moderators are exempt)", 1, 1000),
        new("Reports:MaxTextLength", SettingKind.Count, "2000", "longest report text accepted", 10, 3500),
        new("Reports:PublishedCoordinateKm", SettingKind.Rate, "1",
            "the grid (km) a published point is snapped to: a reporter's pin stays on the moderators' card and the public reads \"approximate, ±1 km\"; a moderator sets exact coordinates only on purpose (`coords 50.45,30.52 exact`)", Max: 100),
        new("Alerts:GlobalPerSecond", SettingKind.Rate, "30", "messages per second the bot sends in all (replies, cards, alerts)", Max: 1000),
        new("Alerts:PerChatPerSecond", SettingKind.Rate, "1", "messages per second to one chat", Max: 1000),
        new("Alerts:GroupPerMinute", SettingKind.Count, "20", "messages per minute to one group or channel", 1, 60_000),
        new("Alerts:PaidBroadcast", SettingKind.Flag, "false",
            "send alerts with `allow_paid_broadcast` (Telegram allows up to 1000/s, paid in Stars); above 30/s without it the bot warns at start-up"),
        new("Alerts:MaxInFlight", SettingKind.Count, "0", "alert sends in flight at once; 0 = rate × 0.5 s, at least 8", 0, 5000),
        new("Alerts:SendTimeoutSeconds", SettingKind.Rate, "20", "a send with no answer by then counts as unknown and is retried", Max: 600),
        new("Alerts:NewWithinDays", SettingKind.Count, "7",
            "an incident dated further back than this when published is announced as \"newly recorded\", not as a new strike", 0, 36_500),
        new("Alerts:DelayMinutes", SettingKind.Count, "0",
            "public alerts leave this long after publication (for operators who must not broadcast strike locations in real time); a retraction meanwhile cancels them silently; 0 = at once", 0, 10_080),
        new("Logging:LogLevel", SettingKind.LogLevels, "`Information`",
            "least level logged, per category (`Logging:LogLevel:Default`, `Logging:LogLevel:Microsoft.EntityFrameworkCore`...)"),
    ];

    /// <summary>What a value must look like, as the error line and the README say it.</summary>
    public static string Allowed(Setting s) => s.Kind switch
    {
        SettingKind.Token => "`<digits>:<token>` exactly as @BotFather gives it",
        SettingKind.Url => "an absolute http(s) URL",
        SettingKind.Provider => "`Sqlite` or `Postgres`",
        SettingKind.Connection => "a SQLite connection string, or with `Postgres` a Npgsql one (`Host=...;Database=...`)",
        SettingKind.Count => FormattableString.Invariant($"a whole number from {s.Min} to {s.Max}"),
        SettingKind.Rate => FormattableString.Invariant($"a number above 0 and at most {s.Max}"),
        SettingKind.Flag => "true or false",
        SettingKind.GroupId => "a group's chat id (negative, e.g. -1001234567890)",
        SettingKind.UserIds => "Telegram user ids (positive numbers)",
        SettingKind.LogLevels => "Trace, Debug, Information, Warning, Error, Critical or None",
        SettingKind.Mode => "`Polling` or `Webhook`",
        SettingKind.HttpsUrl => "an absolute https URL",
        SettingKind.Secret => "1 to 256 of `A-Z a-z 0-9 _ -`",
        SettingKind.ListenUrls => "http(s) URLs, separated by `;`",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}
