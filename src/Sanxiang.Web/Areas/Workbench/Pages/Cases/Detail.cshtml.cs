using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Workbench.Pages.Cases;

/// <summary>
/// One case: its running deadlines, the next steps each with the form the law asks for and the rules that block it now,
/// its officers and their recusal, what has been recorded, and its timeline as the log holds it (leaf indexes).
/// </summary>
public sealed class DetailModel(SanxiangDbContext db, CaseHandling handling, CaseArchiver archiver, CaseDocuments documents, TimeProvider clock) : PageModel
{
    public sealed record NextStep(Transition Transition, Step To, IReadOnlyList<Refusal> Blocked, IReadOnlyList<FactKey> Fields);

    public Case Case { get; private set; } = null!;
    public WorkflowDefinition Procedure { get; private set; } = null!;
    public CaseFile Record { get; private set; } = null!;
    public List<NextStep> Next { get; } = [];
    public IReadOnlyList<Deadline> Deadlines { get; private set; } = [];

    /// <summary>The legal review: why it is required, the pre-filled checklist, every round (REV-2..4).</summary>
    public ReviewView? Review { get; private set; }
    public List<OfficerEntry> AgencyOfficers { get; private set; } = [];
    public List<TimelineLine> Timeline { get; } = [];
    public Dictionary<Guid, string> AccountNames { get; private set; } = [];
    public EnforcementItem? Item { get; private set; }
    public string? Message { get; private set; }
    public List<string> Problems { get; } = [];
    public IReadOnlyList<Refusal> Refusals { get; private set; } = [];
    public string? FailedStep { get; private set; }
    public bool MayAct { get; private set; }
    public Sanxiang.Core.Archive.ArchiveCheckResult? ArchiveCheck { get; private set; }
    public List<Sanxiang.Data.Documents.IssuedDocument> Documents { get; private set; } = [];

    /// <summary>The evidence whose picture is shown (after the click that fetches it, recorded as a read), and the document previewed.</summary>
    public Guid? Show { get; private set; }
    public Sanxiang.Data.Documents.IssuedDocument? Preview { get; private set; }

    /// <summary>The upload form, for the case's officers while the case is open (the API's rule).</summary>
    public EvidenceUploadForm? Upload { get; private set; }

    /// <summary>Who reads secret-marked evidence (REC-6, as <c>CaseHandling.RecordEvidenceReadAsync</c>): the case's officers, its heads, supervisors.</summary>
    public bool MayReadSecret { get; private set; }

    [BindProperty] public Dictionary<string, string?> F { get; set; } = [];
    [BindProperty] public List<string> Kinds { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, Guid? show, Guid? preview)
    {
        Message = done switch
        {
            "step" => "已办理，并记入执法全过程记录。",
            "facts" => "已记录。",
            "recusal" => "回避声明已记录。",
            "review-recusal" => "法制审核回避声明已记录；本案将由其他法制审核人员审核。",
            "assign" => "已增派承办人员。",
            "sealed" => "电子案卷已封存。",
            "document" => "文书已出具：已编号、加盖电子印章并记入全过程记录。",
            "evidence" => "证据已上传：已按文件内容核验类型，计算 SHA-256 和 SM3，并记入全过程记录。",
            _ => null,
        };
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Show = show is { } s && Case.Evidence.Any(e => e.Id == s) ? s : null;
        Preview = preview is { } p ? Documents.FirstOrDefault(d => d.Id == p) : null;
        return Page();
    }

    /// <summary>四性检测 of the sealed case file, shown on the page.</summary>
    public async Task<IActionResult> OnPostCheckAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        try
        {
            ArchiveCheck = await archiver.CheckAsync(Case, HttpContext.RequestAborted);
        }
        catch (CaseRuleException e)
        {
            Problems.AddRange(e.Problems.Select(p => p.Message));
        }

        return Page();
    }

    /// <summary>Seals again when packaging failed at archiving time.</summary>
    public Task<IActionResult> OnPostSealAsync(Guid id) => Act(id, "sealed", () =>
        archiver.SealAsync(id, CasesApi.Actor(User).AccountId, CasesApi.Actor(User).Roles.FirstOrDefault(), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostDocumentAsync(Guid id, Sanxiang.Core.Documents.DocumentKind kind) => Act(id, "document", async () =>
    {
        await documents.IssueAsync(id, kind, CasesApi.Actor(User), HttpContext.RequestAborted);
        return Case;
    });

    public Task<IActionResult> OnPostStepAsync(Guid id, string to) => Act(id, "step", () =>
        handling.TakeAsync(id, null, to, Facts(), CasesApi.Actor(User), HttpContext.RequestAborted), to);

    public Task<IActionResult> OnPostFactsAsync(Guid id) => Act(id, "facts", () =>
        handling.RecordFactsAsync(id, Facts(), CasesApi.Actor(User), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRecusalAsync(Guid id, Guid officerId, bool conflict, string? reason) => Act(id, "recusal", () =>
        handling.DeclareRecusalAsync(id, officerId, conflict, reason, CasesApi.Actor(User), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAssignAsync(Guid id, Guid officerId) => Act(id, "assign", () =>
        handling.AssignOfficerAsync(id, officerId, CasesApi.Actor(User), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostReviewRecusalAsync(Guid id, string? reason) => Act(id, "review-recusal", () =>
        handling.DeclareReviewRecusalAsync(id, reason, CasesApi.Actor(User), HttpContext.RequestAborted));

    private async Task<IActionResult> Act(Guid id, string done, Func<Task<Case>> action, string? step = null)
    {
        if (!User.IsInRole(Roles.Officer) && !User.IsInRole(Roles.UnitHead) && !User.IsInRole(Roles.Reviewer) && !User.IsInRole(Roles.AgencyHead))
        {
            return Forbid();
        }

        try
        {
            await action();
            return Redirect($"/workbench/cases/{id}?done={done}");
        }
        catch (CaseRuleException e)
        {
            db.ChangeTracker.Clear();
            Refusals = e.Refusals;
            Problems.AddRange(e.Problems.Select(p => p.Message));
            FailedStep = step;
            Response.StatusCode = e.Status;
            return await LoadAsync(id) ? Page() : NotFound();
        }
    }

    private Dictionary<string, string?> Facts()
    {
        var facts = F.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(f => f.Key, f => f.Value);
        if (Kinds.Count > 0)
        {
            facts[FactKeys.PenaltyKinds.Key] = string.Join(",", Kinds);
        }

        return facts;
    }

    /// <summary>The value to show in a field: what was just posted, else the fact in force.</summary>
    /// <summary>
    /// What a field shows: what was just posted, else the case's current value — except a review round's own answers,
    /// which start empty in every round (an earlier round's answers must not be carried over unread).
    /// </summary>
    public string? ValueOf(FactKey key) => F.TryGetValue(key.Key, out var posted) && posted is not null ? posted
        : Sanxiang.Core.Review.ReviewRounds.RoundKeys.Contains(key.Key) ? null
        : Record.Text(key);

    /// <summary>A file's size as people read it.</summary>
    public static string SizeText(long bytes) =>
        bytes >= 1024L * 1024 * 1024 ? $"{bytes / (1024.0 * 1024 * 1024):0.##} GB"
        : bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB"
        : $"{bytes} 字节";

    /// <summary>Pictures a browser shows in an &lt;img&gt; (HEIC and TIFF are offered as files instead).</summary>
    public static bool Viewable(string mediaType) =>
        mediaType is "image/jpeg" or "image/png" or "image/gif" or "image/webp" or "image/avif" or "image/bmp";

    public string OfficerName(Guid id) =>
        Case.Officers.FirstOrDefault(o => o.OfficerId == id)?.Name ?? AgencyOfficers.FirstOrDefault(o => o.OfficerId == id)?.Name ?? "（其他人员）";

    private async Task<bool> LoadAsync(Guid id)
    {
        var found = await db.Cases.Include(c => c.Officers).Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence)
            .AsSplitQuery().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (found is null)
        {
            return false;
        }

        Case = found;
        Procedure = Procedures.For(Case.Procedure);
        Record = new CaseFile(Case);
        MayAct = !db.Scope.ReadsAllAgencies || User.Agency() == Case.AgencyId;
        var onCase = User.Officer() is { } me && Case.ActiveOfficers.Any(o => o.OfficerId == me);
        Upload = MayAct && onCase && !Case.IsSealed ? EvidenceUploadForm.For(Case, clock) : null;
        MayReadSecret = onCase || User.IsInRole(Roles.UnitHead) || User.IsInRole(Roles.AgencyHead) || User.IsInRole(Roles.Supervisor);
        var today = ChinaTime.Today(clock);
        foreach (var (t, blocked) in await handling.NextStepsAsync(Case, CasesApi.Actor(User), HttpContext.RequestAborted))
        {
            Next.Add(new NextStep(t, Procedure.Step(t.To), blocked, CaseForms.FieldsFor(t)));
        }

        Documents = await db.IssuedDocuments.AsNoTracking().Where(d => d.CaseId == id).OrderBy(d => d.IssuedAtUtc).ToListAsync();
        Deadlines = (await CasesApi.DeadlinesAsync(db, handling, [Case], clock))[Case.Id];
        Review = await handling.ReviewViewAsync(Case, HttpContext.RequestAborted);
        Item = await db.EnforcementItems.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.Id == Case.ItemId);
        AgencyOfficers = await db.OfficerEntriesInForce(today).Where(o => o.AgencyId == Case.AgencyId).OrderBy(o => o.CertificateNumber).ToListAsync();
        var timeline = await CaseTimeline.LoadAsync(db, Case, Procedure, OfficerName, HttpContext.RequestAborted);
        AccountNames = timeline.AccountNames;
        Timeline.AddRange(timeline.Lines);

        return true;
    }
}
