namespace IncidentBot.Reports;

/// <summary>Who did what, when, with the value before and after. Written in the same transaction as the change.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public long ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public long? ReportId { get; set; }
    public long? IncidentId { get; set; }
    public long? SubjectUserId { get; set; }
    public string? Field { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
