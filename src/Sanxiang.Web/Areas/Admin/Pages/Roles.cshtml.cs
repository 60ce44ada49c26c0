using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Data;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Admin.Pages;

[Authorize(Policy = Policies.SecurityAdministrator)]
public sealed class RolesModel(SanxiangDbContext db, RoleChanges changes) : PageModel
{
    public List<AccountQueries.Row> Rows { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Rows = await AccountQueries.ListAsync(db);

    public async Task<IActionResult> OnPostAsync(Guid id, string[] roles)
    {
        var outcome = await changes.ApplyAsync(id, roles, User);
        if (outcome.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (outcome.Status == StatusCodes.Status204NoContent)
        {
            Message = outcome.Message;
        }
        else
        {
            Error = outcome.Message;
            Response.StatusCode = outcome.Status;
        }

        Rows = await AccountQueries.ListAsync(db);
        return Page();
    }
}
