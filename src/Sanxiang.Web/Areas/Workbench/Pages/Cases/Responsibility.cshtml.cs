using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Workflow;
using Sanxiang.Data;
using Sanxiang.Data.Cases;

namespace Sanxiang.Web.Areas.Workbench.Pages.Cases;

/// <summary>
/// 责任追溯 (REV-7): for one case, who submitted it for legal review and vouched for the materials, who reviewed it and
/// what they said, who discussed it and who decided, each with the time, the signed document and the log entries that
/// prove it; the refused attempts to decide under the decision. Whoever may see the case may see its trail (the
/// DbContext's scope: one's own agency, supervisors the whole county).
/// </summary>
public sealed class ResponsibilityModel(SanxiangDbContext db, CaseHandling handling) : PageModel
{
    public Case Case { get; private set; } = null!;
    public WorkflowDefinition Procedure { get; private set; } = null!;
    public IReadOnlyList<ResponsibilityLink> Links { get; private set; } = [];

    /// <summary>Each log entry of the case in words, by leaf index (the case page's timeline lines).</summary>
    public IReadOnlyDictionary<long, TimelineLine> Lines { get; private set; } = new Dictionary<long, TimelineLine>();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            Case = await handling.LoadAsync(id, HttpContext.RequestAborted);
        }
        catch (CaseRuleException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        Procedure = Procedures.For(Case.Procedure);
        var timeline = await CaseTimeline.LoadAsync(db, Case, Procedure, OfficerName, HttpContext.RequestAborted);
        Lines = timeline.Lines.ToDictionary(l => l.Index);
        Links = await ResponsibilityTrail.LoadAsync(db, Case, timeline.Entries, HttpContext.RequestAborted);
        return Page();
    }

    private string OfficerName(Guid id) => Case.Officers.FirstOrDefault(o => o.OfficerId == id)?.Name ?? "（其他人员）";

    /// <summary>China time as the page shows it.</summary>
    public static string Time(DateTimeOffset at) => Sanxiang.Core.ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The heading of a link: 第1轮 送审, 审核, 集体讨论, 决定.</summary>
    public static string Heading(ResponsibilityLink link) => link.Round is { } n ? $"第{n}轮{link.Role}" : link.Role;
}
