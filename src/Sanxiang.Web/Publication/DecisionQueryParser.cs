using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Publication;
using Sanxiang.Data;
using Sanxiang.Data.Publication;

namespace Sanxiang.Web.Publication;

/// <summary>The raw parameters of a public decision search, as the page's form and the API receive them.</summary>
public sealed record DecisionSearchInput(string? Q, string? Agency, string? Category, string? Party, string? Code, string? Number,
    string? From, string? To, string? Page, string? PageSize);

/// <summary>
/// Reads the public search's parameters (PUB-9) for the page and the API alike: agency by its code, category by name,
/// dates as yyyy-MM-dd, page numbers; every problem in Chinese with its field, so the page shows it and the API answers
/// 400 with problem details. Nothing here throws on any input.
/// </summary>
public static class DecisionQueryParser
{
    public static async Task<(DecisionQuery Query, List<(string Field, string Message)> Problems)> ParseAsync(SanxiangDbContext db, DecisionSearchInput input,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<(string Field, string Message)>();
        Guid? agencyId = null;
        if (!string.IsNullOrWhiteSpace(input.Agency))
        {
            var code = input.Agency.Trim();
            agencyId = code.Length > 40 ? null : await db.Agencies.AsNoTracking().Where(a => a.Code == code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
            if (agencyId is null)
            {
                problems.Add(("agency", "没有这个执法主体：请从列表中选择。"));
            }
        }

        PublicationCategory? category = null;
        if (!string.IsNullOrWhiteSpace(input.Category))
        {
            if (input.Category.Length <= 20 && PublicDecisionFilter.ParseCategory(input.Category) is { } c)
            {
                category = c;
            }
            else
            {
                problems.Add(("category", "决定类别只能是 Penalty（行政处罚）、Licensing（行政许可）或 Other（其他）。"));
            }
        }

        var from = Date(input.From, "from", "起始日期", problems);
        var to = Date(input.To, "to", "截止日期", problems);
        var page = Number(input.Page, "page", "页码", 1, problems);
        var pageSize = Number(input.PageSize, "pageSize", "每页条数", DecisionSearch.DefaultPageSize, problems);
        var query = new DecisionQuery(input.Q, agencyId, category, input.Party, input.Code, input.Number, from, to, page, pageSize);
        if (problems.Count == 0)
        {
            problems.AddRange(DecisionSearch.Validate(query));
        }

        return (query, problems);
    }

    private static DateOnly? Date(string? text, string field, string name, List<(string, string)> problems)
    {
        if (PublicDecisionFilter.TryDate(text, out var date))
        {
            return date;
        }

        problems.Add((field, $"{name}格式不正确：应为“年-月-日”，如 2026-03-01。"));
        return null;
    }

    private static int Number(string? text, string field, string name, int fallback, List<(string, string)> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (text.Length <= 6 && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        problems.Add((field, $"{name}应为正整数。"));
        return fallback;
    }
}
