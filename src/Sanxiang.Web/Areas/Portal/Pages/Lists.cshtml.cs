using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Registry;

namespace Sanxiang.Web.Areas.Portal.Pages;

/// <summary>The county's lists (PUB-1): every agency's items, officers, random-inspection items and legal-review catalogue in one table each.</summary>
public sealed class ListsModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        ["items"] = "全县执法事项清单",
        ["officers"] = "全县执法人员名单",
        ["random-inspection"] = "全县随机抽查事项清单",
        ["review-catalogue"] = "全县重大执法决定法制审核目录",
    };

    public string List { get; private set; } = "items";
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public Dictionary<Guid, Agency> ById { get; private set; } = [];
    public IReadOnlyList<EnforcementItem> Items { get; private set; } = [];
    public IReadOnlyList<OfficerEntry> Officers { get; private set; } = [];
    public DateOnly Date { get; private set; }
    public bool IsHistorical { get; private set; }
    public string? DateError { get; private set; }

    [FromQuery(Name = "agency")] public string? AgencyFilter { get; set; }
    [FromQuery(Name = "category")] public string? CategoryFilter { get; set; }
    [FromQuery(Name = "q")] public string? Search { get; set; }

    public async Task<IActionResult> OnGetAsync(string list, [FromQuery(Name = "date")] string? date)
    {
        if (!Titles.ContainsKey(list))
        {
            return NotFound();
        }

        List = list;
        var today = ChinaTime.Today(clock);
        if (!RegistryDates.TryParse(date, today, out var on, out var error))
        {
            DateError = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Date = on;
        IsHistorical = on != today;
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync();
        ById = Agencies.ToDictionary(a => a.Id);
        var agencyId = Agencies.FirstOrDefault(a => a.Code == AgencyFilter)?.Id;
        if (list == "officers")
        {
            Officers = [.. (await db.OfficerEntriesInForce(Date).Where(o => o.Status != CertificateStatus.Revoked && (agencyId == null || o.AgencyId == agencyId)).ToListAsync())
                .Where(o => string.IsNullOrWhiteSpace(Search) || o.Name.Contains(Search.Trim(), StringComparison.Ordinal) || o.CertificateNumber.Contains(Search.Trim(), StringComparison.Ordinal))
                .OrderBy(o => ById[o.AgencyId].SortOrder).ThenBy(o => o.CertificateNumber, StringComparer.Ordinal)];
            return Page();
        }

        var items = await db.ItemsInForce(Date).Where(i => agencyId == null || i.AgencyId == agencyId).ToListAsync();
        Items = [.. RegistryFilters.Items(items, CategoryFilter, Search)
            .Where(i => list switch
            {
                "random-inspection" => i.RandomInspection,
                "review-catalogue" => i.LegalReviewRequired,
                _ => true,
            })
            .OrderBy(i => ById[i.AgencyId].SortOrder).ThenBy(i => i.Code, StringComparer.Ordinal)];
        return Page();
    }

    /// <summary>This view's query string (date and filters), for the download links.</summary>
    public string Query()
    {
        var q = new Dictionary<string, string?>();
        if (IsHistorical)
        {
            q["date"] = RegistryDates.Format(Date);
        }

        if (!string.IsNullOrEmpty(AgencyFilter))
        {
            q["agency"] = AgencyFilter;
        }

        if (!string.IsNullOrEmpty(CategoryFilter))
        {
            q["category"] = CategoryFilter;
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            q["q"] = Search;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", q);
    }
}
