namespace Sanxiang.Core.Supervision.Patrol;

/// <summary>
/// 网上巡查: the county judicial bureau's quarterly check of what the agencies publish (PLT-3). The patrol belongs to the
/// supervisors; its findings and samples carry the agency concerned, which sees only its own.
/// </summary>
public sealed class OnlinePatrol
{
    public Guid Id { get; set; }

    public int Year { get; set; }
    public int QuarterNumber { get; set; }

    /// <summary>关于2026年第三季度行政执法公示网上巡查情况的通报</summary>
    public required string Title { get; set; }

    /// <summary>First day of the quarter.</summary>
    public DateOnly PeriodFrom { get; set; }

    /// <summary>Last day checked: the quarter's end, or the start day for the current quarter (then <see cref="Partial"/>).</summary>
    public DateOnly PeriodTo { get; set; }
    public bool Partial { get; set; }

    /// <summary><see cref="PatrolWorkflow.PatrolStatuses"/>, stored as the Chinese word.</summary>
    public required string Status { get; set; }

    /// <summary>The sample's seed (hex), also in the <c>patrol-started</c> log entry.</summary>
    public required string Seed { get; set; }

    public DateOnly StartedOn { get; set; }
    public DateTimeOffset StartedAtUtc { get; set; }
    public Guid StartedBy { get; set; }
    public required string StartedByName { get; set; }

    public DateOnly? SentOn { get; set; }
    public int AnswerWorkingDays { get; set; }
    public DateOnly? AnswerDueOn { get; set; }
    public DateTimeOffset? ClosedAtUtc { get; set; }

    public int Revision { get; set; }

    public Quarter Quarter => new(Year, QuarterNumber);
}

/// <summary>One agency in a patrol: what was checked there.</summary>
public sealed class PatrolAgency
{
    public Guid Id { get; set; }
    public Guid PatrolId { get; set; }
    public Guid AgencyId { get; set; }
    public required string AgencyName { get; set; }
    public int SortOrder { get; set; }
    public int Officers { get; set; }
    public int TasksDue { get; set; }
    public int Withdrawals { get; set; }
    public int Entries { get; set; }
    public int Texts { get; set; }
}

/// <summary>A finding sent to an agency, with its answer and the supervisor's review.</summary>
public sealed class PatrolFinding
{
    public Guid Id { get; set; }
    public Guid PatrolId { get; set; }
    public Guid AgencyId { get; set; }

    /// <summary>1, 2, 3, … within the patrol, as the notice numbers them.</summary>
    public int Number { get; set; }
    public PatrolFindingKind Kind { get; set; }
    public required string Entry { get; set; }
    public long? EntryId { get; set; }
    public required string Found { get; set; }
    public required string Rule { get; set; }
    public PatrolSeverity Severity { get; set; }

    /// <summary>自动检查 or 人工抽查.</summary>
    public required string Source { get; set; }

    /// <summary><see cref="PatrolWorkflow.FindingStatuses"/>, stored as the Chinese word.</summary>
    public required string Status { get; set; }
    public DateOnly? AnswerDueOn { get; set; }

    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAtUtc { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public Guid? AnsweredBy { get; set; }
    public string? AnsweredByName { get; set; }
    public int Rounds { get; set; }

    /// <summary>The supervisor's word on the answer (confirmation, reason for return, or reason not to send).</summary>
    public string? Review { get; set; }
    public DateTimeOffset? ReviewedAtUtc { get; set; }
    public Guid? ReviewedBy { get; set; }

    public int Revision { get; set; }

    /// <summary>Past its answer deadline with no answer on <paramref name="today"/>.</summary>
    public bool IsOverdue(DateOnly today) => PatrolWorkflow.AwaitsAgency(Status) && AnswerDueOn is { } due && today > due;
}

/// <summary>A published entry drawn for the human check, and its outcome.</summary>
public sealed class PatrolSample
{
    public Guid Id { get; set; }
    public Guid PatrolId { get; set; }
    public Guid AgencyId { get; set; }
    public long PublishedDecisionId { get; set; }
    public required string Label { get; set; }

    /// <summary>Null until checked; then 无问题 or 有问题.</summary>
    public string? Outcome { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? CheckedAtUtc { get; set; }
    public Guid? CheckedBy { get; set; }
    public Guid? FindingId { get; set; }

    public const string NoProblem = "无问题";
    public const string Problem = "有问题";
}
