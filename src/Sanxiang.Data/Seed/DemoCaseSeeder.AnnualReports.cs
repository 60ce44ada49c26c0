using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Supervision.AnnualReport;
using Sanxiang.Data.Supervision.AnnualReport;

namespace Sanxiang.Data.Seed;

/// <summary>
/// The demo county's annual reports (issue 9 item 5) for the year before the demo's: the market regulator's published on
/// time with its commentary, the comprehensive enforcement bureau's published after 31 January, so that the supervisor's
/// overview shows on time, late and missing. Published through the same service as real work (figures frozen, digest in
/// the log).
/// </summary>
public sealed partial class DemoCaseSeeder
{
    private async Task<int> SeedAnnualReportsAsync(DateOnly today, CancellationToken ct)
    {
        var year = today.Year - 1;
        if (year < AnnualReportRules.FirstYear || await db.AnnualReports.IgnoreQueryFilters().AnyAsync(ct))
        {
            return 0;
        }

        var service = new AnnualReports(db, _at);
        var count = 0;
        foreach (var (code, head, publishOn, commentary) in new[]
        {
            ("SCJG", "scjg.head", new DateOnly(year + 1, 1, 20), new AnnualCommentary(
                $"{year}年，本局坚持严格规范公正文明执法，全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度。全年依托行政执法信息平台办理行政处罚、行政检查和行政强制案件，执法文书统一编号、全程留痕，一般程序行政处罚决定全部经法制审核后作出。\n"
                + "围绕食品安全、特种设备和计量等重点领域，按照“双随机、一公开”要求开展抽查，检查结果按时向社会公示；对首次轻微违法行为依法适用不予处罚，做到宽严相济、过罚相当。",
                "一是个别执法决定公示超过七个工作日的期限，公示及时性有待提高；二是部分案件调查取证时音像记录不够完整，现场执法记录仪使用不够规范；三是法制审核人员数量偏少，审核力量与办案量不相适应。",
                "一是落实公示专员审核责任，逐件跟踪公示期限，确保执法决定按时、全文公开；二是开展执法记录仪使用专项培训，规范音像记录的采集和归档；三是充实法制审核力量，确保法制审核人员不少于执法人员总数的百分之五；四是加强执法人员培训，提升依法行政水平。")),
            ("ZHZF", "zhzf.head", new DateOnly(year + 1, 2, 10), new AnnualCommentary(
                $"{year}年，本局围绕市容环境、城乡规划等领域依法开展综合行政执法，执法过程全程记录，重大执法决定经法制审核。",
                "年度报告编制时间偏晚，未能在1月31日前公布；部分案件办理期限把握不够严格。",
                "建立年度报告编制工作台账，明确责任人和时间节点，确保按时公布；加强办案期限管理。")),
        })
        {
            if (!_actors.TryGetValue(head, out var actor))
            {
                continue;
            }

            var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
            if (agency is null || publishOn > today)
            {
                continue;
            }

            SetDay(publishOn, 10);
            await service.PublishAsync(agency, year, commentary, null, actor, ct);
            db.ChangeTracker.Clear();
            count++;
        }

        return count;
    }
}
