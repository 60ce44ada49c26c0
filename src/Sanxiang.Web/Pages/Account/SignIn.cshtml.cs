using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Pages.Account;

public sealed class SignInModel(SignInManager<Sanxiang.Data.Accounts.Account> signIn, UserManager<Sanxiang.Data.Accounts.Account> users, AuditLog audit) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = UserName?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(Password))
        {
            Error = string.IsNullOrEmpty(name) ? "请输入用户名。" : "请输入密码。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var account = await users.FindByNameAsync(name);
        var result = await signIn.PasswordSignInAsync(name, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsNotAllowed)
        {
            // A disabled account (SanxiangSignInManager.CanSignInAsync). Like a locked one, Identity refuses it before
            // checking the password: an accepted trade-off, as it reveals only that a disabled name exists.
            await audit.WriteAsync(AuditActions.SignInFailed, AuditResult.Denied, accountId: account?.Id, userName: name, detail: "账号已停用");
            Error = "该账号已停用，请联系系统管理员。";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignIn, AuditResult.Success, accountId: account!.Id, userName: name);
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/TwoFactor", new { ReturnUrl = SafeReturnUrl() });
        }

        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditActions.SignInLockedOut, AuditResult.Denied, accountId: account?.Id, userName: name);
            Error = "密码连续输错次数过多，账号已锁定 15 分钟。请稍后再试，或联系系统管理员解锁。";
            Response.StatusCode = StatusCodes.Status423Locked;
            return Page();
        }

        await audit.WriteAsync(AuditActions.SignInFailed, AuditResult.Failure, accountId: account?.Id, userName: name,
            detail: account is null ? "用户名不存在" : "密码错误");
        Error = "用户名或密码不正确。连续输错 5 次账号将被锁定 15 分钟。";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/workbench";
}
