using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Tests.Publication;

/// <summary>
/// Issue 7 items 3, 7 and 8: timeliness over the 2026 National Day holiday (lateness in working days), missing and not yet
/// due as of a day, the full-text rate, withdrawals on time or not; the public period and the credit-repair minimum by category.
/// </summary>
public sealed class PublicationStatisticsTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static PublicationRecord Task(Guid agency, string decided, string due, PublicationStatus status, string? published = null, bool fullText = true,
        ProcedureKind procedure = ProcedureKind.GeneralPenalty, PublicationTaskKind kind = PublicationTaskKind.Publish, string? closed = null) =>
        new(new PublicationTask
        {
            Id = Guid.NewGuid(), AgencyId = agency, CaseNumber = "x", Procedure = procedure, Kind = kind, DecidedOn = D(decided), DueOn = D(due), Status = status,
            ClosedAtUtc = closed is null ? null : ChinaTime.StartOfDayUtc(D(closed)).AddHours(10),
        }, agency == A ? "安和县市场监督管理局" : "安和县交通运输局", published is null ? null : D(published), fullText);

    [Fact]
    public void Timeliness_counts_on_time_late_in_working_days_missing_and_withdrawals_and_the_full_text_rate()
    {
        var records = new[]
        {
            // Due 14 October (7 working days after 29 September across National Day); published on the 14th: on time.
            Task(A, "2026-09-29", "2026-10-14", PublicationStatus.Published, "2026-10-14"),
            // Published Monday 19 October: 15, 16, 19 October are the working days late (17, 18 a weekend).
            Task(A, "2026-09-29", "2026-10-14", PublicationStatus.Published, "2026-10-19", fullText: false),
            // Still pending after its due day: missing; pending before it: not yet due.
            Task(A, "2026-10-20", "2026-10-29", PublicationStatus.Pending),
            Task(A, "2026-11-20", "2026-12-01", PublicationStatus.Pending),
            // Not published on a ground; a licensing decision published on time (no full text expected).
            Task(A, "2026-10-09", "2026-10-20", PublicationStatus.Exempt),
            Task(B, "2026-10-09", "2026-10-20", PublicationStatus.Published, "2026-10-10", fullText: false, procedure: ProcedureKind.Licensing),
            // Withdrawals: one in time, one late, one overdue and not done.
            Task(A, "2026-10-09", "2026-10-12", PublicationStatus.Withdrawn, kind: PublicationTaskKind.Withdraw, closed: "2026-10-12"),
            Task(A, "2026-10-09", "2026-10-12", PublicationStatus.Withdrawn, kind: PublicationTaskKind.Withdraw, closed: "2026-10-13"),
            Task(B, "2026-11-02", "2026-11-05", PublicationStatus.Pending, kind: PublicationTaskKind.Withdraw),
            // Outside the period.
            Task(A, "2026-08-03", "2026-08-12", PublicationStatus.Pending),
        };
        var result = PublicationStatistics.Compute(records, Calendar, D("2026-09-01"), D("2026-11-30"), D("2026-11-27"));
        var a = result.ByAgency.Single(t => t.Key == A.ToString());
        Assert.Equal((5, 1, 1, 3, 3, 1, 1, 1), (a.Decisions, a.OnTime, a.Late, a.LateWorkingDays, a.MaxLateWorkingDays, a.Missing, a.NotYetDue, a.Exempt));
        Assert.Equal(1.0 / 3, a.OnTimeRate);
        Assert.Equal((2, 1, 0.5), (a.GeneralPenalties, a.WithFullText, a.FullTextRate));
        Assert.Equal((2, 1, 1, 0), (a.Withdrawals, a.WithdrawnOnTime, a.WithdrawnLate, a.WithdrawalsMissing));
        var b = result.ByAgency.Single(t => t.Key == B.ToString());
        Assert.Equal((1, 1, 0, (double?)null, 1), (b.Decisions, b.OnTime, b.GeneralPenalties, b.FullTextRate, b.WithdrawalsMissing));
        Assert.Equal((6, 2, 1, 1), (result.County.Decisions, result.County.OnTime, result.County.Late, result.County.Missing));
    }

    [Fact]
    public void The_public_period_follows_the_credit_rules_and_a_correction_keeps_it()
    {
        var law = LawSettings.National;
        Assert.Equal((D("2027-03-09"), D("2026-06-10")), PublicationRules.PublicPeriod(PublicationCategory.Penalty, false, D("2026-03-10"), law));
        Assert.Equal((D("2029-03-09"), D("2027-03-10")), PublicationRules.PublicPeriod(PublicationCategory.Penalty, true, D("2026-03-10"), law));
        var licence = PublicationRules.PublicPeriod(PublicationCategory.Licensing, false, D("2026-03-10"), law);
        Assert.Equal(D("2029-03-09"), licence.Until);
        Assert.Contains((law with { PenaltyPublicMonths = 2 }).Validate(), p => p.Contains("3 至 12 个月", StringComparison.Ordinal));
        Assert.Contains((law with { WithdrawDays = 5 }).Validate(), p => p.Contains("1 至 3 日", StringComparison.Ordinal));
        Assert.Empty(law.Validate());
    }
}
