using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Publication;

/// <summary>
/// 公示任务: one decision to be published (PUB-5), created by the decision step itself, in its transaction, with its due
/// date. The publicity clerk's queue is these tasks by due date; a task not to be published is closed by a named rule or
/// exemption, recorded with who and when, never by omission.
/// </summary>
public enum PublicationTaskKind
{
    /// <summary>公示</summary>
    Publish,

    /// <summary>撤回公示</summary>
    Withdraw,
}

public sealed class PublicationTask : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }

    /// <summary>Publish a decision, or withdraw its publication (PUB-8, due in 3 days).</summary>
    public PublicationTaskKind Kind { get; set; }

    /// <summary>For a withdrawal: the entry to withdraw (null when the decision was not yet published).</summary>
    public long? PublishedDecisionId { get; set; }

    /// <summary>For a withdrawal: the event on the case that requires it, with its document, in Chinese.</summary>
    public string? Ground { get; set; }
    public ProcedureKind Procedure { get; set; }
    public PublicationCategory Category { get; set; }

    /// <summary>The day the decision was made (not counted).</summary>
    public DateOnly DecidedOn { get; set; }
    public int WorkingDays { get; set; }

    /// <summary>The last day to publish.</summary>
    public DateOnly DueOn { get; set; }

    public PublicationStatus Status { get; set; }

    /// <summary>For <see cref="PublicationStatus.Exempt"/>: the rule or exemption, in Chinese.</summary>
    public string? Exemption { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }
    public DateTimeOffset? ClosedAtUtc { get; set; }
    public Guid? ClosedBy { get; set; }

    /// <summary>
    /// For a publication: the day its first version went up, and whether that version carried the full text (a version
    /// taken down later loses its text, not this). Set by the save that adds the first version (the DbContext), so the
    /// statistics count a task from the task alone (decision 0022).
    /// </summary>
    public DateOnly? FirstPublishedOn { get; set; }

    public bool FirstPublishedWithFullText { get; set; }

    /// <summary>Optimistic concurrency: two clerks cannot close one task twice.</summary>
    public int Revision { get; set; }
}
