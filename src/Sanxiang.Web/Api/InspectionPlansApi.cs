using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Inspection;
using Sanxiang.Data;
using Sanxiang.Data.Inspection;
using Sanxiang.Data.Ledger;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Api;

public sealed record PlanDto(Guid Id, string Number, string Title, string Status, string StatusName, IReadOnlyList<PlanItemDto> Items,
    IReadOnlyList<string> Industries, IReadOnlyList<string> Areas, IReadOnlyList<string> Tags, int? Count, int? RatioPercent, int InspectorsPerTarget,
    IReadOnlyDictionary<string, int> Weights, bool ExcludeLastInspectors, bool ExcludeAffiliatedAgency, DateOnly PeriodFrom, DateOnly PeriodTo,
    DateOnly DrawOn, string? Commitment, string? ListsSha256, long? CommitmentLedgerIndex, DateTimeOffset? CommittedAtUtc, DateTimeOffset? DrawnAtUtc,
    IReadOnlyList<PlanTaskDto> Tasks, string AgencyCode, IReadOnlyList<ParticipantDto> Participants);

/// <summary>A participating agency of a joint plan and when its head confirmed (null: not yet).</summary>
public sealed record ParticipantDto(string AgencyCode, string AgencyName, DateTimeOffset? ConfirmedAtUtc);

public sealed record PlanItemDto(string Agency, string Code, string Name);

public sealed record PlanTaskDto(int Order, string AgencyCode, string CreditCode, string TargetName, Guid CaseId, string CaseNumber, string Status);

/// <summary>
/// 双随机抽查计划 for agencies (draft, approve with commitment, draw) and for the public (committed and drawn plans, the
/// draw export, the verification of a draw). Writes go through <see cref="InspectionPlans"/>; a refusal is RFC 9457
/// problem details in Chinese and writes nothing.
/// </summary>
public static class InspectionPlansApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/inspection/plans").WithTags("双随机抽查");
        var read = plans.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Officer, Roles.UnitHead, Roles.AgencyHead, Roles.Supervisor));
        var write = plans.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.UnitHead, Roles.AgencyHead));
        read.MapGet("/", List).WithSummary("本机关的抽查计划（监督人员：全县），含草拟中的");
        read.MapGet("/{id:guid}", Get).WithSummary("抽查计划详情及其检查任务（抽取后每户对象、每个机关一件检查案件）");
        write.MapPost("/", Create).WithSummary("起草抽查计划：随机抽查事项、筛选条件、抽查比例或数量、检查期间、抽取日期、每户检查人员数、信用风险分类权重")
            .ProducesProblem(400).ProducesProblem(403);
        write.MapPost("/{id:guid}/approve", Approve)
            .WithSummary("机关负责人批准计划：冻结检查对象和检查人员名单，生成保密种子，公布种子的 SHA-256 承诺值和名单摘要（记入记录日志）")
            .ProducesProblem(403).ProducesProblem(409);
        plans.MapPost("/{id:guid}/join", Join).RequireAuthorization(p => p.RequireRole(Roles.AgencyHead))
            .WithSummary("联合抽查：参加机关的负责人确认参加（派出本机关检查人员，由抽取为本机关立检查案件）；全部参加机关确认后牵头机关才能批准")
            .ProducesProblem(403).ProducesProblem(409);
        write.MapPost("/{id:guid}/draw", Draw)
            .WithSummary("在公布的抽取日期或以后抽取：公开种子，与承诺之后的签名检查点根值混合，按公布的规则抽取对象和检查人员，并为每户对象立检查案件")
            .ProducesProblem(403).ProducesProblem(409);

        read.MapGet("/recusals", Recusals).WithSummary("本机关已申报的检查回避（人员、对象、理由、申报时间）");
        plans.MapPost("/recusals", DeclareRecusal).RequireAuthorization(p => p.RequireRole(Roles.Officer, Roles.UnitHead, Roles.AgencyHead))
            .WithSummary("回避申报：执法人员本人申报与检查对象的利害关系（officerId 省略即本人；负责人可为本机关人员登记），此后批准的计划不再选派其检查该对象")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

        var open = api.MapGroup("/public/inspection").WithTags("双随机抽查").AllowAnonymous();
        open.MapGet("/plans", PublicList).WithSummary("已公布承诺值的抽查计划（agency 为机关代码，year 为年度）");
        open.MapGet("/plans/{id:guid}", PublicGet).WithSummary("抽查计划的承诺值、名单摘要、抽取结果和已公示的检查结果");
        open.MapGet("/plans/{id:guid}/lists", PublicLists).WithSummary("冻结的名单（docs/random-draw.md 第 2 节），其规范 JSON 的 SHA-256 即公布的名单摘要");
        open.MapGet("/plans/{id:guid}/draw", PublicExport).WithSummary("抽取导出文件（docs/random-draw.md 第 5 节），可用 sanxiang draw verify 离线重算");
        open.MapGet("/plans/{id:guid}/verify", PublicVerify).WithSummary("平台用公布的公钥重新核验一次抽取，逐步给出结果");
    }

    private static async Task<Ok<List<PlanDto>>> List(SanxiangDbContext db, InspectionPlans service, HttpContext http, CancellationToken ct)
    {
        var plans = await db.InspectionPlans.AsNoTracking().OrderByDescending(p => p.CreatedAtUtc).Take(500).ToListAsync(ct);
        if (!db.Scope.ReadsAllAgencies && http.User.Agency() is { } agency)
        {
            plans.AddRange(await service.JointPlansOfAsync(agency, ct));
        }

        var codes = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        return TypedResults.Ok(plans.OrderByDescending(p => p.CreatedAtUtc).Select(p => Dto(p, [], codes[p.AgencyId], [])).ToList());
    }

    private static async Task<IResult> Get(Guid id, InspectionPlans service, SanxiangDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(db, await service.LoadAsync(id, ct), ct));

    public static async Task<PlanDto> DetailAsync(SanxiangDbContext db, InspectionPlan plan, CancellationToken ct)
    {
        var tasks = await db.InspectionTasks.AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.Order).ToListAsync(ct);
        var caseIds = tasks.Select(t => t.CaseId).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.Status }).ToDictionaryAsync(c => c.Id, ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var participants = await InspectionPlans.ParticipantsAsync(db, plan, ct);
        return Dto(plan, [.. tasks.Select(t => new PlanTaskDto(t.Order, agencies[t.AgencyId], t.CreditCode, t.TargetName, t.CaseId,
            cases.TryGetValue(t.CaseId, out var c) ? c.Number : "", cases.TryGetValue(t.CaseId, out var s) ? s.Status : ""))],
            agencies[plan.AgencyId], [.. participants.Select(p => new ParticipantDto(p.Agency.Code, p.Agency.Name, p.Confirmation?.ConfirmedAtUtc))]);
    }

    private static PlanDto Dto(InspectionPlan p, IReadOnlyList<PlanTaskDto> tasks, string agencyCode, IReadOnlyList<ParticipantDto> participants) => new(
        p.Id, p.Number, p.Title, p.Status.ToString(), p.Status.Chinese(), [.. p.Items.Select(i => new PlanItemDto(i.AgencyCode, i.Code, i.Name))],
        p.Filter.Industries, p.Filter.Areas, p.Filter.Tags, p.Count, p.RatioPercent, p.InspectorsPerTarget, p.Weights, p.ExcludeLastInspectors,
        p.ExcludeAffiliatedAgency, p.PeriodFrom, p.PeriodTo, p.DrawOn, p.Commitment, p.ListsSha256, p.CommitmentLedgerIndex, p.CommittedAtUtc,
        p.DrawnAtUtc, tasks, agencyCode, participants);

    private static async Task<IResult> Create(PlanInput input, InspectionPlans service, SanxiangDbContext db, HttpContext http)
    {
        var plan = await service.CreateAsync(http.User.Agency()!.Value, input, CasesApi.Actor(http.User), http.RequestAborted);
        return TypedResults.Created($"/api/v1/inspection/plans/{plan.Id}", await DetailAsync(db, plan, http.RequestAborted));
    }

    private static async Task<IResult> Approve(Guid id, InspectionPlans service, SanxiangDbContext db, HttpContext http) =>
        TypedResults.Ok(await DetailAsync(db, await service.CommitAsync(id, CasesApi.Actor(http.User), http.RequestAborted), http.RequestAborted));

    private static async Task<IResult> Join(Guid id, InspectionPlans service, SanxiangDbContext db, HttpContext http)
    {
        await service.ConfirmJointAsync(id, CasesApi.Actor(http.User), ct: http.RequestAborted);
        return TypedResults.Ok(await DetailAsync(db, await service.LoadAsync(id, http.RequestAborted), http.RequestAborted));
    }

    private static async Task<IResult> Draw(Guid id, InspectionPlans service, SanxiangDbContext db, LedgerKeys keys, HttpContext http) =>
        TypedResults.Ok(await DetailAsync(db, await service.DrawAsync(id, CasesApi.Actor(http.User), keys, http.RequestAborted), http.RequestAborted));

    public sealed record RecusalRequest(Guid? OfficerId, string? CreditCode, string? Reason);

    public sealed record RecusalDto(Guid Id, Guid OfficerId, string CertificateNumber, string CreditCode, string Reason, DateTimeOffset DeclaredAtUtc);

    private static async Task<Ok<List<RecusalDto>>> Recusals(SanxiangDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.InspectorRecusals.AsNoTracking().OrderByDescending(r => r.DeclaredAtUtc).Take(2000)
            .Select(r => new RecusalDto(r.Id, r.OfficerId, r.CertificateNumber, r.CreditCode, r.Reason, r.DeclaredAtUtc)).ToListAsync(ct));

    private static async Task<IResult> DeclareRecusal(RecusalRequest request, InspectionPlans service, HttpContext http)
    {
        var r = await service.DeclareRecusalAsync(http.User.Agency()!.Value, request.OfficerId, request.CreditCode, request.Reason, CasesApi.Actor(http.User),
            http.RequestAborted);
        return TypedResults.Created($"/api/v1/inspection/plans/recusals/{r.Id}",
            new RecusalDto(r.Id, r.OfficerId, r.CertificateNumber, r.CreditCode, r.Reason, r.DeclaredAtUtc));
    }

    private static async Task<IResult> PublicList(SanxiangDbContext db, HttpContext http, string? agency, int? year, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(agency) && !await db.Agencies.AsNoTracking().AnyAsync(a => a.Code == agency, ct))
        {
            return Problems.Result(http, 400, $"没有代码为“{agency}”的执法机关；机关代码见 /api/v1/registry/agencies。",
                new Dictionary<string, string[]> { ["agency"] = [$"没有代码为“{agency}”的执法机关。"] });
        }

        return TypedResults.Ok(await InspectionPublic.PlansAsync(db, string.IsNullOrWhiteSpace(agency) ? null : agency, year, ct));
    }

    public sealed record PublicPlanDetail(PublicPlan Plan, IReadOnlyList<PublicInspection> Inspections);

    private static async Task<IResult> PublicGet(Guid id, SanxiangDbContext db, HttpContext http, CancellationToken ct) =>
        await InspectionPublic.PlanAsync(db, id, ct) is { } plan
            ? TypedResults.Ok(new PublicPlanDetail(plan, await InspectionPublic.InspectionsAsync(db, id, ct)))
            : NotFound(http);

    private static async Task<IResult> PublicLists(Guid id, SanxiangDbContext db, HttpContext http, CancellationToken ct)
    {
        var plan = await InspectionPublic.Published(db).FirstOrDefaultAsync(p => p.Id == id, ct);
        return plan?.FrozenLists is { } lists
            ? Results.Text(lists, "application/json; charset=utf-8")
            : NotFound(http);
    }

    private static async Task<IResult> PublicExport(Guid id, SanxiangDbContext db, HttpContext http, CancellationToken ct)
    {
        var plan = await InspectionPublic.Published(db).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return NotFound(http);
        }

        if (await InspectionPlans.ExportAsync(db, plan, ct) is not { } export)
        {
            return Problems.Result(http, 409, $"计划 {plan.Number} 尚未抽取：种子在抽取时才公开，抽取前只公布承诺值和名单摘要。");
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"draw-{plan.Year}-{plan.Sequence}.json\"; filename*=UTF-8''{Uri.EscapeDataString(plan.Number)}.json";
        return Results.Text(export.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            "application/json; charset=utf-8");
    }

    private static async Task<IResult> PublicVerify(Guid id, SanxiangDbContext db, LedgerKeys keys, HttpContext http, CancellationToken ct)
    {
        var plan = await InspectionPublic.Published(db).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return NotFound(http);
        }

        return await InspectionPlans.ExportAsync(db, plan, ct) is { } export
            ? TypedResults.Ok(DrawExport.Verify(export.ToJsonString(), [keys.Ed25519, keys.Sm2]))
            : Problems.Result(http, 409, $"计划 {plan.Number} 尚未抽取，还没有可以核验的结果。");
    }

    private static IResult NotFound(HttpContext http) => Problems.Result(http, 404, "没有这个已公布的抽查计划。");
}
