using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Evidence;
using Sanxiang.Core.Validation;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Documents;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Registry;

namespace Sanxiang.Data.Seed;

/// <summary>
/// The demo county's cases: general-procedure penalties at every stage (some overdue, some sealed), summary penalties,
/// seizures with their video, and inspections, handled by the demo accounts through the same engine as real work, so
/// every guard holds and every step is in the log. Cases are entered as a historical import: each step carries the legal
/// date it was taken (a clock set to that day), while the log records when the import ran.
/// </summary>
public sealed partial class DemoCaseSeeder(SanxiangDbContext db, CaseOptions options, IBlobStore blobs, LedgerKeys keys, DocumentIssuer issuer, TimeProvider clock)
{
    private sealed class HistoricalClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>One step of a demo case: taken on <paramref name="Day"/> after opening, then <paramref name="Issue"/> issued from the case's facts.</summary>
    private sealed record Step(int Day, string Actor, string To, Dictionary<string, string?> Facts, DocumentKind? Issue = null);

    private readonly HistoricalClock _at = new();
    private Dictionary<string, CaseActor> _actors = [];

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Cases.IgnoreQueryFilters().AnyAsync(ct))
        {
            return 0;
        }

        _actors = await db.Users.AsNoTracking().Where(u => u.UserName!.StartsWith("scjg.") || u.UserName!.StartsWith("zhzf.") || u.UserName!.StartsWith("yjgl.")
                || u.UserName!.StartsWith("zrzy."))
            .ToDictionaryAsync(u => u.UserName!, u => new CaseActor(u.Id, [], u.OfficerId, u.DisplayName), ct);
        foreach (var (name, actor) in _actors.ToList())
        {
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == actor.AccountId select r.Name!).ToListAsync(ct);
            _actors[name] = actor with { Roles = roles };
        }

        if (!_actors.ContainsKey("scjg.officer") || !_actors.ContainsKey("scjg.officer2") || !_actors.ContainsKey("scjg.unithead")
            || !_actors.ContainsKey("scjg.reviewer") || !_actors.ContainsKey("scjg.head"))
        {
            return 0;
        }

        // The package and its checkpoint are made now (real time); the case keeps its historical dates.
        var archiver = new CaseArchiver(db, blobs, keys, clock);
        var handling = new CaseHandling(db, _at, options, blobs, archiver, issuer);
        var documents = new CaseDocuments(db, issuer, _at);
        var today = ChinaTime.Today(clock);
        var count = 0;

        // General procedure: 26 cases, two at each stage from just opened to sealed; the older ones at investigation are overdue.
        var items = new[] { "360736-SCJG-CF-001", "360736-SCJG-CF-002", "360736-SCJG-CF-003", "360736-SCJG-CF-004", "360736-SCJG-CF-005" };
        var general = GeneralPenalty();
        for (var i = 0; i < 26; i++)
        {
            var stage = i % 13 <= general.Count ? i % 13 : general.Count;
            var opened = today.AddDays(-(stage == 2 && i >= 13 ? 118 : 8 + 7 * stage + i % 5));
            var item = items[i % items.Length];
            var (fine, tier) = item.EndsWith("004", StringComparison.Ordinal) || item.EndsWith("005", StringComparison.Ordinal) ? ("20000", "较重") : ("60000", "一般");
            await RunAsync(handling, documents, "SCJG", item, Parties[i % Parties.Length], Causes[i % Causes.Length], opened,
                [.. general.Take(Math.Min(stage, general.Count)).Select(s => s with { Facts = Fill(s.Facts, opened, fine, tier) })], today, ct);
            count++;
        }

        // Legal review in more than one round (REV-4), a case sent back with problems and not yet resubmitted, and a major
        // case decided by collective discussion (REV-5).
        var returned = Returned(general);
        var sentBack = returned.FindIndex(s => s.To == "examine" && s.Actor == "scjg.reviewer");
        var variants = new (string Cause, List<Step> Steps, int DaysAgo)[]
        {
            ("涉嫌经营超过保质期的食品案（法制审核退回补正后通过）", [.. returned.TakeWhile(s => s.To != "close")], 45),
            ("涉嫌经营标签不符合规定的预包装食品案（法制审核退回补正中）", returned[..(sentBack + 1)], 37),
            ("涉嫌经营未经检验检疫的肉类案（重大案件集体讨论决定）", [.. Discussed(general).TakeWhile(s => s.To != "close")], 45),
        };
        foreach (var (variantCause, variantSteps, daysAgo) in variants)
        {
            var opened = today.AddDays(-daysAgo);
            await RunAsync(handling, documents, "SCJG", items[0], Parties[count % Parties.Length], variantCause, opened,
                [.. variantSteps.Select(s => s with { Facts = Fill(s.Facts, opened, "60000", "一般") })], today, ct);
            count++;
        }

        // Summary procedure on the street (综合行政执法): warnings and small fines.
        if (_actors.ContainsKey("zhzf.officer") && _actors.ContainsKey("zhzf.head"))
        {
            for (var i = 0; i < 6; i++)
            {
                var opened = today.AddDays(-(3 + 9 * i));
                var steps = SummaryPenalty().Take(1 + i % 5).Select(s => s with { Facts = Fill(s.Facts, opened, i % 2 == 0 ? "100" : "50", "") }).ToList();
                await RunAsync(handling, documents, "ZHZF", "360736-ZHZF-CF-001", People[i % People.Length], i % 2 == 0 ? "在城市道路乱扔废弃物案" : "占道经营案",
                    opened, steps, today, ct);
                count++;
            }
        }

        // Seizures with their video, and inspections.
        for (var i = 0; i < 4; i++)
        {
            var opened = today.AddDays(-(5 + 12 * i));
            await RunAsync(handling, documents, "SCJG", "360736-SCJG-QZ-001", Parties[(i + 3) % Parties.Length], "涉嫌经营不符合食品安全标准的食品，依法扣押涉案食品",
                opened, [.. Coercion().Take(1 + i * 2).Select(s => s with { Facts = Fill(s.Facts, opened, "", "") })], today, ct);
            count++;
        }

        // An emergency seizure carried out this morning without prior approval: its 24-hour ratification period is running.
        await RunAsync(handling, documents, "SCJG", "360736-SCJG-QZ-001", Parties[2], "涉嫌经营病死畜禽肉，情况紧急当场扣押涉案肉品", today,
        [
            new(0, "scjg.officer", "implement", new()
            {
                ["coercion.emergency"] = "群众举报当事人正在向餐馆配送来源不明的冷冻猪肉，不当场扣押将流入餐桌，情况紧急。",
                ["coercion.implemented-at"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T08:40",
            }),
        ], today, ct);
        count++;

        for (var i = 0; i < 6; i++)
        {
            var opened = today.AddDays(-(4 + 8 * i));
            await RunAsync(handling, documents, "SCJG", i % 2 == 0 ? "360736-SCJG-JC-001" : "360736-SCJG-JC-002", Parties[(i + 5) % Parties.Length],
                "2026年度食品经营者双随机抽查", opened, [.. Inspection().Take(i % 5).Select(s => s with { Facts = Fill(s.Facts, opened, "", "") })], today, ct);
            count++;
        }

        count += await SeedPublicationsAsync(handling, documents, today, ct);
        count += await SeedInspectionsAsync(handling, today, ct);
        count += await SeedPatrolAsync(today, ct);
        count += await SeedComplaintsAsync(handling, today, ct);
        count += await SeedEvaluationAsync(today, ct);
        count += await SeedAnnualReportsAsync(today, ct);
        return count;
    }

    private async Task<Guid> RunAsync(CaseHandling handling, CaseDocuments documents, string agencyCode, string itemCode, PartyInput party, string cause, DateOnly opened,
        IReadOnlyList<Step> steps, DateOnly today, CancellationToken ct, string source = "监督检查")
    {
        var code = agencyCode.ToLowerInvariant();
        var officer = _actors[$"{code}.officer"];
        SetDay(opened, 0);
        var agencyId = await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).FirstAsync(ct);
        var second = await db.OfficerEntriesInForce(opened).Where(e => e.AgencyId == agencyId && e.OfficerId != officer.OfficerId && !e.IsReviewer)
            .OrderBy(e => e.CertificateNumber).ToListAsync(ct);
        var item = await db.ItemsInForce(opened).FirstAsync(i => i.AgencyId == agencyId && i.Code == itemCode, ct);
        var field = EnforcementFields.Of(item);
        var partner = agencyCode == "SCJG" ? _actors["scjg.officer2"].OfficerId!.Value : second.First(e => e.CheckAssignable(opened, field) is null).OfficerId;
        var @case = await handling.OpenAsync(agencyId, new OpenCaseRequest(itemCode, cause, source, party, opened.AddDays(-3), null, false,
            [officer.OfficerId!.Value, partner], officer.OfficerId), officer, ct);
        db.ChangeTracker.Clear();
        // The summary procedure on the street (综合行政执法) has no recusal declaration step; every other case here does.
        if (agencyCode != "ZHZF" && steps.Count > 0)
        {
            await handling.DeclareRecusalAsync(@case.Id, officer.OfficerId!.Value, false, null, officer, ct);
            db.ChangeTracker.Clear();
            var head = _actors[agencyCode == "SCJG" ? "scjg.unithead" : $"{code}.head"];
            await handling.DeclareRecusalAsync(@case.Id, partner, false, null, head, ct);
            db.ChangeTracker.Clear();
        }

        foreach (var step in steps)
        {
            var on = opened.AddDays(step.Day);
            if (on > today)
            {
                break;
            }

            SetDay(on, 9);
            if (step.To == "evidence")
            {
                var video = DemoVideo(@case.Number);
                var stored = await blobs.PutAsync(new MemoryStream(video), video.Length, ct);
                await handling.AddEvidenceAsync(@case.Id, stored, "video/mp4", EvidenceKind.Video, "扣押现场执法记录仪录像.mp4",
                    new EvidenceInput("扣押现场执法记录仪录像", "implement", _at.Now, "当事人经营场所仓库", "扣押物品的名称、数量及扣押过程", false), officer, ct);
                db.ChangeTracker.Clear();
                continue;
            }

            if (step.To == "examine" && itemCode.Contains("-CF-", StringComparison.Ordinal))
            {
                // The investigation's evidence: the on-site photo the notice and the decision list.
                var photo = DemoPhoto();
                var stored = await blobs.PutAsync(new MemoryStream(photo), photo.Length, ct);
                await handling.AddEvidenceAsync(@case.Id, stored, "image/jpeg", EvidenceKind.Photo, "现场检查照片.jpg",
                    new EvidenceInput("现场检查照片", "investigate", _at.Now.AddHours(-1), party.Address, "当事人陈列销售涉案食品的现场状况", false), officer, ct);
                db.ChangeTracker.Clear();
            }

            var actor = _actors[step.Actor.Replace("{code}", code, StringComparison.Ordinal)];
            await handling.TakeAsync(@case.Id, null, step.To, step.Facts, actor, ct);
            db.ChangeTracker.Clear();
            if (step.Issue is { } kind)
            {
                await documents.IssueAsync(@case.Id, kind, actor, ct);
                db.ChangeTracker.Clear();
            }
        }

        return @case.Id;
    }

    private void SetDay(DateOnly day, int hour) => _at.Now = ChinaTime.StartOfDayUtc(day).AddHours(hour).AddMinutes(Random.Shared.Next(0, 50));

    private static Dictionary<string, string?> Fill(Dictionary<string, string?> facts, DateOnly opened, string fine, string tier) =>
        facts.ToDictionary(f => f.Key, f => f.Value is { } v && v.StartsWith("day:", StringComparison.Ordinal)
            // "day:N" is the N-th day after opening; "day:NT09:30" that day at that time.
            ? opened.AddDays(int.Parse(v[4..].Split('T')[0], CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
              + (v.Contains('T', StringComparison.Ordinal) ? v[v.IndexOf('T', StringComparison.Ordinal)..] : "")
            : f.Value?.Replace("{fine}", fine, StringComparison.Ordinal).Replace("{tier}", tier, StringComparison.Ordinal));

    private static List<Step> GeneralPenalty() =>
    [
        new(1, "scjg.unithead", "investigate", new() { ["register.opinion"] = "经审查，符合立案条件，同意立案，由承办人调查取证。" },
            DocumentKind.RegistrationApproval),
        new(20, "scjg.officer", "examine", new()
        {
            ["investigation.certificate-shown"] = "true",
            ["investigation.report"] = "经查，当事人经营的涉案食品经抽样检验，农药残留项目不符合食品安全国家标准，货值金额共计680元，违法所得150元；当事人能够如实说明进货来源。",
        }),
        new(24, "scjg.unithead", "notify", new()
        {
            ["penalty.kinds"] = "罚款、没收违法所得", ["penalty.fine"] = "{fine}", ["penalty.confiscation"] = "150", ["penalty.tier"] = "{tier}",
            ["notice.served-on"] = "day:24", ["notice.rights-told"] = "true",
        }, DocumentKind.PenaltyNotice),
        new(33, "scjg.officer", "review", new()
        {
            ["notice.statement"] = "当事人表示系初次违法，已下架召回，请求从轻处罚；经复核，已按裁量基准相应档次处理。", ["review.responsibility"] = "true",
        }),
        new(36, "scjg.reviewer", "decide", Agreed("主体合法，事实清楚，证据确凿，适用法律正确，程序合法，裁量适当。")),
        new(38, "scjg.head", "serve", new()
        {
            ["decision.kind"] = "给予行政处罚",
            ["decision.facts"] = "当事人经营农药残留超过食品安全标准限量的食用农产品，有抽样检验报告、进货凭证、现场检查笔录和询问笔录为证。",
            ["decision.basis"] = "依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项，没收违法所得150元，并处罚款{fine}元。",
            ["decision.performance"] = "自收到本决定书之日起十五日内，通过非税收入缴款系统缴纳罚没款。",
            ["decision.remedy"] = "如不服本决定，可在收到本决定书之日起六十日内向安和县人民政府申请行政复议，或者六个月内向安和县人民法院提起行政诉讼。",
        }),
        new(39, "scjg.officer", "execute", new() { ["service.method"] = "直接送达", ["service.served-on"] = "day:39", ["service.recipient"] = "当事人法定代表人" },
            DocumentKind.ServiceReceipt),
        new(48, "scjg.officer", "close", new() { ["execution.paid-on"] = "day:48", ["execution.paid"] = "{fine}" }),
        new(50, "scjg.unithead", "archive", new() { ["closing.report"] = "当事人已按期缴纳罚没款，没收的违法食品已销毁，案件执行完毕，建议结案归档。" }),
    ];

    /// <summary>The general procedure with a first review round that finds problems, answered and agreed in a second round.</summary>
    private static List<Step> Returned(List<Step> general)
    {
        var problems = Agreed("");
        problems[FactKeys.ReviewPointFacts.Key] = "存在问题";
        problems[FactKeys.ReviewPointFactsNote.Key] = "涉案食品的购进数量和销售数量缺少票据佐证。";
        problems[FactKeys.ReviewOpinion.Key] = "存在问题";
        problems[FactKeys.ReviewNote.Key] = "请补正后重新送审。";
        problems[FactKeys.ReviewProblems.Key] = "货值金额的认定缺少进货票据和销售记录；补充进货票据、销售台账并制作询问笔录";
        var steps = new List<Step>();
        foreach (var step in general)
        {
            if (step.To == "decide" && step.Actor == "scjg.reviewer")
            {
                steps.Add(step with { Day = step.Day - 1, To = "examine", Facts = problems });
                steps.Add(new(step.Day, "scjg.unithead", "review", new()
                {
                    [FactKeys.ReviewResponsibility.Key] = "true",
                    [FactKeys.ReviewResponses.Key] = "已调取当事人进货票据3张、销售台账1本，并对当事人负责人制作询问笔录，货值金额认定为680元。",
                }));
                steps.Add(step with { Day = step.Day + 1, Facts = Agreed("补正后事实清楚，证据充分，同意。") });
                continue;
            }

            steps.Add(step with { Day = step.Day > 36 ? step.Day + 1 : step.Day });
        }

        return steps;
    }

    /// <summary>The general procedure of a major case: after the review, the agency's heads decide it collectively.</summary>
    private static List<Step> Discussed(List<Step> general)
    {
        var steps = new List<Step>();
        foreach (var step in general)
        {
            if (step.To == "decide" && step.Actor == "scjg.reviewer")
            {
                var toDiscuss = Agreed("同意。本案涉及重大公共利益，建议提请局负责人集体讨论。");
                toDiscuss[FactKeys.DiscussionRequired.Key] = "true";
                steps.Add(step with { To = "discuss", Facts = toDiscuss });
                steps.Add(new(step.Day + 1, "scjg.head", "decide", new()
                {
                    [FactKeys.DiscussionAt.Key] = $"day:{step.Day + 1}T09:30",
                    [FactKeys.DiscussionPlace.Key] = "县市场监管局三楼会议室",
                    [FactKeys.DiscussionChair.Key] = "黄志刚（局长）",
                    [FactKeys.DiscussionParticipants.Key] = "黄志刚（局长）：事实清楚，证据确凿，同意按一般档次处罚。\n陈秀英（副局长）：同意。\n周建明（副局长）：同意，建议责令当事人建立进货查验记录制度。",
                    [FactKeys.DiscussionRecorder.Key] = "吴小燕",
                    [FactKeys.DiscussionConclusion.Key] = "经集体讨论，一致同意没收违法所得，并处罚款{fine}元。",
                    [FactKeys.DiscussionDecision.Key] = "给予行政处罚",
                    [FactKeys.DiscussionFine.Key] = "{fine}",
                }));
                continue;
            }

            steps.Add(step);
        }

        return steps;
    }

    /// <summary>A review round that agrees: every matter of the checklist answered 符合 (REV-3), the opinion 同意.</summary>
    private static Dictionary<string, string?> Agreed(string note)
    {
        var facts = FactKeys.ReviewPoints.ToDictionary(p => p.Answer.Key, _ => (string?)"符合");
        facts[FactKeys.ReviewOpinion.Key] = "同意";
        facts[FactKeys.ReviewNote.Key] = note;
        return facts;
    }

    private static List<Step> SummaryPenalty() =>
    [
        new(0, "{code}.officer", "notify", new() { ["investigation.certificate-shown"] = "true", ["penalty.kinds"] = "罚款", ["penalty.fine"] = "{fine}" }),
        new(0, "{code}.officer", "decide", new() { ["notice.statement"] = "当事人对违法事实无异议，未提出陈述申辩。" }),
        new(0, "{code}.officer", "execute", new() { ["summary.delivered"] = "true" }),
        new(3, "{code}.officer", "file", new() { ["execution.paid-on"] = "day:3", ["execution.paid"] = "{fine}" }),
        new(4, "{code}.head", "archive", new() { ["summary.filed-on"] = "day:4" }),
    ];

    private static List<Step> Coercion() =>
    [
        new(0, "scjg.officer", "approve", []),
        new(0, "scjg.head", "implement", new() { ["coercion.approved-by"] = "县市场监管局局长" }),
        new(0, "scjg.officer", "evidence", []),
        new(0, "scjg.officer", "decide", new()
        {
            ["investigation.certificate-shown"] = "true", ["coercion.on-site-procedure"] = "true", ["coercion.on-site-record"] = "true",
            ["coercion.documents-delivered"] = "true",
        }),
        new(20, "scjg.head", "close", []),
        new(22, "scjg.unithead", "archive", new() { ["closing.report"] = "扣押的不合格食品经检验确认后依法没收并销毁，扣押措施已结束，建议结案。" }),
    ];

    private static List<Step> Inspection() =>
    [
        new(0, "scjg.unithead", "inspect", new() { ["inspection.draw"] = "按2026年度双随机抽查计划从食品经营者名录中随机抽取，抽取记录已留存。" }),
        new(2, "scjg.officer", "conclude", new() { ["investigation.certificate-shown"] = "true", ["inspection.record-signed"] = "true", ["inspection.result"] = "未发现问题" }),
        new(3, "scjg.unithead", "publish", []),
        new(5, "scjg.clerk", "archive", new() { ["publication.redacted"] = "true" }),
    ];

    private static readonly string[] Causes =
    [
        "涉嫌经营农药残留超过食品安全标准限量的食用农产品案",
        "涉嫌经营兽药残留超标的畜禽产品案",
        "涉嫌经营超过保质期的食品案",
        "涉嫌未按规定查验供货者许可证和食品合格证明文件案",
        "涉嫌经营标签不符合规定的预包装食品案",
    ];

    private static readonly PartyInput[] Parties =
    [
        Org("安和县鲜丰农贸有限公司", "91360736MA35R8QX1", "王建华", "安和县城关镇人民路168号"),
        Org("安和县惠民超市有限公司", "91360736MA38K2LP5", "李春梅", "安和县城关镇解放路22号"),
        Org("安和县绿源蔬菜配送中心", "92360736MA37T6UW8", "陈志强", "安和县工业园区兴业大道9号"),
        Org("安和县好又多便利店", "92360736MA39D4FN2", "刘晓芳", "安和县城关镇步行街15号"),
        Org("安和县金穗粮油贸易有限公司", "91360736MA36H7RC3", "张国庆", "安和县城西镇商贸城B区3栋"),
        Org("安和县百味餐饮管理有限公司", "91360736MA3AQ9MK6", "赵丽娟", "安和县城关镇滨江路58号"),
        Org("安和县乡里乡亲农产品专业合作社", "93360736MA35XP0GL", "周大勇", "安和县枫林镇枫林村"),
    ];

    private static readonly PartyInput[] People =
    [
        Person("孙某某", "36073619850312", "安和县城关镇建设路"),
        Person("钱某某", "36073619920704", "安和县城西镇老街"),
        Person("吴某某", "36073619780119", "安和县枫林镇"),
    ];

    private static PartyInput Org(string name, string first17, string representative, string address) =>
        new("Organisation", name, null, first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17), representative, address, "0797-63200" + name.Length);

    private static PartyInput Person(string name, string first14, string address)
    {
        var first17 = first14 + "021";
        return new PartyInput("Person", name, first17 + CitizenIdNumber.ComputeCheckCharacter(first17), null, null, address, null);
    }

    /// <summary>The demo's on-site photo (a drawn picture, labelled as demo data).</summary>
    private static byte[] DemoPhoto()
    {
        using var resource = typeof(DemoCaseSeeder).Assembly.GetManifestResourceStream("Sanxiang.Data.Seed.demo-photo.jpg")!;
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A small but well-formed MP4 (ftyp and an empty mdat box) standing in for the body-camera recording.</summary>
    private static byte[] DemoVideo(string caseNumber)
    {
        var note = System.Text.Encoding.UTF8.GetBytes("安和县演示数据：" + caseNumber);
        var ftyp = new byte[] { 0, 0, 0, 24, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0,
            (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1' };
        var mdat = new byte[8 + note.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(mdat, mdat.Length);
        "mdat"u8.CopyTo(mdat.AsSpan(4));
        note.CopyTo(mdat.AsSpan(8));
        return [.. ftyp, .. mdat];
    }
}
