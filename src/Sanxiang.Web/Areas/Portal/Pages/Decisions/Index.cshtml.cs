using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Publication;
using Sanxiang.Web.Publication;

namespace Sanxiang.Web.Areas.Portal.Pages.Decisions;

/// <summary>
/// 执法决定公示 (PUB-9): the public search of published decisions, by agency, category, party name or credit code, case
/// or document number, date range and full text in Chinese; newest first, a page at a time, plain links and a form, no
/// script. A bad parameter is shown in Chinese with status 400; a page past the end says so.
/// </summary>
public sealed class IndexModel(SanxiangDbContext db) : PageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public DecisionSearchInput Input { get; private set; } = null!;
    public DecisionQuery? Query { get; private set; }
    public DecisionPage? Results { get; private set; }
    public List<(string Field, string Message)> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? q, string? agency, string? category, string? party, string? code, string? number,
        string? from, string? to, [FromQuery(Name = "page")] string? pageNumber, CancellationToken ct)
    {
        // "page" is also Razor Pages' route value (the page's path): read the page number from the query string only.
        Input = new DecisionSearchInput(q, agency, category, party, code, number, from, to, pageNumber, null);
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(ct);
        var (query, problems) = await DecisionQueryParser.ParseAsync(db, Input, ct);
        Problems = problems;
        if (problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Query = query;
        try
        {
            Results = await DecisionSearch.RunAsync(db, query, ct);
        }
        catch (DecisionSearchTimeoutException e)
        {
            Problems.Add(("q", e.Message));
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }

        return Page();
    }

    /// <summary>The address of another page of the same search.</summary>
    public string PageUrl(int page)
    {
        var pairs = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                pairs.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }

        Add("q", Input.Q);
        Add("agency", Input.Agency);
        Add("category", Input.Category);
        Add("party", Input.Party);
        Add("code", Input.Code);
        Add("number", Input.Number);
        Add("from", Input.From);
        Add("to", Input.To);
        if (page > 1)
        {
            pairs.Add($"page={page}");
        }

        return "/decisions" + (pairs.Count > 0 ? "?" + string.Join("&", pairs) : "");
    }
}
