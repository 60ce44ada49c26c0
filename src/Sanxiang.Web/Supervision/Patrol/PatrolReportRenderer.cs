using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Supervision.Patrol;
using Sanxiang.Data;
using Sanxiang.Data.Supervision.Patrol;
using Sanxiang.Web.Documents;

namespace Sanxiang.Web.Supervision.Patrol;

/// <summary>
/// The patrol report (网上巡查情况通报) as DOCX or PDF, drawn by the case documents' renderers with the same fonts. The QR
/// code points to the patrol's workbench page (the report is internal: it names the agencies' problems before they are
/// corrected). An agency receives the report limited to its own findings.
/// </summary>
public sealed class PatrolReportRenderer(SanxiangDbContext db, OnlinePatrols patrols, DocumentFonts fonts, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>Used when the supervisor's agency cannot be read (an account since removed).</summary>
    public const string DefaultIssuer = "县司法局";

    public async Task<DocumentContent> ContentAsync(Guid patrolId, CancellationToken ct)
    {
        var patrol = await patrols.LoadAsync(patrolId, ct);
        var agencies = await db.PatrolAgencies.AsNoTracking().Where(a => a.PatrolId == patrolId).OrderBy(a => a.SortOrder).ToListAsync(ct);
        var findings = await db.PatrolFindings.AsNoTracking().Where(f => f.PatrolId == patrolId).OrderBy(f => f.Number).ToListAsync(ct);
        var samples = await db.PatrolSamples.AsNoTracking().Where(s => s.PatrolId == patrolId).ToListAsync(ct);
        // The issuer is the supervisor's own agency (the county judicial bureau), as the notice is signed.
        var issuer = await db.Users.AsNoTracking().Where(u => u.Id == patrol.StartedBy)
            .Join(db.Agencies.AsNoTracking(), u => u.AgencyId, a => a.Id, (u, a) => a.Name).FirstOrDefaultAsync(ct);
        return PatrolReport.Build(patrol, issuer ?? DefaultIssuer, agencies, findings, samples, ChinaTime.Today(clock));
    }

    public async Task<byte[]> DocxAsync(Guid patrolId, CancellationToken ct) => DocumentDocx.Render(await ContentAsync(patrolId, ct), Print(patrolId));

    /// <summary>Null when the server has no embeddable CJK font (the caller answers 503 in Chinese).</summary>
    public async Task<byte[]?> PdfAsync(Guid patrolId, CancellationToken ct)
    {
        var content = await ContentAsync(patrolId, ct);
        if (fonts.Faces is not { } faces)
        {
            return null;
        }

        DocumentPdf.UseFonts(faces.Body, faces.Title);
        return DocumentPdf.Render(content, Print(patrolId), clock.GetUtcNow());
    }

    private DocumentPrint Print(Guid patrolId) => WorkbenchPrint.For(http.HttpContext, $"/workbench/patrols/{patrolId:D}");
}
