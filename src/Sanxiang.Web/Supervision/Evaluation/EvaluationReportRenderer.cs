using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Supervision.Evaluation;
using Sanxiang.Data;
using Sanxiang.Data.Supervision.Evaluation;
using Sanxiang.Web.Documents;

namespace Sanxiang.Web.Supervision.Evaluation;

/// <summary>
/// The evaluation report (案卷评查情况通报) as DOCX or PDF, drawn by the case documents' renderers with the same fonts.
/// An agency's user receives the report limited to its own agency's files; the QR code points to the evaluation's
/// workbench page (the report is internal).
/// </summary>
public sealed class EvaluationReportRenderer(SanxiangDbContext db, CaseFileEvaluations evaluations, DocumentFonts fonts, TimeProvider clock, IHttpContextAccessor http)
{
    public const string DefaultIssuer = "县司法局";

    public async Task<DocumentContent> ContentAsync(Guid evaluationId, Guid? agency, CancellationToken ct)
    {
        var evaluation = await evaluations.LoadAsync(evaluationId, ct);
        var files = await db.EvaluatedFiles.AsNoTracking().Where(f => f.EvaluationId == evaluationId && (agency == null || f.AgencyId == agency))
            .OrderBy(f => f.Order).ToListAsync(ct);
        var issuer = await db.Users.AsNoTracking().Where(u => u.Id == evaluation.CreatedBy)
            .Join(db.Agencies.AsNoTracking(), u => u.AgencyId, a => a.Id, (u, a) => a.Name).FirstOrDefaultAsync(ct);
        return EvaluationReport.Build(evaluation, EvaluationScoring.FormFromJson(evaluation.FormJson), issuer ?? DefaultIssuer, files,
            evaluation.FinishedAtUtc is { } at ? ChinaTime.DateOf(at) : ChinaTime.Today(clock));
    }

    public async Task<byte[]> DocxAsync(Guid evaluationId, Guid? agency, CancellationToken ct) =>
        DocumentDocx.Render(await ContentAsync(evaluationId, agency, ct), Print(evaluationId));

    /// <summary>Null when the server has no embeddable CJK font (the caller answers 503 in Chinese).</summary>
    public async Task<byte[]?> PdfAsync(Guid evaluationId, Guid? agency, CancellationToken ct)
    {
        var content = await ContentAsync(evaluationId, agency, ct);
        if (fonts.Faces is not { } faces)
        {
            return null;
        }

        DocumentPdf.UseFonts(faces.Body, faces.Title);
        return DocumentPdf.Render(content, Print(evaluationId), clock.GetUtcNow());
    }

    private DocumentPrint Print(Guid evaluationId) => WorkbenchPrint.For(http.HttpContext, $"/workbench/evaluations/{evaluationId:D}");
}
