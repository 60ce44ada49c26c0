using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Audit;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Registry;

namespace Sanxiang.Web.Areas.Workbench.Pages.Registry;

/// <summary>One draft: what it changes against the version it was copied from, its rows, and approval.</summary>
public sealed class DraftModel(SanxiangDbContext db, RegistryLists lists, AuditLog audit, TimeProvider clock) : PageModel
{
    public RegistryVersion? Draft { get; private set; }
    public RegistryVersion? Basis { get; private set; }
    public Agency? Agency { get; private set; }
    public List<EnforcementItem> Items { get; private set; } = [];
    public List<OfficerEntry> Officers { get; private set; } = [];
    public ListDiff? Diff { get; private set; }
    public bool MayApprove { get; private set; }
    public string? Message { get; private set; }
    public List<RegistryProblem> Problems { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public ImportReport? Import { get; private set; }

    [BindProperty] public OfficerForm Officer { get; set; } = new();

    public sealed class OfficerForm
    {
        public Guid OfficerId { get; set; }
        public string? Name { get; set; }
        public string? Gender { get; set; }
        public string? Position { get; set; }
        public string? CertificateNumber { get; set; }
        public string? Issuer { get; set; }
        public string? Fields { get; set; }
        public DateOnly ValidFrom { get; set; }
        public DateOnly ValidTo { get; set; }
        public string? Status { get; set; }
        public bool IsReviewer { get; set; }
        public string? LegalQualificationNumber { get; set; }
        public string? Mobile { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? edit)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (edit is { } officerId && Officers.FirstOrDefault(o => o.OfficerId == officerId) is { } o)
        {
            Officer = new OfficerForm
            {
                OfficerId = o.OfficerId, Name = o.Name, Gender = o.Gender, Position = o.Position, CertificateNumber = o.CertificateNumber,
                Issuer = o.Issuer, Fields = string.Join("、", o.Fields), ValidFrom = o.ValidFrom, ValidTo = o.ValidTo, Status = o.Status.ToString(),
                IsReviewer = o.IsReviewer, LegalQualificationNumber = o.LegalQualificationNumber,
            };
        }

        return Page();
    }

    public Task<IActionResult> OnPostSaveOfficerAsync(Guid id) => ActAsync(id, async () =>
    {
        var input = new OfficerInput(Officer.Name, Officer.Gender, Officer.Position, Officer.CertificateNumber, Officer.Issuer,
            [.. (Officer.Fields ?? "").Split(['、', '，', ',', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Officer.ValidFrom, Officer.ValidTo, Officer.Status, null, Officer.IsReviewer, Officer.LegalQualificationNumber,
            string.IsNullOrWhiteSpace(Officer.Mobile) ? null : Officer.Mobile.Trim());
        await lists.SaveOfficerAsync(id, RegistryInputs.ToOfficer(Officer.OfficerId, input), input.Mobile);
        var saved = $"已保存{Officer.Name}的信息。";
        Officer = new OfficerForm();
        return saved;
    });

    /// <summary>A spreadsheet for the whole list: <paramref name="apply"/> false checks it and shows the change (试导入).</summary>
    public async Task<IActionResult> OnPostImportAsync(Guid id, IFormFile? file, bool apply)
    {
        var version = await db.RegistryVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id);
        if (version is null || !RegistryListsApi.MayEdit(User, version.AgencyId))
        {
            return NotFound();
        }

        if (file is null || file.Length == 0)
        {
            Problems = [new RegistryProblem("file", "请选择要导入的 Excel（.xlsx）或 CSV 文件。")];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (version.Status != VersionStatus.Draft)
        {
            Problems = [new RegistryProblem("version", "只能导入到草稿。")];
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            await using var upload = file.OpenReadStream();
            await using var content = await RegistryUploads.CopyAsync(upload, HttpContext.RequestAborted);
            if (content is null)
            {
                Problems = [new RegistryProblem("file", $"文件超过 {RegistryUploads.MaxBytes / 1024 / 1024} MB 的上限。")];
                Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }
            else
            {
                Import = await RegistryImport.RunAsync(db, lists, version, content, apply, HttpContext.RequestAborted);
                Message = Import switch
                {
                    { Applied: true } => $"已导入 {Import.DataRows} 行，草稿内容已替换。",
                    { Valid: true } => $"试导入通过：{Import.DataRows} 行全部符合要求，尚未写入。确认无误后请点“导入”。",
                    _ => null,
                };
                if (!Import.Valid)
                {
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                }
            }
        }

        await LoadAsync(id);
        return Page();
    }

    public Task<IActionResult> OnPostRemoveOfficerAsync(Guid id, Guid officerId) => ActAsync(id, async () =>
    {
        await lists.RemoveOfficerAsync(id, officerId);
        return "已从草稿中移出该执法人员。";
    });

    public Task<IActionResult> OnPostRemoveItemAsync(Guid id, string code) => ActAsync(id, async () =>
    {
        await lists.RemoveItemAsync(id, code);
        return $"已从草稿中删除事项 {code}。";
    });

    public Task<IActionResult> OnPostDiscardAsync(Guid id) => ActAsync(id, async () =>
    {
        await lists.DiscardAsync(id, RegistryListsApi.Actor(User));
        return "草稿已作废。";
    });

    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        if (!User.IsInRole(Roles.Supervisor))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, $"registry-draft:{id}", "非监督人员批准清单");
            return Forbid();
        }

        return await ActAsync(id, async () =>
        {
            var v = await lists.ApproveAsync(id, RegistryListsApi.Actor(User));
            return $"已批准为第 {v.Number} 版，自 {v.EffectiveFrom:yyyy年M月d日}起施行，并已写入执法全过程记录日志。";
        });
    }

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> act)
    {
        var version = await db.RegistryVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id);
        if (version is null || !RegistryListsApi.MayEdit(User, version.AgencyId))
        {
            return NotFound();
        }

        try
        {
            Message = await act();
        }
        catch (RegistryRuleException e)
        {
            Problems = [.. e.Problems];
            Response.StatusCode = e.Status;
        }

        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Today = ChinaTime.Today(clock);
        Draft = await db.RegistryVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id);
        if (Draft is null || !RegistryListsApi.MayEdit(User, Draft.AgencyId))
        {
            return false;
        }

        Agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == Draft.AgencyId);
        if (Officer.OfficerId == Guid.Empty && Officer.ValidFrom == default)
        {
            // A blank form for a new officer (nothing was posted into it).
            Officer = new OfficerForm { Gender = "男", Issuer = "省人民政府", ValidFrom = Today, ValidTo = Today.AddYears(5).AddDays(-1), Status = nameof(CertificateStatus.Valid) };
        }

        Basis = Draft.BasedOnId is { } b ? await db.RegistryVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == b) : null;
        MayApprove = User.IsInRole(Roles.Supervisor) && Draft.Status == VersionStatus.Draft
            && Draft.CreatedById?.ToString() != User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (Draft.Kind == RegistryListKind.Items)
        {
            Items = await db.EnforcementItems.AsNoTracking().Where(i => i.VersionId == id).OrderBy(i => i.Code).ToListAsync();
            var before = Basis is null ? [] : await db.EnforcementItems.AsNoTracking().Where(i => i.VersionId == Basis.Id).ToListAsync();
            Diff = RegistryDiffs.Items(before, Items);
        }
        else
        {
            Officers = await db.OfficerEntries.AsNoTracking().Where(o => o.VersionId == id).OrderBy(o => o.CertificateNumber).ToListAsync();
            var before = Basis is null ? [] : await db.OfficerEntries.AsNoTracking().Where(o => o.VersionId == Basis.Id).ToListAsync();
            Diff = RegistryDiffs.Officers(before, Officers);
        }

        return true;
    }
}
