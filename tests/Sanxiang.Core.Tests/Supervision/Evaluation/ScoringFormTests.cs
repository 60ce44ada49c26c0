using Sanxiang.Core.Supervision.Evaluation;

namespace Sanxiang.Core.Tests.Supervision.Evaluation;

public sealed class ScoringFormTests
{
    [Fact]
    public void The_default_form_is_the_common_one_20_for_form_80_for_content_with_six_vetoes()
    {
        var (form, problems) = ScoringForm.Parse(ScoringForm.DefaultText);
        Assert.Empty(problems);
        Assert.NotNull(form);
        Assert.Equal(["卷面", "内容"], form.Parts.Select(p => p.Name));
        Assert.Equal([20m, 80m], form.Parts.Select(p => p.Points));
        Assert.Equal(["主体认定", "事实证据", "法律适用", "自由裁量", "执法程序", "执法文书", "立卷归档"], form.Parts[1].Groups.Select(g => g.Name));
        Assert.Equal(6, form.Vetoes.Count);
        Assert.Equal(["agency", "certificate", "officers", "evidence", null, "review"], form.Vetoes.Select(v => v.PreCheck));
        Assert.Equal(100m, form.Items.Sum(i => i.Points));
        Assert.Equal(Enumerable.Range(1, form.Items.Count()).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), form.Items.Select(i => i.Code));
        Assert.Equal((90m, 70m), (form.Excellent, form.Pass));
    }

    [Fact]
    public void A_form_whose_items_do_not_add_up_to_their_group_is_refused_with_the_line_and_both_sums()
    {
        var text = ScoringForm.DefaultText.Replace("- 违法事实认定清楚，时间、地点、情节等要素齐全 8", "- 违法事实认定清楚，时间、地点、情节等要素齐全 9", StringComparison.Ordinal);
        var (form, problems) = ScoringForm.Parse(text);
        Assert.Null(form);
        var line = text.Split('\n').ToList().FindIndex(l => l.StartsWith("== 事实证据", StringComparison.Ordinal)) + 1;
        Assert.Contains(problems, p => p.Message.Contains($"第 {line} 行", StringComparison.Ordinal) && p.Message.Contains("“事实证据”为 20 分，其下评查要点合计 21 分", StringComparison.Ordinal));
    }

    [Fact]
    public void Parts_that_do_not_make_100_are_refused_even_when_each_adds_up()
    {
        var (form, problems) = ScoringForm.Parse("= 卷面 20\n- 封面 20\n= 内容 70\n- 事实 70\n");
        Assert.Null(form);
        Assert.Contains(problems, p => p.Message.Contains("各部分合计 90 分（卷面 20 + 内容 70），应为 100 分", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("= 卷面 20\n- 封面\n= 内容 80\n- 事实 80", "第 2 行：行末应写分值")]
    [InlineData("- 封面 20\n= 内容 100\n- 事实 100", "第 1 行：评查要点（“- ”）应写在某个部分")]
    [InlineData("= 卷面 100\n- 封面 100\n否决 执法主体不合法【预检：nothing】", "预检代码“nothing”不存在")]
    [InlineData("= 卷面 100\n- 封面 <script>alert(1)</script> 100", "不能含有尖括号")]
    [InlineData("= 卷面 100\n- 封面 100\n优秀 80\n合格 85", "合格分数线（85 分）不能高于优秀分数线（80 分）")]
    [InlineData("= 卷面 100\n- 封面 99.75\n- 目录 0.25", "行末应写分值（大于 0 的数，最多一位小数")]
    [InlineData("随便写点什么", "无法识别")]
    [InlineData("", "评分表不能为空")]
    [InlineData("= 卷面 50\n== 封面 50\n- 封面 50\n- 目录 0\n= 内容 50\n- 事实 50", "行末应写分值")]
    [InlineData("= 卷面 50\n- 封面 50\n= 卷面 50\n- 目录 50", "部分“卷面”重复")]
    [InlineData("= 卷面 50\n- 封面 20\n== 目录 30\n- 目录 30\n= 内容 50\n- 事实 50", "要么全部直接写在部分之下")]
    public void Bad_forms_get_a_specific_reason(string text, string expected)
    {
        var (form, problems) = ScoringForm.Parse(text);
        Assert.Null(form);
        Assert.Contains(problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_form_with_half_points_and_items_directly_under_a_part_is_read()
    {
        var (form, problems) = ScoringForm.Parse("名称 简易程序案卷评分表\n优秀 85\n合格 60\n否决 执法人员无证【预检：certificate】\n= 卷面 30\n- 决定书格式规范 15.5\n- 签名齐全 14.5\n= 内容 70\n== 事实 40\n- 事实清楚 40\n== 程序 30\n- 当场告知 30\n");
        Assert.Empty(problems);
        Assert.Equal("简易程序案卷评分表", form!.Name);
        Assert.Equal(["1", "2", "3", "4"], form.Items.Select(i => i.Code));
        Assert.Equal(15.5m, form.Items.First().Points);
        Assert.Equal(EvaluationGrades.Excellent, form.Grade(85m, false));
        Assert.Equal(EvaluationGrades.Passed, form.Grade(84.5m, false));
        Assert.Equal(EvaluationGrades.Fail, form.Grade(59.5m, false));
        Assert.Equal(EvaluationGrades.Fail, form.Grade(100m, true));
        var again = EvaluationScoring.FormFromJson(form.ToJson().ToJsonString());
        Assert.Equal(form.Items, again.Items);
        Assert.Equal(form.Vetoes, again.Vetoes);
        Assert.Equal((form.Excellent, form.Pass, form.Name), (again.Excellent, again.Pass, again.Name));
    }
}
