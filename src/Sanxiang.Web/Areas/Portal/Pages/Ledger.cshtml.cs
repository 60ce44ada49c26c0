using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Data;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Web.Areas.Portal.Pages;

public sealed class LedgerModel(SanxiangDbContext db) : PageModel
{
    public LedgerCheckpoint? Latest { get; private set; }

    public async Task OnGetAsync() =>
        Latest = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Id).FirstOrDefaultAsync();
}
