using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;
using Sanxiang.Web.Workflow;

namespace Sanxiang.Web.Areas.Portal.Pages;

/// <summary>
/// 执法流程图 (PUB-1, PUB-3): every procedure's chart, drawn from the definition case handling enforces, with the same
/// content as a table (the accessible text version) and PNG downloads for printing.
/// </summary>
[ResponseCache(Duration = 600, Location = ResponseCacheLocation.Any)]
public sealed class FlowChartsModel(FlowChartImages images) : PageModel
{
    public IReadOnlyList<Chart> Charts { get; private set; } = [];

    public void OnGet() =>
        Charts = [.. Enum.GetValues<ProcedureKind>().Select(k => new Chart(k.Slug(), Procedures.For(k), images.Layout(k)))];

    public sealed record Chart(string Slug, WorkflowDefinition Definition, FlowChartLayout Layout)
    {
        public bool OnMainLine(Step step) => Layout.Boxes.Single(b => b.Step == step).OnMainLine;
    }
}
