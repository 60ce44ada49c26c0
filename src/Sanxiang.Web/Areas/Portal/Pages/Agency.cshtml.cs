using Sanxiang.Web.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;

namespace Sanxiang.Web.Areas.Portal.Pages;

/// <summary>
/// An agency's public profile and lists (PUB-1) as they stand today or, with <c>?date=</c>, as they stood on that day
/// (PUB-2). Items filter by category and search text.
/// </summary>
public sealed class AgencyModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public Agency? Agency { get; private set; }
    public string? EntrustedBy { get; private set; }
    public IReadOnlyList<PublicOfficer> Officers { get; private set; } = [];
    public IReadOnlyList<EnforcementItem> AllItems { get; private set; } = [];
    public IReadOnlyList<EnforcementItem> Items { get; private set; } = [];
    public RegistryVersion? ItemsVersion { get; private set; }
    public RegistryVersion? OfficersVersion { get; private set; }
    public DateOnly Date { get; private set; }
    public DateOnly Today { get; private set; }
    public bool IsHistorical => Date != Today;
    public string? DateError { get; private set; }

    [FromQuery(Name = "category")]
    public string? CategoryFilter { get; set; }

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, [FromQuery(Name = "date")] string? date)
    {
        Agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code);
        if (Agency is null)
        {
            return NotFound();
        }

        Today = ChinaTime.Today(clock);
        if (!RegistryDates.TryParse(date, Today, out var on, out var error))
        {
            DateError = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            on = Today;
        }

        Date = on;
        EntrustedBy = Agency.EntrustedById is { } e ? await db.Agencies.Where(a => a.Id == e).Select(a => a.Name).FirstOrDefaultAsync() : null;
        ItemsVersion = await db.VersionsInForce(RegistryListKind.Items, Date).FirstOrDefaultAsync(v => v.AgencyId == Agency.Id);
        OfficersVersion = await db.VersionsInForce(RegistryListKind.Officers, Date).FirstOrDefaultAsync(v => v.AgencyId == Agency.Id);
        Officers = await db.PublicOfficers(Agency.Id, Date).ToListAsync();
        AllItems = await db.ItemsInForce(Date).Where(i => i.AgencyId == Agency.Id).OrderBy(i => i.Category).ThenBy(i => i.Code).ToListAsync();
        Items = RegistryFilters.Items(AllItems, CategoryFilter, Search);
        return Page();
    }
}
