namespace IncidentBot.Reports;

internal sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>Telegram user ids of the admins (moderators who also manage moderators).</summary>
    public List<long> ModeratorIds { get; set; } = [];

    /// <summary>Optional moderators' group; without it each moderator is notified in private.</summary>
    public long? ChatId { get; set; }
}
