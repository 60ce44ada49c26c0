using Sanxiang.Core.Calendar;
using static Sanxiang.Core.Tests.Calendar.Dates;

namespace Sanxiang.Core.Tests.Calendar;

public sealed class ParseYearsTests
{
    private const string Valid2027 =
        """
        {"years": {"2027": {"sources": ["https://www.gov.cn/x"],
          "off": [{"date": "2026-12-31", "name": "元旦"}, {"date": "2027-01-01", "name": "元旦"}],
          "work": [{"date": "2027-01-03", "name": "元旦"}]}}}
        """;

    [Fact]
    public void Parses_a_year_with_a_neighbouring_year_entry()
    {
        var year = Assert.Single(WorkdayCalendar.ParseYears(Valid2027));
        Assert.Equal(2027, year.Year);
        Assert.Equal(["https://www.gov.cn/x"], year.Sources);
        Assert.Equal([new CalendarDay(D("2026-12-31"), "元旦"), new CalendarDay(D("2027-01-01"), "元旦")], year.Off);
        Assert.Equal([new CalendarDay(D("2027-01-03"), "元旦")], year.Work);

        var calendar = WorkdayCalendar.Official.WithYears([year]);
        Assert.Equal("2026-12-31 是元旦法定假日", calendar.Classify(D("2026-12-31")).Reason);
        Assert.Equal(D("2027-01-03"), calendar.AddWorkdays(D("2026-12-30"), 1));
    }

    [Fact]
    public void Parses_the_shipped_file_into_the_official_years()
    {
        using var stream = typeof(WorkdayCalendar).Assembly.GetManifestResourceStream("Sanxiang.Core.Calendar.cn-holiday-calendar.json");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        var years = WorkdayCalendar.ParseYears(reader.ReadToEnd());
        Assert.Equal(WorkdayCalendar.Official.Years.Select(y => y.Year), years.Select(y => y.Year));
        Assert.Equal(33, years.Single(y => y.Year == 2026).Off.Count);
    }

    [Fact]
    public void Years_come_back_sorted()
    {
        var json = """{"years": {"2028": {"sources": ["a"], "off": [], "work": []}, "2027": {"sources": ["b"], "off": [], "work": []}}}""";
        Assert.Equal([2027, 2028], WorkdayCalendar.ParseYears(json).Select(y => y.Year));
    }

    [Theory]
    [InlineData("not json", "不是有效的 JSON")]
    [InlineData("[]", "\"years\"")]
    [InlineData("""{"years": []}""", "\"years\"")]
    [InlineData("""{"years": {"27": {"sources": ["a"], "off": [], "work": []}}}""", "年份键 \"27\" 不是四位数字的年份")]
    [InlineData("""{"years": {"二〇二七": {"sources": ["a"], "off": [], "work": []}}}""", "年份键 \"二〇二七\"")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": [], "work": []}, "2027": {"sources": ["a"], "off": [], "work": []}}}""", "年份 2027 出现了两次")]
    [InlineData("""{"years": {"2027": {"off": [], "work": []}}}""", "2027 年缺少 sources")]
    [InlineData("""{"years": {"2027": {"sources": [], "off": [], "work": []}}}""", "2027 年缺少 sources")]
    [InlineData("""{"years": {"2027": {"sources": [""], "off": [], "work": []}}}""", "2027 年 sources 第 1 项")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "work": []}}}""", "2027 年缺少 off（放假）列表")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": []}}}""", "2027 年缺少 work")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": [{"date": "2027-02-30", "name": "春节"}], "work": []}}}""", "2027 年 off（放假）列表第 1 项的日期 \"2027-02-30\" 不是有效日期")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": [{"date": "2027/10/01", "name": "国庆节"}], "work": []}}}""", "\"2027/10/01\" 不是有效日期")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": [{"date": "2027-10-01"}], "work": []}}}""", "2027-10-01）没有写节日名称")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": ["2027-10-01"], "work": []}}}""", "2027 年 off（放假）列表第 1 项必须是")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": [{"date": "2025-10-01", "name": "国庆节"}], "work": []}}}""", "2027 年 off（放假）列表第 1 项的 2025-10-01（国庆节）既不在 2027 年，也不在相邻年份")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": [], "work": [{"date": "2027-02-03", "name": "春节"}]}}}""", "2027 年 work（调休上班）列表第 1 项的 2027-02-03（春节）是星期三；调休上班日只能是星期六或星期日")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": [{"date": "2027-02-06", "name": "春节"}], "work": [{"date": "2027-02-06", "name": "春节"}]}}}""", "2027 年的 2027-02-06 同时列在 off（放假，春节）和 work（调休上班，春节）中")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": [{"date": "2027-10-01", "name": "国庆节"}, {"date": "2027-10-01", "name": "国庆节"}], "work": []}}}""", "第 2 项：2027-10-01 在该列表中重复出现")]
    [InlineData("""{"years": {"2027": {"sources": ["a"], "off": [{"date": "2026-12-27", "name": "元旦"}], "work": []}, "2026": {"sources": ["b"], "off": [], "work": [{"date": "2026-12-27", "name": "元旦"}]}}}""", "2026-12-27 既列为 2027 年的放假日（元旦），又列为 2026 年的调休上班日（元旦）")]
    public void Bad_input_is_a_FormatException_naming_the_entry(string json, string expectedInMessage)
    {
        var e = Assert.Throws<FormatException>(() => WorkdayCalendar.ParseYears(json));
        Assert.Contains(expectedInMessage, e.Message, StringComparison.Ordinal);
    }
}
