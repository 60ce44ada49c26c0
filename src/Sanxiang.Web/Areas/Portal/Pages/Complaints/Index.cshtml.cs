using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Supervision.Complaints;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Supervision;
using Sanxiang.Web.Api;
using Sanxiang.Web.Supervision.Complaints;

namespace Sanxiang.Web.Areas.Portal.Pages.Complaints;

/// <summary>
/// 投诉举报 on the portal: the form (readable and usable without script), the bot check of decision 0017, and the receipt
/// with the tracking number and the query code, shown once. A refused form is shown again with every problem by field and
/// a fresh challenge; nothing is stored.
/// </summary>
[RequestSizeLimit(ComplaintsApi.MaxBodyBytes)]
[RequestFormLimits(ValueLengthLimit = ComplaintsApi.MaxBodyBytes)]
public sealed class IndexModel(SanxiangDbContext db, ComplaintDesk desk, ComplaintChallenges challenges) : PageModel
{
    public sealed class FormInput
    {
        public string? Kind { get; set; }
        public string? AgencyCode { get; set; }
        public string? Subject { get; set; }
        public string? Content { get; set; }
        public string? Respondent { get; set; }
        public DateOnly? OccurredOn { get; set; }
        public string? Place { get; set; }
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public bool ConsentToContact { get; set; }
        public string? ChallengeToken { get; set; }
        public string? Proof { get; set; }
        public string? Answer { get; set; }

        /// <summary>The honeypot: hidden from people by the stylesheet.</summary>
        public string? Website { get; set; }
    }

    [BindProperty]
    public FormInput Form { get; set; } = new();

    public ComplaintChallenge Served { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name)> Agencies { get; private set; } = [];
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);
    public string? Refusal { get; private set; }

    /// <summary>Set once the complaint is stored.</summary>
    public (Complaint Complaint, string QueryCode, string? AgencyName)? Receipt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? kind, CancellationToken ct)
    {
        Form.Kind = kind is "举报" or "投诉" ? kind : "投诉";
        await PrepareAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (spent, refusal) = challenges.Verify(Form.ChallengeToken, Form.Proof, Form.Answer, Form.Website);
        if (refusal is not null)
        {
            Refusal = refusal;
            Errors["challenge"] = [refusal];
            await PrepareAsync(ct);
            return Page();
        }

        try
        {
            var (complaint, code) = await desk.SubmitAsync(new ComplaintInput(Form.Kind, Form.AgencyCode, Form.Subject, Form.Content, Form.Respondent,
                Form.OccurredOn, Form.Place, Form.Name, Form.Phone, Form.ConsentToContact), spent, ct);
            var agency = complaint.AgencyId is { } id ? await db.Agencies.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(ct) : null;
            Receipt = (complaint, code, agency);
            Response.Headers.CacheControl = "no-store";
            return Page();
        }
        catch (CaseRuleException e) when (e.Status is 400 or 409)
        {
            foreach (var p in e.Problems)
            {
                (Errors.TryGetValue(p.Field, out var list) ? list : Errors[p.Field] = []).Add(p.Message);
            }

            Refusal = e.Status == 409 ? e.Problems[0].Message : $"提交未被接收，请按提示修改 {e.Problems.Count} 处后再提交（您填写的内容已保留）。";
            await PrepareAsync(ct);
            return Page();
        }
    }

    public IReadOnlyList<string> ErrorsOf(string field) => Errors.TryGetValue(field, out var list) ? list : [];

    private async Task PrepareAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Served = challenges.Issue();
        Form.ChallengeToken = null;
        Form.Proof = null;
        Form.Answer = null;
        Form.Website = null;
        ModelState.Clear();
        Agencies = [.. (await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Code, a.Name }).ToListAsync(ct)).Select(a => (a.Code, a.Name))];
    }
}
