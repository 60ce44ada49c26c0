using System.Globalization;
using Sanxiang.Core.Review;
using Sanxiang.Core.Supervision;

namespace Sanxiang.Web.Supervision;

/// <summary>One table of the dashboard: what the chart beside it shows, as text (the table view and its CSV download).</summary>
public sealed record DashboardTable(string Key, string Title, IReadOnlyList<string> Headers, IReadOnlyList<string?[]> Rows);

/// <summary>The dashboard's tables, built once from the figures and used by the page, its CSV downloads and the API.</summary>
public static class DashboardTables
{
    public static readonly IReadOnlyList<string> Keys = ["agencies", "trend", "stages", "procedures", "outcomes", "overdue", "review"];

    public static IReadOnlyList<DashboardTable> Build(Dashboard d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return
        [
            new("agencies", "各执法主体主要指标",
                ["执法主体", "立案", "作出决定", "有期限的决定", "按期决定", "按期决定率", "一般程序决定", "90日内决定", "逾期未办环节", "法制审核（次）",
                 "首次审核", "首次即通过", "首次审核通过率", "审核发现问题（项）", "应公示决定", "按时公示率", "全文公开率", "持证执法人员", "法制审核人员", "审核人员占比",
                 "60日内证件到期", "证件已过期", "收到投诉举报", "投诉举报未办结", "已答复", "按期答复率", "逾期未办投诉举报", "网上巡查未整改问题", "逾期未答复的巡查问题"],
                [.. d.ByAgency.Append(d.Total).Distinct().Select(AgencyRow)]),
            new("trend", "立案和决定趋势", ["期间", "立案", "作出决定"], [.. d.Trend().Select(t => new string?[] { t.Label, N(t.Opened), N(t.Decided) })]),
            new("stages", "期间立案案件的当前办理阶段", ["阶段", "案件数"], [.. d.ByStage.Select(Row)]),
            new("procedures", "期间立案案件的类别", ["类别", "案件数"], [.. d.ByProcedure.Select(Row)]),
            new("outcomes", "期间作出的决定", ["决定类型", "件数"], [.. d.ByOutcome.Select(Row)]),
            new("overdue", "截至今日逾期未办的环节", ["应办事项", "逾期件数"], [.. d.OverdueByStep.Select(Row)]),
            new("review", "法制审核发现的问题（按审核事项）", ["审核事项", "发现问题（次）"],
                [.. ReviewStatisticsResult.Kinds.Select((k, i) => new string?[] { k, N(i < d.Total.Review.ProblemsByKind.Count ? d.Total.Review.ProblemsByKind[i] : 0) })]),
        ];
    }

    private static string?[] Row(LabelCount c) => [c.Label, N(c.Count)];

    private static string?[] AgencyRow(AgencyFigures a)
    {
        var p = a.Publication;
        return
        [
            a.Name, N(a.Opened), N(a.Decided), N(a.DecidedWithLimit), N(a.DecidedInTime), P(a.InTimeRate), N(a.GeneralDecided), N(a.GeneralInTime),
            N(a.OverdueSteps), N(a.Review.Reviewed), N(a.Review.FirstRounds), N(a.Review.FirstRoundAgreed), P(a.Review.FirstRoundAgreementRate),
            N(a.Review.ProblemsByKind.Sum()), p is null ? "0" : N(p.OnTime + p.Late + p.Missing), P(p?.OnTimeRate), P(p?.FullTextRate),
            N(a.Officers), N(a.Reviewers), P(a.ReviewerRatio), N(a.CertificatesExpiring), N(a.CertificatesExpired),
            N(a.Complaints.Received), N(a.Complaints.Open), N(a.Complaints.Answered), P(a.Complaints.OnTimeRate), N(a.Complaints.OverdueOpen),
            N(a.PatrolFindingsOpen), N(a.PatrolAnswersOverdue),
        ];
    }

    public static string P(double? rate) => rate is { } r ? r.ToString("0.0%", CultureInfo.InvariantCulture) : "—";

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
