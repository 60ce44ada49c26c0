using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Validation;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Inspection;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Data.Seed;

/// <summary>
/// The demo county's 双随机抽查 (PLT-2): the market regulator's target directory of 520 entities, two plans drawn and
/// inspected with their results published, and one plan committed and waiting for its draw day — all through the same
/// plan service, so each draw is genuine and verifies.
/// </summary>
public sealed partial class DemoCaseSeeder
{
    public const int DemoTargets = 520;

    private static readonly string[] Areas = ["城关镇", "安和镇", "龙泉乡", "石桥镇", "桃源乡", "东岭乡"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "罗", "曾"];
    private static readonly (string Industry, int Share, string[] Kinds)[] Industries =
    [
        ("餐饮服务", 40, ["小吃店", "面馆", "饭店", "快餐店", "早餐店", "米粉店", "烧烤店", "农家乐"]),
        ("食品销售", 35, ["便利店", "副食店", "超市", "粮油店", "生鲜店", "水果店"]),
        ("工业产品生产", 15, ["电线电缆有限公司", "建材有限公司", "塑料制品有限公司", "家具有限公司", "化肥有限公司"]),
        ("成品油零售", 10, ["加油站", "石化加油站", "能源加油站"]),
    ];

    /// <summary>Fixed, so the demo directory is the same on every machine (and a draw over it reproducible from its export).</summary>
    private const int DirectorySeed = 20_261_128;

    private static readonly char[] CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY".ToCharArray();

    private async Task<int> SeedInspectionsAsync(CaseHandling handling, DateOnly today, CancellationToken ct)
    {
        if (await db.InspectionPlans.IgnoreQueryFilters().AnyAsync(ct) || !_actors.ContainsKey("scjg.clerk"))
        {
            return 0;
        }

        var agencyId = await db.Agencies.Where(a => a.Code == "SCJG").Select(a => a.Id).FirstAsync(ct);
        await SeedDirectoryAsync(agencyId, ct);
        var plans = new InspectionPlans(db, _at, handling);
        var count = 0;

        // Second quarter: restaurants, by ratio; drawn, inspected, results published (one ordered to correct, one referred).
        count += await SeedPlanAsync(plans, handling, agencyId, today.AddDays(-150), "2026年第二季度餐饮服务单位食品安全双随机抽查",
            "360736-SCJG-JC-001", "餐饮服务", count: null, ratio: 5, drawAfter: 5, inspect: true, today, ct);
        // Third quarter: food shops, by count; drawn, inspected, results published.
        count += await SeedPlanAsync(plans, handling, agencyId, today.AddDays(-75), "2026年第三季度食品销售者双随机抽查",
            "360736-SCJG-JC-002", "食品销售", count: 8, ratio: null, drawAfter: 4, inspect: true, today, ct);
        // A joint plan (联合抽查) with the emergency-management bureau, drawn last week: the market regulator's part under
        // way, the safety inspections not yet done, so no joint result is published yet.
        if (_actors.TryGetValue("yjgl.head", out var yjglHead))
        {
            SetDay(today.AddDays(-12), 9);
            var joint = await plans.CreateAsync(agencyId, new PlanInput("2026年11月重点工业产品生产企业质量和安全生产联合抽查",
                ["360736-SCJG-JC-003", "360736-YJGL-JC-001"], ["工业产品生产"], null, null, 4, null, 2, 1, 2, 3, 4, false, true,
                today.AddDays(-5), today.AddDays(40), today.AddDays(-6)), _actors["scjg.unithead"], ct);
            db.ChangeTracker.Clear();
            SetDay(today.AddDays(-10), 10);
            var yjgl = await db.Agencies.Where(a => a.Code == "YJGL").Select(a => a.Id).FirstAsync(ct);
            await plans.ConfirmJointAsync(joint.Id, yjglHead, yjgl, ct);
            db.ChangeTracker.Clear();
            SetDay(today.AddDays(-9), 10);
            await plans.CommitAsync(joint.Id, _actors["scjg.head"], ct);
            db.ChangeTracker.Clear();
            await LedgerCheckpointer.SignIfGrownAsync(db, keys, clock.GetUtcNow(), ct);
            SetDay(today.AddDays(-6), 9);
            await plans.DrawAsync(joint.Id, _actors["scjg.unithead"], keys, ct);
            db.ChangeTracker.Clear();
            count += await db.InspectionTasks.CountAsync(t => t.PlanId == joint.Id, ct);
        }

        // Fourth quarter: product quality, committed, to be drawn next week.
        count += await SeedPlanAsync(plans, handling, agencyId, today.AddDays(-2), "2026年第四季度重点工业产品质量监督抽查",
            "360736-SCJG-JC-003", "工业产品生产", count: null, ratio: 10, drawAfter: 7, inspect: false, today, ct);
        return count;
    }

    /// <summary>520 market entities of four industries in six towns, graded mostly A and B, valid credit codes, two recusals declared.</summary>
    private async Task SeedDirectoryAsync(Guid agencyId, CancellationToken ct)
    {
        var random = new Random(DirectorySeed);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        for (var i = 0; i < DemoTargets; i++)
        {
            var pick = random.Next(100);
            var (industry, _, kinds) = Industries.First(x => (pick -= x.Share) < 0);
            var area = Areas[random.Next(Areas.Length)];
            var kind = kinds[random.Next(kinds.Length)];
            var company = kind.EndsWith("公司", StringComparison.Ordinal);
            var surname = Surnames[random.Next(Surnames.Length)];
            var name = company
                ? $"安和县{area[..2]}{surname}氏{kind}"
                : $"安和县{area}{surname}记{kind}";
            if (!used.Add(name))
            {
                name = $"{name[..^kind.Length]}{(i % 9) + 1}号{kind}";
            }

            string code;
            do
            {
                var body = new string([.. Enumerable.Range(0, 9).Select(_ => CodeAlphabet[random.Next(CodeAlphabet.Length)])]);
                var first17 = (company ? "91" : "92") + "360736" + body;
                code = first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
            }
            while (!used.Add(code));

            var g = random.Next(100);
            var tags = new List<string>();
            if (industry == "餐饮服务" && random.Next(6) == 0)
            {
                tags.Add("学校周边");
            }

            if (industry == "食品销售" && random.Next(5) == 0)
            {
                tags.Add("农贸市场内");
            }

            if (g >= 90)
            {
                tags.Add("重点监管");
            }

            db.InspectionTargets.Add(new InspectionTarget
            {
                Id = Guid.CreateVersion7(now),
                AgencyId = agencyId,
                CreditCode = code,
                Name = name,
                Address = $"安和县{area}{(random.Next(2) == 0 ? "人民路" : "建设路")}{random.Next(1, 300)}号",
                Area = area,
                Industry = industry,
                Grade = g < 30 ? "A" : g < 80 ? "B" : g < 95 ? "C" : "D",
                Tags = tags,
                UpdatedAtUtc = now,
            });
        }

        await db.SaveChangesAsync(ct);

        // Two declared conflicts: the officer's relative runs one restaurant and one shop.
        var officer = _actors["scjg.officer"];
        var certificate = await db.OfficerEntries.Where(e => e.OfficerId == officer.OfficerId).Select(e => e.CertificateNumber).FirstAsync(ct);
        foreach (var industry in new[] { "餐饮服务", "食品销售" })
        {
            var target = await db.InspectionTargets.Where(t => t.AgencyId == agencyId && t.Industry == industry).OrderBy(t => t.CreditCode).FirstAsync(ct);
            db.InspectorRecusals.Add(new InspectorRecusal
            {
                Id = Guid.CreateVersion7(now),
                AgencyId = agencyId,
                OfficerId = officer.OfficerId!.Value,
                CertificateNumber = certificate,
                CreditCode = target.CreditCode,
                Reason = "该经营者的负责人系本人近亲属",
                DeclaredAtUtc = now,
                DeclaredBy = officer.AccountId,
            });
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task<int> SeedPlanAsync(InspectionPlans plans, CaseHandling handling, Guid agencyId, DateOnly drafted, string title, string item,
        string industry, int? count, int? ratio, int drawAfter, bool inspect, DateOnly today, CancellationToken ct)
    {
        SetDay(drafted, 9);
        var drawOn = drafted.AddDays(drawAfter);
        var plan = await plans.CreateAsync(agencyId, new PlanInput(title, [item], [industry], null, null, count, ratio, 2, 1, 2, 3, 4, true, true,
            drawOn.AddDays(1), drawOn.AddDays(45), drawOn), _actors["scjg.unithead"], ct);
        db.ChangeTracker.Clear();
        SetDay(drafted.AddDays(1), 10);
        await plans.CommitAsync(plan.Id, _actors["scjg.head"], ct);
        db.ChangeTracker.Clear();
        if (!inspect)
        {
            return 0;
        }

        // The commitment is covered by a checkpoint signed now (real time); the draw mixes in that checkpoint's root.
        await LedgerCheckpointer.SignIfGrownAsync(db, keys, clock.GetUtcNow(), ct);
        SetDay(drawOn, 9);
        await plans.DrawAsync(plan.Id, _actors["scjg.unithead"], keys, ct);
        db.ChangeTracker.Clear();

        var tasks = await db.InspectionTasks.AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.Order).ToListAsync(ct);
        var unitHead = _actors["scjg.unithead"];
        foreach (var task in tasks)
        {
            var @case = await db.Cases.AsNoTracking().Include(c => c.Officers).FirstAsync(c => c.Id == task.CaseId, ct);
            var start = drawOn.AddDays(2 + task.Order % 10);
            if (start > today)
            {
                continue;
            }

            SetDay(start, 9);
            foreach (var officer in @case.Officers)
            {
                await handling.DeclareRecusalAsync(@case.Id, officer.OfficerId, false, null, unitHead, ct);
                db.ChangeTracker.Clear();
            }

            await handling.TakeAsync(@case.Id, null, "inspect", null, unitHead, ct);
            db.ChangeTracker.Clear();
            var result = task.Order % 7 == 3 ? "责令整改" : task.Order == 5 && industry == "餐饮服务" ? "移送立案" : task.Order % 5 == 4 ? "发现问题" : "未发现问题";
            SetDay(start.AddDays(1), 10);
            await handling.TakeAsync(@case.Id, null, "conclude", new Dictionary<string, string?>
            {
                [FactKeys.CertificateShown.Key] = "true",
                [FactKeys.InspectionRecordSigned.Key] = "true",
                [FactKeys.InspectionResult.Key] = result,
            }, unitHead, ct);
            db.ChangeTracker.Clear();
            SetDay(start.AddDays(3), 15);
            switch (result)
            {
                case "责令整改":
                    await handling.TakeAsync(@case.Id, null, "rectify", null, unitHead, ct);
                    db.ChangeTracker.Clear();
                    SetDay(start.AddDays(18), 10);
                    await handling.TakeAsync(@case.Id, null, "publish", new Dictionary<string, string?>
                    {
                        [FactKeys.RectificationVerifiedOn.Key] = start.AddDays(18).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    }, unitHead, ct);
                    break;
                case "移送立案":
                    await handling.TakeAsync(@case.Id, null, "refer", null, unitHead, ct);
                    db.ChangeTracker.Clear();
                    SetDay(start.AddDays(5), 10);
                    await handling.TakeAsync(@case.Id, null, "publish", null, unitHead, ct);
                    break;
                default:
                    await handling.TakeAsync(@case.Id, null, "publish", null, unitHead, ct);
                    break;
            }

            db.ChangeTracker.Clear();
            var published = ChinaTime.DateOf(_at.Now).AddDays(4);
            if (published <= today)
            {
                SetDay(published, 16);
                await handling.TakeAsync(@case.Id, null, "archive", new Dictionary<string, string?> { [FactKeys.PublicationRedacted.Key] = "true" },
                    _actors["scjg.clerk"], ct);
                db.ChangeTracker.Clear();
            }
        }

        return tasks.Count;
    }
}
