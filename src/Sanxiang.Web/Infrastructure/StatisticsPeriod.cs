namespace Sanxiang.Web.Infrastructure;

/// <summary>The period of a statistics page or download: by default this year up to today; reversed or over five years refused in Chinese.</summary>
public static class StatisticsPeriod
{
    public static (DateOnly From, DateOnly To, string? Problem) Check(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var f = from ?? new DateOnly(today.Year, 1, 1);
        var t = to ?? today;
        var problem = f > t ? "统计期间的起始日期不能晚于截止日期。"
            : t.DayNumber - f.DayNumber > 366 * 5 ? "统计期间不超过五年。"
            : null;
        return (f, t, problem);
    }
}
