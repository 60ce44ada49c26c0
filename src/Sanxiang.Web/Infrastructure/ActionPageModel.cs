using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Data;
using Sanxiang.Data.Cases;

namespace Sanxiang.Web.Infrastructure;

/// <summary>
/// A workbench page about one record (a patrol, a 双随机 plan, an evaluation) whose forms each take one step: the step's
/// Chinese outcome is shown above the reloaded page, and a refusal is shown the same way with its status code, the
/// unit of work discarded so nothing of it is saved.
/// </summary>
public abstract class ActionPageModel : PageModel
{
    public string? Message { get; private set; }
    public bool Refused { get; private set; }

    public abstract Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct);

    protected async Task<IActionResult> ActAsync(SanxiangDbContext db, Guid id, Func<Task<string>> action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            Message = await action();
        }
        catch (CaseRuleException e)
        {
            Message = string.Join(" ", e.Problems.Select(p => p.Message));
            Refused = true;
            db.ChangeTracker.Clear();
            db.DiscardPendingRecords();
            var page = await OnGetAsync(id, ct);
            Response.StatusCode = e.Status;
            return page;
        }

        db.ChangeTracker.Clear();
        return await OnGetAsync(id, ct);
    }
}
