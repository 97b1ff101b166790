using IncidentBot.Incidents;

namespace IncidentBot.Reports;

/// <summary>
/// What a contributor saw. While State is Drafting it is also the /report conversation's state:
/// the next question follows from its first missing answer, so a restart resumes the flow.
/// </summary>
internal sealed class Report
{
    /// <summary>The report's public #N once filed; negative while it is a conversation's draft (see <see cref="Numbering"/>).</summary>
    public long Id { get; set; }
    public long ReporterId { get; set; }
    public string ReporterName { get; set; } = "";

    /// <summary>The reporter's Telegram language_code, so the outcome reaches them in their language.</summary>
    public string? LanguageCode { get; set; }
    public long ChatId { get; set; }
    public ReportState State { get; set; } = ReportState.Drafting;

    /// <summary>Filed by a moderator with /log: published as soon as it is submitted.</summary>
    public bool DirectLog { get; set; }

    public string? Text { get; set; }
    public string? PlaceText { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public bool WhenAnswered { get; set; }
    public DateTime? OccurredOn { get; set; }
    public DatePrecision? Precision { get; set; }
    public bool LinkAnswered { get; set; }
    public string? Link { get; set; }
    public bool PhotosDone { get; set; }

    /// <summary>Telegram file_ids, newline-separated; photos are never downloaded.</summary>
    public string Photos { get; set; } = "";

    // Asked of a /log only: a contributor's report gets these from the moderators, on its card.
    public bool CategoryAnswered { get; set; }
    public TargetCategory? Category { get; set; }
    public bool TargetAnswered { get; set; }
    public string? Target { get; set; }
    public bool AffectedAnswered { get; set; }
    public string? AffectedCountry { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }

    /// <summary>The unpublished incident moderators shape with /edit (under a negative id); published on approval, under its public number.</summary>
    public long? IncidentId { get; set; }
    public long? DuplicateOfId { get; set; }

    public long? DecidedBy { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Reason { get; set; }

    /// <summary>Rejected as spam or as a false report: counts against the reporter's standing (<see cref="Standing"/>).</summary>
    public RejectionKind? RejectedAs { get; set; }

    public IEnumerable<string> PhotoIds => Photos.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public bool HasPlace => PlaceText is not null || Latitude is not null;
}

/// <summary>Withdrawn: pending when its contributor asked to be forgotten (/forgetme); it left the queue undecided.</summary>
internal enum ReportState { Drafting, Pending, Approved, Merged, Rejected, Withdrawn }

internal enum RejectionKind { Spam, False }

internal sealed class Moderator
{
    public long UserId { get; set; }
    public long AddedBy { get; set; }
    public DateTime AddedAt { get; set; }
}

internal sealed class BannedUser
{
    public long UserId { get; set; }
    public long BannedBy { get; set; }
    public DateTime BannedAt { get; set; }
}

/// <summary>
/// A contributor whose reporting stopped after three reports were rejected as spam or false (<see cref="ReportPauses"/>).
/// Kept once lifted: only rejections beyond the <see cref="FlaggedWhenLifted"/> already weighed count towards a new pause.
/// </summary>
internal sealed class ReporterPause
{
    public long UserId { get; set; }
    public DateTime PausedAt { get; set; }
    public DateTime? LiftedAt { get; set; }
    public long? LiftedBy { get; set; }
    public int FlaggedWhenLifted { get; set; }
}

/// <summary>Something moderators switched off for everyone, by name ("reports": all new reports); the row's presence is the switch.</summary>
internal sealed class Pause
{
    public string Name { get; set; } = "";
    public long By { get; set; }
    public string ByName { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>A question a moderator was asked by a button (a reject reason, a field to edit); the next text answers it.</summary>
internal sealed class ModeratorPrompt
{
    public long ChatId { get; set; }
    public long UserId { get; set; }
    public PromptKind Kind { get; set; }
    public long ReportId { get; set; }
    public DateTime AskedAt { get; set; }
}

internal enum PromptKind { RejectReason, EditField }
