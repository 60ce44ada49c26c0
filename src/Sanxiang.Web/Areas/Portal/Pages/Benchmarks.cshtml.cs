using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Registry;

namespace Sanxiang.Web.Areas.Portal.Pages;

/// <summary>An agency's discretion benchmarks (行政处罚裁量基准, PUB-1) in one document, item by item.</summary>
public sealed class BenchmarksModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public Agency? Agency { get; private set; }
    public IReadOnlyList<EnforcementItem> Items { get; private set; } = [];
    public DateOnly Date { get; private set; }
    public bool IsHistorical { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, [FromQuery(Name = "date")] string? date)
    {
        Agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code);
        if (Agency is null)
        {
            return NotFound();
        }

        var today = ChinaTime.Today(clock);
        if (!RegistryDates.TryParse(date, today, out var on, out _))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Date = on;
        IsHistorical = on != today;
        Items = [.. (await db.ItemsInForce(Date).Where(i => i.AgencyId == Agency.Id).ToListAsync()).Where(i => i.Discretion.Count > 0).OrderBy(i => i.Code, StringComparer.Ordinal)];
        return Page();
    }
}
