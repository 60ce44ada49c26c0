using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Publication;
using Sanxiang.Data;

namespace Sanxiang.Web.Areas.Portal.Pages.Decisions;

/// <summary>
/// One published decision at its permanent address (PUB-6, PUB-8, PUB-9): the abstract, the redacted full text, the
/// digest of the content and the log leaf that recorded it, with its inclusion proof; every version of the same decision
/// with what happened to each. A withdrawn or expired entry shows only its stub: what it was, when and why it left.
/// </summary>
public sealed class EntryModel(SanxiangDbContext db) : PageModel
{
    public PublishedDecision Entry { get; private set; } = null!;
    public IReadOnlyList<PublishedDecision> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var entry = await db.PublishedDecisions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entry is null)
        {
            return NotFound();
        }

        Entry = entry;
        Versions = await db.PublishedDecisions.IgnoreQueryFilters().AsNoTracking().Where(p => p.TaskId == entry.TaskId).OrderBy(p => p.Version).ToListAsync(ct);
        return Page();
    }
}
