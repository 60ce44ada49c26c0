using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.Evaluation;

namespace Sanxiang.Core.Tests.Supervision.Evaluation;

public sealed class EvaluationScoringTests
{
    private static readonly ScoringForm Form = ScoringForm.Parse(ScoringForm.DefaultText).Form!;

    [Fact]
    public void The_score_is_100_minus_the_deductions_and_the_grade_follows_the_thresholds()
    {
        var (score, problems) = EvaluationScoring.Score(Form, [], new FileMarks(
            [new ItemMark("1", 1, "备考表未填写"), new ItemMark("12", 8, "未写明条款"), new ItemMark("17", 1.5m, "告知期限未体现")], [], "总体规范"));
        Assert.Empty(problems);
        Assert.Equal(new FileScore(89.5m, EvaluationGrades.Passed, false), score);
        Assert.Equal(EvaluationGrades.Excellent, EvaluationScoring.Score(Form, [], new FileMarks([new ItemMark("1", 1, "瑕疵")], [], null)).Score!.Grade);
        Assert.Equal(new FileScore(100m, EvaluationGrades.Excellent, false), EvaluationScoring.Score(Form, [], new FileMarks([], [], null)).Score);
    }

    [Fact]
    public void A_veto_that_holds_fails_the_file_whatever_its_points()
    {
        var (score, _) = EvaluationScoring.Score(Form, [], new FileMarks([], [new VetoMark("V3", true, "只有一名执法人员调查取证")], null));
        Assert.Equal(new FileScore(100m, EvaluationGrades.Fail, true), score);
    }

    [Fact]
    public void A_flagged_veto_must_be_answered_and_dismissing_it_needs_a_reason()
    {
        PreCheckFlag[] flags = [new("officers", "V3", "只有 1 名办案人员")];
        var (none, unanswered) = EvaluationScoring.Score(Form, flags, new FileMarks([], [], null));
        Assert.Null(none);
        Assert.Contains(unanswered, p => p.Field == "vetoV3" && p.Message.Contains("请认定成立或者不成立", StringComparison.Ordinal));

        var (_, bare) = EvaluationScoring.Score(Form, flags, new FileMarks([], [new VetoMark("V3", false, null)], null));
        Assert.Contains(bare, p => p.Message.Contains("认定不成立的，应写明理由", StringComparison.Ordinal));

        var (ok, fine) = EvaluationScoring.Score(Form, flags, new FileMarks([], [new VetoMark("V3", false, "简易程序当场处罚")], null));
        Assert.Empty(fine);
        Assert.False(ok!.Vetoed);
    }

    [Theory]
    [InlineData("1", 5, "扣分应在 0 至 4 分之间")]
    [InlineData("1", -1, "扣分应在 0 至 4 分之间")]
    [InlineData("1", 0.3, "以 0.5 分为单位")]
    [InlineData("99", 1, "评分表中没有第 99 项")]
    [InlineData("1", 1, "应写明扣分理由")]
    public void Bad_deductions_are_refused(string code, double deduction, string expected)
    {
        var reason = expected.Contains("理由", StringComparison.Ordinal) ? null : "理由";
        var (score, problems) = EvaluationScoring.Score(Form, [], new FileMarks([new ItemMark(code, (decimal)deduction, reason)], [], null));
        Assert.Null(score);
        Assert.Contains(problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Markup_and_overlong_text_are_refused_and_a_holding_veto_needs_facts()
    {
        var (_, problems) = EvaluationScoring.Score(Form, [], new FileMarks(
            [new ItemMark("1", 1, "<script>alert(1)</script>")], [new VetoMark("V1", true, " "), new VetoMark("V9", true, "x")], new string('评', 2001)));
        Assert.Contains(problems, p => p.Field == "item1" && p.Message.Contains("尖括号", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Field == "vetoV1" && p.Message.Contains("应写明事实和理由", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Field == "vetoV9" && p.Message.Contains("没有否决项 V9", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Field == "comment" && p.Message.Contains("不能超过 2000 个字", StringComparison.Ordinal));
    }

    [Fact]
    public void Agencies_rank_by_average_with_vetoed_files_counting_zero_and_ties_sharing_a_place()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();
        EvaluatedFile F(Guid agency, string name, decimal score, string grade, bool vetoed = false) => new()
        {
            AgencyId = agency, AgencyName = name, CaseNumber = "x", CaseTitle = "x", EvaluatorName = "x", EvaluatorAgencyName = "x", FlagsJson = "[]",
            Score = score, Grade = grade, Vetoed = vetoed,
        };
        var ranking = EvaluationRanking.Rank([
            F(a, "甲局", 95, "优秀"), F(a, "甲局", 80, "合格"),
            F(b, "乙局", 100, "不合格", vetoed: true), F(b, "乙局", 90, "优秀"),
            F(c, "丙局", 95, "优秀"), F(c, "丙局", 80, "合格"),
        ]);
        Assert.Equal([("丙局", 1), ("甲局", 1), ("乙局", 3)], ranking.Select(r => (r.Agency, r.Rank)));
        Assert.Equal(87.5m, ranking[0].Average);
        Assert.Equal(45m, ranking[2].Average);
        Assert.Equal(1, ranking[2].Vetoed);
    }
}
