using Sanxiang.Web.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;

namespace Sanxiang.Web.Areas.Portal.Pages;

/// <summary>One enforcement item: its legal basis in full, discretion benchmark, service guide and procedure (PUB-1).</summary>
public sealed class ItemModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public Agency? Agency { get; private set; }
    public EnforcementItem? Item { get; private set; }
    public DateOnly Date { get; private set; }
    public bool IsHistorical { get; private set; }
    public string? DateError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string item, [FromQuery(Name = "date")] string? date)
    {
        Agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code);
        if (Agency is null)
        {
            return NotFound();
        }

        var today = ChinaTime.Today(clock);
        if (!RegistryDates.TryParse(date, today, out var on, out var error))
        {
            DateError = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Date = on;
        IsHistorical = on != today;
        Item = await db.ItemsInForce(Date).FirstOrDefaultAsync(i => i.AgencyId == Agency.Id && i.Code == item);
        return Item is null ? NotFound() : Page();
    }
}
