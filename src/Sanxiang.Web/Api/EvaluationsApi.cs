using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Supervision.Evaluation;
using Sanxiang.Data;
using Sanxiang.Data.Supervision.Evaluation;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Supervision.Evaluation;

namespace Sanxiang.Web.Api;

public sealed record EvaluationFileDto(Guid Id, int Order, Guid AgencyId, string Agency, Guid CaseId, string CaseNumber, string CaseTitle, Guid EvaluatorId,
    string Evaluator, string EvaluatorAgency, IReadOnlyList<PreCheckFlag> Flags, decimal? Score, string? Grade, bool Vetoed, FileMarks? Marks);

public sealed record EvaluationDto(Guid Id, string Number, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, int PerAgency, DateOnly DueOn, string Status,
    JsonNode Form, IReadOnlyList<EvaluatorInfo> Evaluators, string? Commitment, string? ListsSha256, long? CommitmentLedgerIndex, string? Seed,
    IReadOnlyList<EvaluationFileDto> Files, IReadOnlyList<AgencyEvaluationResult> Ranking);

/// <summary>
/// 案卷评查 (issue 9): supervisors set up an evaluation with its scoring form and evaluators, draw the files and finish
/// it; each evaluator scores the files the draw gave them; agencies read their own results once finished. Refusals are
/// RFC 9457 problem details in Chinese and store nothing.
/// </summary>
public static class EvaluationsApi
{
    public sealed record CreateRequest(string? Title, DateOnly? PeriodFrom, DateOnly? PeriodTo, int? PerAgency, DateOnly? DueOn, string? Form, IReadOnlyList<Guid>? Evaluators);

    public sealed record FinishRequest(string? Summary);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/evaluations").WithTags("案卷评查");
        var read = group.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Supervisor, Roles.Reviewer, Roles.AgencyHead));
        var supervise = group.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Supervisor));
        read.MapGet("/", List).WithSummary("案卷评查列表（监督人员：全部；评查人员：有本人评查案卷的；机关：已向本机关公开结果的）");
        read.MapGet("/{id:guid}", Get).WithSummary("评查详情：评分表、抽取承诺、抽取的案卷（机关只见本机关评查人员评查的和已公开的本机关案卷）、排名").ProducesProblem(404);
        read.MapGet("/{id:guid}/export", Export).WithSummary("抽取复核文件：冻结名单、种子、检查点和抽取结果，任何人可据以重算（docs/case-file-evaluation.md）").ProducesProblem(404);
        read.MapGet("/{id:guid}/report.docx", Docx).WithSummary("案卷评查情况通报（DOCX；机关只含本机关案卷）").ProducesProblem(404).ProducesProblem(409);
        read.MapGet("/{id:guid}/report.pdf", Pdf).WithSummary("案卷评查情况通报（PDF；机关只含本机关案卷）").ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);
        read.MapPost("/files/{fileId:guid}/score", Score).WithSummary("评查人员对分配给本人的案卷评分：扣分（0.5 分为单位）及理由、否决项认定（预检提示的须逐项认定）、评查意见")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        supervise.MapGet("/form/default", () => TypedResults.Text(ScoringForm.DefaultText, "text/plain; charset=utf-8")).WithSummary("默认评分表（文本格式）");
        supervise.MapPost("/", Create).WithSummary("设立案卷评查：名称、结案归档日期范围、每个机关抽取件数、评分截止日期、评分表（文本）、评查人员（账号 id）；评分表分值不合计的拒绝")
            .ProducesProblem(400).ProducesProblem(403);
        supervise.MapPost("/{id:guid}/draw", Draw).WithSummary("抽取案卷：冻结名单，公布种子承诺值，签署检查点后以种子和检查点根哈希抽取，按交叉评查分配评查人员（每次评查只抽取一次）")
            .ProducesProblem(404).ProducesProblem(409);
        supervise.MapPost("/{id:guid}/finish", Finish).WithSummary("完成评查（全部案卷已评分），向各机关公开本机关结果").ProducesProblem(400).ProducesProblem(409);
    }

    private static async Task<IResult> List(SanxiangDbContext db, HttpContext http, CancellationToken ct)
    {
        var visible = db.EvaluatedFiles.Select(f => f.EvaluationId);
        var list = await db.CaseFileEvaluations.AsNoTracking().Where(v => db.Scope.ReadsAllAgencies || visible.Contains(v.Id))
            .OrderByDescending(v => v.CreatedAtUtc).Take(200)
            .Select(v => new { v.Id, v.Number, v.Title, v.PeriodFrom, v.PeriodTo, v.Status, v.DueOn }).ToListAsync(ct);
        return TypedResults.Ok(list);
    }

    private static async Task<IResult> Get(Guid id, SanxiangDbContext db, CaseFileEvaluations service, HttpContext http, CancellationToken ct) =>
        await DetailAsync(db, service, http, id, ct) is { } dto ? TypedResults.Ok(dto) : Problems.Result(http, 404, "没有找到该案卷评查，或无权查看。");

    public static async Task<EvaluationDto?> DetailAsync(SanxiangDbContext db, CaseFileEvaluations service, HttpContext http, Guid id, CancellationToken ct)
    {
        var v = await service.LoadAsync(id, ct);
        var files = await db.EvaluatedFiles.AsNoTracking().Where(f => f.EvaluationId == id).OrderBy(f => f.Order).ToListAsync(ct);
        var county = db.Scope.ReadsAllAgencies;
        if (!county && files.Count == 0)
        {
            return null;
        }

        var me = CasesApi.Actor(http.User).AccountId;
        return new EvaluationDto(v.Id, v.Number, v.Title, v.PeriodFrom, v.PeriodTo, v.PerAgency, v.DueOn, v.Status, JsonNode.Parse(v.FormJson)!,
            CaseFileEvaluations.Evaluators(v), v.Commitment, v.ListsSha256, v.CommitmentLedgerIndex, v.DrawnAtUtc is null || v.Seed is null ? null : Convert.ToHexStringLower(v.Seed),
            [.. files.Select(f => Shown(f, county, db.Scope.AgencyId, me)
                ? new EvaluationFileDto(f.Id, f.Order, f.AgencyId, f.AgencyName, f.CaseId, f.CaseNumber, f.CaseTitle, f.EvaluatorId, f.EvaluatorName,
                    f.EvaluatorAgencyName, CaseFileEvaluations.Flags(f), f.Score, f.Grade, f.Vetoed, f.MarksJson is null ? null : FileMarks.FromJson(f.MarksJson))
                : new EvaluationFileDto(f.Id, f.Order, f.AgencyId, f.AgencyName, f.CaseId, f.CaseNumber, f.CaseTitle, f.EvaluatorId, f.EvaluatorName,
                    f.EvaluatorAgencyName, [], null, null, false, null))],
            EvaluationRanking.Rank(files.Where(f => county || (f.Released && f.AgencyId == db.Scope.AgencyId))));
    }

    /// <summary>
    /// Whether the caller may see a file's flags, score and marks: supervisors, the file's evaluator, and the file's own
    /// agency once released. A colleague of the evaluator sees only that the file exists and who scores it.
    /// </summary>
    public static bool Shown(EvaluatedFile f, bool county, Guid? agency, Guid me) => county || f.EvaluatorId == me || (f.Released && f.AgencyId == agency);

    private static async Task<IResult> Export(Guid id, SanxiangDbContext db, CaseFileEvaluations service, HttpContext http, CancellationToken ct)
    {
        var v = await service.LoadAsync(id, ct);
        if (!db.Scope.ReadsAllAgencies && !await db.EvaluatedFiles.AnyAsync(f => f.EvaluationId == id, ct))
        {
            return Problems.Result(http, 404, "没有找到该案卷评查，或无权查看。");
        }

        return CaseFileEvaluations.Export(v) is { } export
            ? TypedResults.Text(export.ToJsonString(), "application/json; charset=utf-8")
            : Problems.Result(http, 404, $"{v.Number} 尚未抽取案卷，没有抽取复核文件。");
    }

    private static async Task<IResult> Create(CreateRequest request, CaseFileEvaluations service, SanxiangDbContext db, HttpContext http)
    {
        var v = await service.CreateAsync(new EvaluationInput(request.Title, request.PeriodFrom, request.PeriodTo, request.PerAgency, request.DueOn, request.Form, request.Evaluators),
            CasesApi.Actor(http.User), http.RequestAborted);
        return TypedResults.Created($"/api/v1/evaluations/{v.Id:D}", await DetailAsync(db, service, http, v.Id, http.RequestAborted));
    }

    private static async Task<IResult> Draw(Guid id, CaseFileEvaluations service, SanxiangDbContext db, HttpContext http)
    {
        await service.DrawAsync(id, CasesApi.Actor(http.User), http.RequestAborted);
        db.ChangeTracker.Clear();
        return TypedResults.Ok(await DetailAsync(db, service, http, id, http.RequestAborted));
    }

    private static async Task<IResult> Score(Guid fileId, FileMarks marks, CaseFileEvaluations service, HttpContext http)
    {
        var f = await service.ScoreAsync(fileId, marks with { Items = marks.Items ?? [], Vetoes = marks.Vetoes ?? [] }, CasesApi.Actor(http.User), http.RequestAborted);
        return TypedResults.Ok(new { f.Id, f.CaseNumber, f.Score, f.Grade, f.Vetoed });
    }

    private static async Task<IResult> Finish(Guid id, FinishRequest? request, CaseFileEvaluations service, SanxiangDbContext db, HttpContext http)
    {
        await service.FinishAsync(id, request?.Summary, CasesApi.Actor(http.User), http.RequestAborted);
        db.ChangeTracker.Clear();
        return TypedResults.Ok(await DetailAsync(db, service, http, id, http.RequestAborted));
    }

    private static async Task<IResult> Docx(Guid id, EvaluationReportRenderer reports, CaseFileEvaluations service, HttpContext http, CancellationToken ct) =>
        await Drawn(id, service, http, ct) ?? TypedResults.File(await reports.DocxAsync(id, Own(http), ct),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "evaluation-report.docx");

    private static async Task<IResult> Pdf(Guid id, EvaluationReportRenderer reports, CaseFileEvaluations service, HttpContext http, CancellationToken ct) =>
        await Drawn(id, service, http, ct) ?? (await reports.PdfAsync(id, Own(http), ct) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", "evaluation-report.pdf")
            : Problems.Result(http, 503, "服务器上没有可嵌入 PDF 的中文 TrueType 字体，无法生成 PDF；请下载 DOCX，或由系统管理员安装 fonts-arphic-uming。"));

    /// <summary>A problem when the report cannot be made yet, else null.</summary>
    private static async Task<IResult?> Drawn(Guid id, CaseFileEvaluations service, HttpContext http, CancellationToken ct) =>
        (await service.LoadAsync(id, ct)).Status == EvaluationStatuses.Draft ? Problems.Result(http, 409, "尚未抽取案卷，没有评查通报。") : null;

    /// <summary>An agency's users get the report of their own files; supervisors the county's.</summary>
    private static Guid? Own(HttpContext http) => http.User.IsInRole(Roles.Supervisor) ? null : http.User.Agency() ?? Guid.Empty;
}
