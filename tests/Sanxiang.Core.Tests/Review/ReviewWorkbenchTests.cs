using Sanxiang.Core;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Review;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Tests.Review;

/// <summary>
/// The reviewers' side of legal review (issue 6, items 2 and 7): the review time limit in working days, the figures per
/// reviewer and per agency, and the submission frozen as it was submitted.
/// </summary>
public sealed class ReviewWorkbenchTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;
    private static readonly Guid Submitter = Guid.NewGuid();
    private static readonly Guid FirstReviewer = Guid.NewGuid();
    private static readonly Guid SecondReviewer = Guid.NewGuid();

    [Fact]
    public void The_review_limit_is_ten_working_days_from_the_submission_and_skips_the_National_Day_holiday()
    {
        // Submitted on Tuesday 29 September 2026: 30 September, then 1-7 October off, 8, 9, Saturday 10 (a make-up
        // working day), 12-16 and 19 October: the tenth working day is Monday 19 October (weekends alone would give 13 October).
        var c = InReview(D("2026-09-29"));
        var due = CaseDeadlines.ReviewDue(c, Procedures.GeneralPenalty, Calendar, LawSettings.National, D("2026-10-16"))!;
        Assert.Equal(D("2026-10-19"), due.Due);
        Assert.Equal(1, due.DaysLeft);
        Assert.False(due.Overdue);
        Assert.Equal("提出法制审核意见", due.What);
        Assert.Contains(CaseDeadlines.Running(c, Calendar, LawSettings.National, D("2026-10-16")), d => d.Step.Code == "review" && d.Due == D("2026-10-19"));

        // An agency's own, shorter rule; overdue the day after.
        var five = CaseDeadlines.ReviewDue(c, Procedures.GeneralPenalty, Calendar, LawSettings.National with { ReviewWorkingDays = 5 }, D("2026-10-13"))!;
        Assert.Equal(D("2026-10-12"), five.Due);
        Assert.True(five.Overdue);

        // Once the opinion is given, nothing runs.
        c.Steps.Add(Step("review", "decide", D("2026-10-09"), FirstReviewer, 2));
        c.Status = "decide";
        Assert.Null(CaseDeadlines.ReviewDue(c, Procedures.GeneralPenalty, Calendar, LawSettings.National, D("2026-10-16")));
        Assert.Equal(["法制审核时限应在 1 至 30 个工作日之间。"], LawSettings.National with { ReviewWorkingDays = 0 } is var bad ? bad.Validate() : []);
    }

    [Fact]
    public void The_figures_count_opinions_of_the_period_per_reviewer_and_per_agency()
    {
        // A: returned on 5 March with two problems (3 working days), agreed on 10 March in the second round (1 working day).
        var a = InReview(D("2026-03-02"));
        Returned(a, D("2026-03-05"), FirstReviewer, FactKeys.ReviewPointFacts, FactKeys.ReviewPointDocuments);
        a.Steps.Add(Step("examine", "review", D("2026-03-09"), Submitter, 3));
        Agreed(a, D("2026-03-10"), SecondReviewer, 4);
        // B: agreed at once, but on 20 March, 14 working days after its submission (the limit, 10, ended on 16 March).
        var b = InReview(D("2026-03-02"));
        Agreed(b, D("2026-03-20"), SecondReviewer, 2);
        // C, of another agency: still waiting on 27 March, past its limit.
        var c = InReview(D("2026-03-02"));

        var cases = new[] { new ReviewedCase(a, "SCJG", "县市场监管局", LawSettings.National), new ReviewedCase(b, "SCJG", "县市场监管局", LawSettings.National),
            new ReviewedCase(c, "ZHZF", "城关镇综合执法队", LawSettings.National) };
        var names = new Dictionary<Guid, string> { [FirstReviewer] = "陈晓燕", [SecondReviewer] = "刘志强" };
        var result = ReviewStatistics.Compute(cases, Calendar, D("2026-03-01"), D("2026-03-31"), D("2026-03-27"), id => names[id]);

        var market = result.ByAgency.Single(t => t.Key == "SCJG");
        Assert.Equal((3, 2, 1, 2, 1), (market.Reviewed, market.Agreed, market.Returned, market.FirstRounds, market.FirstRoundAgreed));
        Assert.Equal(0.5, market.FirstRoundAgreementRate);
        Assert.Equal([0, 0, 0, 1, 0, 0, 1, 0], market.ProblemsByKind);
        Assert.Equal(6.0, market.AverageWorkingDays);
        Assert.Equal((1, 0, 0), (market.Late, market.Pending, market.PendingOverdue));
        var town = result.ByAgency.Single(t => t.Key == "ZHZF");
        Assert.Equal((0, 1, 1), (town.Reviewed, town.Pending, town.PendingOverdue));
        Assert.Null(town.AverageWorkingDays);

        Assert.Equal(["刘志强", "陈晓燕"], result.ByReviewer.Select(t => t.Name));
        var second = result.ByReviewer[0];
        Assert.Equal((2, 2, 0, 1, 1, 7.5, 1), (second.Reviewed, second.Agreed, second.Returned, second.FirstRounds, second.FirstRoundAgreed, second.AverageWorkingDays, second.Late));
        var first = result.ByReviewer[1];
        Assert.Equal((1, 0, 1, 1, 0, 3.0, 2), (first.Reviewed, first.Agreed, first.Returned, first.FirstRounds, first.FirstRoundAgreed, first.AverageWorkingDays, first.Problems));
        Assert.Equal((3, 1, 1), (result.County.Reviewed, result.County.Late, result.County.PendingOverdue));

        // April: no opinion; what still waits is still counted.
        var april = ReviewStatistics.Compute(cases, Calendar, D("2026-04-01"), D("2026-04-30"), D("2026-04-02"), id => names[id]);
        Assert.Empty(april.ByReviewer);
        Assert.Equal((0, 1), (april.County.Reviewed, april.County.Pending));
    }

    [Fact]
    public void What_was_submitted_is_frozen_and_a_change_during_the_review_needs_a_new_round()
    {
        var c = InReview(D("2026-03-02"));
        var submitted = c.Steps[0].AtUtc;
        c.Facts.Add(Fact(FactKeys.FineAmount, "60000", submitted, 1));
        c.Evidence.Add(Evidence("现场检查照片", submitted.AddDays(-3)));
        var materials = ReviewRounds.MaterialsAt(c, submitted);
        Assert.Equal(1, materials.Evidence);
        Assert.Matches("^[0-9a-f]{64}$", materials.Sha256);
        Assert.Empty(ReviewRounds.ChangedSince(c, submitted));

        // The reviewer agrees, but meanwhile the unit added a test report: the opinion cannot pass as it stands.
        AnswerAll(c, T(D("2026-03-04")));
        c.Evidence.Add(Evidence("检验报告", T(D("2026-03-03"))));
        Assert.Equal(materials, ReviewRounds.MaterialsAt(c, submitted));
        Assert.NotEqual(materials, ReviewRounds.MaterialsAt(c, T(D("2026-03-03"))));
        Assert.Equal(["新增证据“检验报告”"], ReviewRounds.ChangedSince(c, submitted));
        var refusal = ReviewRounds.OpinionProblem(c, agree: true);
        Assert.Equal("送审后，新增证据“检验报告”有变化，审核意见应当针对送审的材料：请退回承办机构，由其重新送审（新一轮审核）。", refusal);

        // A fine changed back to what was submitted is no change; a different one is.
        c.Facts.Add(Fact(FactKeys.FineAmount, "65000", T(D("2026-03-03")), 30));
        Assert.Contains("罚款金额（元）", ReviewRounds.ChangedSince(c, submitted));
        c.Facts.Add(Fact(FactKeys.FineAmount, "60000", T(D("2026-03-03")), 31));
        Assert.DoesNotContain("罚款金额（元）", ReviewRounds.ChangedSince(c, submitted));
    }

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset T(DateOnly day) => ChinaTime.StartOfDayUtc(day).AddHours(10);

    private static CaseStepRecord Step(string from, string to, DateOnly on, Guid actor, int sequence) =>
        new() { From = from, To = to, Action = to, On = on, AtUtc = T(on), ActorId = actor, Sequence = sequence };

    private static CaseFact Fact(FactKey key, string value, DateTimeOffset at, int sequence) =>
        new() { Key = key.Key, Value = value, Step = "review", RecordedAtUtc = at, Sequence = sequence };

    private static CaseEvidence Evidence(string title, DateTimeOffset added) => new()
    {
        Id = Guid.NewGuid(), Sha256 = new string('a', 64), Sm3 = new string('b', 64), MediaType = "image/jpeg", Title = title, Step = "investigate",
        Place = "当事人经营场所", CollectorName = "张三", Proves = "现场情况", AddedAtUtc = added,
    };

    private static Case InReview(DateOnly submitted) => new()
    {
        Id = Guid.NewGuid(), Number = "安市监立〔2026〕1号", ItemCode = "360736-SCJG-CF-001", ItemName = "对经营超标食品的行政处罚",
        Procedure = ProcedureKind.GeneralPenalty, Status = "review", Cause = "涉嫌经营超过保质期的食品案", Source = "监督检查",
        Steps = [Step("notify", "review", submitted, Submitter, 1)],
    };

    private static void AnswerAll(Case c, DateTimeOffset at)
    {
        var sequence = c.Facts.Count == 0 ? 0 : c.Facts.Max(f => f.Sequence);
        foreach (var (answer, _) in FactKeys.ReviewPoints)
        {
            c.Facts.Add(Fact(answer, "符合", at, ++sequence));
        }

        c.Facts.Add(Fact(FactKeys.ReviewOpinion, "同意", at, ++sequence));
    }

    private static void Agreed(Case c, DateOnly on, Guid reviewer, int sequence)
    {
        AnswerAll(c, T(on).AddMinutes(-5));
        c.Steps.Add(Step("review", "decide", on, reviewer, sequence));
        c.Status = "decide";
    }

    private static void Returned(Case c, DateOnly on, Guid reviewer, params FactKey[] problems)
    {
        AnswerAll(c, T(on).AddMinutes(-5));
        var sequence = c.Facts.Max(f => f.Sequence);
        foreach (var point in problems)
        {
            c.Facts.Add(Fact(point, "存在问题", T(on).AddMinutes(-4), ++sequence));
        }

        c.Facts.Add(Fact(FactKeys.ReviewOpinion, "存在问题", T(on).AddMinutes(-4), ++sequence));
        c.Facts.Add(Fact(FactKeys.ReviewProblems, "货值金额的认定缺少进货票据；补充进货票据\n送达回证缺少签收日期；补正送达回证", T(on).AddMinutes(-4), ++sequence));
        c.Steps.Add(Step("review", "examine", on, reviewer, c.Steps.Count + 1));
        c.Status = "examine";
    }
}
