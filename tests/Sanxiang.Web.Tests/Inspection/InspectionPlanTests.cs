using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sanxiang.Core;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Validation;
using Sanxiang.Data.Ledger;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Inspection;

/// <summary>
/// 双随机抽查 through the HTTP pipeline (PLT-2): draft, approval with the public commitment, the draw on both databases
/// (the same inputs give the same lists digest and the same draw), the inspection cases it opens, the public export that
/// verifies, and every bad input refused with nothing written.
/// </summary>
public abstract class InspectionPlanTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Today => ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A valid credit code per number: 92 (个体工商户) + 360736 + a 9-character body + its check character.</summary>
    public static string CreditCode(int n)
    {
        var first17 = "92360736" + "MA" + n.ToString("D7", CultureInfo.InvariantCulture);
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }

    /// <summary>Adds <paramref name="count"/> targets of one industry to the SCJG directory, grades cycling A–D.</summary>
    private Task<int> AddTargetsAsync(string industry, int from, int count) => app.WithDbAsync(async (db, _) =>
    {
        var agency = await db.Agencies.SingleAsync(a => a.Code == "SCJG", Ct);
        for (var i = from; i < from + count; i++)
        {
            db.InspectionTargets.Add(new InspectionTarget
            {
                Id = Guid.NewGuid(), AgencyId = agency.Id, CreditCode = CreditCode(i), Name = $"安和县{industry}第{i}号店",
                Address = $"安和县城关镇人民路{i}号", Area = "城关镇", Industry = industry, Grade = InspectionGrades.All[i % 4],
                UpdatedAtUtc = DateTimeOffset.UtcNow,
            });
        }

        return await db.SaveChangesAsync(Ct);
    });

    private static object Plan(string industry, int? count = 5, int? ratio = null, int perTarget = 2, string? drawOn = null) => new
    {
        title = $"{industry}双随机抽查（测试）",
        itemCodes = new[] { "360736-SCJG-JC-001" },
        industries = new[] { industry },
        count, ratioPercent = ratio, inspectorsPerTarget = perTarget,
        excludeLastInspectors = true, excludeAffiliatedAgency = true,
        periodFrom = Today, periodTo = ChinaTime.Today(TimeProvider.System).AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        drawOn = drawOn ?? Today,
    };

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<string> Refused(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    [Fact]
    public async Task A_plan_is_committed_drawn_into_inspection_cases_and_its_published_draw_verifies()
    {
        var industry = "餐饮服务" + Guid.NewGuid().ToString("N")[..6];
        await AddTargetsAsync(industry, 1000, 40);
        var (unitHead, head) = (await app.SignInAsync("scjg.unithead"), await app.SignInAsync("scjg.head"));
        var anonymous = app.Client();

        var draft = await Ok(await unitHead.PostAsJsonAsync("/api/v1/inspection/plans", Plan(industry, count: 6), Ct), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetGuid();
        Assert.Matches(@"^安市监抽〔\d{4}〕\d+号$", draft.GetProperty("number").GetString());
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        // A draft is not public.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/public/inspection/plans/{id}", Ct)).StatusCode);

        var committed = await Ok(await head.PostAsync($"/api/v1/inspection/plans/{id}/approve", null, Ct));
        var commitment = committed.GetProperty("commitment").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", commitment);
        var index = committed.GetProperty("commitmentLedgerIndex").GetInt64();
        var entry = await app.WithDbAsync((db, _) => db.LedgerEntries.SingleAsync(e => e.Index == index, Ct));
        Assert.Equal(DrawExport.CommitmentEventKind, entry.Kind);
        Assert.True(entry.IsPublic);
        Assert.Contains(commitment, System.Text.Encoding.UTF8.GetString(entry.Payload), StringComparison.Ordinal);

        // Public now: the commitment and the list digest, not the seed; the frozen lists hash to the digest.
        var shown = await Ok(await anonymous.GetAsync($"/api/v1/public/inspection/plans/{id}", Ct));
        Assert.Equal(commitment, shown.GetProperty("plan").GetProperty("commitment").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("plan").GetProperty("seed").ValueKind);
        var lists = await anonymous.GetStringAsync($"/api/v1/public/inspection/plans/{id}/lists", Ct);
        Assert.Equal(committed.GetProperty("listsSha256").GetString(),
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lists))));
        Assert.Equal(40, JsonDocument.Parse(lists).RootElement.GetProperty("candidates").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.GetAsync($"/api/v1/public/inspection/plans/{id}/draw", Ct)).StatusCode);

        var drawn = await Ok(await unitHead.PostAsync($"/api/v1/inspection/plans/{id}/draw", null, Ct));
        Assert.Equal("Drawn", drawn.GetProperty("status").GetString());
        var tasks = drawn.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(6, tasks.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], tasks.Select(t => t.GetProperty("order").GetInt32()));

        // Each drawn target is an inspection case from the random draw, assigned to the two drawn inspectors, the draw on record.
        var caseId = tasks[0].GetProperty("caseId").GetGuid();
        var @case = await Ok(await unitHead.GetAsync($"/api/v1/cases/{caseId}", Ct));
        Assert.Equal("随机抽查", @case.GetProperty("source").GetString());
        Assert.Equal("Inspection", @case.GetProperty("procedure").GetString());
        Assert.Equal(tasks[0].GetProperty("creditCode").GetString(), @case.GetProperty("party").GetProperty("creditCode").GetString());
        Assert.Equal(2, @case.GetProperty("officers").GetArrayLength());
        var draw = @case.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "inspection.draw");
        Assert.Contains(commitment, draw.GetProperty("value").GetString(), StringComparison.Ordinal);

        // The export verifies against the platform's published keys, offline and through the public endpoint.
        var export = await anonymous.GetStringAsync($"/api/v1/public/inspection/plans/{id}/draw", Ct);
        var keys = await app.WithDbAsync((_, sp) => Task.FromResult(sp.GetRequiredService<LedgerKeys>()));
        var verification = DrawExport.Verify(export, [keys.Ed25519, keys.Sm2]);
        Assert.True(verification.Matches, string.Join("\n", verification.Checks.Select(c => c.Detail)));
        var online = await Ok(await anonymous.GetAsync($"/api/v1/public/inspection/plans/{id}/verify", Ct));
        Assert.True(online.GetProperty("matches").GetBoolean());
        var revealed = await Ok(await anonymous.GetAsync($"/api/v1/public/inspection/plans/{id}", Ct));
        Assert.Equal(commitment, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            Convert.FromHexString(revealed.GetProperty("plan").GetProperty("seed").GetString()!))));
        Assert.Equal(6, revealed.GetProperty("inspections").GetArrayLength());

        // One draw per plan; another agency neither sees nor draws it.
        Assert.Contains("只抽取一次", await Refused(await unitHead.PostAsync($"/api/v1/inspection/plans/{id}/draw", null, Ct), HttpStatusCode.Conflict),
            StringComparison.Ordinal);
        var other = await app.SignInAsync("sthj.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/inspection/plans/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_demo_county_has_a_directory_two_inspected_plans_whose_draws_verify_and_one_waiting_for_its_draw()
    {
        Assert.True(await app.WithDbAsync((db, _) => db.InspectionTargets.CountAsync(Ct)) >= 500);
        var anonymous = app.Client();
        var plans = await Ok(await anonymous.GetAsync("/api/v1/public/inspection/plans?agency=SCJG", Ct));
        Assert.Contains("没有代码为“NOPE”的执法机关", await Refused(await anonymous.GetAsync("/api/v1/public/inspection/plans?agency=NOPE", Ct), HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
        Assert.Empty((await Ok(await anonymous.GetAsync("/api/v1/public/inspection/plans?agency=SFJ", Ct))).EnumerateArray());
        var demo = plans.EnumerateArray().Where(p => p.GetProperty("title").GetString()!.StartsWith("2026年第", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, demo.Count(p => p.GetProperty("status").GetString() == "Drawn"));
        Assert.Single(demo, p => p.GetProperty("status").GetString() == "Committed");
        // And a joint plan with the emergency-management bureau, drawn, each agency's teams in its result.
        var joint = Assert.Single(plans.EnumerateArray(), p => p.GetProperty("title").GetString()!.Contains("联合抽查", StringComparison.Ordinal)
            && p.GetProperty("title").GetString()!.StartsWith("2026年11月", StringComparison.Ordinal));
        Assert.Equal("Drawn", joint.GetProperty("status").GetString());
        Assert.Equal(2, joint.GetProperty("items").GetArrayLength());
        var keys = await app.WithDbAsync((_, sp) => Task.FromResult(sp.GetRequiredService<LedgerKeys>()));
        foreach (var plan in demo.Where(p => p.GetProperty("status").GetString() == "Drawn"))
        {
            var id = plan.GetProperty("id").GetGuid();
            var verification = DrawExport.Verify(await anonymous.GetStringAsync($"/api/v1/public/inspection/plans/{id}/draw", Ct), [keys.Ed25519, keys.Sm2]);
            Assert.True(verification.Matches, string.Join("\n", verification.Checks.Select(c => c.Detail)));
            var detail = await Ok(await anonymous.GetAsync($"/api/v1/public/inspection/plans/{id}", Ct));
            var inspections = detail.GetProperty("inspections").EnumerateArray().ToList();
            Assert.NotEmpty(inspections);
            // The results are published, within 20 working days of each inspection's conclusion.
            Assert.All(inspections, i => Assert.NotEqual(JsonValueKind.Null, i.GetProperty("result").ValueKind));
            Assert.Contains(inspections, i => i.GetProperty("result").GetString() != "未发现问题");
        }
    }

    [Fact]
    public async Task The_same_directory_and_seed_give_the_same_lists_and_draw_on_either_database()
    {
        // Fixed credit codes, names and grades; the demo county's officers: the frozen lists are byte-identical on both
        // databases, so their digest and the draw under a fixed seed and root are constants.
        await AddTargetsAsync("农贸市场食品摊位", 2000, 30);
        var lists = await app.WithDbAsync(async (db, sp) =>
        {
            var plan = new InspectionPlan
            {
                Number = "安市监抽〔2026〕99号", Title = "确定性检验", AgencyId = await db.Agencies.Where(a => a.Code == "SCJG").Select(a => a.Id).SingleAsync(Ct),
                Items = [new PlanItem { AgencyCode = "SCJG", Code = "360736-SCJG-JC-001", Name = "对餐饮服务提供者的监督检查" }],
                Filter = new PlanFilter { Industries = ["农贸市场食品摊位"] }, Count = 5,
            };
            return await sp.GetRequiredService<Sanxiang.Data.Inspection.InspectionPlans>().FreezeAsync(plan, new DateOnly(2026, 11, 28), Ct);
        });
        Assert.Equal(30, lists.Candidates.Count);
        Assert.Equal(CreditCode(2000), lists.Candidates[0].CreditCode);
        var root = System.Security.Cryptography.SHA256.HashData("fixed root"u8);
        var seed = System.Security.Cryptography.SHA256.HashData("fixed seed"u8);
        var drawn = RandomDraw.Run(lists, DrawChance.Key(seed, root, lists.Sha256()));
        // Recorded from the first run; the other database must agree.
        Assert.Equal(ExpectedDigest, Convert.ToHexStringLower(lists.Sha256()));
        Assert.Equal(ExpectedTargets, string.Join(",", drawn.Select(t => t.CreditCode[^5..])));
    }

    public const string ExpectedDigest = "1ebfa0fb4a6e75cd2eb7c913e0df1c7cacbe6bf97e95d810ab65a8ddcc670e75";
    public const string ExpectedTargets = "20195,2011C,2005P,2020A,20182";

    [Fact]
    public async Task Bad_plans_and_premature_or_repeated_acts_are_refused_and_write_nothing()
    {
        var industry = "食品销售" + Guid.NewGuid().ToString("N")[..6];
        await AddTargetsAsync(industry, 3000, 10);
        var (unitHead, head, officer) = (await app.SignInAsync("scjg.unithead"), await app.SignInAsync("scjg.head"), await app.SignInAsync("scjg.officer"));
        var before = await app.WithDbAsync((db, _) => db.InspectionPlans.CountAsync(Ct));

        Assert.Contains("抽查比例应在 1% 到 100% 之间（收到 120%）",
            await Refused(await unitHead.PostAsJsonAsync("/api/v1/inspection/plans", Plan(industry, count: null, ratio: 120), Ct), HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
        Assert.Contains("两名以上",
            await Refused(await unitHead.PostAsJsonAsync("/api/v1/inspection/plans", Plan(industry, perTarget: 1), Ct), HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
        Assert.Contains("已经过去",
            await Refused(await unitHead.PostAsJsonAsync("/api/v1/inspection/plans", Plan(industry, drawOn: "2020-01-01"), Ct), HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/inspection/plans", Plan(industry), Ct)).StatusCode);
        Assert.Equal(before, await app.WithDbAsync((db, _) => db.InspectionPlans.CountAsync(Ct)));

        async Task<Guid> DraftAsync(object plan, HttpClient? by = null) =>
            (await Ok(await (by ?? unitHead).PostAsJsonAsync("/api/v1/inspection/plans", plan, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // More targets than the directory holds, no target at all, more inspectors than the agency has: refused at approval.
        var tooMany = await DraftAsync(Plan(industry, count: 11));
        Assert.Contains("超过名录中符合条件的对象 10 户", await Refused(await head.PostAsync($"/api/v1/inspection/plans/{tooMany}/approve", null, Ct), HttpStatusCode.Conflict),
            StringComparison.Ordinal);
        var empty = await DraftAsync(Plan("没有这个行业" + Guid.NewGuid().ToString("N")[..4]));
        Assert.Contains("没有符合本计划筛选条件的对象", await Refused(await head.PostAsync($"/api/v1/inspection/plans/{empty}/approve", null, Ct), HttpStatusCode.Conflict),
            StringComparison.Ordinal);
        var crowd = await DraftAsync(Plan(industry, perTarget: 10));
        var missing = await Refused(await head.PostAsync($"/api/v1/inspection/plans/{crowd}/approve", null, Ct), HttpStatusCode.Conflict);
        Assert.Matches(@"只有 \d+ 名持证人员，每个对象需要 10 名，还差 \d+ 名", missing);

        // A unit head does not approve; the head who drafted may not approve his own draft; nothing is drawn before approval.
        var plan = await DraftAsync(Plan(industry, count: 3), head);
        Assert.Contains("机关负责人", await Refused(await unitHead.PostAsync($"/api/v1/inspection/plans/{plan}/approve", null, Ct), HttpStatusCode.Forbidden),
            StringComparison.Ordinal);
        Assert.Contains("起草人以外", await Refused(await head.PostAsync($"/api/v1/inspection/plans/{plan}/approve", null, Ct), HttpStatusCode.Conflict),
            StringComparison.Ordinal);
        Assert.Contains("尚未批准", await Refused(await unitHead.PostAsync($"/api/v1/inspection/plans/{plan}/draw", null, Ct), HttpStatusCode.Conflict),
            StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.InspectionPlans.CountAsync(p => p.Status != PlanStatus.Draft && p.Filter.Industries.Contains(industry), Ct)));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.InspectionTasks.CountAsync(t => t.TargetName.Contains(industry), Ct)));
    }

    [Fact]
    public async Task A_seed_that_no_longer_matches_its_commitment_is_refused_and_nothing_is_drawn()
    {
        var industry = "茶饮店" + Guid.NewGuid().ToString("N")[..6];
        await AddTargetsAsync(industry, 5000, 6);
        var (unitHead, head) = (await app.SignInAsync("scjg.unithead"), await app.SignInAsync("scjg.head"));
        var id = (await Ok(await unitHead.PostAsJsonAsync("/api/v1/inspection/plans", Plan(industry, count: 2), Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Ok(await head.PostAsync($"/api/v1/inspection/plans/{id}/approve", null, Ct));
        // Someone swaps the stored seed after the commitment was published.
        await app.WithDbAsync(async (db, _) =>
        {
            var plan = await db.InspectionPlans.SingleAsync(p => p.Id == id, Ct);
            plan.Seed = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            return await db.SaveChangesAsync(Ct);
        });
        var cases = await app.WithDbAsync((db, _) => db.Cases.CountAsync(Ct));
        Assert.Contains("种子与公布的承诺值不一致", await Refused(await unitHead.PostAsync($"/api/v1/inspection/plans/{id}/draw", null, Ct), HttpStatusCode.Conflict),
            StringComparison.Ordinal);
        Assert.Equal(cases, await app.WithDbAsync((db, _) => db.Cases.CountAsync(Ct)));
        Assert.Equal(PlanStatus.Committed, await app.WithDbAsync((db, _) => db.InspectionPlans.Where(p => p.Id == id).Select(p => p.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task An_inspector_declares_a_recusal_through_the_api_and_bad_declarations_are_refused()
    {
        var industry = "药品零售" + Guid.NewGuid().ToString("N")[..6];
        await AddTargetsAsync(industry, 6000, 2);
        var officer = await app.SignInAsync("scjg.officer");
        var declared = await Ok(await officer.PostAsJsonAsync("/api/v1/inspection/plans/recusals",
            new { creditCode = CreditCode(6000), reason = "该药店的负责人系本人的表兄" }, Ct), HttpStatusCode.Created);
        Assert.Equal(CreditCode(6000), declared.GetProperty("creditCode").GetString());
        Assert.Contains("已经申报过", await Refused(await officer.PostAsJsonAsync("/api/v1/inspection/plans/recusals",
            new { creditCode = CreditCode(6000), reason = "该药店的负责人系本人的表兄" }, Ct), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("名录中没有", await Refused(await officer.PostAsJsonAsync("/api/v1/inspection/plans/recusals",
            new { creditCode = CreditCode(6999), reason = "亲属经营" }, Ct), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("应当回避的情形", await Refused(await officer.PostAsJsonAsync("/api/v1/inspection/plans/recusals",
            new { creditCode = CreditCode(6001), reason = "" }, Ct), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var colleague = await app.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "scjg.officer2").Select(u => u.OfficerId).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/inspection/plans/recusals",
            new { officerId = colleague, creditCode = CreditCode(6001), reason = "替同事申报" }, Ct)).StatusCode);
        var list = await Ok(await officer.GetAsync("/api/v1/inspection/plans/recusals", Ct));
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("creditCode").GetString() == CreditCode(6000));
        // The log has the pair, not the reason.
        var logged = await app.WithDbAsync((db, _) => db.LedgerEntries.Where(e => e.Kind == "inspection-recusal-declared").OrderByDescending(e => e.Index)
            .Select(e => e.Payload).FirstAsync(Ct));
        var text = System.Text.Encoding.UTF8.GetString(logged);
        Assert.Contains(CreditCode(6000), text, StringComparison.Ordinal);
        Assert.DoesNotContain("表兄", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workbench_page_takes_a_recusal_and_says_what_is_wrong_with_a_bad_one()
    {
        var industry = "眼镜店" + Guid.NewGuid().ToString("N")[..6];
        await AddTargetsAsync(industry, 8000, 1);
        var officer = await app.SignInAsync("scjg.officer2");
        var bad = await SanxiangApp.PostFormAsync(officer, "/workbench/inspections",
            new() { ["creditCode"] = CreditCode(8999), ["reason"] = "亲属经营" }, "/workbench/inspections?handler=Recusal");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("名录中没有", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var good = await SanxiangApp.PostFormAsync(officer, "/workbench/inspections",
            new() { ["creditCode"] = CreditCode(8000), ["reason"] = "该眼镜店系本人配偶经营" }, "/workbench/inspections?handler=Recusal");
        var page = await good.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("已登记回避", page, StringComparison.Ordinal);
        Assert.Contains("该眼镜店系本人配偶经营", page, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.InspectorRecusals.CountAsync(r => r.CreditCode == CreditCode(8000), Ct)));
    }

    [Fact]
    public async Task A_joint_plan_needs_each_participants_consent_and_opens_each_agencys_own_inspection_case()
    {
        var industry = "小型工贸企业" + Guid.NewGuid().ToString("N")[..6];
        await AddTargetsAsync(industry, 7000, 12);
        var (unitHead, head, yjglHead, yjglOfficer, sthjHead) = (await app.SignInAsync("scjg.unithead"), await app.SignInAsync("scjg.head"),
            await app.SignInAsync("yjgl.head"), await app.SignInAsync("yjgl.officer"), await app.SignInAsync("sthj.head"));
        var plan = new Dictionary<string, object?>
        {
            ["title"] = $"{industry}食品安全和安全生产联合抽查（测试）",
            ["itemCodes"] = new[] { "360736-SCJG-JC-001", "360736-YJGL-JC-001" },
            ["industries"] = new[] { industry },
            ["count"] = 3, ["inspectorsPerTarget"] = 2, ["excludeLastInspectors"] = false, ["excludeAffiliatedAgency"] = true,
            ["periodFrom"] = Today, ["periodTo"] = ChinaTime.Today(TimeProvider.System).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["drawOn"] = Today,
        };
        var draft = await Ok(await unitHead.PostAsJsonAsync("/api/v1/inspection/plans", plan, Ct), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetGuid();
        var participant = Assert.Single(draft.GetProperty("participants").EnumerateArray());
        Assert.Equal("YJGL", participant.GetProperty("agencyCode").GetString());
        Assert.Equal(JsonValueKind.Null, participant.GetProperty("confirmedAtUtc").ValueKind);

        // Not before the participant confirms; only its head confirms, once; the participant neither approves nor draws.
        Assert.Contains("尚待安和县应急管理局负责人确认参加", await Refused(await head.PostAsync($"/api/v1/inspection/plans/{id}/approve", null, Ct), HttpStatusCode.Conflict),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await yjglHead.GetAsync($"/api/v1/inspection/plans/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sthjHead.GetAsync($"/api/v1/inspection/plans/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await yjglOfficer.PostAsync($"/api/v1/inspection/plans/{id}/join", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sthjHead.PostAsync($"/api/v1/inspection/plans/{id}/join", null, Ct)).StatusCode);
        var joined = await Ok(await yjglHead.PostAsync($"/api/v1/inspection/plans/{id}/join", null, Ct));
        Assert.NotEqual(JsonValueKind.Null, Assert.Single(joined.GetProperty("participants").EnumerateArray()).GetProperty("confirmedAtUtc").ValueKind);
        Assert.Contains("已经确认", await Refused(await yjglHead.PostAsync($"/api/v1/inspection/plans/{id}/join", null, Ct), HttpStatusCode.Conflict),
            StringComparison.Ordinal);
        Assert.Contains("由牵头机关批准", await Refused(await yjglHead.PostAsync($"/api/v1/inspection/plans/{id}/approve", null, Ct), HttpStatusCode.Forbidden),
            StringComparison.Ordinal);

        await Ok(await head.PostAsync($"/api/v1/inspection/plans/{id}/approve", null, Ct));
        var drawn = await Ok(await unitHead.PostAsync($"/api/v1/inspection/plans/{id}/draw", null, Ct));
        // The lead sees its own three tasks; the participant's cases are the participant's.
        Assert.Equal(3, drawn.GetProperty("tasks").GetArrayLength());
        var tasks = await app.WithDbAsync((db, _) => db.InspectionTasks.Where(t => t.PlanId == id).ToListAsync(Ct));
        Assert.Equal(6, tasks.Count);
        var yjgl = await app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == "YJGL").Select(a => a.Id).SingleAsync(Ct));
        var theirs = tasks.First(t => t.AgencyId == yjgl);
        var theirCase = await Ok(await yjglHead.GetAsync($"/api/v1/cases/{theirs.CaseId}", Ct));
        Assert.StartsWith("安应急", theirCase.GetProperty("number").GetString()!, StringComparison.Ordinal);
        Assert.Equal("360736-YJGL-JC-001", theirCase.GetProperty("itemCode").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await unitHead.GetAsync($"/api/v1/cases/{theirs.CaseId}", Ct)).StatusCode);
        var certificates = await app.WithDbAsync((db, _) => db.CaseOfficers.Where(o => o.CaseId == theirs.CaseId).Select(o => o.CertificateNumber).ToListAsync(Ct));
        var yjglCertificates = await app.WithDbAsync((db, _) => db.OfficerEntries.Where(o => o.AgencyId == yjgl).Select(o => o.CertificateNumber).ToListAsync(Ct));
        Assert.Equal(2, certificates.Count);
        Assert.All(certificates, c => Assert.Contains(c, yjglCertificates));

        var export = await app.Client().GetStringAsync($"/api/v1/public/inspection/plans/{id}/draw", Ct);
        var keys = await app.WithDbAsync((_, sp) => Task.FromResult(sp.GetRequiredService<LedgerKeys>()));
        Assert.True(DrawExport.Verify(export, [keys.Ed25519, keys.Sm2]).Matches);
        var result = JsonDocument.Parse(export).RootElement.GetProperty("result").GetProperty("targets");
        Assert.All(result.EnumerateArray(), t => Assert.Equal(["SCJG", "YJGL"], t.GetProperty("teams").EnumerateArray().Select(x => x.GetProperty("agency").GetString())));
    }

    [Fact]
    public async Task A_declared_recusal_keeps_the_inspector_away_from_that_target()
    {
        var industry = "校园周边食品店" + Guid.NewGuid().ToString("N")[..6];
        await AddTargetsAsync(industry, 4000, 8);
        var recused = await app.WithDbAsync(async (db, _) =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Code == "SCJG", Ct);
            // The demo officer 刘建国 (account scjg.officer), whose certificate is valid for food safety.
            var me = await db.Users.Where(u => u.UserName == "scjg.officer").Select(u => u.OfficerId).SingleAsync(Ct);
            var officers = await db.OfficerEntries.Where(o => o.OfficerId == me).Select(o => new { o.OfficerId, o.CertificateNumber }).Distinct().ToListAsync(Ct);
            var pairs = new List<(string, string)>();
            // The first officer declares a conflict with every target: the draw must never send them.
            foreach (var i in Enumerable.Range(4000, 8))
            {
                db.InspectorRecusals.Add(new InspectorRecusal
                {
                    Id = Guid.NewGuid(), AgencyId = agency.Id, OfficerId = officers[0].OfficerId, CertificateNumber = officers[0].CertificateNumber,
                    CreditCode = CreditCode(i), Reason = "该经营者系本人配偶开办", DeclaredAtUtc = DateTimeOffset.UtcNow,
                });
                pairs.Add((officers[0].CertificateNumber, CreditCode(i)));
            }

            await db.SaveChangesAsync(Ct);
            return officers[0].CertificateNumber;
        });

        var (unitHead, head) = (await app.SignInAsync("scjg.unithead"), await app.SignInAsync("scjg.head"));
        var id = (await Ok(await unitHead.PostAsJsonAsync("/api/v1/inspection/plans", Plan(industry, count: null, ratio: 100), Ct), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await Ok(await head.PostAsync($"/api/v1/inspection/plans/{id}/approve", null, Ct));
        var lists = await app.Client().GetStringAsync($"/api/v1/public/inspection/plans/{id}/lists", Ct);
        Assert.Equal(8, JsonDocument.Parse(lists).RootElement.GetProperty("recusals").GetArrayLength());
        Assert.DoesNotContain("配偶", lists, StringComparison.Ordinal);
        await Ok(await unitHead.PostAsync($"/api/v1/inspection/plans/{id}/draw", null, Ct));
        var officers = await app.WithDbAsync((db, _) => db.InspectionTasks.Where(t => t.PlanId == id)
            .SelectMany(t => db.CaseOfficers.Where(o => o.CaseId == t.CaseId).Select(o => o.CertificateNumber)).ToListAsync(Ct));
        Assert.Equal(16, officers.Count);
        Assert.DoesNotContain(recused, officers);
        // Balanced: 16 assignments over the eligible inspectors, no one with more than one above another.
        var load = officers.GroupBy(o => o).Select(g => g.Count()).ToList();
        Assert.True(load.Max() - load.Min() <= 1, string.Join(",", load));
    }
}

public sealed class InspectionPlanTestsOnSqlite(SqliteApp app) : InspectionPlanTests(app);

public sealed class InspectionPlanTestsOnPostgres(PostgresApp app) : InspectionPlanTests(app);
