using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Supervision.Patrol;
using Sanxiang.Data.Supervision.Patrol;

namespace Sanxiang.Data.Seed;

/// <summary>
/// The demo county's online patrol (issue 9): the judicial bureau's patrol of the last finished quarter, run by the same
/// service as real work over the demo publications — the automatic checks find what the demo really holds (the late
/// publications, the withdrawal), the supervisor checks the sample (one entry with a problem), sends the findings, the
/// agency heads answer and the supervisor confirms; the patrol is closed. Fixed seed, so the sample is the same on every
/// machine.
/// </summary>
public sealed partial class DemoCaseSeeder
{
    public const string DemoPatrolSeed = "5a3f0c2e9b7d41e6a8c3f1d2e4b6a890";

    private async Task<int> SeedPatrolAsync(DateOnly today, CancellationToken ct)
    {
        if (await db.OnlinePatrols.AnyAsync(ct))
        {
            return 0;
        }

        var supervisor = await ActorAsync("sfj.supervisor", ct);
        if (supervisor is null)
        {
            return 0;
        }

        var current = Quarter.Of(today);
        var n = current.Year * 4 + current.Number - 2;
        var quarter = new Quarter(n / 4, n % 4 + 1);
        var start = Min(quarter.Last.AddDays(15), today.AddDays(-20));
        var patrols = new OnlinePatrols(db, _at, options);

        SetDay(start, 9);
        var patrol = await patrols.StartAsync(quarter.Code, null, supervisor, DemoPatrolSeed, ct);
        db.ChangeTracker.Clear();

        // The human check of the sample: one entry of the market regulator with a problem, the rest without.
        var samples = await db.PatrolSamples.Where(s => s.PatrolId == patrol.Id).OrderBy(s => s.PublishedDecisionId).ToListAsync(ct);
        var flagged = false;
        foreach (var s in samples)
        {
            SetDay(start.AddDays(1), 10);
            var problem = !flagged && s.Label.Contains("市监", StringComparison.Ordinal);
            flagged |= problem;
            await patrols.CheckSampleAsync(s.Id, problem,
                problem ? "公示摘要的“违法事实”过于简略，未载明违法行为发生的时间和地点，与决定书全文详略不一致，请按决定书全文补充。" : null, supervisor, ct);
            db.ChangeTracker.Clear();
        }

        SetDay(start.AddDays(2), 9);
        await patrols.SendAsync(patrol.Id, OnlinePatrols.DefaultAnswerWorkingDays, supervisor, ct);
        db.ChangeTracker.Clear();

        var findings = await db.PatrolFindings.Where(f => f.PatrolId == patrol.Id && f.Status == PatrolWorkflow.Open).OrderBy(f => f.Number).ToListAsync(ct);
        var heads = new Dictionary<Guid, (CaseActor Actor, Guid AgencyId)?>();
        var day = 5;
        foreach (var f in findings)
        {
            if (!heads.TryGetValue(f.AgencyId, out var head))
            {
                head = await HeadOfAsync(f.AgencyId, ct);
                heads[f.AgencyId] = head;
            }

            if (head is not { } h)
            {
                continue;
            }

            SetDay(start.AddDays(day++ % 9 + 4), 15);
            await patrols.AnswerAsync(f.Id, AnswerFor(f.Kind), h.AgencyId, h.Actor, ct);
            db.ChangeTracker.Clear();
        }

        var answered = await db.PatrolFindings.Where(f => f.PatrolId == patrol.Id && f.Status == PatrolWorkflow.Answered).OrderBy(f => f.Number).ToListAsync(ct);
        SetDay(start.AddDays(16), 10);
        foreach (var f in answered)
        {
            await patrols.ConfirmAsync(f.Id, "经复查门户网站，已整改到位。", supervisor, ct);
            db.ChangeTracker.Clear();
        }

        if (answered.Count == findings.Count)
        {
            SetDay(start.AddDays(17), 16);
            await patrols.CloseAsync(patrol.Id, supervisor, ct);
            db.ChangeTracker.Clear();
        }

        return 1;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string AnswerFor(PatrolFindingKind kind) => kind switch
    {
        PatrolFindingKind.LatePublication =>
            "经核查，该决定因公示专员岗位调整交接不及时导致逾期公示。我局已明确由法制股指定专人每日查看公示任务到期提醒，并将公示时限纳入股室季度考核，今后杜绝此类情况。",
        PatrolFindingKind.UnpublishedOverdue => "已于收到通知次日完成该决定的隐去审核并在平台公示，同时对本季度其余决定逐件复核，未发现其他应公示未公示的情形。",
        PatrolFindingKind.MissingFullText => "已补充公示该决定书全文（按隐去规则处理个人信息），并在公示专员工作规范中明确一般程序行政处罚决定须同时公示全文。",
        PatrolFindingKind.LateWithdrawal => "该决定被复议撤销后，因未及时录入决定变更信息导致撤回超期。现已撤回并公开说明理由，我局已要求法制股收到复议、诉讼文书当日在平台登记。",
        PatrolFindingKind.Unredacted => "已撤下原公示信息，隐去相关个人信息后重新公示，并组织公示专员重新学习公示信息隐去规则。",
        PatrolFindingKind.OfficerNotInRegistry => "经核查，系决定书执法人员信息录入错误。已更正决定书公示文本，执法人员信息与执法人员名单一致。",
        PatrolFindingKind.ListMissing or PatrolFindingKind.ListNotCurrent => "已更新并报请批准执法人员名单（执法事项清单），新版本已在门户网站施行。",
        PatrolFindingKind.SampleProblem => "已按决定书全文补充公示摘要中违法行为发生的时间和地点，更正后重新公示，并对本季度其余公示摘要逐条核对。",
    };

    private async Task<CaseActor?> ActorAsync(string userName, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is null)
        {
            return null;
        }

        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync(ct);
        return new CaseActor(user.Id, roles, user.OfficerId, user.DisplayName);
    }

    private async Task<(CaseActor Actor, Guid AgencyId)?> HeadOfAsync(Guid agencyId, CancellationToken ct)
    {
        var head = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where u.AgencyId == agencyId && r.Name == Roles.AgencyHead
                          orderby u.UserName
                          select u.UserName).FirstOrDefaultAsync(ct);
        return head is not null && await ActorAsync(head, ct) is { } actor ? (actor, agencyId) : null;
    }
}
