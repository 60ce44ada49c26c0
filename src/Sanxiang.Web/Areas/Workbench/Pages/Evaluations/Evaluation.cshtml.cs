using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Supervision.Evaluation;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Supervision.Evaluation;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Supervision.Evaluation;

namespace Sanxiang.Web.Areas.Workbench.Pages.Evaluations;

/// <summary>
/// One evaluation: its settings and form, the draw (commitment, seed, checkpoint, export), the sampled files with their
/// evaluators, flags and scores, the ranking, finishing, and the report. An agency sees only the files its evaluators
/// score and, once finished, its own files' results.
/// </summary>
public sealed class EvaluationModel(SanxiangDbContext db, CaseFileEvaluations evaluations, EvaluationReportRenderer reports) : ActionPageModel
{
    public CaseFileEvaluation Evaluation { get; private set; } = null!;
    public ScoringForm Form { get; private set; } = null!;
    public IReadOnlyList<EvaluatedFile> Files { get; private set; } = [];
    public IReadOnlyList<AgencyEvaluationResult> Ranking { get; private set; } = [];
    public IReadOnlyList<EvaluatorInfo> Evaluators { get; private set; } = [];
    public Guid Me { get; private set; }
    public Guid? AgencyId => db.Scope.AgencyId;
    public bool IsSupervisor => User.IsInRole(Roles.Supervisor);

    public override async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!IndexModel.Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        try
        {
            Evaluation = await evaluations.LoadAsync(id, ct);
        }
        catch (CaseRuleException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        Files = await db.EvaluatedFiles.AsNoTracking().Where(f => f.EvaluationId == id).OrderBy(f => f.Order).ToListAsync(ct);
        if (!IsSupervisor && Files.Count == 0)
        {
            return NotFound();
        }

        Me = CasesApi.Actor(User).AccountId;
        Form = EvaluationScoring.FormFromJson(Evaluation.FormJson);
        Ranking = EvaluationRanking.Rank(Files.Where(f => IsSupervisor || (f.Released && f.AgencyId == db.Scope.AgencyId)));
        Evaluators = CaseFileEvaluations.Evaluators(Evaluation);
        return Page();
    }

    public Task<IActionResult> OnPostDrawAsync(Guid id, CancellationToken ct) => !IsSupervisor ? Task.FromResult<IActionResult>(Forbid()) : ActAsync(db, id, async () =>
    {
        await evaluations.DrawAsync(id, CasesApi.Actor(User), ct);
        var files = await db.EvaluatedFiles.CountAsync(f => f.EvaluationId == id, ct);
        return $"已抽取案卷 {files} 件，并分配给评查人员。种子和抽取结果已记入全过程记录，可以下载复核文件。";
    }, ct);

    public Task<IActionResult> OnPostFinishAsync(Guid id, string? summary, CancellationToken ct) => !IsSupervisor ? Task.FromResult<IActionResult>(Forbid()) : ActAsync(db, id, async () =>
    {
        await evaluations.FinishAsync(id, summary, CasesApi.Actor(User), ct);
        return "评查已完成，结果已向各机关公开（各机关只能看到本机关的案卷）。";
    }, ct);

    /// <summary>The draw's verification file: the frozen lists, the seed, the checkpoint and the result (docs/case-file-evaluation.md).</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken ct)
    {
        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }

        if (CaseFileEvaluations.Export(Evaluation) is not { } export)
        {
            return NotFound();
        }

        var bytes = Encoding.UTF8.GetBytes(export.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return File(bytes, "application/json", $"{Evaluation.Number}-抽取复核.json");
    }

    public async Task<IActionResult> OnGetReportAsync(Guid id, string? format, CancellationToken ct)
    {
        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }

        if (Evaluation.Status == EvaluationStatuses.Draft)
        {
            return Problem(409, "尚未抽取案卷，没有评查通报。");
        }

        var agency = IsSupervisor ? null : User.Agency();
        var name = $"{Evaluation.Number}-评查通报";
        switch (format)
        {
            case "docx":
                return File(await reports.DocxAsync(id, agency, ct), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx");
            case "pdf":
                return await reports.PdfAsync(id, agency, ct) is { } pdf
                    ? File(pdf, "application/pdf", name + ".pdf")
                    : Problem(503, "服务器没有可嵌入的中文字体，暂时不能生成 PDF；请下载 DOCX 版本。");
            default:
                return Problem(400, $"格式“{format}”无效：可选 docx 或 pdf。");
        }
    }

    private ObjectResult Problem(int status, string detail) => new(Problems.Create(HttpContext, status, detail: detail))
    {
        StatusCode = status,
        ContentTypes = { "application/problem+json" },
    };
}
