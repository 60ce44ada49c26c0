using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Data;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Api;

public sealed record Me(Guid Id, string UserName, string DisplayName, string AgencyCode, string AgencyName, IReadOnlyList<string> Roles, bool TwoFactorEnabled);

public sealed record AccountRow(Guid Id, string UserName, string DisplayName, string AgencyCode, IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool LockedOut, bool Disabled);

public sealed record RolesUpdate(IReadOnlyList<string>? Roles);

public sealed record AuditRow(long Id, DateTimeOffset AtUtc, string? UserName, string? RemoteAddress, string Action, string? Target, string Result, string? Detail);

public static class AccountsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithTags("账号").WithSummary("当前登录账号").ProducesProblem(401).ProducesProblem(403);
        var accounts = api.MapGroup("/accounts").WithTags("账号");
        accounts.MapGet("/", List).RequireAuthorization(Policies.SystemAdministrator).WithSummary("账号列表（系统管理员）").ProducesProblem(401).ProducesProblem(403);
        accounts.MapPut("/{id:guid}/roles", SetRoles).RequireAuthorization(Policies.SecurityAdministrator)
            .WithSummary("设置账号角色（安全管理员；三员分立）")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
        api.MapGet("/audit", Audit).WithTags("审计").RequireAuthorization(Policies.AuditAdministrator)
            .WithSummary("安全审计日志（安全审计员）").ProducesProblem(401).ProducesProblem(403);
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> GetMe(HttpContext http, UserManager<Account> users, SanxiangDbContext db)
    {
        var account = await users.GetUserAsync(http.User);
        if (account is null)
        {
            return TypedResults.Problem(Problems.Create(http, 401));
        }

        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == account.AgencyId);
        var roles = await users.GetRolesAsync(account);
        return TypedResults.Ok(new Me(account.Id, account.UserName!, account.DisplayName, agency.Code, agency.Name, [.. roles], account.TwoFactorEnabled));
    }

    private static async Task<Ok<List<AccountRow>>> List(SanxiangDbContext db, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var rows = await AccountQueries.ListAsync(db);
        return TypedResults.Ok(rows.Select(r => new AccountRow(r.Id, r.UserName, r.DisplayName, r.AgencyCode, r.Roles, r.TwoFactorEnabled,
            r.LockoutEnd > now, r.Disabled)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetRoles(Guid id, RolesUpdate update, RoleChanges changes, HttpContext http)
    {
        var outcome = await changes.ApplyAsync(id, update.Roles ?? [], http.User);
        return outcome.Status == StatusCodes.Status204NoContent
            ? TypedResults.NoContent()
            : TypedResults.Problem(Problems.Create(http, outcome.Status, outcome.Status == 422 ? "角色设置不符合规则" : null, outcome.Message));
    }

    private static async Task<Ok<List<AuditRow>>> Audit(SanxiangDbContext db, int? take)
    {
        var n = Math.Clamp(take ?? 200, 1, 1000);
        var rows = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Take(n).ToListAsync();
        return TypedResults.Ok(rows.Select(a => new AuditRow(a.Id, a.AtUtc, a.UserName, a.RemoteAddress, a.Action, a.Target, a.Result.ToString(), a.Detail)).ToList());
    }
}

/// <summary>Account listing shared by the administrator's page and the API.</summary>
public static class AccountQueries
{
    public sealed record Row(Guid Id, string UserName, string DisplayName, string AgencyCode, string AgencyName, IReadOnlyList<string> Roles,
        bool TwoFactorEnabled, DateTimeOffset? LockoutEnd, DateTimeOffset CreatedAtUtc, bool Disabled);

    public static async Task<List<Row>> ListAsync(SanxiangDbContext db)
    {
        var accounts = await (from u in db.Users.AsNoTracking()
                              join a in db.Agencies on u.AgencyId equals a.Id
                              orderby a.SortOrder, u.UserName
                              select new { u, a.Code, a.Name }).ToListAsync();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync();
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return accounts.Select(x => new Row(x.u.Id, x.u.UserName!, x.u.DisplayName, x.Code, x.Name,
            [.. byUser[x.u.Id].OrderBy(r => r, StringComparer.Ordinal)], x.u.TwoFactorEnabled, x.u.LockoutEnd, x.u.CreatedAtUtc, x.u.Disabled)).ToList();
    }
}

/// <summary>
/// Changing an account's roles, for the security administrator's page and the API alike: the role rules, the ban on
/// changing one's own roles, and the audit line.
/// </summary>
public sealed class RoleChanges(UserManager<Account> users, AccountService accounts, AuditLog audit)
{
    public sealed record Outcome(int Status, string Message);

    public async Task<Outcome> ApplyAsync(Guid accountId, IReadOnlyCollection<string> roles, ClaimsPrincipal actor)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null)
        {
            return new(StatusCodes.Status404NotFound, "账号不存在。");
        }

        if (actor.FindFirstValue(ClaimTypes.NameIdentifier) == accountId.ToString())
        {
            await audit.WriteAsync(AuditActions.RolesChanged, AuditResult.Denied, $"account:{account.UserName}", "不得修改自己的角色");
            return new(StatusCodes.Status403Forbidden, "安全管理员不得修改自己账号的角色。");
        }

        var before = await users.GetRolesAsync(account);
        var errors = await accounts.SetRolesAsync(account, roles);
        if (errors.Count > 0)
        {
            var message = string.Join("；", errors);
            await audit.WriteAsync(AuditActions.RolesChanged, AuditResult.Failure, $"account:{account.UserName}", message);
            return new(StatusCodes.Status422UnprocessableEntity, message);
        }

        // Open sessions pick up the new roles at their next security-stamp check.
        await users.UpdateSecurityStampAsync(account);
        await audit.WriteAsync(AuditActions.RolesChanged, AuditResult.Success, $"account:{account.UserName}",
            $"{string.Join(",", before.Order(StringComparer.Ordinal))} → {string.Join(",", roles.Order(StringComparer.Ordinal))}");
        return new(StatusCodes.Status204NoContent, $"已将 {account.UserName} 的角色设为：{string.Join("、", roles.Select(Roles.Chinese))}。");
    }
}
