using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Review;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Supervision;

/// <summary>
/// What the supervision dashboard counts of one case (PLT-3), derived from the case and its records and written in the
/// same transaction as every change to the case (<see cref="Revision"/> equals the case's), so that a province's million
/// cases are counted by grouping narrow rows instead of replaying each case's records. Only what does not depend on the
/// day asked is stored; what does (overdue) is compared with the stored due days at query time.
/// </summary>
public sealed class CaseSummary : IAgencyOwned
{
    public Guid CaseId { get; set; }
    public Guid AgencyId { get; set; }

    /// <summary>The case's revision this row was derived from.</summary>
    public int Revision { get; set; }

    public ProcedureKind Procedure { get; set; }

    /// <summary>The current step's code (register, investigate … archive).</summary>
    public required string Status { get; set; }

    /// <summary>The broad stage of <see cref="Status"/> (<see cref="CaseStages"/>): 立案受理, 调查取证 … 已归档.</summary>
    public required string Stage { get; set; }

    public required string Source { get; set; }
    public DateOnly OpenedOn { get; set; }

    /// <summary>The day the decision step was completed (决定作出之日); null while undecided.</summary>
    public DateOnly? DecidedOn { get; set; }

    /// <summary>决定类型 (给予行政处罚, 不予行政处罚 …), or the inspection result; null while undecided.</summary>
    public string? Outcome { get; set; }

    /// <summary>The last day of the decision's time limit (with approved extension and excluded days); null without a limit.</summary>
    public DateOnly? DecisionDueOn { get; set; }

    /// <summary>The fine decided, in yuan.</summary>
    public long? FineAmount { get; set; }

    /// <summary>The day the case reached its final step (归档).</summary>
    public DateOnly? ClosedOn { get; set; }

    public bool Sealed { get; set; }

    public List<CaseSummaryRound> Rounds { get; set; } = [];
    public List<CaseSummaryDeadline> Deadlines { get; set; } = [];
}

/// <summary>One round of the case's legal review, as <see cref="ReviewRounds.All"/> reads it.</summary>
public sealed class CaseSummaryRound : IAgencyOwned
{
    public Guid CaseId { get; set; }
    public int Number { get; set; }
    public Guid AgencyId { get; set; }
    public DateOnly SubmittedOn { get; set; }

    /// <summary>The day of the opinion; null while the round waits.</summary>
    public DateOnly? ReviewedOn { get; set; }

    public Guid? ReviewedBy { get; set; }
    public bool Agreed { get; set; }

    /// <summary>The opinion was 存在问题.</summary>
    public bool Returned { get; set; }

    /// <summary>Bit i set: the checklist's i-th point (<see cref="ReviewStatisticsResult.Kinds"/>) was answered 有问题 in a returned round.</summary>
    public int ProblemKinds { get; set; }

    /// <summary>Working days from submission to opinion.</summary>
    public int? WorkingDays { get; set; }

    /// <summary>The opinion came after the agency's review time limit.</summary>
    public bool Late { get; set; }
}

/// <summary>A time limit running on the open case: overdue once the day asked is after <see cref="DueOn"/>.</summary>
public sealed class CaseSummaryDeadline : IAgencyOwned
{
    public Guid CaseId { get; set; }
    public int Sequence { get; set; }
    public Guid AgencyId { get; set; }

    /// <summary>The step holding the limit.</summary>
    public required string Step { get; set; }

    /// <summary>What must be done (作出行政处罚决定).</summary>
    public required string What { get; set; }

    public DateOnly DueOn { get; set; }

    /// <summary>For a period in hours, the moment it ends (UTC).</summary>
    public DateTimeOffset? DueAtUtc { get; set; }

    /// <summary>A party's window (e.g. to ask for a hearing), which is nobody's delay once passed: never counted overdue.</summary>
    public bool PartyWindow { get; set; }
}

/// <summary>The broad stages the dashboard groups steps into, in the order a case passes them.</summary>
public static class CaseStages
{
    public const string Opening = "立案受理";
    public const string Investigation = "调查取证";
    public const string Examination = "审查告知";
    public const string Review = "审核讨论";
    public const string Decision = "决定";
    public const string Execution = "送达执行";
    public const string Closing = "结案";
    public const string Archived = "已归档";

    public static readonly IReadOnlyList<string> All = [Opening, Investigation, Examination, Review, Decision, Execution, Closing, Archived];

    /// <summary>The stage of step <paramref name="code"/>; every step of every procedure table has one (a test walks them all).</summary>
    public static string? Of(string code) => code switch
    {
        "register" or "receive" or "supplement" or "plan" or "open" or "identify" or "propose" or "approve" => Opening,
        "investigate" or "preserve" or "inspect" or "implement" or "ratify" => Investigation,
        "examine" or "notify" or "hearing" or "conclude" => Examination,
        "review" or "discuss" => Review,
        "decide" or "rectify" or "refer" => Decision,
        "serve" or "issue" or "execute" or "collect" or "publish" or "release" or "file" => Execution,
        "close" => Closing,
        "archive" => Archived,
        _ => null,
    };
}

/// <summary>Derives a case's <see cref="CaseSummary"/> from the case and its records.</summary>
public static class CaseSummaries
{
    /// <summary>
    /// The summary of <paramref name="case"/> (with its facts, steps and evidence loaded) under the agency's rules.
    /// <paramref name="today"/> and <paramref name="now"/> only decide which limits still run (a party's window already
    /// passed is dropped); the due days themselves do not depend on them.
    /// </summary>
    public static CaseSummary Build(Case @case, WorkdayCalendar calendar, LawSettings law, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var procedure = Procedures.For(@case.Procedure);
        var file = new CaseFile(@case);
        var decided = procedure.HasStep("decide") ? file.CompletedOn("decide") : file.CompletedOn("conclude");
        var summary = new CaseSummary
        {
            CaseId = @case.Id,
            AgencyId = @case.AgencyId,
            Revision = @case.Revision,
            Procedure = @case.Procedure,
            Status = @case.Status,
            Stage = CaseStages.Of(@case.Status) ?? throw new InvalidOperationException($"步骤“{@case.Status}”没有所属阶段。"),
            Source = @case.Source,
            OpenedOn = @case.OpenedOn,
            DecidedOn = decided,
            Outcome = decided is null ? null : Outcome(@case, file),
            DecisionDueOn = CaseGuards.DecisionDue(file, procedure, calendar, law)?.End.Due,
            FineAmount = decided is null ? null : file.Amount(FactKeys.FineAmount),
            ClosedOn = procedure.Steps.FirstOrDefault(s => s.IsFinal) is { } final && @case.Status == final.Code ? file.EnteredOn(final.Code, procedure.Start) : null,
            Sealed = @case.IsSealed,
        };

        foreach (var round in ReviewRounds.All(@case))
        {
            var mask = 0;
            if (round.Opinion == "存在问题")
            {
                for (var i = 0; i < round.Points.Count && i < 31; i++)
                {
                    mask |= round.Points[i].Answer == ReviewAnswer.HasProblem ? 1 << i : 0;
                }
            }

            int? days = null;
            var late = false;
            if (round.ReviewedOn is { } on)
            {
                var limit = LegalPeriods.End(calendar, round.SubmittedOn, law.ReviewWorkingDays, PeriodUnit.WorkingDays).Due;
                days = on <= round.SubmittedOn ? 0 : LegalPeriods.DaysLeft(calendar, round.SubmittedOn, on, PeriodUnit.WorkingDays);
                late = on > limit;
            }

            summary.Rounds.Add(new CaseSummaryRound
            {
                CaseId = @case.Id,
                Number = round.Number,
                AgencyId = @case.AgencyId,
                SubmittedOn = round.SubmittedOn,
                ReviewedOn = round.ReviewedOn,
                ReviewedBy = round.ReviewedBy,
                Agreed = round.Agreed,
                Returned = round.Opinion == "存在问题" && round.ReviewedOn is not null,
                ProblemKinds = mask,
                WorkingDays = days,
                Late = late,
            });
        }

        var sequence = 0;
        foreach (var d in CaseDeadlines.Running(@case, calendar, law, today, now))
        {
            summary.Deadlines.Add(new CaseSummaryDeadline
            {
                CaseId = @case.Id,
                Sequence = ++sequence,
                AgencyId = @case.AgencyId,
                Step = d.Step.Code,
                What = d.What,
                DueOn = d.Due,
                DueAtUtc = d.DueAt?.ToUniversalTime(),
                PartyWindow = d.What.StartsWith("提出", StringComparison.Ordinal) && d.Step.Code != ReviewRounds.Step,
            });
        }

        return summary;
    }

    /// <summary>The decision's kind as recorded; for an on-the-spot decision 给予行政处罚, for an inspection its result.</summary>
    private static string Outcome(Case @case, CaseFile file) =>
        file.Text(FactKeys.DecisionKind)
        ?? file.Text(FactKeys.InspectionResult)
        ?? (@case.Procedure == ProcedureKind.SummaryPenalty ? "给予行政处罚" : "其他决定");
}
