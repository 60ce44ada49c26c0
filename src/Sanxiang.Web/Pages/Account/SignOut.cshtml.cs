using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<Sanxiang.Data.Accounts.Account> signIn, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync(AuditActions.SignOut, AuditResult.Success);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
