using System.Globalization;
using Sanxiang.Core.Registry;

namespace Sanxiang.Web.Registry;

/// <summary>The <c>?date=YYYY-MM-DD</c> of the registry's date-versioned views, parsed in one place.</summary>
public static class RegistryDates
{
    public static bool TryParse(string? text, DateOnly today, out DateOnly date, out string? error)
    {
        error = null;
        date = today;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            error = $"日期“{text}”格式不正确：请写成 YYYY-MM-DD，如 {Format(today)}。";
            date = today;
            return false;
        }

        if (date.Year < 2000 || date.Year > today.Year + 10)
        {
            error = $"日期 {Format(date)} 超出可查询的范围（2000 年至 {today.Year + 10} 年）。";
            date = today;
            return false;
        }

        return true;
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The public list filters (category, search text), the same for pages, downloads and the API.</summary>
public static class RegistryFilters
{
    public static IReadOnlyList<EnforcementItem> Items(IEnumerable<EnforcementItem> items, string? category, string? search)
    {
        var result = items;
        if (!string.IsNullOrWhiteSpace(category) && Enum.TryParse<Category>(category, ignoreCase: true, out var c) && Enum.IsDefined(c))
        {
            result = result.Where(i => i.Category == c);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var terms = search.Split([' ', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            result = result.Where(i => terms.All(t =>
                i.Name.Contains(t, StringComparison.OrdinalIgnoreCase)
                || i.Code.Contains(t, StringComparison.OrdinalIgnoreCase)
                || i.LegalBasis.Any(l => l.Citation.Contains(t, StringComparison.Ordinal) || l.Text.Contains(t, StringComparison.Ordinal))
                || (i.Summary?.Contains(t, StringComparison.Ordinal) ?? false)));
        }

        return [.. result];
    }
}
