using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Data;
using Sanxiang.Data.Inspection;

namespace Sanxiang.Web.Areas.Portal.Pages.Inspections;

/// <summary>One plan: what it inspects and how, its commitment, its draw with every input, and the results published so far.</summary>
public sealed class DetailModel(SanxiangDbContext db) : PageModel
{
    public PublicPlan Plan { get; private set; } = null!;
    public IReadOnlyList<PublicInspection> Inspections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await InspectionPublic.PlanAsync(db, id, ct) is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        Inspections = await InspectionPublic.InspectionsAsync(db, id, ct);
        return Page();
    }
}
