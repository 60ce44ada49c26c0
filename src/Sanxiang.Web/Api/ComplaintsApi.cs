using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sanxiang.Core;
using Sanxiang.Core.Supervision.Complaints;
using Sanxiang.Data;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Supervision;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Supervision.Complaints;

namespace Sanxiang.Web.Api;

/// <summary>The form's fields as JSON, with the challenge served by <c>GET /api/v1/public/complaints/challenge</c> (decision 0017).</summary>
public sealed record PublicComplaintRequest(string? Kind, string? AgencyCode, string? Subject, string? Content, string? Respondent, DateOnly? OccurredOn,
    string? Place, string? Name, string? Phone, bool ConsentToContact, string? ChallengeToken, string? Proof, string? Answer, string? Website);

public sealed record ComplaintChallengeDto(string Token, string Nonce, int Bits, string Question, string How);

/// <summary>The receipt: keep both; the query code is shown only this once.</summary>
public sealed record ComplaintReceiptDto(string TrackingNumber, string QueryCode, string Status, string StatusName, string? AgencyName, DateOnly? DueOn);

public sealed record ComplaintStatusRequest(string? TrackingNumber, string? QueryCode);

public sealed record ComplaintStepRequest(ComplaintTrigger Action, string? Note, string? AgencyCode);

/// <summary>
/// 投诉举报 (PLT-3): the public desk (a challenge, filing, the status look-up by tracking number and query code) and the
/// workbench side (the agency's complaints, or the county's for supervisors; steps of the table; opening a case; figures).
/// Writes go through <see cref="ComplaintDesk"/>; a refusal is RFC 9457 problem details in Chinese and stores nothing.
/// </summary>
public static class ComplaintsApi
{
    /// <summary>
    /// Bodies above this are refused with 413 before they are read. A complaint's text is at most 2,000 characters, but a
    /// citizen who pastes a megabyte of Chinese text sends up to 9 bytes a character (URL-encoded UTF-8) or 6 (JSON
    /// escapes): such a body is read and refused with the field's limit and its length, which says more than a bare 413.
    /// The per-address limit (5 an hour) keeps this cheap.
    /// </summary>
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("/public/complaints").WithTags("投诉举报").AllowAnonymous();
        open.MapGet("/challenge", Challenge)
            .WithSummary("取得人机验证：token 随表单提交；proof 为使 SHA-256(nonce + \":\" + proof) 前 bits 位为零的十进制数，或以 answer 回答 question");
        open.MapPost("/", Submit).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("提交投诉或举报（kind：投诉/举报；agencyCode 为空即由县司法局转办）。成功返回受理编号和查询码（查询码只显示这一次）；同一地址每小时限次")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(429);
        open.MapPost("/status", Status).WithMetadata(new RequestSizeLimitAttribute(64 * 1024))
            .WithSummary("凭受理编号和查询码查询办理进度、承办机关、期限和答复；编号或查询码不对时一律 404；同一地址每小时限次")
            .ProducesProblem(404).ProducesProblem(429);

        var complaints = api.MapGroup("/complaints").WithTags("投诉举报")
            .RequireAuthorization(p => p.RequireRole([.. ComplaintWorkflow.ReaderRoles]));
        complaints.MapGet("/", List).WithSummary("本机关承办的投诉举报（监督人员：全县，含待转办的）；status 按状态筛选，overdue=true 只看逾期的，agency 按机关代码筛选");
        complaints.MapGet("/figures", Figures).WithSummary("投诉举报统计：期间内收到的件数、未办结、已答复、按期答复、逾期未办结，按承办机关和全县");
        complaints.MapGet("/{id:guid}", Get).WithSummary("投诉举报详情：内容、投诉举报人联系方式、承办机关、期限、办理步骤、当前可办理的操作");
        complaints.MapPost("/{id:guid}/steps", Step)
            .WithSummary("办理：Route 转办（监督人员，agencyCode）、Return 退回重新转办、Accept 受理、Reject 不予受理（note 为理由）、Answer 答复（note 为答复内容）、Close 办结、FollowUp 督办（监督人员）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        complaints.MapPost("/{id:guid}/case", OpenCase)
            .WithSummary("对已受理的投诉举报立案（案件来源为投诉举报）：执法事项、案由、当事人、两名以上承办人员，同立案申请")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
    }

    private static Ok<ComplaintChallengeDto> Challenge(ComplaintChallenges challenges)
    {
        var c = challenges.Issue();
        return TypedResults.Ok(new ComplaintChallengeDto(c.Token, c.Nonce, c.Bits, c.Question,
            "计算 SHA-256(nonce + \":\" + proof)，proof 从 0 起逐个尝试，直到结果的前 bits 位为零；或在 answer 中填写问题的答案。token 在发出 5 秒后、1 小时内有效，只能使用一次。"));
    }

    private static async Task<IResult> Submit(PublicComplaintRequest request, ComplaintChallenges challenges, ComplaintDesk desk, SanxiangDbContext db,
        HttpContext http)
    {
        var (spent, refusal) = challenges.Verify(request.ChallengeToken, request.Proof, request.Answer, request.Website);
        if (refusal is not null)
        {
            return Problems.Result(http, 400, refusal, new Dictionary<string, string[]> { ["challenge"] = [refusal] });
        }

        var (complaint, code) = await desk.SubmitAsync(new ComplaintInput(request.Kind, request.AgencyCode, request.Subject, request.Content,
            request.Respondent, request.OccurredOn, request.Place, request.Name, request.Phone, request.ConsentToContact), spent, http.RequestAborted);
        var agency = complaint.AgencyId is { } id ? await db.Agencies.FindAsync([id], http.RequestAborted) : null;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created("/complaints/status", new ComplaintReceiptDto(complaint.TrackingNumber, code, complaint.Status.ToString(),
            complaint.Status.Chinese(), agency?.Name, complaint.DueOn));
    }

    private static async Task<IResult> Status(ComplaintStatusRequest request, ComplaintDesk desk, SanxiangDbContext db, TimeProvider clock, HttpContext http)
    {
        var complaint = await desk.FindAsync(request.TrackingNumber, request.QueryCode, http.RequestAborted);
        if (complaint is null)
        {
            return Problems.Result(http, 404, NotFoundText);
        }

        var agency = complaint.AgencyId is { } id ? await db.Agencies.FindAsync([id], http.RequestAborted) : null;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(ComplaintViews.Public(complaint, agency?.Name, await CalendarStore.LoadAsync(db, http.RequestAborted), ChinaTime.Today(clock)));
    }

    /// <summary>The one answer for an unknown number and a wrong code alike.</summary>
    public const string NotFoundText = "没有查到与该受理编号和查询码相符的投诉举报。请核对受理编号（如 TS202611280001）和提交时取得的 10 位查询码后重试。";

    private static async Task<Ok<List<ComplaintSummaryDto>>> List(SanxiangDbContext db, TimeProvider clock, string? status, bool? overdue, string? agency,
        CancellationToken ct) =>
        TypedResults.Ok(await ComplaintViews.ListAsync(db, status, overdue == true, agency, await CalendarStore.LoadAsync(db, ct), ChinaTime.Today(clock), ct));

    private static async Task<IResult> Figures(SanxiangDbContext db, TimeProvider clock, DateOnly? from, DateOnly? to, HttpContext http)
    {
        var today = ChinaTime.Today(clock);
        var (f, t, problem) = StatisticsPeriod.Check(from, to, today);
        return problem is not null
            ? Problems.Result(http, 400, problem)
            : TypedResults.Ok(await ComplaintFigures.ComputeAsync(db, f, t, today, http.RequestAborted));
    }

    private static async Task<IResult> Get(Guid id, ComplaintDesk desk, SanxiangDbContext db, TimeProvider clock, HttpContext http)
    {
        var complaint = await desk.LoadAsync(id, http.RequestAborted);
        return TypedResults.Ok(await DetailAsync(db, complaint, http, clock));
    }

    private static async Task<IResult> Step(Guid id, ComplaintStepRequest request, ComplaintDesk desk, SanxiangDbContext db, TimeProvider clock, HttpContext http)
    {
        var complaint = await desk.ActAsync(id, request.Action, new ComplaintActionInput(request.Note, request.AgencyCode), ComplaintViews.Actor(http.User),
            http.RequestAborted);
        // The county reads every complaint; an agency that routed one back no longer does: answer with what it may see.
        return db.Scope.ReadsAllAgencies || complaint.AgencyId == db.Scope.AgencyId
            ? TypedResults.Ok(await DetailAsync(db, complaint, http, clock))
            : TypedResults.NoContent();
    }

    private static async Task<IResult> OpenCase(Guid id, OpenCaseRequest request, ComplaintDesk desk, SanxiangDbContext db, TimeProvider clock, HttpContext http)
    {
        var (complaint, opened) = await desk.OpenCaseAsync(id, request, ComplaintViews.Actor(http.User), CasesApi.Actor(http.User), http.RequestAborted);
        return TypedResults.Created($"/api/v1/cases/{opened.Id}", await DetailAsync(db, complaint, http, clock));
    }

    private static async Task<ComplaintDto> DetailAsync(SanxiangDbContext db, Complaint complaint, HttpContext http, TimeProvider clock) =>
        await ComplaintViews.DetailAsync(db, complaint, ComplaintViews.Actor(http.User), await CalendarStore.LoadAsync(db, http.RequestAborted),
            ChinaTime.Today(clock), http.RequestAborted);
}
