using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Pages.Account;

[Authorize]
public sealed class TwoFactorSetupModel(UserManager<Sanxiang.Data.Accounts.Account> users, SignInManager<Sanxiang.Data.Accounts.Account> signIn, AuditLog audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    public string FormattedKey { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return RedirectToPage("/Account/SignIn");
        }

        await LoadKeyAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return RedirectToPage("/Account/SignIn");
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        var valid = code.Length == 6 && code.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            Error = code.Length == 6 ? "动态口令不正确，请确认手机时间准确后输入当前显示的口令。" : "动态口令应为 6 位数字。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadKeyAsync(account);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(account, true);
        await signIn.RefreshSignInAsync(account);
        await audit.WriteAsync(AuditActions.TwoFactorEnabled, AuditResult.Success, accountId: account.Id, userName: account.UserName);
        return LocalRedirect("/workbench");
    }

    private async Task LoadKeyAsync(Sanxiang.Data.Accounts.Account account)
    {
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }

        var grouped = new StringBuilder();
        for (var i = 0; i < key!.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        FormattedKey = grouped.ToString().TrimEnd().ToLowerInvariant();
        var uri = $"otpauth://totp/{Uri.EscapeDataString("安和县执法平台")}:{Uri.EscapeDataString(account.UserName!)}?secret={key}&issuer={Uri.EscapeDataString("安和县执法平台")}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
