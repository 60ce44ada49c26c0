using Sanxiang.Core.Tabular;
using Sanxiang.Core.Validation;

namespace Sanxiang.Core.Tests.Tabular;

/// <summary>Every parser, good values and bad ones, with the exact Chinese reason a clerk reads.</summary>
public sealed class CellParsersTests
{
    private static string? Error<T>(CellParser<T> parser, string text, CellKind kind = CellKind.Text) =>
        parser.Parse(new TabularCell(text, kind)).Error;

    [Theory]
    [InlineData("FJ-0001", "FJ-0001")]
    [InlineData("闽执法", "闽执法")]
    public void Text_accepts_and_round_trips(string input, string expected)
    {
        var parser = CellParsers.Text(10);
        Assert.Equal(expected, parser.Parse(input).Value);
        Assert.Equal(expected, parser.Format(parser.Parse(input).Value));
    }

    [Theory]
    [InlineData("ABCDEFGHIJK", "长度为 11 个字符，超过上限 10 个字符。")]
    [InlineData("AB#1", "第 3 个字符“#”不允许：只能使用大写英文字母、数字和“-”。")]
    [InlineData("AB 1", "第 3 个字符（空格）不允许：只能使用大写英文字母、数字和“-”。")]
    [InlineData("ab-1", "第 1 个字符“a”不允许：只能使用大写英文字母、数字和“-”。")]
    [InlineData("闽01", "第 1 个字符“闽”不允许：只能使用大写英文字母、数字和“-”。")]
    [InlineData("A\tB", "第 2 个字符（U+0009，不可见字符）是控制字符，不允许。")]
    [InlineData("A\nB", "第 2 个字符是换行符；该列不能换行。")]
    public void Text_refuses_with_the_position_and_the_rule(string input, string expected)
    {
        Assert.Equal(expected, Error(CellParsers.Text(10, AllowedCharacters.UpperCaseLettersAndDigits("-")), input));
    }

    [Fact]
    public void Text_counts_characters_not_utf16_units()
    {
        // U+20000 (𠀀, CJK Extension B) is two UTF-16 units but one character, as PostgreSQL counts it.
        Assert.True(CellParsers.Text(3).Parse("𠀀𠀀𠀀").IsSuccess);
        Assert.Equal("长度为 4 个字符，超过上限 3 个字符。", Error(CellParsers.Text(3), "𠀀𠀀𠀀𠀀"));
        Assert.True(CellParsers.Text(5, AllowedCharacters.ChineseLettersAndDigits()).Parse("𠀀张A1").IsSuccess);
    }

    [Fact]
    public void Multiline_text_keeps_line_breaks_as_lf()
    {
        var parser = CellParsers.Text(20, multiline: true);
        Assert.Equal("第一行\n第二行\n第三行", parser.Parse("第一行\r\n第二行\r第三行").Value);
        Assert.Equal("第 2 个字符（U+0007，不可见字符）是控制字符，不允许。", Error(parser, "a\u0007"));
    }

    [Fact]
    public void Text_refuses_a_long_number_that_excel_has_already_rounded()
    {
        Assert.Equal("该单元格是数字格式，超过 15 位的数字已被 Excel 改动（如身份证号、证件编号后几位变成 0）；请把该列设置为“文本”格式后重新输入。",
            Error(CellParsers.Text(30), "3.50100202400012E+17", CellKind.Number));
        Assert.Equal("350100", CellParsers.Text(30).Parse(new TabularCell("350100", CellKind.Number)).Value);
    }

    [Fact]
    public void Where_adds_a_domain_check_such_as_the_credit_code()
    {
        var parser = CellParsers.Text(18).Where(code => UnifiedSocialCreditCode.Validate(code).Reason, "须符合 GB 32100-2015");
        Assert.True(parser.Parse("91350100M000100Y43").IsSuccess);
        Assert.StartsWith("第 18 位校验码“4”错误", Error(parser, "91350100M000100Y44"), StringComparison.Ordinal);
        Assert.Equal("文本，最多 18 个字符；须符合 GB 32100-2015", parser.FormatDescription);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("+7", 7)]
    [InlineData("１２", 12)]
    public void Whole_number_accepts(string input, int expected) => Assert.Equal(expected, CellParsers.WholeNumber(0, 100).Parse(input).Value);

    [Theory]
    [InlineData("abc", "“abc”不是整数。")]
    [InlineData("1.5", "“1.5”不是整数。")]
    [InlineData("1,000", "“1,000”不是整数。")]
    [InlineData("101", "101 超出范围：应在 0 到 100 之间。")]
    [InlineData("-1", "-1 超出范围：应在 0 到 100 之间。")]
    [InlineData("99999999999999999999", "“99999999999999999999”不是整数。")]
    public void Whole_number_refuses(string input, string expected) => Assert.Equal(expected, Error(CellParsers.WholeNumber(0, 100), input));

    [Theory]
    [InlineData("1200", 120000)]
    [InlineData("1200.5", 120050)]
    [InlineData("1200.50", 120050)]
    [InlineData("0.01", 1)]
    [InlineData("1,200.50", 120050)]
    [InlineData("¥1,200.50", 120050)]
    [InlineData("￥ 30", 3000)]
    [InlineData("30元", 3000)]
    [InlineData("１２００．５", 120050)]
    [InlineData("5.100", 510)]
    [InlineData("0", 0)]
    public void Amount_is_read_in_yuan_and_kept_in_fen(string input, long fen)
    {
        var parser = CellParsers.AmountInFen();
        Assert.Equal(fen, parser.Parse(input).Value);
        Assert.Equal(fen, parser.Parse(parser.Format(fen)).Value);
    }

    [Theory]
    [InlineData("1.234", "“1.234”的小数超过两位：金额以元为单位，最多精确到分。")]
    [InlineData("-5", "金额不能为负数。")]
    [InlineData("五百", "“五百”不是金额：应为以元为单位的数字，最多两位小数，例如 1200.50。")]
    [InlineData("12,00", "“12,00”不是金额：应为以元为单位的数字，最多两位小数，例如 1200.50。")]
    [InlineData("1e5", "“1e5”不是金额：应为以元为单位的数字，最多两位小数，例如 1200.50。")]
    [InlineData("200000.01", "金额 200000.01 超过上限 200000.00 元。")]
    public void Amount_refuses(string input, string expected) => Assert.Equal(expected, Error(CellParsers.AmountInFen(maxFen: 20_000_000), input));

    [Fact]
    public void Amount_formats_with_two_decimals() => Assert.Equal("1200.05", CellParsers.AmountInFen().Format(120005));

    [Theory]
    [InlineData("2025-03-01")]
    [InlineData("2025/3/1")]
    [InlineData("2025/03/01")]
    [InlineData("2025-3-1")]
    [InlineData("2025.3.1")]
    [InlineData("2025年3月1日")]
    [InlineData("２０２５－０３－０１")]
    [InlineData("45717")] // an Excel serial: a date cell that lost its format
    [InlineData("45717.0")]
    [InlineData("2025-03-01 00:00:00")]
    [InlineData("2025-03-01T00:00")]
    [InlineData("2025 年 3 月 1 日")]
    public void Date_accepts(string input) => Assert.Equal(new DateOnly(2025, 3, 1), CellParsers.Date().Parse(input).Value);

    [Fact]
    public void Date_reads_excel_date_cells_and_serials_around_the_1900_leap_bug()
    {
        var parser = CellParsers.Date();
        Assert.Equal(new DateOnly(2025, 3, 1), parser.Parse(new TabularCell("2025-03-01", CellKind.Date)).Value);
        Assert.Equal(new DateOnly(1900, 1, 1), parser.Parse("1").Value);
        Assert.Equal(new DateOnly(1900, 2, 28), parser.Parse("59").Value);
        Assert.Equal(new DateOnly(1900, 3, 1), parser.Parse("61").Value);
        Assert.Equal(new DateOnly(9999, 12, 31), parser.Parse("2958465").Value);
        Assert.Equal("2025-03-01", parser.Format(new DateOnly(2025, 3, 1)));
    }

    [Theory]
    [InlineData("2025-02-29", "“2025-02-29”不是有效日期：2025 年 2 月没有 29 日。")]
    [InlineData("2025/4/31", "“2025/4/31”不是有效日期：2025 年 4 月没有 31 日。")]
    [InlineData("2025-13-01", "“2025-13-01”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("01/03/2025", "“01/03/2025”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("2025-03/01", "“2025-03/01”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("20250301", "“20250301”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("60", "“60”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")] // Excel's 1900-02-29, which never was
    [InlineData("0", "“0”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("45717.5", "“45717.5”包含时间：只需填写日期，例如 2025-03-01。")]
    [InlineData("2025-03-01 08:30", "“2025-03-01 08:30”包含时间：只需填写日期，例如 2025-03-01。")]
    [InlineData("明天", "“明天”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("1899-12-31", "“1899-12-31”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("2025-03-01x", "“2025-03-01x”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("2025-03-011", "“2025-03-011”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("2025年3月1", "“2025年3月1”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("45717.", "“45717.”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。")]
    [InlineData("2025-03-01T10:00:00", "“2025-03-01T10:00:00”包含时间：只需填写日期，例如 2025-03-01。")]
    public void Date_refuses(string input, string expected) => Assert.Equal(expected, Error(CellParsers.Date(), input));

    [Fact]
    public void Yes_no_accepts_chinese_and_excel_booleans_only()
    {
        var parser = CellParsers.YesNo();
        Assert.True(parser.Parse("是").Value);
        Assert.False(parser.Parse("否").Value);
        Assert.True(parser.Parse(new TabularCell("TRUE", CellKind.Boolean)).Value);
        Assert.False(parser.Parse(new TabularCell("FALSE", CellKind.Boolean)).Value);
        Assert.Equal("“对”无效：只能填写“是”或“否”。", Error(parser, "对"));
        Assert.Equal("“TRUE”无效：只能填写“是”或“否”。", Error(parser, "TRUE"));
        Assert.Equal("是", parser.Format(true));
        Assert.Equal("否", parser.Format(false));
    }

    [Fact]
    public void Choice_by_chinese_name()
    {
        var parser = CellParsers.Choice(("行政机关", 1), ("法律法规授权组织", 2), ("受委托组织", 3));
        Assert.Equal(2, parser.Parse("法律法规授权组织").Value);
        Assert.Equal("受委托组织", parser.Format(3));
        Assert.Equal("“政府”不是可选的值：应为 行政机关、法律法规授权组织、受委托组织 之一。", Error(parser, "政府"));
        Assert.Equal("以下之一：行政机关、法律法规授权组织、受委托组织", parser.FormatDescription);
        Assert.Throws<ArgumentException>(() => CellParsers.Choice(("甲", 1), ("甲", 2)));
    }

    [Fact]
    public void List_splits_on_chinese_separators()
    {
        var parser = CellParsers.List(CellParsers.Text(10));
        Assert.Equal(["市场监管", "食品安全", "消防"], parser.Parse("市场监管、食品安全；消防").Value);
        Assert.Equal(["甲", "乙"], parser.Parse("甲;乙、").Value);
        Assert.Equal("甲、乙", parser.Format(["甲", "乙"]));
    }

    [Theory]
    [InlineData("甲、乙、甲", "第 3 项“甲”与第 1 项重复。")]
    [InlineData("、；", "没有填写任何一项：多项之间用“、”或“；”分隔。")]
    [InlineData("甲、乙、丙、丁", "共 4 项，超过上限 3 项。")]
    [InlineData("甲、过长的一项文本", "第 2 项“过长的一项文本”：长度为 7 个字符，超过上限 5 个字符。")]
    public void List_refuses(string input, string expected) =>
        Assert.Equal(expected, Error(CellParsers.List(CellParsers.Text(5), maxItems: 3), input));

    [Fact]
    public void List_names_the_item_that_fails_its_own_parser() =>
        Assert.Equal("第 2 项“2025-13-01”：“2025-13-01”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。",
            Error(CellParsers.List(CellParsers.Date()), "2025-01-01；2025-13-01"));

    [Fact]
    public void A_custom_parser_round_trips()
    {
        var parser = CellParser<int>.Create(
            text => text.StartsWith('第') && text.EndsWith('条') && int.TryParse(text[1..^1], out var n)
                ? CellResult<int>.Success(n)
                : CellResult<int>.Failure($"“{text}”应写成“第N条”。"),
            n => $"第{n}条",
            "第N条");
        Assert.Equal(12, parser.Parse("第12条").Value);
        Assert.Equal("“12”应写成“第N条”。", parser.Parse("12").Error);
        Assert.Throws<InvalidOperationException>(() => parser.Parse("12").Value);
    }
}
