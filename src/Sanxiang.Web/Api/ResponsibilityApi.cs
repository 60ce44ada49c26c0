using Sanxiang.Core.Accounts;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Api;

/// <summary>The responsibility trail of a case's decision (REV-7): the links in the order they were given.</summary>
public sealed record ResponsibilityTrailDto(Guid CaseId, string Number, IReadOnlyList<ResponsibilityLink> Links);

/// <summary>
/// 责任追溯 over HTTP: who submitted the case for legal review and vouched for the materials, who reviewed it and what
/// they said, who discussed and who decided, each with time, signed document and the log entries that prove it; refused
/// decision attempts under the decision. Read as the case is read (<see cref="CasesApi"/>'s readers, the caller's scope).
/// </summary>
public static class ResponsibilityApi
{
    private static readonly string[] Readers =
        [Roles.Officer, Roles.UnitHead, Roles.Reviewer, Roles.AgencyHead, Roles.Supervisor, Roles.PublicityClerk];

    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/cases").WithTags("案件办理").RequireAuthorization(p => p.RequireRole(Readers))
            .MapGet("/{id:guid}/responsibility", Get)
            .WithSummary("责任追溯：每一次送审（送审承诺、对问题的答复）、审核（审核人员、法律职业资格证书编号、意见、问题、审核意见书）、集体讨论、决定（负责人、决定书及电子印章）和被拒绝的决定请求，各附记录日志叶子序号与叶子哈希")
            .Produces<ResponsibilityTrailDto>().ProducesProblem(403).ProducesProblem(404);

    private static async Task<IResult> Get(Guid id, SanxiangDbContext db, CaseHandling handling, HttpContext http)
    {
        Sanxiang.Core.Cases.Case c;
        try
        {
            c = await handling.LoadAsync(id, http.RequestAborted);
        }
        catch (CaseRuleException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return Problems.Result(http, 404, "案件不存在，或不属于您所在的执法主体。");
        }

        return TypedResults.Ok(new ResponsibilityTrailDto(c.Id, c.Number, await ResponsibilityTrail.LoadAsync(db, c, ct: http.RequestAborted)));
    }
}
