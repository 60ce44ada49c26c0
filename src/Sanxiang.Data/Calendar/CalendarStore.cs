using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Calendar;

namespace Sanxiang.Data.Calendar;

/// <summary>
/// The working-day calendar in force: the official years shipped with the platform plus the years an administrator
/// imported (<c>sanxiang workdays import</c>), an imported year replacing a shipped one.
/// </summary>
public static class CalendarStore
{
    public static async Task<WorkdayCalendar> LoadAsync(SanxiangDbContext db, CancellationToken ct = default)
    {
        var imported = await db.CalendarYears.AsNoTracking().OrderBy(y => y.Year).ToListAsync(ct);
        return imported.Count == 0
            ? WorkdayCalendar.Official
            : WorkdayCalendar.Official.WithYears(imported.SelectMany(y => WorkdayCalendar.ParseYears(y.Json)));
    }

    /// <summary>
    /// Imports the years of a calendar file (the format of <c>cn-holiday-calendar.json</c>). Returns the years imported;
    /// throws <see cref="FormatException"/> with a Chinese message when the file is malformed, writing nothing.
    /// </summary>
    public static async Task<IReadOnlyList<int>> ImportAsync(SanxiangDbContext db, string json, string importedBy, DateTimeOffset now, CancellationToken ct = default)
    {
        var years = WorkdayCalendar.ParseYears(json);
        if (years.Count == 0)
        {
            throw new FormatException("日历文件中没有任何年份。");
        }

        foreach (var year in years)
        {
            var single = System.Text.Json.JsonSerializer.Serialize(new
            {
                years = new Dictionary<string, object>
                {
                    [year.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new
                    {
                        sources = year.Sources,
                        off = year.Off.Select(d => new { date = d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), name = d.Name }),
                        work = year.Work.Select(d => new { date = d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), name = d.Name }),
                    },
                },
            });
            var existing = await db.CalendarYears.FindAsync([year.Year], ct);
            if (existing is null)
            {
                db.CalendarYears.Add(new CalendarYearRecord { Year = year.Year, Json = single, ImportedAtUtc = now, ImportedBy = importedBy });
            }
            else
            {
                existing.Json = single;
                existing.ImportedAtUtc = now;
                existing.ImportedBy = importedBy;
            }
        }

        await db.SaveChangesAsync(ct);
        return years.Select(y => y.Year).ToList();
    }
}
