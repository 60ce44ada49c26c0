using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Workflow;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Web.Api;
using Sanxiang.Web.Evidence;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Workbench.Pages.Cases;

/// <summary>
/// Evidence uploaded from the case page's form (a phone's camera or a file), streamed to the blob store by
/// <see cref="EvidenceIntake"/> part by part: the page never reads the form itself, so a video of several gigabytes is
/// neither buffered in memory nor spooled to a temporary file. The intake checks the anti-forgery token (the form's first
/// field) itself, hence <see cref="IgnoreAntiforgeryTokenAttribute"/>; the form value providers are removed so that
/// nothing in MVC reads the body first. Only the case's officers upload (the same rule as the API), the text fields and
/// the chosen kind are checked before the first byte is written, and a refusal shows the reason in Chinese with the form
/// filled in again; nothing is stored then.
/// </summary>
[IgnoreAntiforgeryToken]
[StreamedForm]
public sealed class EvidenceModel(SanxiangDbContext db, CaseHandling handling, EvidenceIntake intake, TimeProvider clock) : PageModel
{
    public Case Case { get; private set; } = null!;
    public EvidenceUploadForm Form { get; private set; } = null!;
    public List<string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (Refusal() is { } refused)
        {
            return Refuse(refused.Status, refused.Message);
        }

        Form = EvidenceUploadForm.For(Case, clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Form = EvidenceUploadForm.For(Case, clock);
        if (Refusal() is { } refused)
        {
            // Checked before a byte of the file is received.
            return Refuse(refused.Status, refused.Message);
        }

        var procedure = Procedures.For(Case.Procedure);
        var received = await intake.ReceiveMultipartAsync(HttpContext, (fields, format) => EvidenceUploadForm.Refusal(fields, format, procedure, clock.GetUtcNow()));
        if (received.Upload is not { } upload)
        {
            Form = EvidenceUploadForm.Posted(Case, clock, received.Fields);
            return Refuse(received.Status, received.Problem ?? "上传失败，未保存任何内容。");
        }

        Form = EvidenceUploadForm.Posted(Case, clock, upload.Fields);
        // Checked with the other fields before the file was stored.
        _ = EvidenceUploadForm.TryParseCapturedAt(upload.Field("capturedAt"), out var captured);
        try
        {
            var evidence = await handling.AddEvidenceAsync(Case.Id, upload.Blob, upload.Format.MediaType,
                EvidenceUploadForm.DeclaredKind(upload.Field("kind")) ?? upload.Kind, upload.FileName,
                new EvidenceInput(upload.Field("title"), upload.Field("step"), captured, upload.Field("place"), upload.Field("proves"), upload.Field("secret") is "true"),
                CasesApi.Actor(User), HttpContext.RequestAborted);
            return Redirect($"/workbench/cases/{Case.Id}?done=evidence#evidence-{evidence.Id}");
        }
        catch (CaseRuleException e)
        {
            // Checked again by case handling (e.g. the case was sealed meanwhile). The file stays in the store under its
            // hash without a row: a later upload of the same content finds it there.
            db.ChangeTracker.Clear();
            return Refuse(e.Status, string.Join("\n", e.Problems.Select(p => p.Message)));
        }
    }

    /// <summary>Why this user may not upload to this case (the API's rule), or null.</summary>
    private (int Status, string Message)? Refusal()
    {
        if (Case.IsSealed)
        {
            return (409, "本案已归档封存，不能再上传证据。");
        }

        return User.Officer() is { } me && Case.ActiveOfficers.Any(o => o.OfficerId == me)
            ? null
            : (403, "证据只能由本案承办人员采集上传。");
    }

    private PageResult Refuse(int status, string message)
    {
        Problems.AddRange(message.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (!Guid.TryParse(RouteData.Values["id"] as string, out var id))
        {
            return false;
        }

        var found = await db.Cases.Include(c => c.Officers).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, HttpContext.RequestAborted);
        if (found is null)
        {
            return false;
        }

        Case = found;
        return true;
    }

    /// <summary>Removes the form value providers, so that model binding never reads (and buffers) the multipart body.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    private sealed class StreamedFormAttribute : Attribute, IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            var factories = context.ValueProviderFactories;
            factories.RemoveType<FormValueProviderFactory>();
            factories.RemoveType<FormFileValueProviderFactory>();
            factories.RemoveType<JQueryFormValueProviderFactory>();
        }

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }
}
