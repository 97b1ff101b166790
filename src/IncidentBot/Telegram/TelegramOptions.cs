namespace IncidentBot.Telegram;

internal sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string? BotToken { get; set; }

    /// <summary>Another Bot API server (self-hosted telegram-bot-api, or a test server); null = Telegram's own.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Seconds a getUpdates call waits for news; the HTTP timeout is set well above it.</summary>
    public int PollTimeoutSeconds { get; set; } = 30;

    /// <summary>Chats served at once; one chat's updates are always handled in order.</summary>
    public int MaxConcurrentChats { get; set; } = 32;

    public BotMode Mode { get; set; } = BotMode.Polling;

    /// <summary>The public https URL given to setWebhook; its path is the route the bot serves.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Telegram's secret_token: it comes back in X-Telegram-Bot-Api-Secret-Token with every update.</summary>
    public string? WebhookSecret { get; set; }

    public int WebhookMaxConnections { get; set; } = 40;
}

/// <summary>Polling asks Telegram for updates; a webhook has Telegram POST them to the bot.</summary>
internal enum BotMode { Polling, Webhook }

/// <summary>Who the bot is, learned from getMe at start-up; commands for other bots are ignored.</summary>
internal sealed class BotIdentity
{
    readonly TaskCompletionSource _known = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Username { get; private set; } = "IncidentBot";

    /// <summary>0 until getMe has answered.</summary>
    public long Id { get; private set; }

    /// <summary>Completes once getMe has answered: updates are handled only then (commands name the bot, buttons are its own).</summary>
    public Task Known => _known.Task;

    /// <summary>
    /// A deep link: opening it sends "/start payload" to the bot (HelpCommands reads incident_N, report and
    /// subscribe); payloads are up to 64 of A-Z a-z 0-9 _ -.
    /// </summary>
    public static string StartLink(string username, string payload) => $"https://t.me/{username}?start={payload}";

    public string StartLink(string payload) => StartLink(Username, payload);

    public void Learn(long id, string? username)
    {
        (Id, Username) = (id, username ?? Username);
        _known.TrySetResult();
    }
}
