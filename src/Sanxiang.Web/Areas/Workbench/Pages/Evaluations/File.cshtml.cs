using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.Evaluation;
using Sanxiang.Core.Workflow;
using Sanxiang.Data;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Supervision.Evaluation;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Workbench.Pages.Evaluations;

/// <summary>
/// One sampled file: the case as recorded (officers, steps, facts, evidence), the sealed package and its four-property
/// check, the platform's pre-check flags, and — for its evaluator while scoring is open — the scoring form.
/// </summary>
public sealed class FileModel(SanxiangDbContext db, CaseFileEvaluations evaluations, CaseArchiver archiver, IBlobStore blobs) : PageModel
{
    public CaseFileEvaluation Evaluation { get; private set; } = null!;
    public EvaluatedFile Sampled { get; private set; } = null!;
    public Case Case { get; private set; } = null!;
    public ScoringForm Form { get; private set; } = null!;
    public IReadOnlyList<PreCheckFlag> Flags { get; private set; } = [];
    public FileMarks? Marks { get; private set; }
    public WorkflowDefinition Procedure { get; private set; } = null!;
    public IReadOnlyList<(string Label, string Value)> Facts { get; private set; } = [];
    public bool MayScore { get; private set; }
    public IReadOnlyList<RegistryProblem> Problems { get; private set; } = [];
    public string? Message { get; private set; }
    public Sanxiang.Core.Archive.ArchiveCheckResult? ArchiveCheck { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid fileId, CancellationToken ct)
    {
        if (!IndexModel.Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        try
        {
            (Sampled, Case) = await evaluations.CaseForEvaluatorAsync(fileId, CasesApi.Actor(User), ct);
            Evaluation = await evaluations.LoadAsync(id, ct);
        }
        catch (CaseRuleException e) when (e.Status is StatusCodes.Status404NotFound or StatusCodes.Status403Forbidden)
        {
            return NotFound();
        }

        if (Sampled.EvaluationId != id)
        {
            return NotFound();
        }

        Form = EvaluationScoring.FormFromJson(Evaluation.FormJson);
        Flags = CaseFileEvaluations.Flags(Sampled);
        Marks ??= Sampled.MarksJson is { } json ? FileMarks.FromJson(json) : null;
        Procedure = Procedures.For(Case.Procedure);
        MayScore = Sampled.EvaluatorId == CasesApi.Actor(User).AccountId && Evaluation.Status == EvaluationStatuses.Scoring;
        var file = new CaseFile(Case);
        Facts = [.. Case.Facts.GroupBy(f => f.Key).Select(g => g.MaxBy(f => f.Sequence)!)
            .Select(f => (Key: FactKeys.Find(f.Key), f.Value))
            .Where(f => f.Key is not null && f.Key.Type is not FactType.Officer && !f.Key.Key.StartsWith("review.", StringComparison.Ordinal))
            .Select(f => (f.Key!.Label, f.Key.Display(f.Value)))];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid fileId, string? comment, CancellationToken ct)
    {
        if (await OnGetAsync(id, fileId, ct) is not PageResult)
        {
            return NotFound();
        }

        var items = new List<ItemMark>();
        var problems = new List<RegistryProblem>();
        foreach (var item in Form.Items)
        {
            var raw = Request.Form["d" + item.Code].ToString().Trim();
            var reason = Request.Form["r" + item.Code].ToString().Trim();
            decimal deduction = 0;
            if (raw.Length > 0 && !decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out deduction))
            {
                problems.Add(new("item" + item.Code, $"第 {item.Code} 项扣分“{raw}”不是数字。"));
                continue;
            }

            items.Add(new ItemMark(item.Code, deduction, reason.Length == 0 ? null : reason));
        }

        var vetoes = new List<VetoMark>();
        foreach (var veto in Form.Vetoes)
        {
            var answer = Request.Form["v" + veto.Code].ToString();
            var reason = Request.Form["vr" + veto.Code].ToString().Trim();
            if (answer is "holds" or "dismissed")
            {
                vetoes.Add(new VetoMark(veto.Code, answer == "holds", reason.Length == 0 ? null : reason));
            }
        }

        Marks = new FileMarks(items, vetoes, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        if (problems.Count == 0)
        {
            try
            {
                var saved = await evaluations.ScoreAsync(fileId, Marks, CasesApi.Actor(User), ct);
                Message = $"已保存：{(saved.Vetoed ? "存在否决项" : $"得分 {ScoringForm.Text(saved.Score!.Value)} 分")}，等次为{saved.Grade}。评查完成前可以修改。";
                db.ChangeTracker.Clear();
                Marks = null;
                await OnGetAsync(id, fileId, ct);
                return Page();
            }
            catch (CaseRuleException e)
            {
                db.ChangeTracker.Clear();
                db.DiscardPendingRecords();
                problems.AddRange(e.Problems);
                Response.StatusCode = e.Status;
            }
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Problems = problems;
        return Page();
    }

    /// <summary>The sealed package (BagIt zip), each download recorded in the case's log.</summary>
    public async Task<IActionResult> OnGetArchiveAsync(Guid id, Guid fileId, CancellationToken ct)
    {
        if (await OnGetAsync(id, fileId, ct) is not PageResult)
        {
            return NotFound();
        }

        if (Case.ArchiveSha256 is null || blobs.Open(Case.ArchiveSha256) is not { } stream)
        {
            return new ObjectResult(Sanxiang.Web.Infrastructure.Problems.Create(HttpContext, 409, detail: "本案尚未生成电子案卷封存包。")) { StatusCode = 409, ContentTypes = { "application/problem+json" } };
        }

        await evaluations.RecordArchiveReadAsync(Sampled, Case, CasesApi.Actor(User), ct);
        return File(stream, "application/zip", $"{Case.Number}-案卷.zip");
    }

    /// <summary>Runs the four-property check on the sealed package and shows its result on the page.</summary>
    public async Task<IActionResult> OnPostCheckAsync(Guid id, Guid fileId, CancellationToken ct)
    {
        if (await OnGetAsync(id, fileId, ct) is not PageResult)
        {
            return NotFound();
        }

        try
        {
            ArchiveCheck = await archiver.CheckAsync(Case, ct);
        }
        catch (CaseRuleException e)
        {
            Problems = e.Problems;
        }

        return Page();
    }

    public string? Deduction(string code) => Marks?.Items.FirstOrDefault(i => i.Code == code) is { } m && m.Deduction > 0 ? ScoringForm.Text(m.Deduction) : null;

    public string? Reason(string code) => Marks?.Items.FirstOrDefault(i => i.Code == code)?.Reason;

    public VetoMark? Veto(string code) => Marks?.Vetoes.FirstOrDefault(v => v.Code == code);

    public string? ProblemFor(string field) => Problems.FirstOrDefault(p => p.Field == field)?.Message;
}
