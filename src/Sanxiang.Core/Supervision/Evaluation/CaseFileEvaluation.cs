namespace Sanxiang.Core.Supervision.Evaluation;

/// <summary>
/// 案卷评查: the county judicial bureau's half-yearly scoring of a random sample of closed case files (PLT-3). The
/// evaluation is the supervisors' work; its files carry the agency whose case it is and the evaluator's agency.
/// </summary>
public sealed class CaseFileEvaluation
{
    public Guid Id { get; set; }

    /// <summary>评查〔2026〕2号.</summary>
    public required string Number { get; set; }

    /// <summary>2026年上半年行政执法案卷评查.</summary>
    public required string Title { get; set; }

    /// <summary>Files closed (归档) from this day …</summary>
    public DateOnly PeriodFrom { get; set; }

    /// <summary>… to this day, inclusive.</summary>
    public DateOnly PeriodTo { get; set; }

    public int PerAgency { get; set; }

    /// <summary>The day scoring should be finished by.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary><see cref="EvaluationStatuses"/>.</summary>
    public required string Status { get; set; }

    /// <summary>The scoring form as the supervisor wrote it, and as parsed (JSON of <see cref="ScoringForm.ToJson"/>).</summary>
    public required string FormText { get; set; }
    public required string FormJson { get; set; }

    /// <summary>The accounts named as evaluators (JSON array of {account, name, agency, agencyName}).</summary>
    public required string EvaluatorsJson { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }
    public Guid CreatedBy { get; set; }
    public required string CreatedByName { get; set; }

    // The draw (decision 0016's commit-reveal).
    public byte[]? Seed { get; set; }
    public string? Commitment { get; set; }
    public string? ListsSha256 { get; set; }
    public string? FrozenLists { get; set; }
    public long? CommitmentLedgerIndex { get; set; }
    public long? CheckpointSize { get; set; }
    public byte[]? CheckpointRoot { get; set; }
    public string? CheckpointNote { get; set; }
    public string? Result { get; set; }
    public DateTimeOffset? DrawnAtUtc { get; set; }

    public DateTimeOffset? FinishedAtUtc { get; set; }
    public string? Summary { get; set; }

    public int Revision { get; set; }
}

public static class EvaluationStatuses
{
    public const string Draft = "待抽取";
    public const string Scoring = "评查中";
    public const string Finished = "已完成";
}

/// <summary>One sampled case file and its evaluation.</summary>
public sealed class EvaluatedFile
{
    public Guid Id { get; set; }
    public Guid EvaluationId { get; set; }
    public int Order { get; set; }

    public Guid AgencyId { get; set; }
    public required string AgencyName { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public required string CaseTitle { get; set; }

    public Guid EvaluatorId { get; set; }
    public required string EvaluatorName { get; set; }
    public Guid EvaluatorAgencyId { get; set; }
    public required string EvaluatorAgencyName { get; set; }

    /// <summary>The platform's pre-check flags at the draw (JSON array of <see cref="PreCheckFlag"/>).</summary>
    public required string FlagsJson { get; set; }

    /// <summary>The evaluator's marks (JSON of <see cref="FileMarks"/>); null until scored.</summary>
    public string? MarksJson { get; set; }

    public decimal? Score { get; set; }
    public string? Grade { get; set; }
    public bool Vetoed { get; set; }
    public DateTimeOffset? ScoredAtUtc { get; set; }

    /// <summary>Set when the evaluation is finished: the agency may then read its own files' results.</summary>
    public bool Released { get; set; }

    public int Revision { get; set; }
}
