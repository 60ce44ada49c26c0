namespace Sanxiang.Core.Calendar;

/// <summary>One entry of a State Council holiday notice: a statutory holiday (off) or an adjusted working day (work, 调休上班).</summary>
/// <param name="Date">The date in China Standard Time.</param>
/// <param name="Name">The holiday it belongs to, as the notice names it (e.g. 春节, 国庆节、中秋节).</param>
public sealed record CalendarDay(DateOnly Date, string Name);

/// <summary>
/// One year's holiday arrangement, as published by the General Office of the State Council.
/// <see cref="Off"/> and <see cref="Work"/> may contain dates of the neighbouring year when the notice does
/// (e.g. the 2019 notice lists 2018-12-30 and 2018-12-31 as 元旦 holidays and 2018-12-29 as a working day).
/// </summary>
/// <param name="Year">The year the notice is for.</param>
/// <param name="Sources">Addresses of the notice(s) on www.gov.cn the entries were taken from.</param>
/// <param name="Off">Statutory holidays, including weekend days inside a holiday period.</param>
/// <param name="Work">Weekend days declared working days (调休上班).</param>
public sealed record CalendarYear(int Year, IReadOnlyList<string> Sources, IReadOnlyList<CalendarDay> Off, IReadOnlyList<CalendarDay> Work);

/// <summary>Whether offices are open on a day.</summary>
public enum DayKind
{
    /// <summary>工作日.</summary>
    Workday,

    /// <summary>休息日 (weekend or statutory holiday).</summary>
    Restday,
}

/// <summary>How a day is classified and why, in words a person reads.</summary>
/// <param name="Date">The date.</param>
/// <param name="Kind">Working day or rest day.</param>
/// <param name="Reason">Chinese, e.g. "2026-02-14 是春节调休上班日（星期六）" or "2026-10-01 是国庆节法定假日".</param>
public sealed record DayInfo(DateOnly Date, DayKind Kind, string Reason);
