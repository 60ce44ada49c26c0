using System.Text;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Tabular;
using Sanxiang.Core.Validation;

namespace Sanxiang.Core.Tests.Inspection;

/// <summary>The inspection-target directory's spreadsheet layout: exports import back unchanged, bad rows are named in Chinese.</summary>
public sealed class InspectionLayoutsTests
{
    private const string Header = "统一社会信用代码,名称,地址,所属乡镇（街道）,行业,信用风险分类,标签,隶属机关代码,状态";

    private static string Code(string first17) => first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);

    private static List<InspectionTarget> Sample() =>
    [
        new() { CreditCode = Code("91360736MA35X2N8X"), Name = "安和县好味道餐饮店", Address = "安和县人民路12号", Area = "城关镇", Industry = "餐饮服务", Grade = "A",
            Tags = ["学校周边", "重点监管"], AffiliatedAgency = null, Active = true },
        new() { CreditCode = Code("92360736MA35Y7K4P"), Name = "=HYPERLINK(\"x\")食品店", Address = "-安和县新街3号", Area = "枫林乡", Industry = "食品销售", Grade = "D",
            Tags = [], AffiliatedAgency = "SCJG", Active = false },
        new() { CreditCode = Code("12360736MB7654321"), Name = "安和县某学校食堂, \"东区\"", Address = "安和县学府路1号", Area = "城关镇", Industry = "单位食堂", Grade = "C",
            Tags = ["学校"], AffiliatedAgency = null, Active = true },
    ];

    [Theory]
    [InlineData(TabularFileFormat.Csv)]
    [InlineData(TabularFileFormat.Xlsx)]
    public void An_exported_directory_imports_back_unchanged(TabularFileFormat format)
    {
        var rows = Sample();
        using var file = new MemoryStream();
        InspectionLayouts.Targets.Write(file, format, rows);
        file.Position = 0;
        var result = InspectionLayouts.Targets.Read(file);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(rows.Count, result.Rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (expected, actual) = (rows[i], result.Rows[i].Value);
            Assert.Equal(i + 2, result.Rows[i].RowNumber);
            Assert.Equal(
                (expected.CreditCode, expected.Name, expected.Address, expected.Area, expected.Industry, expected.Grade, expected.AffiliatedAgency, expected.Active),
                (actual.CreditCode, actual.Name, actual.Address, actual.Area, actual.Industry, actual.Grade, actual.AffiliatedAgency, actual.Active));
            Assert.Equal(expected.Tags, actual.Tags);
        }
    }

    [Theory]
    [InlineData(TabularFileFormat.Csv)]
    [InlineData(TabularFileFormat.Xlsx)]
    public void The_template_reads_as_one_valid_row(TabularFileFormat format)
    {
        using var file = new MemoryStream();
        InspectionLayouts.Targets.WriteTemplate(file, format);
        file.Position = 0;
        var result = InspectionLayouts.Targets.Read(file);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var row = Assert.Single(result.Rows).Value;
        Assert.Equal(("B", true), (row.Grade, row.Active));
        Assert.Equal(["学校周边", "重点监管"], row.Tags);
    }

    [Fact]
    public void Grades_tags_and_status_are_read_as_people_write_them_and_exported_canonically()
    {
        var csv = Header + "\r\n" +
                  Code("91360736MA35X2N8X") + ",甲店,甲地址,城关镇,餐饮服务,A类,\"学校周边,重点监管；夜市\",,\r\n" +
                  Code("92360736MA35Y7K4P") + ",乙店,乙地址,城关镇,餐饮服务,较高,学校周边，夜市,,注销\r\n" +
                  Code("12360736MB7654321") + ",丙店,丙地址,城关镇,餐饮服务,高,,,在册\r\n" +
                  Code("91360736MA35X2N9Y") + ",丁店,丁地址,城关镇,餐饮服务,一般,,,\r\n" +
                  Code("91360736MA35X2N7W") + ",戊店,戊地址,城关镇,餐饮服务,低,,,\r\n";
        var result = Read(csv);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(["A", "C", "D", "B", "A"], result.Rows.Select(r => r.Value.Grade));
        Assert.Equal(["学校周边", "重点监管", "夜市"], result.Rows[0].Value.Tags);
        Assert.Equal(["学校周边", "夜市"], result.Rows[1].Value.Tags);
        Assert.Equal([true, false, true, true, true], result.Rows.Select(r => r.Value.Active));

        using var output = new MemoryStream();
        InspectionLayouts.Targets.Write(output, TabularFileFormat.Csv, result.Rows.Select(r => r.Value));
        var exported = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        Assert.Contains(",A,学校周边、重点监管、夜市,,在册\r\n", exported, StringComparison.Ordinal);
        Assert.Contains(",C,学校周边、夜市,,注销\r\n", exported, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_rows_are_named_by_row_and_column_in_Chinese_and_nothing_is_valid()
    {
        var good = Code("91360736MA35X2N8X");
        var badCheck = good[..17] + (good[17] == '0' ? '1' : '0');
        var csv = Header + "\r\n" +
                  good + ",甲店,甲地址,城关镇,餐饮服务,A,,,\r\n" +
                  badCheck + ",乙店,乙地址,城关镇,餐饮服务,B,,,\r\n" +
                  Code("92360736MA35Y7K4P") + ",丙店,丙地址,城关镇,餐饮服务,E,,,\r\n" +
                  good + ",丁店,丁地址,城关镇,餐饮服务,C,,,\r\n" +
                  Code("12360736MB7654321") + ",,戊地址,城关镇,餐饮服务,D,,,\r\n" +
                  Code("91360736MA35X2N9Y") + ",己店,己地址,城关镇,餐饮服务,D,一、二、三、四、五、六、七、八、九、十、十一,scjg,删除\r\n";
        var result = Read(csv);
        Assert.False(result.IsValid);
        var problems = result.Problems.Select(p => p.ToString()).ToList();

        var checkDigit = Assert.Single(result.Problems, p => p.Row == 3);
        Assert.Equal("统一社会信用代码", checkDigit.ColumnHeader);
        Assert.Contains("不是有效的统一社会信用代码", checkDigit.Message, StringComparison.Ordinal);
        Assert.Contains("校验", checkDigit.Message, StringComparison.Ordinal);

        var grade = Assert.Single(result.Problems, p => p.Row == 4);
        Assert.Equal("第 4 行“信用风险分类”：“E”不是信用风险分类：应为 A、B、C、D 之一（也可写 A类，或 低、一般、较高、高）。", grade.ToString());

        var duplicate = Assert.Single(result.Problems, p => p.Row == 5);
        Assert.Equal("统一社会信用代码", duplicate.ColumnHeader);
        Assert.Contains("第 2 行", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("重复", duplicate.Message, StringComparison.Ordinal);

        var name = Assert.Single(result.Problems, p => p.Row == 6);
        Assert.Equal("名称", name.ColumnHeader);
        Assert.StartsWith("第 6 行“名称”：", name.ToString(), StringComparison.Ordinal);

        var last = result.Problems.Where(p => p.Row == 7).ToList();
        Assert.Contains(last, p => p.ColumnHeader == "标签" && p.Message.Contains("超过上限 10 个", StringComparison.Ordinal));
        Assert.Contains(last, p => p.ColumnHeader == "隶属机关代码" && p.Message.Contains("大写英文字母", StringComparison.Ordinal));
        Assert.Contains(last, p => p.ColumnHeader == "状态" && p.Message.Contains("在册、注销", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.DoesNotMatch("[A-Za-z]{6,}", p.Replace("GB", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_long_or_repeated_tag_is_refused()
    {
        var result = Read(Header + "\r\n" + Code("91360736MA35X2N8X") + ",甲店,甲地址,城关镇,餐饮服务,A,学校周边、" + new string('长', 21) + ",,\r\n"
                          + Code("92360736MA35Y7K4P") + ",乙店,乙地址,城关镇,餐饮服务,A,夜市、夜市,,\r\n");
        Assert.Contains(result.Problems, p => p.Row == 2 && p.ColumnHeader == "标签" && p.Message.Contains("超过上限 20 个字符", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Row == 3 && p.ColumnHeader == "标签" && p.Message.Contains("重复", StringComparison.Ordinal));
    }

    [Fact]
    public void The_documented_column_table_is_the_layout()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sanxiang.slnx")))
        {
            directory = directory.Parent;
        }

        var document = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "import-format.md"));
        Assert.Contains("### 检查对象名录", document, StringComparison.Ordinal);
        Assert.Contains(InspectionLayouts.Targets.ToMarkdown().Trim(), document, StringComparison.Ordinal);
    }

    private static ImportResult<InspectionTarget> Read(string csv) =>
        InspectionLayouts.Targets.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
}
