namespace IncidentBot.Tests.Fakes;

/// <summary>
/// Telegram's sending limits (Bots FAQ) as <see cref="FakeBotApi"/> enforces them. Every message-sending
/// method counts (sendMessage, sendPhoto, sendMediaGroup — one per call, however many items —,
/// sendLocation, copyMessage, forwardMessage...); edits, answerCallbackQuery, getUpdates, setMyCommands
/// and the like do not. Only sends that delivered count: a send refused by a limit, by an injected fault
/// or by validation is not in any window.
/// <para>
/// Windows slide over arrival times (<see cref="ApiCall.At"/>), they are not fixed buckets: a send is
/// refused when, with it, more sends than the limit have arrival times spanning less than the window
/// minus <see cref="Tolerance"/>.
/// </para>
/// </summary>
public sealed record SendLimits
{
    /// <summary>Telegram's published limits, enforced.</summary>
    public static SendLimits Telegram { get; } = new();

    /// <summary>Nothing enforced; sends are still timed for <see cref="FakeBotApi.SendTimes"/>.</summary>
    public static SendLimits Off { get; } = new() { Enforce = false };

    /// <summary>
    /// At most this many sends (without allow_paid_broadcast) in any one-second window, all chats together.
    /// </summary>
    public double GlobalPerSecond { get; init; } = 30;

    /// <summary>
    /// Two sends to one chat must be at least 1/PerChatPerSecond seconds apart (less <see cref="Tolerance"/>).
    /// Always applied to groups and channels; to private chats only with <see cref="ApplyToPrivateChatBursts"/>.
    /// </summary>
    public double PerChatPerSecond { get; init; } = 1;

    /// <summary>At most this many sends to one group or channel (negative chat id) in any 60-second window.</summary>
    public int GroupPerMinute { get; init; } = 20;

    /// <summary>
    /// A send with allow_paid_broadcast: true is checked against this instead of <see cref="GlobalPerSecond"/>:
    /// at most this many sends in any one-second window counting every send, paid or not. Per-chat and group
    /// limits still apply to it.
    /// </summary>
    public double PaidGlobalPerSecond { get; init; } = 1000;

    /// <summary>
    /// Loopback jitter absorbed: every window is this much shorter when checked, so a send that arrives up to
    /// Tolerance early is accepted (the 2nd send to a chat 980 ms after the 1st passes; 970 ms does not).
    /// </summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>False: nothing is refused (sends are still timed, for measurements).</summary>
    public bool Enforce { get; init; } = true;

    /// <summary>What a refused send's 429 says in "retry after N" and parameters.retry_after.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>
    /// Telegram tolerates short bursts of replies in a private chat (a command answered with two messages, a
    /// user typing quickly), so by default the per-chat spacing is not applied to private chats (positive ids);
    /// they still count towards the global limit. Set true to hold private chats to the same spacing as groups:
    /// do so in tests of anything that pushes messages to people (alerts, broadcasts).
    /// </summary>
    public bool ApplyToPrivateChatBursts { get; init; }

    public override string ToString() =>
        !Enforce ? "limits off"
        : $"{GlobalPerSecond:0.##}/s global, {PerChatPerSecond:0.##}/s per chat"
          + $"{(ApplyToPrivateChatBursts ? "" : " (groups only)")}, {GroupPerMinute}/min per group, "
          + $"{PaidGlobalPerSecond:0.##}/s paid, tolerance {Tolerance.TotalMilliseconds:0} ms";
}
