using System.Globalization;
using Sanxiang.Core.Calendar;

namespace Sanxiang.Cli.Commands;

/// <summary>
/// <c>sanxiang workdays due --from YYYY-MM-DD --days N</c>: the N-th working day after the date (that day not counted),
/// e.g. the PUB-5 publication deadline; <c>sanxiang workdays is YYYY-MM-DD</c>: whether a date is a working day and why.
/// </summary>
public static class WorkdaysCommand
{
    public const string Usage =
        """
        用法：
          sanxiang workdays due --from <YYYY-MM-DD> --days <N>   起算日之后第 N 个工作日（起算日当天不计入）
          sanxiang workdays is <YYYY-MM-DD>                      该日是工作日还是休息日，以及依据
        """;

    /// <summary>Exit 0 on success, 1 when the calendar lacks a year, 2 on bad usage.</summary>
    /// <param name="args">The arguments after "workdays".</param>
    public static int Run(string[] args, WorkdayCalendar calendar, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        try
        {
            return args.FirstOrDefault() switch
            {
                "due" => Due(args, calendar, stdout, stderr),
                "is" => Is(args, calendar, stdout, stderr),
                null => UsageError(stderr, "缺少子命令（due 或 is）。"),
                var other => UsageError(stderr, $"未知的子命令“{other}”：只支持 due 和 is。"),
            };
        }
        catch (CalendarYearMissingException e)
        {
            stderr.WriteLine(e.Message);
            return 1;
        }
    }

    private static int Due(string[] args, WorkdayCalendar calendar, TextWriter stdout, TextWriter stderr)
    {
        string? from = null;
        string? days = null;
        for (var i = 1; i < args.Length; i++)
        {
            var option = args[i];
            if (option is not ("--from" or "--days"))
            {
                return UsageError(stderr, $"无法识别的参数“{option}”。");
            }

            if (i + 1 >= args.Length)
            {
                return UsageError(stderr, $"{option} 后面缺少取值。");
            }

            if ((option == "--from" ? from : days) is not null)
            {
                return UsageError(stderr, $"{option} 重复出现。");
            }

            i++;
            if (option == "--from")
            {
                from = args[i];
            }
            else
            {
                days = args[i];
            }
        }

        if (from is null || days is null)
        {
            return UsageError(stderr, from is null ? "缺少 --from（起算日期）。" : "缺少 --days（工作日天数）。");
        }

        if (!TryParseDate(from, out var start))
        {
            return UsageError(stderr, $"起算日期“{from}”无效：应为 YYYY-MM-DD 格式的真实日期，例如 2026-09-30。");
        }

        if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return UsageError(stderr, $"工作日天数“{days}”无效：应为正整数（起算日当天不计入），例如 7 或 20。");
        }

        stdout.WriteLine(calendar.AddWorkdays(start, count).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return 0;
    }

    private static int Is(string[] args, WorkdayCalendar calendar, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 2)
        {
            return UsageError(stderr, args.Length < 2 ? "缺少日期。" : "参数过多：只需一个日期。");
        }

        if (!TryParseDate(args[1], out var date))
        {
            return UsageError(stderr, $"日期“{args[1]}”无效：应为 YYYY-MM-DD 格式的真实日期，例如 2026-10-01。");
        }

        var info = calendar.Classify(date);
        var kind = info.Kind == DayKind.Workday ? "workday" : "restday";
        stdout.WriteLine($"{kind} {info.Reason}");
        return 0;
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        stderr.Write(Usage);
        return 2;
    }
}
