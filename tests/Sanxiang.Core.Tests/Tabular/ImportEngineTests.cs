using Sanxiang.Core.Tabular;

namespace Sanxiang.Core.Tests.Tabular;

/// <summary>The header check, row problems, duplicates and the all-or-nothing result, through CSV (the engine does not care which reader).</summary>
public sealed class ImportEngineTests
{
    private const string Row = "FJ-0001,张三,市场监管、食品安全,有效,2024-01-01,2028-12-31,5000.00,3,是,无";

    private static ImportResult<SampleRow> Csv(params string[] lines) => SampleLayout.ReadCsv(string.Join("\r\n", lines) + "\r\n");

    [Fact]
    public void Columns_may_come_in_any_order_and_optional_ones_may_be_left_out()
    {
        var result = Csv("状态,是否法制审核人员,姓名,有效期自,执法领域,证件编号", "暂停,否,李四,2025/3/1,消防,FJ-0002");
        Assert.True(result.IsValid, SampleLayout.Problems(result));
        Assert.Equal(
            new SampleRow("FJ-0002", "李四", ["消防"], SampleStatus.Suspended, new DateOnly(2025, 3, 1), null, null, null, false, null) with { Fields = result.Rows[0].Value.Fields },
            result.Rows[0].Value);
        Assert.Equal(["消防"], result.Rows[0].Value.Fields);
    }

    [Fact]
    public void Headers_may_be_marked_with_asterisks_or_spaces_or_be_the_stable_keys()
    {
        var result = Csv("*证件编号, 姓 名 ,执法领域＊,STATUS,valid_from,reviewer", "FJ-0002,李四,消防,有效,2025-03-01,否");
        Assert.True(result.IsValid, SampleLayout.Problems(result));
    }

    [Fact]
    public void Missing_unknown_and_duplicated_columns_are_each_named()
    {
        var result = Csv("证件编号,执法领域,状态,有效期自,是否法制审核人员,电话,状态", Row);
        Assert.Equal(
        [
            new ImportProblem(1, "电话", "F 列的表头“电话”不是本表的列；本表的列为：证件编号、姓名、执法领域、状态、有效期自、有效期至、罚款上限、人数、是否法制审核人员、备注。"),
            new ImportProblem(1, "状态", "“状态”列重复出现（C 列和 G 列）；每列只能出现一次。"),
            new ImportProblem(1, "姓名", "缺少必填列；请在第 1 行加上这一列的表头（可以从模板复制）。"),
        ], result.Problems);
        Assert.Equal("第 1 行“姓名”：缺少必填列；请在第 1 行加上这一列的表头（可以从模板复制）。", result.Problems[2].ToString());
        Assert.Equal(0, result.DataRowCount); // rows are not read under a wrong header
    }

    [Fact]
    public void Content_under_an_empty_header_cell_is_reported_once()
    {
        var result = Csv(SampleLayout.HeaderLine + ",,", Row + ",,多余", Row.Replace("0001", "0002", StringComparison.Ordinal) + ",,多余");
        Assert.Equal([new ImportProblem(2, null, "L 列有内容，但第 1 行该列没有表头；请填写表头，或删除该列的内容。")], result.Problems);
    }

    [Fact]
    public void Every_problem_of_every_row_is_listed_with_row_and_column()
    {
        var result = Csv(
            SampleLayout.HeaderLine,
            "FJ-0001,,市场监管,有效,2024-01-01,,,,是,",
            "fj 2,王五,市场监管,过期,2024-02-30,,-1,1001,对,",
            Row,
            "FJ-0004,赵六,市场监管,有效,2025-01-01,2024-12-31,,,否,");

        Assert.Equal(
        [
            new ImportProblem(2, "姓名", "必填，不能为空。"),
            new ImportProblem(3, "证件编号", "第 1 个字符“f”不允许：只能使用大写英文字母、数字和“-”。"),
            new ImportProblem(3, "状态", "“过期”不是可选的值：应为 有效、暂停、注销 之一。"),
            new ImportProblem(3, "有效期自", "“2024-02-30”不是有效日期：2024 年 2 月没有 30 日。"),
            new ImportProblem(3, "罚款上限", "金额不能为负数。"),
            new ImportProblem(3, "人数", "1001 超出范围：应在 0 到 1000 之间。"),
            new ImportProblem(3, "是否法制审核人员", "“对”无效：只能填写“是”或“否”。"),
            new ImportProblem(4, "证件编号", "与第 2 行重复：证件编号“FJ-0001”在文件中只能出现一次。"),
            new ImportProblem(5, "有效期至", "有效期至早于有效期自。"),
        ], result.Problems);
        Assert.False(result.IsValid);
        Assert.Equal(4, result.DataRowCount);
        Assert.Throws<InvalidOperationException>(() => result.Rows);
        Assert.Equal("第 3 行“人数”：1001 超出范围：应在 0 到 1000 之间。", result.Problems[5].ToString());
    }

    [Fact]
    public void The_list_of_problems_is_capped_and_says_how_many_there_were()
    {
        var lines = new List<string> { SampleLayout.HeaderLine };
        for (var i = 0; i < 10; i++)
        {
            lines.Add($"FJ-{i},,市场监管,有效,2024-01-01,,,,是,");
        }

        var result = SampleLayout.ReadCsv(string.Join("\n", lines), new TabularLimits { MaxProblems = 3 });
        Assert.Equal(4, result.Problems.Count);
        Assert.Equal(10, result.TotalProblemCount);
        Assert.Equal(new ImportProblem(null, null, "共发现 10 个问题，以上只列出前 3 个；请先改正这些问题，再重新检查。"), result.Problems[^1]);
    }

    [Fact]
    public void Caller_problems_join_the_list_and_block_the_import()
    {
        var result = Csv(SampleLayout.HeaderLine, Row);
        Assert.True(result.IsValid);
        var checkedAgainstDatabase = result.WithProblems(result.Rows.Select(r => new ImportProblem(r.RowNumber, "证件编号", "该证件编号已登记。")));
        Assert.False(checkedAgainstDatabase.IsValid);
        Assert.Equal("第 2 行“证件编号”：该证件编号已登记。", Assert.Single(checkedAgainstDatabase.Problems).ToString());
        Assert.Same(result, result.WithProblems([]));
    }

    [Fact]
    public void Problem_sentences()
    {
        Assert.Equal("文件是空的。", new ImportProblem(null, null, "文件是空的。").ToString());
        Assert.Equal("“姓名”列：缺少。", new ImportProblem(null, "姓名", "缺少。").ToString());
        Assert.Equal("第 3 行：重复。", new ImportProblem(3, null, "重复。").ToString());
    }

    [Fact]
    public void Composite_keys_and_cross_row_checks()
    {
        var b = new TableLayoutBuilder<ItemRow>("事项");
        var agency = b.Required("单位", "agency", CellParsers.Text(10), r => r.Agency, "单位", "甲局");
        var code = b.Required("编码", "code", CellParsers.Text(10), r => r.Code, "编码", "X1");
        var parent = b.Optional("上级编码", "parent", CellParsers.Text(10), r => r.Parent, "上级事项的编码", "X0");
        b.Unique(agency, code);
        b.CrossRowCheck(rows =>
        {
            var codes = rows.Select(r => r.Value.Code).ToHashSet();
            return rows.Where(r => r.Value.Parent is { } p && !codes.Contains(p))
                .Select(r => new ImportProblem(r.RowNumber, "上级编码", $"上级编码“{r.Value.Parent}”不在本文件中。"));
        });
        var layout = b.Build(row => new ItemRow(row.Get(agency), row.Get(code), row.GetOrNull(parent)));

        var duplicate = layout.Read(new MemoryStream("单位,编码,上级编码\n甲局,X1,\n乙局,X1,\n甲局,X1,\n"u8.ToArray()));
        Assert.Equal([new ImportProblem(4, "单位", "与第 2 行重复：单位“甲局”、编码“X1”的组合在文件中只能出现一次。")], duplicate.Problems);

        var orphan = layout.Read(new MemoryStream("单位,编码,上级编码\n甲局,X1,\n甲局,X2,X1\n甲局,X3,X9\n"u8.ToArray()));
        Assert.Equal([new ImportProblem(4, "上级编码", "上级编码“X9”不在本文件中。")], orphan.Problems);
    }

    private sealed record ItemRow(string Agency, string Code, string? Parent);

    [Fact]
    public void Unique_with_a_comparer()
    {
        var b = new TableLayoutBuilder<string>("编号");
        var code = b.Required("编号", "code", CellParsers.Text(10), r => r, "编号", "A1");
        b.Unique(code, StringComparer.OrdinalIgnoreCase);
        var layout = b.Build(row => row.Get(code));
        Assert.Equal([new ImportProblem(3, "编号", "与第 2 行重复：编号“a1”在文件中只能出现一次。")],
            layout.Read(new MemoryStream("编号\nA1\na1\n"u8.ToArray())).Problems);
    }

    [Fact]
    public void A_layout_refuses_mistakes_when_it_is_built()
    {
        var b = new TableLayoutBuilder<string>("表");
        b.Required("编号", "code", CellParsers.Text(5), r => r, "编号", "A1");
        Assert.Throws<ArgumentException>(() => b.Required("编号", "code2", CellParsers.Text(5), r => r, "重复表头", "A1"));
        Assert.Throws<ArgumentException>(() => b.Required("名称", "code", CellParsers.Text(5), r => r, "重复键", "A1"));
        Assert.Throws<ArgumentException>(() => b.Required("名称", "Name", CellParsers.Text(5), r => r, "键要小写", "A1"));
        Assert.Throws<ArgumentException>(() => b.Required("名 称", "name", CellParsers.Text(5), r => r, "表头不能有空格", "A1"));
        Assert.Throws<ArgumentException>(() => b.Required("日期", "date", CellParsers.Date(), _ => default, "示例要能解析", "2025-02-30"));
        Assert.Throws<ArgumentException>(() => new TableLayoutBuilder<string>("填写说明"));
        Assert.Throws<ArgumentException>(() => new TableLayoutBuilder<string>("a/b"));

        var other = new TableLayoutBuilder<string>("另一个表");
        var foreign = other.Required("编号", "code", CellParsers.Text(5), r => r, "编号", "A1");
        Assert.Throws<ArgumentException>(() => b.Unique(foreign));
    }

    [Fact]
    public void A_row_builder_that_returns_null_without_a_reason_is_a_bug()
    {
        var b = new TableLayoutBuilder<string>("表");
        b.Required("编号", "code", CellParsers.Text(5), r => r, "编号", "A1");
        var layout = b.Build(_ => null);
        Assert.Throws<InvalidOperationException>(() => layout.Read(new MemoryStream("编号\nA1\n"u8.ToArray())));
    }

    [Fact]
    public void Markdown_documents_every_column()
    {
        var markdown = SampleLayout.Layout.ToMarkdown();
        Assert.StartsWith("| 列名 | 必填 | 格式 | 示例 | 说明 |\n|---|---|---|---|---|\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| 有效期自（`valid_from`） | 是 | 日期，格式 yyyy-MM-dd（也接受 yyyy/M/d） | 2024-01-01 | 证件有效期起始日 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 罚款上限（`max_fine`） | 否 | 金额，以元为单位，最多两位小数，不超过 10000000000.00 元 | 5000.00 | 以元为单位 |", markdown, StringComparison.Ordinal);
        Assert.Equal(SampleLayout.Headers.Length + 2, markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
