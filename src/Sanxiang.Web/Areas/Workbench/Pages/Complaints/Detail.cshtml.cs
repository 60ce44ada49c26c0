using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Supervision.Complaints;
using Sanxiang.Data;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Registry;
using Sanxiang.Data.Supervision;
using Sanxiang.Web.Api;
using Sanxiang.Web.Supervision.Complaints;

namespace Sanxiang.Web.Areas.Workbench.Pages.Complaints;

/// <summary>
/// One complaint: what the citizen wrote and how to reach them, the running deadline, the steps so far, and a form for
/// each step the signed-in person may take now (routing and follow-up for supervisors; acceptance, refusal, return,
/// answer, case opening and closing for the agency). A refused step shows its reasons and changes nothing.
/// </summary>
public sealed class DetailModel(SanxiangDbContext db, ComplaintDesk desk, TimeProvider clock) : PageModel
{
    public ComplaintDto Complaint { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name)> Agencies { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Items { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name, string Certificate)> Officers { get; private set; } = [];
    public string? Message { get; private set; }
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    public bool Can(ComplaintTrigger trigger) => Complaint.NextActions.Contains(trigger.ToString());

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct);

    public Task<IActionResult> OnPostStepAsync(Guid id, ComplaintTrigger action, string? note, string? agencyCode, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            var c = await desk.ActAsync(id, action, new ComplaintActionInput(note, agencyCode), ComplaintViews.Actor(User), ct);
            return $"已{ComplaintWorkflow.Of(action).Name}。当前状态：{c.Status.Chinese()}。";
        }, ct);

    public Task<IActionResult> OnPostCaseAsync(Guid id, string? itemCode, string? cause, string? partyKind, string? partyName, string? partyIdNumber,
        string? partyCreditCode, string? partyRepresentative, string? partyAddress, string? partyPhone, DateOnly? occurredOn, List<Guid>? officerIds,
        CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            var request = new OpenCaseRequest(itemCode, cause, "投诉举报",
                new PartyInput(partyKind, partyName, partyIdNumber, partyCreditCode, partyRepresentative, partyAddress, partyPhone), occurredOn, null, false,
                officerIds, officerIds?.FirstOrDefault());
            var (_, opened) = await desk.OpenCaseAsync(id, request, ComplaintViews.Actor(User), CasesApi.Actor(User), ct);
            return $"已立案：{opened.Number}。";
        }, ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> act, CancellationToken ct)
    {
        if (!ComplaintWorkflow.ReaderRoles.Any(User.IsInRole))
        {
            return Forbid();
        }

        try
        {
            Message = await act();
        }
        catch (CaseRuleException e) when (e.Status != StatusCodes.Status404NotFound)
        {
            db.ChangeTracker.Clear();
            Refusals = [.. e.Problems.Select(p => p.Message), .. e.Refusals.Select(r => r.Reason)];
        }

        // An agency that sent a complaint back no longer sees it: take it back to its list.
        if (Refusals.Count == 0 && !await db.Complaints.AnyAsync(c => c.Id == id, ct))
        {
            return Redirect("/workbench/complaints");
        }

        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        if (!ComplaintWorkflow.ReaderRoles.Any(User.IsInRole))
        {
            return Forbid();
        }

        Complaint complaint;
        try
        {
            complaint = await desk.LoadAsync(id, ct);
        }
        catch (CaseRuleException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        var today = ChinaTime.Today(clock);
        Complaint = await ComplaintViews.DetailAsync(db, complaint, ComplaintViews.Actor(User), await CalendarStore.LoadAsync(db, ct), today, ct);
        Agencies = [.. (await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Code, a.Name }).ToListAsync(ct)).Select(a => (a.Code, a.Name))];
        if (Can(ComplaintTrigger.OpenCase) && complaint.AgencyId is { } agency)
        {
            Items = [.. (await db.ItemsInForce(today).Where(i => i.AgencyId == agency).OrderBy(i => i.Code).Select(i => new { i.Code, i.Name }).ToListAsync(ct))
                .Select(i => (i.Code, i.Name))];
            Officers = [.. (await db.OfficerEntriesInForce(today).Where(e => e.AgencyId == agency && !e.IsReviewer).OrderBy(e => e.CertificateNumber)
                .Select(e => new { e.OfficerId, e.Name, e.CertificateNumber }).ToListAsync(ct)).Select(e => (e.OfficerId, e.Name, e.CertificateNumber))];
        }

        return Page();
    }
}
