using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;

namespace Sanxiang.Web.Areas.Portal.Pages;

public sealed class AgencyModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public Agency? Agency { get; private set; }
    public string? EntrustedBy { get; private set; }
    public IReadOnlyList<PublicOfficer> Officers { get; private set; } = [];
    public IReadOnlyList<EnforcementItem> Items { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        Agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code);
        if (Agency is null)
        {
            return NotFound();
        }

        Today = ChinaTime.Today(clock);
        EntrustedBy = Agency.EntrustedById is { } e ? await db.Agencies.Where(a => a.Id == e).Select(a => a.Name).FirstOrDefaultAsync() : null;
        Officers = await db.PublicOfficers(Agency.Id).ToListAsync();
        Items = await db.EnforcementItems.AsNoTracking().Where(i => i.AgencyId == Agency.Id).OrderBy(i => i.Category).ThenBy(i => i.Code).ToListAsync();
        return Page();
    }
}
