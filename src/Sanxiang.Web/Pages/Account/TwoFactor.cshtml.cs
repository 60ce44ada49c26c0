using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Pages.Account;

public sealed class TwoFactorModel(SignInManager<Sanxiang.Data.Accounts.Account> signIn, AuditLog audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null)
        {
            return RedirectToPage("/Account/SignIn");
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            Error = "动态口令应为 6 位数字。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignIn, AuditResult.Success, accountId: account.Id, userName: account.UserName, detail: "密码 + 动态口令");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/workbench");
        }

        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditActions.SignInLockedOut, AuditResult.Denied, accountId: account.Id, userName: account.UserName);
            Error = "动态口令连续输错次数过多，账号已锁定 15 分钟。";
            Response.StatusCode = StatusCodes.Status423Locked;
            return Page();
        }

        await audit.WriteAsync(AuditActions.SignInFailed, AuditResult.Failure, accountId: account.Id, userName: account.UserName, detail: "动态口令错误");
        Error = "动态口令不正确或已过期，请输入验证器当前显示的口令。";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
