using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Documents;
using Sanxiang.Data.Publication;

namespace Sanxiang.Data.Seed;

/// <summary>
/// The demo county's publications (issue 7, item 11): a year and more of decided cases — general-procedure penalties of
/// the market regulator with varied facts, licences of two agencies — each published by its clerk (or, where the
/// agency has no clerk account, its head) through the same confirmation as real work, most on time and a few late; one
/// corrected, one withdrawn after reconsideration, one past its public period and one ended by credit repair.
/// </summary>
public sealed partial class DemoCaseSeeder
{
    /// <summary>Causes with facts and basis that agree with each other, so a decision reads as one case.</summary>
    private static readonly (string Cause, string Report, string Facts, string Basis)[] Offences =
    [
        // 360736-SCJG-CF-001: 《食品安全法》第一百二十四条第一款第（一）项
        ("涉嫌经营农药残留超过食品安全标准限量的食用农产品案",
            "经查，当事人经营的芹菜经抽样检验，毒死蜱残留量不符合食品安全国家标准，货值金额共计680元，违法所得150元；当事人能够如实说明进货来源。",
            "当事人经营毒死蜱残留量超过食品安全国家标准限量的芹菜，有抽样检验报告、进货凭证、现场检查笔录和询问笔录为证。",
            "依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项，没收违法所得150元，并处罚款{fine}元。"),
        // 360736-SCJG-CF-002: 第一百二十四条第一款第（四）项
        ("涉嫌经营腐败变质的食品案",
            "经查，当事人冷柜内存放并对外销售的熟卤猪头肉6.5公斤已发黏、有异味，经检验菌落总数严重超标，属腐败变质食品，货值金额共计390元，违法所得150元。",
            "当事人经营腐败变质的熟卤猪头肉，有现场检查笔录、现场照片、检验报告和询问笔录为证。",
            "依据《中华人民共和国食品安全法》第一百二十四条第一款第（四）项，没收违法所得150元，并处罚款{fine}元。"),
        // 360736-SCJG-CF-003: 第一百二十二条第一款
        ("涉嫌未取得食品经营许可从事食品经营活动案",
            "经查，当事人未取得食品经营许可，自2026年起在其经营场所加工销售盒饭，货值金额共计2860元，违法所得150元。",
            "当事人未取得食品经营许可从事食品经营活动，有现场检查笔录、现场照片、销售记录和询问笔录为证。",
            "依据《中华人民共和国食品安全法》第一百二十二条第一款，没收违法所得150元，并处罚款{fine}元。"),
        // 360736-SCJG-CF-004: 第一百二十六条第一款第（五）项
        ("涉嫌餐具、饮具使用前未经洗净、消毒案",
            "经查，当事人后厨备用的餐具未经清洗消毒即摆放于备餐间供顾客使用，消毒柜未通电运行，当事人经营期间违法所得150元。",
            "当事人使用未经洗净、消毒的餐具、饮具，有现场检查笔录、现场照片和询问笔录为证。",
            "依据《中华人民共和国食品安全法》第一百二十六条第一款第（五）项，没收违法所得150元，并处罚款{fine}元。"),
        // 360736-SCJG-CF-005: 第一百二十六条第一款第（六）项
        ("涉嫌安排未取得健康证明的人员从事接触直接入口食品工作案",
            "经查，当事人安排未取得健康证明的2名从业人员从事凉菜加工工作，违法所得150元。",
            "当事人安排未取得健康证明的人员从事接触直接入口食品的工作，有现场检查笔录、从业人员名册和询问笔录为证。",
            "依据《中华人民共和国食品安全法》第一百二十六条第一款第（六）项，没收违法所得150元，并处罚款{fine}元。"),
    ];

    private static readonly (string Agency, string Item, string Cause, string Licence, string Prefix, string Category)[] Licences =
    [
        ("SCJG", "360736-SCJG-XK-001", "申请食品经营许可（新办）", "食品经营许可证", "JY13607360", "普通"),
        ("ZRZY", "360736-ZRZY-XK-001", "申请建设用地规划许可", "建设用地规划许可证", "地字第360736202", "普通"),
        ("ZRZY", "360736-ZRZY-XK-002", "申请建设工程规划许可", "建设工程规划许可证", "建字第360736202", "普通"),
    ];

    private async Task<int> SeedPublicationsAsync(CaseHandling handling, CaseDocuments documents, DateOnly today, CancellationToken ct)
    {
        if (!_actors.TryGetValue("scjg.clerk", out var clerkActor))
        {
            return 0;
        }

        var count = 0;
        var general = GeneralPenalty();
        var items = new[] { "360736-SCJG-CF-001", "360736-SCJG-CF-002", "360736-SCJG-CF-003", "360736-SCJG-CF-004", "360736-SCJG-CF-005" };
        var firstCase = Guid.Empty;
        var repairCase = Guid.Empty;
        for (var i = 0; i < 30; i++)
        {
            // From eleven months ago (the reviewer of the time took office in February) up to two months ago; the first is a
            // warning only, published for the shortest period of three months and now past it.
            var opened = today.AddDays(-(330 - 9 * i));
            var offence = Offences[i == 0 ? 4 : i % Offences.Length];
            var item = items[i == 0 ? 4 : i % items.Length];
            // The fine and tier the items' discretion benchmarks give (as the cases above).
            var (fine, tier) = item.EndsWith("004", StringComparison.Ordinal) || item.EndsWith("005", StringComparison.Ordinal) ? ("20000", "较重") : ("60000", "一般");
            var steps = general.TakeWhile(s => s.To != "close").Select(s => s with { Facts = Vary(Fill(s.Facts, opened, fine, tier), offence, fine) }).ToList();
            if (i == 0)
            {
                steps = [.. steps.Select(s => s with { Facts = WarningOnly(s.Facts) })];
            }

            var id = await RunAsync(handling, documents, "SCJG", item, Parties[(i + 2) % Parties.Length], offence.Cause, opened, steps, today, ct);
            firstCase = i == 0 ? id : firstCase;
            repairCase = i == 6 ? id : repairCase;
            count++;
        }

        for (var i = 0; i < 18; i++)
        {
            var (agency, item, cause, licence, prefix, category) = Licences[i % Licences.Length];
            if (!_actors.ContainsKey($"{agency.ToLowerInvariant()}.officer"))
            {
                continue;
            }

            var opened = today.AddDays(-(300 - 15 * i));
            var decided = opened.AddDays(12);
            var number = prefix + (1001 + i).ToString(CultureInfo.InvariantCulture);
            await RunAsync(handling, documents, agency, item, Parties[i % Parties.Length], cause, opened,
            [
                new(1, "{code}.officer", "examine", new() { [FactKeys.MaterialsComplete.Key] = "true" }),
                new(8, "{code}.officer", "decide", []),
                new(12, "{code}.head", "issue", new()
                {
                    [FactKeys.DecisionKind.Key] = "准予许可",
                    [FactKeys.LicenceCategory.Key] = category,
                    [FactKeys.LicenceName.Key] = licence,
                    [FactKeys.LicenceNumber.Key] = number,
                    [FactKeys.LicenceValidFrom.Key] = decided.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    [FactKeys.LicenceValidTo.Key] = decided.AddYears(5).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }),
            ], today, ct, source: "其他");
            count++;
        }

        // Every decision still waiting is published by its agency's clerk (the head where the agency has no clerk account):
        // most within their days, every seventh two working days late, so the timeliness figures have something to show.
        var publishing = new Publishing(db, _at, options, blobs);
        var calendar = await Calendar.CalendarStore.LoadAsync(db, ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code.ToLowerInvariant(), ct);
        var pending = await db.PublicationTasks.AsNoTracking()
            .Where(t => t.Status == PublicationStatus.Pending && t.Kind == PublicationTaskKind.Publish).OrderBy(t => t.DecidedOn).ThenBy(t => t.CaseNumber).ToListAsync(ct);
        // The one to be corrected goes up first without masking the natural persons' names, as a clerk's slip.
        var slip = pending.FirstOrDefault(t => t.Procedure == Core.Registry.ProcedureKind.GeneralPenalty && t.CaseId != firstCase && t.CaseId != repairCase);
        var n = 0;
        foreach (var task in pending)
        {
            var code = agencies[task.AgencyId];
            var (actor, role) = _actors.TryGetValue($"{code}.clerk", out var clerk) ? (clerk, Roles.PublicityClerk) : (_actors[$"{code}.head"], Roles.AgencyHead);
            var on = n++ % 7 == 6 ? calendar.AddWorkdays(task.DueOn, 2) : calendar.AddWorkdays(task.DecidedOn, 1 + n % 5);
            // Decisions still within their days stay in the clerk's queue; one overdue is left unpublished (a missing one).
            if (on > today || task.DueOn >= today || n == 20)
            {
                continue;
            }

            SetDay(on, 15);
            var (_, draft) = await publishing.DraftAsync(task.Id, ct);
            var kept = draft.Sections.SelectMany(s => s.Proposed.Where(p => task != slip || p.Kind != Core.Redaction.RedactionKind.PersonName).Select(s.IdOf)).ToList();
            await publishing.PublishAsync(task.Id, new PublishRequest(draft.Digest, kept, []), actor, role, ct);
            db.ChangeTracker.Clear();
        }

        var published = await db.PublishedDecisions.AsNoTracking().Where(p => p.State == PublishedState.Public).OrderBy(p => p.Id).ToListAsync(ct);
        if (published.Count < 4)
        {
            return count;
        }

        // The correction: two days later the clerk masks the names left in, with the reason published.
        var corrected = slip is null ? null : published.FirstOrDefault(p => p.TaskId == slip.Id);
        if (corrected is not null)
        {
            SetDay(corrected.PublishedOn.AddDays(2), 10);
            var (_, again) = await publishing.DraftAsync(corrected.TaskId, ct);
            await publishing.PublishAsync(corrected.TaskId, new PublishRequest(again.Digest, [.. again.Sections.SelectMany(s => s.Proposed.Select(s.IdOf))], [],
                "原公示未按规定隐去决定书中自然人的姓名，予以更正。"), clerkActor, Roles.PublicityClerk, ct);
            db.ChangeTracker.Clear();
        }

        // A withdrawal: the county government revoked a decision on reconsideration; the clerk withdrew it the next day.
        var revoked = published.Last(p => p.FullText is not null && p.Id != corrected?.Id && p.CaseId != repairCase);
        var changedOn = revoked.PublishedOn.AddDays(20) < today ? revoked.PublishedOn.AddDays(20) : today;
        SetDay(changedOn, 9);
        var withdrawal = await publishing.RecordDecisionChangeAsync(revoked.CaseId, "行政处罚决定被依法撤销",
            "安和县人民政府行政复议决定书（安府复决字〔2026〕7号）", changedOn, _actors["scjg.head"], Roles.AgencyHead, ct);
        db.ChangeTracker.Clear();
        SetDay(changedOn.AddDays(changedOn < today ? 1 : 0), 11);
        await publishing.WithdrawAsync(withdrawal.Id, clerkActor, Roles.PublicityClerk, ct);
        db.ChangeTracker.Clear();

        // Credit repair: the party paid, corrected and was granted repair; the entry leaves after its minimum three months.
        var repair = published.FirstOrDefault(p => p.CaseId == repairCase);
        if (repair is not null && repair.RepairableFrom <= today)
        {
            SetDay(repair.RepairableFrom < today ? repair.RepairableFrom.AddDays(3) : today, 10);
            await publishing.EndByCreditRepairAsync(repair.Id, "当事人已履行行政处罚决定并主动消除不良影响，经安和县发展和改革委员会审核同意信用修复（安发改信修〔2026〕15号）。",
                clerkActor, Roles.PublicityClerk, ct);
            db.ChangeTracker.Clear();
        }

        // Whatever is past its public period leaves by rule, as the hourly job would have done.
        SetDay(today, 8);
        await publishing.ExpireAsync(today, ct);
        db.ChangeTracker.Clear();
        return count;
    }

    /// <summary>A first offence, corrected at once: a warning and nothing else (《行政处罚法》第九条).</summary>
    private static Dictionary<string, string?> WarningOnly(Dictionary<string, string?> facts)
    {
        var warned = new Dictionary<string, string?>(facts);
        if (warned.ContainsKey(FactKeys.PenaltyKinds.Key))
        {
            warned[FactKeys.PenaltyKinds.Key] = "警告";
            warned.Remove(FactKeys.FineAmount.Key);
            warned.Remove(FactKeys.ConfiscationAmount.Key);
        }

        if (warned.ContainsKey(FactKeys.DecisionBasis.Key))
        {
            warned[FactKeys.DecisionBasis.Key] = "依据《中华人民共和国食品安全法》第一百二十六条第一款第（六）项，鉴于当事人系初次违法且已当场改正，给予警告。";
        }

        return warned;
    }

    /// <summary>The general path's facts with the offence's own report, facts and basis in place of the template's.</summary>
    private static Dictionary<string, string?> Vary(Dictionary<string, string?> facts, (string Cause, string Report, string Facts, string Basis) offence, string fine)
    {
        var varied = new Dictionary<string, string?>(facts);
        if (varied.ContainsKey(FactKeys.InvestigationReport.Key))
        {
            varied[FactKeys.InvestigationReport.Key] = offence.Report;
        }

        if (varied.ContainsKey(FactKeys.DecisionFacts.Key))
        {
            varied[FactKeys.DecisionFacts.Key] = offence.Facts;
            varied[FactKeys.DecisionBasis.Key] = offence.Basis.Replace("{fine}", fine, StringComparison.Ordinal);
        }

        return varied;
    }
}
