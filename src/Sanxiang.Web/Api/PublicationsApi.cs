using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Redaction;
using Sanxiang.Data;
using Sanxiang.Data.Publication;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Publication;

namespace Sanxiang.Web.Api;

/// <summary>A published decision as the public API gives it; <c>Content</c> is exactly what <c>ContentSha256</c> covers.</summary>
public sealed record PublicDecisionDto(long Id, string Url, string State, string StateName, string Agency, string Title, string? DocumentNumber,
    string CaseNumber, string Category, string Party, string? CreditCode, string Cause, string Result, DateOnly DecidedOn, DateOnly PublishedOn,
    DateOnly PublicUntil, int Version, long? Supersedes, long? SupersededBy, string? StateReason, DateTimeOffset? StateAt, bool HasFullText,
    string ContentSha256, long? LedgerIndex, long? StateLedgerIndex, JsonObject? Content);

/// <param name="Total">Matches: exact unless <paramref name="TotalCapped"/>.</param>
/// <param name="TotalCapped">True when <paramref name="Total"/> is a lower bound: at least that many match (counting stops at 1,000; a common word on PostgreSQL is counted only in the entries read for the page).</param>
/// <param name="SearchedNewest">Not 0 when a word under three characters was looked for in that many newest entries only.</param>
public sealed record DecisionSearchDto(int Page, int PageSize, int Total, bool TotalCapped, bool HasNext, int SearchedNewest, IReadOnlyList<PublicDecisionDto> Items);

/// <summary>A proposed redaction as the clerk's client sees it; <c>Id</c> is what <c>keep</c> lists.</summary>
public sealed record DraftSpanDto(string Id, string Kind, string KindName, int Start, int Length, string Original, string Replacement, string Reason);

public sealed record DraftSectionDto(string Key, string Label, string Original, IReadOnlyList<DraftSpanDto> Proposed);

public sealed record PublicationDraftDto(Guid Task, string Status, string Digest, string Party, string Result, string? DocumentNumber, string? NoFullText,
    IReadOnlyList<DraftSectionDto> Sections);

public sealed record PublishBody(string? Digest, List<string>? Keep, List<string>? Added, string? CorrectionReason);

public sealed record ExemptBody(string? Ground, string? Reason);

public sealed record DecisionChangeBody(string? Ground, string? Document, DateOnly? On);

public sealed record CreditRepairBody(string? Reason);

/// <summary>
/// The publication API (PUB-5..11): the public search and entries (anonymous, across agencies, only what is published),
/// and the clerk's side — the draft with its proposed redactions, publish or correct, not publish, the event that
/// requires a withdrawal, the withdrawal, credit repair — each in the caller's agency scope.
/// </summary>
public static class PublicationsApi
{
    private static readonly string[] Clerks = [Roles.PublicityClerk];
    private static readonly string[] Readers = [Roles.PublicityClerk, Roles.AgencyHead, Roles.Supervisor];
    private static readonly string[] DecisionChangers = [Roles.PublicityClerk, Roles.AgencyHead, Roles.Reviewer];

    public static void Map(RouteGroupBuilder api)
    {
        var pub = api.MapGroup("/public/decisions").WithTags("执法决定公示").AllowAnonymous();
        pub.MapGet("/", Search)
            .WithSummary("检索公示中的执法决定：q 全文（中文子串）、agency 执法主体代码、category（Penalty/Licensing/Other）、party 当事人、code 统一社会信用代码、number 文号或案号、from/to 决定日期、page、pageSize（≤100）；按公示先后从新到旧。列表不含正文（content 为空），正文见各条的永久地址；total 在 totalCapped 为 true 时是下限（至少这么多条）。每个地址每分钟检索次数有限，超出答 429")
            .Produces<DecisionSearchDto>().ProducesProblem(400).ProducesProblem(503);
        pub.MapGet("/{id:long}", Get).WithSummary("一条公示（永久地址）：内容、内容摘要值（SHA-256，规范 JSON）、记录日志叶子；已撤回或撤下的只有存根").Produces<PublicDecisionDto>().ProducesProblem(404);

        var tasks = api.MapGroup("/publications").WithTags("执法决定公示");
        tasks.MapGet("/{task:guid}/draft", Draft).RequireAuthorization(p => p.RequireRole(Readers))
            .WithSummary("公示内容草稿：摘要信息和含个人信息的文本，附隐去建议（Id 供确认时列入 keep）和预览摘要值 digest").Produces<PublicationDraftDto>().ProducesProblem(404).ProducesProblem(409);
        tasks.MapPost("/{task:guid}/publish", Publish).RequireAuthorization(p => p.RequireRole(Clerks))
            .WithSummary("确认隐去并公示（keep：保留的建议 Id；added：补充隐去的原文；correctionReason：对已公示决定发布更正版本）").Produces<PublicDecisionDto>(201).ProducesProblem(400).ProducesProblem(409);
        tasks.MapPost("/{task:guid}/exempt", Exempt).RequireAuthorization(p => p.RequireRole(Clerks))
            .WithSummary("决定不予公示：ground 为法定情形之一，reason 写明具体理由").ProducesProblem(400).ProducesProblem(409);
        tasks.MapPost("/{task:guid}/withdraw", Withdraw).RequireAuthorization(p => p.RequireRole(Clerks))
            .WithSummary("执行撤回公示任务：公示内容撤下，保留存根").Produces<PublicDecisionDto>().ProducesProblem(409);
        tasks.MapPost("/entries/{id:long}/credit-repair", CreditRepair).RequireAuthorization(p => p.RequireRole(Clerks))
            .WithSummary("信用修复后提前撤下行政处罚公示（须满最短公示期）").Produces<PublicDecisionDto>().ProducesProblem(400).ProducesProblem(409);
        tasks.MapGet("/statistics", Statistics).RequireAuthorization(p => p.RequireRole(Sanxiang.Web.Areas.Workbench.Pages.Publications.StatisticsModel.Readers))
            .WithSummary("公示及时性统计（from、to 为决定日期，缺省为本年至今）：按执法主体和全县，按时、逾期（工作日）、逾期未公示、不予公示、全文公开率、撤回情况")
            .Produces<PublicationStatisticsResult>().ProducesProblem(400);
        api.MapGroup("/cases").WithTags("执法决定公示").MapPost("/{id:guid}/decision-change", DecisionChange)
            .RequireAuthorization(p => p.RequireRole(DecisionChangers))
            .WithSummary("登记决定被撤销、确认违法或者责令重作（附文书和生效日期）；生成 3 日内撤回公示的任务").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<IResult> Statistics(DateOnly? from, DateOnly? to, SanxiangDbContext db, TimeProvider clock, HttpContext http)
    {
        var today = Sanxiang.Core.ChinaTime.Today(clock);
        var (f, t, problem) = StatisticsPeriod.Check(from, to, today);
        return problem is not null
            ? Problems.Result(http, 400, problem)
            : TypedResults.Ok(await PublicationFigures.LoadAsync(db, f, t, today, http.RequestAborted));
    }

    /// <summary>An entry as the API gives it; the search's list leaves out the content (full text and sections), which the entry's own address gives.</summary>
    public static PublicDecisionDto Dto(PublishedDecision d, bool withContent = true) => new(d.Id, $"/decisions/{d.Id}", d.State.ToString(), d.State.Chinese(), d.AgencyName, d.Title,
        d.DocumentNumber, d.CaseNumber, d.Category.ToString(), d.PartyName, d.CreditCode, d.Cause, d.Result, d.DecidedOn, d.PublishedOn, d.PublicUntil,
        d.Version, d.SupersedesId, d.SupersededById, d.StateReason, d.StateAtUtc, d.FullText is not null, d.ContentSha256, d.LedgerIndex,
        d.StateLedgerIndex, withContent && d.HasContent ? PublicationDraft.ContentOf(d) : null);

    private static async Task<IResult> Search(string? q, string? agency, string? category, string? party, string? code, string? number, string? from,
        string? to, string? page, string? pageSize, SanxiangDbContext db, HttpContext http)
    {
        var (query, problems) = await DecisionQueryParser.ParseAsync(db, new DecisionSearchInput(q, agency, category, party, code, number, from, to, page, pageSize),
            http.RequestAborted);
        if (problems.Count > 0)
        {
            return Problems.Result(http, 400, string.Join(" ", problems.Select(p => p.Message)),
                problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }

        DecisionPage result;
        try
        {
            result = await DecisionSearch.RunAsync(db, query, http.RequestAborted);
        }
        catch (DecisionSearchTimeoutException e)
        {
            return Problems.Result(http, 503, e.Message);
        }

        return TypedResults.Ok(new DecisionSearchDto(query.Page, query.PageSize, result.Total, result.TotalCapped, result.HasNext, result.SearchedNewest, [.. result.Items.Select(d => Dto(d, withContent: false))]));
    }

    private static async Task<IResult> Get(long id, SanxiangDbContext db, HttpContext http)
    {
        var entry = await db.PublishedDecisions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, http.RequestAborted);
        return entry is null ? Problems.Result(http, 404, $"没有编号为 {id} 的公示信息。") : TypedResults.Ok(Dto(entry));
    }

    private static async Task<IResult> Draft(Guid task, Publishing publishing, HttpContext http)
    {
        var (t, draft) = await publishing.DraftAsync(task, http.RequestAborted);
        return TypedResults.Ok(new PublicationDraftDto(t.Id, t.Status.ToString(), draft.Digest, draft.Fields.PartyName, draft.Fields.Result, draft.Fields.DocumentNumber,
            draft.NoFullText, [.. draft.Sections.Select(s => new DraftSectionDto(s.Key, s.Label, s.Original,
                [.. s.Proposed.Select(p => new DraftSpanDto(s.IdOf(p), p.Kind.ToString(), RedactionKinds.Chinese(p.Kind), p.Start, p.Length, p.Original, p.Replacement, p.Reason))]))]));
    }

    private static async Task<IResult> Publish(Guid task, PublishBody? body, Publishing publishing, HttpContext http)
    {
        if (body is null)
        {
            return Problems.Result(http, 400, "请求正文为空：应包含 digest、keep、added。");
        }

        var entry = await publishing.PublishAsync(task, new PublishRequest(body.Digest, body.Keep ?? [], body.Added ?? [], body.CorrectionReason),
            CasesApi.Actor(http.User), Roles.PublicityClerk, http.RequestAborted);
        return TypedResults.Created($"/decisions/{entry.Id}", Dto(entry));
    }

    private static async Task<IResult> Exempt(Guid task, ExemptBody? body, Publishing publishing, HttpContext http)
    {
        var t = await publishing.ExemptAsync(task, body?.Ground, body?.Reason, CasesApi.Actor(http.User), Roles.PublicityClerk, http.RequestAborted);
        return TypedResults.Ok(new { task = t.Id, status = t.Status.ToString(), exemption = t.Exemption });
    }

    private static async Task<IResult> Withdraw(Guid task, Publishing publishing, HttpContext http) =>
        TypedResults.Ok(Dto(await publishing.WithdrawAsync(task, CasesApi.Actor(http.User), Roles.PublicityClerk, http.RequestAborted)));

    private static async Task<IResult> CreditRepair(long id, CreditRepairBody? body, Publishing publishing, HttpContext http) =>
        TypedResults.Ok(Dto(await publishing.EndByCreditRepairAsync(id, body?.Reason, CasesApi.Actor(http.User), Roles.PublicityClerk, http.RequestAborted)));

    private static async Task<IResult> DecisionChange(Guid id, DecisionChangeBody? body, Publishing publishing, HttpContext http)
    {
        var role = DecisionChangers.First(http.User.IsInRole);
        var t = await publishing.RecordDecisionChangeAsync(id, body?.Ground, body?.Document, body?.On, CasesApi.Actor(http.User), role, http.RequestAborted);
        return TypedResults.Created($"/workbench/publications", new { task = t.Id, status = t.Status.ToString(), dueOn = t.DueOn, ground = t.Ground });
    }
}
