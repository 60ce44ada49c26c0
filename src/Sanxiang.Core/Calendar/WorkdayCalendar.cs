using System.Collections.ObjectModel;
using System.Globalization;

namespace Sanxiang.Core.Calendar;

/// <summary>
/// The official working-day calendar: which dates offices are open, following the State Council General Office's
/// yearly notices on holiday arrangements, including weekend days declared working days (调休上班).
/// Used for PUB-5 (publish within 7 / 20 working days) and Art. 85 of the Administrative Penalty Law.
/// </summary>
/// <remarks>
/// <para>A date listed as "off" in any loaded year is a rest day; listed as "work" it is a working day; otherwise
/// Monday to Friday are working days and Saturday and Sunday rest days.</para>
/// <para>A date is only classified when its own calendar year is loaded; otherwise <see cref="CalendarYearMissingException"/>
/// is thrown. The calendar never guesses. Entries of a neighbouring year still apply: the 2019 notice lists 2018-12-30 as a
/// holiday, so with 2018 also loaded it counts as a rest day, but with only 2019 loaded <c>Classify(2018-12-30)</c> throws,
/// because the rest of 2018 is unknown and a half-known year must not look known.</para>
/// <para>Instances are immutable and thread-safe. All lookups are array indexing over a precomputed day table.</para>
/// </remarks>
public sealed partial class WorkdayCalendar
{
    private const string ResourceName = "Sanxiang.Core.Calendar.cn-holiday-calendar.json";

    private static readonly string[] WeekdayNames = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    private readonly ReadOnlyCollection<CalendarYear> _years;
    private readonly Dictionary<DateOnly, Entry> _entries = [];
    private readonly int _minYear;
    private readonly int _baseDayNumber;

    // Per year, offset from _minYear: whether loaded, and the last year of the unbroken run of loaded years it belongs to.
    private readonly bool[] _yearKnown;
    private readonly int[] _runEnd;

    // Per day, offset from _baseDayNumber (1 January of _minYear): working day? Days of unloaded years are false.
    private readonly bool[] _isWorkday;

    // _workdaysBefore[i] = number of working days with offset < i; _workdayOffsets[k] = offset of the k-th working day.
    private readonly int[] _workdaysBefore;
    private readonly int[] _workdayOffsets;

    private WorkdayCalendar(IEnumerable<CalendarYear> years)
    {
        var sorted = years.OrderBy(y => y.Year).ToArray();
        var problem = ConsistencyProblem(sorted);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(years));
        }

        _years = sorted.AsReadOnly();

        foreach (var year in sorted)
        {
            foreach (var day in year.Off)
            {
                _entries[day.Date] = new Entry(IsOff: true, day.Name);
            }

            foreach (var day in year.Work)
            {
                _entries[day.Date] = new Entry(IsOff: false, day.Name);
            }
        }

        if (sorted.Length == 0)
        {
            _yearKnown = [];
            _runEnd = [];
            _isWorkday = [];
            _workdaysBefore = [0];
            _workdayOffsets = [];
            return;
        }

        _minYear = sorted[0].Year;
        var maxYear = sorted[^1].Year;
        _baseDayNumber = new DateOnly(_minYear, 1, 1).DayNumber;
        var dayCount = new DateOnly(maxYear, 12, 31).DayNumber - _baseDayNumber + 1;

        _yearKnown = new bool[maxYear - _minYear + 1];
        foreach (var year in sorted)
        {
            _yearKnown[year.Year - _minYear] = true;
        }

        _runEnd = new int[_yearKnown.Length];
        for (var i = _yearKnown.Length - 1; i >= 0; i--)
        {
            _runEnd[i] = i + 1 < _yearKnown.Length && _yearKnown[i + 1] ? _runEnd[i + 1] : _minYear + i;
        }

        _isWorkday = new bool[dayCount];
        _workdaysBefore = new int[dayCount + 1];
        var offsets = new List<int>(dayCount * 3 / 4);
        for (var i = 0; i < dayCount; i++)
        {
            var date = DateOnly.FromDayNumber(_baseDayNumber + i);
            var work = _yearKnown[date.Year - _minYear] && ComputeKind(date) == DayKind.Workday;
            _isWorkday[i] = work;
            _workdaysBefore[i + 1] = _workdaysBefore[i] + (work ? 1 : 0);
            if (work)
            {
                offsets.Add(i);
            }
        }

        _workdayOffsets = [.. offsets];
    }

    /// <summary>The calendar shipped with the system (2019-2026), parsed once from the embedded resource.</summary>
    public static WorkdayCalendar Official => OfficialHolder.Value;

    /// <summary>The loaded years, in ascending order.</summary>
    public IReadOnlyList<CalendarYear> Years => _years;

    /// <summary>A calendar of exactly these years (no others). Throws <see cref="ArgumentException"/> on inconsistent data.</summary>
    public static WorkdayCalendar FromYears(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var list = years.ToList();
        var duplicate = list.GroupBy(y => y.Year).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException(Invariant($"{duplicate.Key} 年的放假安排给出了不止一份。"), nameof(years));
        }

        return new WorkdayCalendar(list);
    }

    /// <summary>A new calendar with these years added; a given year replaces the same year of this calendar.</summary>
    public WorkdayCalendar WithYears(IEnumerable<CalendarYear> years)
    {
        var replacing = FromYears(years).Years;
        var byYear = _years.ToDictionary(y => y.Year);
        foreach (var year in replacing)
        {
            byYear[year.Year] = year;
        }

        return new WorkdayCalendar(byYear.Values);
    }

    /// <summary>Whether <paramref name="date"/> is a working day and why.</summary>
    /// <exception cref="CalendarYearMissingException">The date's year is not loaded.</exception>
    public DayInfo Classify(DateOnly date)
    {
        EnsureKnown(date.Year);
        var text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var weekday = WeekdayNames[(int)date.DayOfWeek];
        if (_entries.TryGetValue(date, out var entry))
        {
            return entry.IsOff
                ? new DayInfo(date, DayKind.Restday, $"{text} 是{entry.Name}法定假日")
                : new DayInfo(date, DayKind.Workday, $"{text} 是{entry.Name}调休上班日（{weekday}）");
        }

        return IsWeekend(date)
            ? new DayInfo(date, DayKind.Restday, $"{text} 是{weekday}，休息日")
            : new DayInfo(date, DayKind.Workday, $"{text} 是{weekday}，工作日");
    }

    /// <summary>Whether offices are open on <paramref name="date"/>.</summary>
    /// <exception cref="CalendarYearMissingException">The date's year is not loaded.</exception>
    public bool IsWorkday(DateOnly date)
    {
        EnsureKnown(date.Year);
        return _isWorkday[date.DayNumber - _baseDayNumber];
    }

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="start"/>, the start day not counted
    /// (PUB-5: a decision made on day D is published by <c>AddWorkdays(D, 7)</c>; Art. 85 working-day periods).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1.</exception>
    /// <exception cref="CalendarYearMissingException">A day that must be walked over lies in a year that is not loaded.</exception>
    public DateOnly AddWorkdays(DateOnly start, int days)
    {
        if (days < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "工作日天数必须至少为 1（起算日当天不计入）。");
        }

        if (start == DateOnly.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "起算日期超出可计算范围。");
        }

        var first = start.AddDays(1);
        EnsureKnown(first.Year);
        var runEnd = _runEnd[first.Year - _minYear];
        var k = (long)_workdaysBefore[first.DayNumber - _baseDayNumber] + days - 1;
        if (k >= _workdayOffsets.Length)
        {
            throw new CalendarYearMissingException(runEnd + 1);
        }

        var result = DateOnly.FromDayNumber(_baseDayNumber + _workdayOffsets[k]);
        if (result.Year > runEnd)
        {
            throw new CalendarYearMissingException(runEnd + 1);
        }

        return result;
    }

    /// <summary>
    /// The end of a period of <paramref name="calendarDays"/> calendar days (Art. 85 of the Administrative Penalty Law):
    /// the first day is not counted, so it is <c>start + calendarDays</c>, and if that day is a rest day the period ends
    /// on the next working day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="calendarDays"/> is less than 1.</exception>
    /// <exception cref="CalendarYearMissingException">The last day, or a day after it up to the next working day, is in a year not loaded.</exception>
    public DateOnly PeriodEnd(DateOnly start, int calendarDays)
    {
        if (calendarDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(calendarDays), calendarDays, "期间天数必须至少为 1（起算日当天不计入）。");
        }

        var end = start.AddDays(calendarDays);
        while (!IsWorkday(end))
        {
            end = end.AddDays(1);
        }

        return end;
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What must hold however the years were made (parsed or built in code): the first problem found, or null.</summary>
    private static string? ConsistencyProblem(CalendarYear[] years)
    {
        var seen = new Dictionary<DateOnly, (bool IsOff, int Year, string Name)>();
        foreach (var year in years)
        {
            if (year.Year is < 1900 or > 9998)
            {
                return Invariant($"年份 {year.Year} 超出可用范围（1900-9998）。");
            }

            if (year.Sources is null || year.Sources.Count == 0 || year.Sources.Any(string.IsNullOrWhiteSpace))
            {
                return Invariant($"{year.Year} 年没有注明来源（国务院办公厅放假安排通知的网址）。");
            }

            foreach (var (list, isOff) in new[] { (year.Off, true), (year.Work, false) })
            {
                foreach (var day in list ?? [])
                {
                    var problem = EntryProblem(year.Year, day, isOff);
                    if (problem is not null)
                    {
                        return problem;
                    }

                    if (seen.TryGetValue(day.Date, out var other) && other.IsOff != isOff)
                    {
                        var (offYear, offName, workYear, workName) = isOff
                            ? (year.Year, day.Name, other.Year, other.Name)
                            : (other.Year, other.Name, year.Year, day.Name);
                        return Invariant($"{Text(day.Date)} 既列为 {offYear} 年的放假日（{offName}），又列为 {workYear} 年的调休上班日（{workName}），自相矛盾。");
                    }

                    seen[day.Date] = (isOff, year.Year, day.Name);
                }
            }
        }

        return null;
    }

    /// <summary>What is wrong with one entry on its own, or null.</summary>
    /// <param name="where">How to name the entry's place, e.g. "2027 年 work（调休上班）列表第 3 项"; defaults to the list.</param>
    private static string? EntryProblem(int year, CalendarDay? day, bool isOff, string? where = null)
    {
        where ??= Invariant($"{year} 年 {ListLabel(isOff)}列表中");
        if (day is null)
        {
            return $"{where}有空项。";
        }

        var entry = $"{where}的 {Text(day.Date)}（{day.Name}）";
        if (string.IsNullOrWhiteSpace(day.Name))
        {
            return $"{where}的 {Text(day.Date)} 没有写节日名称。";
        }

        if (Math.Abs(day.Date.Year - year) > 1)
        {
            return Invariant($"{entry}既不在 {year} 年，也不在相邻年份。");
        }

        if (!isOff && !IsWeekend(day.Date))
        {
            return $"{entry}是{WeekdayNames[(int)day.Date.DayOfWeek]}；调休上班日只能是星期六或星期日，平日本来就是工作日。";
        }

        return null;
    }

    private static string ListLabel(bool isOff) => isOff ? "off（放假）" : "work（调休上班）";

    private DayKind ComputeKind(DateOnly date) =>
        _entries.TryGetValue(date, out var entry)
            ? entry.IsOff ? DayKind.Restday : DayKind.Workday
            : IsWeekend(date) ? DayKind.Restday : DayKind.Workday;

    private void EnsureKnown(int year)
    {
        var i = year - _minYear;
        if ((uint)i >= (uint)_yearKnown.Length || !_yearKnown[i])
        {
            throw new CalendarYearMissingException(year);
        }
    }

    private readonly record struct Entry(bool IsOff, string Name);

    private static class OfficialHolder
    {
        internal static readonly WorkdayCalendar Value = LoadOfficial();

        private static WorkdayCalendar LoadOfficial()
        {
            using var stream = typeof(WorkdayCalendar).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"程序集中缺少内嵌资源 {ResourceName}。");
            using var reader = new StreamReader(stream);
            return FromYears(ParseYears(reader.ReadToEnd()));
        }
    }
}
