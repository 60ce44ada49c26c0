using Sanxiang.Core.Publication;

namespace Sanxiang.Core.Supervision;

/// <summary>A labelled count (a stage, a procedure, an outcome, a late step).</summary>
public sealed record LabelCount(string Label, int Count);

/// <summary>Cases opened and decided on one day (the trend and the activity calendar).</summary>
public sealed record DayActivity(DateOnly Day, int Opened, int Decided)
{
    public int Total => Opened + Decided;
}

/// <summary>
/// The legal reviews of an agency or the county: rounds with an opinion in the period, how many agreed, returned, were
/// first rounds and agreed at once, came after the time limit, and the problems found by the checklist's kinds; rounds
/// waiting now and how many of them are past their limit.
/// </summary>
public sealed record ReviewFigures(int Reviewed, int Agreed, int Returned, int FirstRounds, int FirstRoundAgreed, int Late, IReadOnlyList<int> ProblemsByKind,
    double? AverageWorkingDays, int Pending, int PendingOverdue)
{
    /// <summary>首次审核通过率; null without first rounds.</summary>
    public double? FirstRoundAgreementRate => FirstRounds == 0 ? null : (double)FirstRoundAgreed / FirstRounds;
}

/// <summary>
/// Complaints and reports from the public received in the period (投诉举报): how many, still open today, answered, answered
/// within their period, and open past their period today.
/// </summary>
public sealed record ComplaintCounts(int Received, int Open, int Answered, int AnsweredOnTime, int OverdueOpen)
{
    public static readonly ComplaintCounts None = new(0, 0, 0, 0, 0);

    public double? OnTimeRate => Answered == 0 ? null : (double)AnsweredOnTime / Answered;
}

/// <summary>
/// One agency's line of the dashboard (or the county's total): cases opened and decided in the period, decisions within
/// their time limit (and the general procedure's 90 days of 《行政处罚法》第六十条), steps overdue today, legal review,
/// publication, the officers in force today, complaints received in the period, and the online patrol's findings still
/// open (and answers overdue) today.
/// </summary>
public sealed record AgencyFigures(string Code, string Name, int Opened, int Decided, int DecidedWithLimit, int DecidedInTime,
    int GeneralDecided, int GeneralInTime, int OverdueSteps, ReviewFigures Review, PublicationTally? Publication,
    int Officers, int Reviewers, int CertificatesExpiring, int CertificatesExpired, ComplaintCounts Complaints, int PatrolFindingsOpen, int PatrolAnswersOverdue)
{
    /// <summary>按期决定率: decisions with a time limit made within it.</summary>
    public double? InTimeRate => DecidedWithLimit == 0 ? null : (double)DecidedInTime / DecidedWithLimit;

    /// <summary>The general procedure's decisions within 90 days (with approved extensions).</summary>
    public double? GeneralInTimeRate => GeneralDecided == 0 ? null : (double)GeneralInTime / GeneralDecided;

    /// <summary>法制审核人员占比 (REV-6: at least 5%).</summary>
    public double? ReviewerRatio => Officers == 0 ? null : (double)Reviewers / Officers;
}

/// <summary>
/// The supervision dashboard of the county or one agency for a period (PLT-3): every figure counted from the case
/// summaries, the publication tasks and the registry by the database, never by replaying cases one by one.
/// </summary>
public sealed record Dashboard(DateOnly From, DateOnly To, DateOnly Today, string ScopeName, bool County,
    IReadOnlyList<LabelCount> ByStage, IReadOnlyList<LabelCount> ByProcedure, IReadOnlyList<LabelCount> ByOutcome,
    IReadOnlyList<LabelCount> OverdueByStep, IReadOnlyList<DayActivity> Days, IReadOnlyList<AgencyFigures> ByAgency, AgencyFigures Total)
{
    /// <summary>The trend: by month when the period is longer than 62 days, else by day.</summary>
    public IReadOnlyList<(string Label, int Opened, int Decided)> Trend()
    {
        var byDay = Days.ToDictionary(d => d.Day);
        if (To.DayNumber - From.DayNumber <= 62)
        {
            return [.. EachDay().Select(d => (d.ToString("M/d", System.Globalization.CultureInfo.InvariantCulture), Opened(d), Decided(d)))];
        }

        var list = new List<(string, int, int)>();
        for (var month = new DateOnly(From.Year, From.Month, 1); month <= To; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1);
            var days = Days.Where(d => d.Day >= month && d.Day < end).ToList();
            list.Add(($"{month.Year % 100:00}年{month.Month}月", days.Sum(d => d.Opened), days.Sum(d => d.Decided)));
        }

        return list;

        int Opened(DateOnly d) => byDay.TryGetValue(d, out var a) ? a.Opened : 0;
        int Decided(DateOnly d) => byDay.TryGetValue(d, out var a) ? a.Decided : 0;
    }

    private IEnumerable<DateOnly> EachDay()
    {
        for (var d = From; d <= To; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
