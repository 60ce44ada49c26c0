using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Supervision.Patrol;
using Sanxiang.Data;
using Sanxiang.Data.Supervision.Patrol;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Supervision.Patrol;

namespace Sanxiang.Web.Api;

public sealed record PatrolSummaryDto(Guid Id, string Quarter, string QuarterName, string Title, string Status, DateOnly PeriodFrom, DateOnly PeriodTo,
    bool Partial, DateOnly StartedOn, DateOnly? SentOn, DateOnly? AnswerDueOn, int Findings, int Open, int Overdue);

public sealed record PatrolDto(Guid Id, string Quarter, string QuarterName, string Title, string Status, DateOnly PeriodFrom, DateOnly PeriodTo, bool Partial,
    string Seed, DateOnly StartedOn, string StartedBy, DateOnly? SentOn, DateOnly? AnswerDueOn, IReadOnlyList<PatrolAgencyDto> Agencies,
    IReadOnlyList<PatrolFindingDto> Findings, IReadOnlyList<PatrolSampleDto> Samples);

public sealed record PatrolAgencyDto(Guid AgencyId, string AgencyName, int Officers, int TasksDue, int Withdrawals, int Entries, int Texts);

public sealed record PatrolFindingDto(Guid Id, int Number, Guid AgencyId, string Kind, string KindName, string Entry, long? EntryId, string Found, string Rule,
    string Severity, string Source, string Status, DateOnly? AnswerDueOn, bool Overdue, string? Answer, DateOnly? AnsweredOn, string? AnsweredBy, int Rounds,
    string? Review);

public sealed record PatrolSampleDto(Guid Id, Guid AgencyId, long EntryId, string Label, string? Outcome, string? Note);

/// <summary>
/// 网上巡查 (issue 9): supervisors start a patrol of a quarter, record the sample checks, send, confirm or return answers
/// and close; agency heads answer their own findings. Every refusal is RFC 9457 problem details in Chinese and writes
/// nothing. Agencies see only patrols with their findings or samples, and only their own rows of them.
/// </summary>
public static class PatrolsApi
{
    public sealed record StartRequest(string? Quarter, IReadOnlyList<string>? Agencies);

    public sealed record SampleRequest(bool Problem, string? Note);

    public sealed record SendRequest(int? AnswerWorkingDays);

    public sealed record TextRequest(string? Text);

    public static void Map(RouteGroupBuilder api)
    {
        var patrols = api.MapGroup("/patrols").WithTags("网上巡查");
        var read = patrols.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Supervisor, Roles.AgencyHead, Roles.PublicityClerk));
        var supervise = patrols.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Supervisor));
        read.MapGet("/", List).WithSummary("网上巡查列表（监督人员：全部；机关：涉及本机关的巡查）");
        read.MapGet("/{id:guid}", Get).WithSummary("巡查详情：各机关检查情况、问题（机关只见本机关）、抽查条目").ProducesProblem(404);
        read.MapGet("/{id:guid}/report.docx", Docx).WithSummary("网上巡查情况通报（DOCX；机关只含本机关问题）").ProducesProblem(404);
        read.MapGet("/{id:guid}/report.pdf", Pdf).WithSummary("网上巡查情况通报（PDF；机关只含本机关问题）").ProducesProblem(404).ProducesProblem(503);
        read.MapGet("/figures", Figures).WithSummary("各机关未完结的巡查问题和逾期未答复数（监督看板）");
        supervise.MapPost("/", Start).WithSummary("开展一个季度的网上巡查（quarter 如 2026Q3；agencies 为机关代码，省略即全县）：自动检查各机关公示内容，按随机种子抽取人工核查条目（未开始的季度不能巡查；本季度巡查至今日；同一季度有未完结巡查时不能重复开展）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        supervise.MapPost("/samples/{sampleId:guid}", CheckSample).WithSummary("记录抽查条目的人工核查结果；有问题的成为巡查问题")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        supervise.MapPost("/{id:guid}/send", Send).WithSummary("下发整改通知：答复期限默认 10 个工作日（按法定节假日计算）").ProducesProblem(409);
        supervise.MapPost("/{id:guid}/close", Close).WithSummary("完结巡查（全部问题已确认整改或不予下发）").ProducesProblem(409);
        supervise.MapPost("/findings/{findingId:guid}/dismiss", Dismiss).WithSummary("下发前不予下发某个问题（写明理由）").ProducesProblem(400).ProducesProblem(409);
        supervise.MapPost("/findings/{findingId:guid}/confirm", Confirm).WithSummary("确认已整改").ProducesProblem(409);
        supervise.MapPost("/findings/{findingId:guid}/return", Return).WithSummary("退回重新整改（写明理由）").ProducesProblem(400).ProducesProblem(409);
        patrols.MapPost("/findings/{findingId:guid}/answer", Answer).RequireAuthorization(p => p.RequireRole(Roles.AgencyHead))
            .WithSummary("机关负责人答复本机关问题的整改情况").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<List<PatrolSummaryDto>>> List(SanxiangDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await SummariesAsync(db, ChinaTime.Today(clock), ct));

    public static async Task<List<PatrolSummaryDto>> SummariesAsync(SanxiangDbContext db, DateOnly today, CancellationToken ct)
    {
        var visible = db.PatrolAgencies.Select(a => a.PatrolId);
        var patrols = await db.OnlinePatrols.AsNoTracking().Where(p => db.Scope.ReadsAllAgencies || visible.Contains(p.Id))
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.QuarterNumber).ThenByDescending(p => p.StartedAtUtc).Take(200).ToListAsync(ct);
        var ids = patrols.Select(p => p.Id).ToList();
        var findings = await db.PatrolFindings.AsNoTracking().Where(f => ids.Contains(f.PatrolId)).Select(f => new { f.PatrolId, f.Status, f.AnswerDueOn }).ToListAsync(ct);
        return [.. patrols.Select(p =>
        {
            var mine = findings.Where(f => f.PatrolId == p.Id && f.Status != PatrolWorkflow.Dismissed).ToList();
            return new PatrolSummaryDto(p.Id, p.Quarter.Code, p.Quarter.Chinese, p.Title, p.Status, p.PeriodFrom, p.PeriodTo, p.Partial, p.StartedOn, p.SentOn,
                p.AnswerDueOn, mine.Count, mine.Count(f => !PatrolWorkflow.IsSettled(f.Status)),
                mine.Count(f => PatrolWorkflow.AwaitsAgency(f.Status) && f.AnswerDueOn is { } due && today > due));
        })];
    }

    private static async Task<IResult> Get(Guid id, SanxiangDbContext db, OnlinePatrols service, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(db, await service.LoadAsync(id, ct), ChinaTime.Today(clock), ct));

    public static async Task<PatrolDto> DetailAsync(SanxiangDbContext db, OnlinePatrol p, DateOnly today, CancellationToken ct)
    {
        var agencies = await db.PatrolAgencies.AsNoTracking().Where(a => a.PatrolId == p.Id).OrderBy(a => a.SortOrder).ToListAsync(ct);
        var findings = await db.PatrolFindings.AsNoTracking().Where(f => f.PatrolId == p.Id).OrderBy(f => f.Number).ToListAsync(ct);
        var samples = await db.PatrolSamples.AsNoTracking().Where(s => s.PatrolId == p.Id).OrderBy(s => s.PublishedDecisionId).ToListAsync(ct);
        return new PatrolDto(p.Id, p.Quarter.Code, p.Quarter.Chinese, p.Title, p.Status, p.PeriodFrom, p.PeriodTo, p.Partial, p.Seed, p.StartedOn, p.StartedByName,
            p.SentOn, p.AnswerDueOn,
            [.. agencies.Select(a => new PatrolAgencyDto(a.AgencyId, a.AgencyName, a.Officers, a.TasksDue, a.Withdrawals, a.Entries, a.Texts))],
            [.. findings.Select(f => Dto(f, today))],
            [.. samples.Select(s => new PatrolSampleDto(s.Id, s.AgencyId, s.PublishedDecisionId, s.Label, s.Outcome, s.Note))]);
    }

    public static PatrolFindingDto Dto(PatrolFinding f, DateOnly today) => new(f.Id, f.Number, f.AgencyId, f.Kind.ToString(), f.Kind.Chinese(), f.Entry, f.EntryId,
        f.Found, f.Rule, f.Severity.Chinese(), f.Source, f.Status, f.AnswerDueOn, f.IsOverdue(today), f.Answer, f.AnsweredOn, f.AnsweredByName, f.Rounds, f.Review);

    private static async Task<IResult> Start(StartRequest request, OnlinePatrols service, SanxiangDbContext db, TimeProvider clock, HttpContext http)
    {
        var patrol = await service.StartAsync(request.Quarter, request.Agencies, CasesApi.Actor(http.User), http.RequestAborted);
        return TypedResults.Created($"/api/v1/patrols/{patrol.Id}", await DetailAsync(db, patrol, ChinaTime.Today(clock), http.RequestAborted));
    }

    private static async Task<IResult> CheckSample(Guid sampleId, SampleRequest request, OnlinePatrols service, HttpContext http)
    {
        var s = await service.CheckSampleAsync(sampleId, request.Problem, request.Note, CasesApi.Actor(http.User), http.RequestAborted);
        return TypedResults.Ok(new PatrolSampleDto(s.Id, s.AgencyId, s.PublishedDecisionId, s.Label, s.Outcome, s.Note));
    }

    private static async Task<IResult> Send(Guid id, SendRequest? request, OnlinePatrols service, SanxiangDbContext db, TimeProvider clock, HttpContext http) =>
        TypedResults.Ok(await DetailAsync(db, await service.SendAsync(id, request?.AnswerWorkingDays, CasesApi.Actor(http.User), http.RequestAborted),
            ChinaTime.Today(clock), http.RequestAborted));

    private static async Task<IResult> Close(Guid id, OnlinePatrols service, SanxiangDbContext db, TimeProvider clock, HttpContext http) =>
        TypedResults.Ok(await DetailAsync(db, await service.CloseAsync(id, CasesApi.Actor(http.User), http.RequestAborted), ChinaTime.Today(clock), http.RequestAborted));

    private static async Task<IResult> Dismiss(Guid findingId, TextRequest request, OnlinePatrols service, TimeProvider clock, HttpContext http) =>
        TypedResults.Ok(Dto(await service.DismissAsync(findingId, request.Text, CasesApi.Actor(http.User), http.RequestAborted), ChinaTime.Today(clock)));

    private static async Task<IResult> Confirm(Guid findingId, TextRequest? request, OnlinePatrols service, TimeProvider clock, HttpContext http) =>
        TypedResults.Ok(Dto(await service.ConfirmAsync(findingId, request?.Text, CasesApi.Actor(http.User), http.RequestAborted), ChinaTime.Today(clock)));

    private static async Task<IResult> Return(Guid findingId, TextRequest request, OnlinePatrols service, TimeProvider clock, HttpContext http) =>
        TypedResults.Ok(Dto(await service.ReturnAsync(findingId, request.Text, CasesApi.Actor(http.User), http.RequestAborted), ChinaTime.Today(clock)));

    private static async Task<IResult> Answer(Guid findingId, TextRequest request, OnlinePatrols service, TimeProvider clock, HttpContext http) =>
        TypedResults.Ok(Dto(await service.AnswerAsync(findingId, request.Text, http.User.Agency() ?? Guid.Empty, CasesApi.Actor(http.User), http.RequestAborted),
            ChinaTime.Today(clock)));

    private static async Task<Ok<IReadOnlyList<PatrolAgencyFigures>>> Figures(SanxiangDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await PatrolFigures.LoadAsync(db, ChinaTime.Today(clock), ct));

    private static async Task<IResult> Docx(Guid id, PatrolReportRenderer reports, CancellationToken ct) =>
        TypedResults.File(await reports.DocxAsync(id, ct), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "网上巡查情况通报.docx");

    private static async Task<IResult> Pdf(Guid id, PatrolReportRenderer reports, HttpContext http, CancellationToken ct) =>
        await reports.PdfAsync(id, ct) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", "网上巡查情况通报.pdf")
            : Problems.Result(http, 503, "服务器上没有可嵌入 PDF 的中文 TrueType 字体，无法生成 PDF；请下载 DOCX，或由系统管理员安装 fonts-arphic-uming。");
}
