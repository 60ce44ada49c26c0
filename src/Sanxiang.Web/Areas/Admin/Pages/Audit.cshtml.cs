using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Data;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Admin.Pages;

[Authorize(Policy = Policies.AuditAdministrator)]
public sealed class AuditModel(SanxiangDbContext db) : PageModel
{
    public List<AuditEntry> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Take(500).ToListAsync();
}
