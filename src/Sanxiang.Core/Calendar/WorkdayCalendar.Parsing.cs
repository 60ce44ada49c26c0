using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sanxiang.Core.Calendar;

public sealed partial class WorkdayCalendar
{
    /// <summary>
    /// Reads years in the format of <c>cn-holiday-calendar.json</c>:
    /// <c>{"years": {"2026": {"sources": [url...], "off": [{"date": "2026-10-01", "name": "国庆节"}...], "work": [...]}}}</c>.
    /// </summary>
    /// <returns>The years in ascending order.</returns>
    /// <exception cref="FormatException">The text is not in that format or an entry is wrong; the message (Chinese) names the entry.</exception>
    public static IReadOnlyList<CalendarYear> ParseYears(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException(Invariant($"工作日历不是有效的 JSON（第 {e.LineNumber + 1} 行附近）：{e.Message}"), e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("years", out var yearsElement)
                || yearsElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("工作日历 JSON 的顶层必须是对象，并含有 \"years\" 对象（以四位年份为键）。");
            }

            var years = new List<CalendarYear>();
            var seenKeys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in yearsElement.EnumerateObject())
            {
                if (!YearKey().IsMatch(property.Name))
                {
                    throw new FormatException($"年份键 \"{property.Name}\" 不是四位数字的年份。");
                }

                if (!seenKeys.Add(property.Name))
                {
                    throw new FormatException($"年份 {property.Name} 出现了两次。");
                }

                years.Add(ParseYear(int.Parse(property.Name, CultureInfo.InvariantCulture), property.Value));
            }

            years.Sort((a, b) => a.Year.CompareTo(b.Year));
            var problem = ConsistencyProblem([.. years]);
            if (problem is not null)
            {
                throw new FormatException(problem);
            }

            return years.AsReadOnly();
        }
    }

    private static CalendarYear ParseYear(int year, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(Invariant($"{year} 年的值必须是含有 sources、off、work 的对象。"));
        }

        if (!element.TryGetProperty("sources", out var sourcesElement)
            || sourcesElement.ValueKind != JsonValueKind.Array
            || sourcesElement.GetArrayLength() == 0)
        {
            throw new FormatException(Invariant($"{year} 年缺少 sources：必须列出该年国务院办公厅放假安排通知的网址（至少一个）。"));
        }

        var sources = new List<string>();
        var index = 0;
        foreach (var source in sourcesElement.EnumerateArray())
        {
            index++;
            if (source.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(source.GetString()))
            {
                throw new FormatException(Invariant($"{year} 年 sources 第 {index} 项不是非空的网址字符串。"));
            }

            sources.Add(source.GetString()!);
        }

        var off = ParseDays(year, element, "off", isOff: true);
        var work = ParseDays(year, element, "work", isOff: false);

        var offDates = off.ToDictionary(d => d.Date);
        foreach (var day in work)
        {
            if (offDates.TryGetValue(day.Date, out var offDay))
            {
                throw new FormatException(Invariant(
                    $"{year} 年的 {Text(day.Date)} 同时列在 off（放假，{offDay.Name}）和 work（调休上班，{day.Name}）中，自相矛盾。"));
            }
        }

        return new CalendarYear(year, sources.AsReadOnly(), off.AsReadOnly(), work.AsReadOnly());
    }

    private static List<CalendarDay> ParseDays(int year, JsonElement element, string listName, bool isOff)
    {
        var label = ListLabel(isOff);
        if (!element.TryGetProperty(listName, out var listElement) || listElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException(Invariant($"{year} 年缺少 {label}列表（可以为空列表 []）。"));
        }

        var days = new List<CalendarDay>();
        var seen = new HashSet<DateOnly>();
        var index = 0;
        foreach (var item in listElement.EnumerateArray())
        {
            index++;
            var where = Invariant($"{year} 年 {label}列表第 {index} 项");
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("date", out var dateElement)
                || dateElement.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"{where}必须是含有 \"date\" 与 \"name\" 的对象。");
            }

            var text = dateElement.GetString();
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException($"{where}的日期 \"{text}\" 不是有效日期（应为 YYYY-MM-DD，且须真实存在）。");
            }

            if (!item.TryGetProperty("name", out var nameElement)
                || nameElement.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(nameElement.GetString()))
            {
                throw new FormatException($"{where}（{text}）没有写节日名称 \"name\"。");
            }

            var day = new CalendarDay(date, nameElement.GetString()!);
            var problem = EntryProblem(year, day, isOff, where);
            if (problem is not null)
            {
                throw new FormatException(problem);
            }

            if (!seen.Add(date))
            {
                throw new FormatException($"{where}：{text} 在该列表中重复出现。");
            }

            days.Add(day);
        }

        return days;
    }

    [GeneratedRegex("^[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex YearKey();
}
