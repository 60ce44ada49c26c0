using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Data;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Admin.Pages;

[Authorize(Policy = Policies.SystemAdministrator)]
public sealed class AccountsModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public List<AccountQueries.Row> Rows { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = clock.GetUtcNow();
        Rows = await AccountQueries.ListAsync(db);
    }
}
