using System.Globalization;

namespace Sanxiang.Core.Calendar;

/// <summary>
/// The working-day calendar has no data for a year, so no working day in it can be computed.
/// The calendar never guesses: the State Council publishes each year's arrangement (usually in November of the
/// year before), and until it is imported every date of that year is unknown.
/// </summary>
public sealed class CalendarYearMissingException : Exception
{
    public CalendarYearMissingException(int year)
        : base(MessageFor(year))
    {
        Year = year;
    }

    public CalendarYearMissingException()
        : base("工作日历缺少所需年份的数据，无法计算工作日。请管理员用 sanxiang workdays import 导入。")
    {
    }

    public CalendarYearMissingException(string message)
        : base(message)
    {
    }

    public CalendarYearMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The year that has no data (0 when the exception was created without one).</summary>
    public int Year { get; }

    private static string MessageFor(int year) => string.Create(
        CultureInfo.InvariantCulture,
        $"工作日历没有 {year} 年的数据：国务院办公厅尚未发布或本系统尚未导入该年放假安排，无法计算工作日。请管理员用 sanxiang workdays import 导入。");
}
