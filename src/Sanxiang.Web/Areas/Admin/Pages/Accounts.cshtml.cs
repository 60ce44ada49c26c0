using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Data;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Admin.Pages;

/// <summary>The system administrator's account list: disable, enable and unlock accounts (roles are the security administrator's).</summary>
[Authorize(Policy = Policies.SystemAdministrator)]
public sealed class AccountsModel(SanxiangDbContext db, UserManager<Account> users, AuditLog audit, TimeProvider clock) : PageModel
{
    public List<AccountQueries.Row> Rows { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostDisableAsync(Guid id) => ChangeAsync(id, AuditActions.AccountDisabled, async a =>
    {
        a.Disabled = true;
        await users.UpdateAsync(a);
        await users.UpdateSecurityStampAsync(a);
        return $"已停用账号 {a.UserName}，其已登录的会话将在一分钟内失效。";
    });

    public Task<IActionResult> OnPostEnableAsync(Guid id) => ChangeAsync(id, AuditActions.AccountEnabled, async a =>
    {
        a.Disabled = false;
        await users.UpdateAsync(a);
        return $"已启用账号 {a.UserName}。";
    });

    public Task<IActionResult> OnPostUnlockAsync(Guid id) => ChangeAsync(id, AuditActions.AccountUnlocked, async a =>
    {
        await users.SetLockoutEndDateAsync(a, null);
        await users.ResetAccessFailedCountAsync(a);
        return $"已解锁账号 {a.UserName}。";
    });

    private async Task<IActionResult> ChangeAsync(Guid id, string action, Func<Account, Task<string>> change)
    {
        var account = await users.FindByIdAsync(id.ToString());
        if (account is null)
        {
            return NotFound();
        }

        if (User.FindFirstValue(ClaimTypes.NameIdentifier) == id.ToString())
        {
            Error = "不能对自己的账号执行此操作。";
            await audit.WriteAsync(action, AuditResult.Denied, $"account:{account.UserName}", Error);
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        else
        {
            Message = await change(account);
            await audit.WriteAsync(action, AuditResult.Success, $"account:{account.UserName}");
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Now = clock.GetUtcNow();
        Rows = await AccountQueries.ListAsync(db);
    }
}
