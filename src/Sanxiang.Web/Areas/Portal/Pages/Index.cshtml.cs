using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;

namespace Sanxiang.Web.Areas.Portal.Pages;

public sealed class IndexModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<IGrouping<string, Agency>> Groups { get; private set; } = [];
    public Dictionary<Guid, int> OfficerCounts { get; private set; } = [];
    public Dictionary<Guid, int> ItemCounts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync();
        Groups = agencies.GroupBy(a => a.Level == "乡镇级" ? "乡镇人民政府" : "县直执法部门").ToList();
        var today = Sanxiang.Core.ChinaTime.Today(clock);
        OfficerCounts = await db.PublicOfficerCountsAsync(today);
        ItemCounts = await db.ItemsInForce(today).GroupBy(i => i.AgencyId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N);
    }
}
