using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Data;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Supervision;
using Sanxiang.Web.Api;
using Sanxiang.Web.Supervision.Complaints;

namespace Sanxiang.Web.Areas.Portal.Pages.Complaints;

/// <summary>
/// The status page: tracking number and query code (posted, so the code is not in addresses or logs) show the state, the
/// agency, the running deadline and the answer. An unknown number and a wrong code get the same refusal; look-ups are
/// limited per address (decision 0017).
/// </summary>
[RequestSizeLimit(64 * 1024)]
public sealed class StatusModel(SanxiangDbContext db, ComplaintDesk desk, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? TrackingNumber { get; set; }

    [BindProperty]
    public string? QueryCode { get; set; }

    public PublicComplaintStatusDto? Result { get; private set; }
    public string? Refusal { get; private set; }

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var complaint = await desk.FindAsync(TrackingNumber, QueryCode, ct);
        if (complaint is null)
        {
            Refusal = ComplaintsApi.NotFoundText;
            return Page();
        }

        var agency = complaint.AgencyId is { } id ? await db.Agencies.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(ct) : null;
        Result = ComplaintViews.Public(complaint, agency, await CalendarStore.LoadAsync(db, ct), ChinaTime.Today(clock));
        QueryCode = null;
        return Page();
    }
}
