using Sanxiang.Cli.Commands;
using Sanxiang.Core.Calendar;

namespace Sanxiang.Core.Tests.Cli;

public sealed class WorkdaysCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = WorkdaysCommand.Run(args, WorkdayCalendar.Official, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Due_skips_the_national_day_holiday()
    {
        Assert.Equal((0, "2026-10-15" + Environment.NewLine, ""), Run("due", "--from", "2026-09-30", "--days", "7"));
        Assert.Equal((0, "2026-11-03" + Environment.NewLine, ""), Run("due", "--days", "20", "--from", "2026-09-30"));
    }

    [Theory]
    [InlineData("2026-10-01", "restday 2026-10-01 是国庆节法定假日")]
    [InlineData("2026-02-14", "workday 2026-02-14 是春节调休上班日（星期六）")]
    [InlineData("2026-11-28", "restday 2026-11-28 是星期六，休息日")]
    [InlineData("2026-11-27", "workday 2026-11-27 是星期五，工作日")]
    public void Is_prints_kind_and_reason(string date, string expected)
    {
        Assert.Equal((0, expected + Environment.NewLine, ""), Run("is", date));
    }

    [Fact]
    public void Unknown_year_is_exit_code_1_with_the_year_on_stderr()
    {
        var (code, output, error) = Run("is", "2027-01-04");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("工作日历没有 2027 年的数据", error, StringComparison.Ordinal);

        (code, output, error) = Run("due", "--from", "2026-12-28", "--days", "20");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("2027 年", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "缺少子命令")]
    [InlineData(new[] { "when" }, "未知的子命令“when”")]
    [InlineData(new[] { "is" }, "缺少日期")]
    [InlineData(new[] { "is", "2026-10-01", "2026-10-02" }, "参数过多")]
    [InlineData(new[] { "is", "2026-02-30" }, "日期“2026-02-30”无效")]
    [InlineData(new[] { "is", "2026/10/01" }, "日期“2026/10/01”无效")]
    [InlineData(new[] { "due", "--from", "2026-09-30" }, "缺少 --days")]
    [InlineData(new[] { "due", "--days", "7" }, "缺少 --from")]
    [InlineData(new[] { "due", "--from" }, "--from 后面缺少取值")]
    [InlineData(new[] { "due", "--from", "2026-09-30", "--days", "0" }, "工作日天数“0”无效")]
    [InlineData(new[] { "due", "--from", "2026-09-30", "--days", "-7" }, "工作日天数“-7”无效")]
    [InlineData(new[] { "due", "--from", "2026-09-30", "--days", "seven" }, "工作日天数“seven”无效")]
    [InlineData(new[] { "due", "--from", "30.09.2026", "--days", "7" }, "起算日期“30.09.2026”无效")]
    [InlineData(new[] { "due", "--from", "2026-09-30", "--from", "2026-09-29", "--days", "7" }, "--from 重复出现")]
    [InlineData(new[] { "due", "--start", "2026-09-30", "--days", "7" }, "无法识别的参数“--start”")]
    public void Bad_usage_is_exit_code_2(string[] args, string message)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
