using Sanxiang.Core.Tabular;

namespace Sanxiang.Core.Tests.Tabular;

public enum SampleStatus
{
    Valid,
    Suspended,
    Revoked,
}

/// <summary>A row shaped like an officer's, but the engine knows nothing of officers: every kind of parser is here.</summary>
public sealed record SampleRow(
    string Number,
    string Name,
    IReadOnlyList<string> Fields,
    SampleStatus Status,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    long? MaxFineFen,
    int? Count,
    bool Reviewer,
    string? Note);

internal static class SampleLayout
{
    public static readonly string[] Headers = ["证件编号", "姓名", "执法领域", "状态", "有效期自", "有效期至", "罚款上限", "人数", "是否法制审核人员", "备注"];

    public static TableLayout<SampleRow> Layout { get; } = Build();

    public static SampleRow Example { get; } = new("FJ-0001", "张三", ["市场监管", "食品安全"], SampleStatus.Valid, new DateOnly(2024, 1, 1),
        new DateOnly(2028, 12, 31), 500_000, 3, true, "第一行\n第二行");

    public static string HeaderLine => string.Join(",", Headers);

    private static TableLayout<SampleRow> Build()
    {
        var b = new TableLayoutBuilder<SampleRow>("执法人员");
        var number = b.Required("证件编号", "certificate_number", CellParsers.Text(20, AllowedCharacters.UpperCaseLettersAndDigits("-")),
            r => r.Number, "执法证件上的编号", "FJ-0001");
        var name = b.Required("姓名", "name", CellParsers.Text(20), r => r.Name, "执法人员姓名", "张三");
        var fields = b.Required("执法领域", "fields", CellParsers.List(CellParsers.Text(10)), r => r.Fields, "可执法的领域", "市场监管、食品安全");
        var status = b.Required("状态", "status",
            CellParsers.Choice(("有效", SampleStatus.Valid), ("暂停", SampleStatus.Suspended), ("注销", SampleStatus.Revoked)),
            r => r.Status, "证件状态", "有效");
        var from = b.Required("有效期自", "valid_from", CellParsers.Date(), r => r.ValidFrom, "证件有效期起始日", "2024-01-01");
        var to = b.Optional("有效期至", "valid_to", CellParsers.Date(), r => r.ValidTo, "证件有效期截止日，长期有效的不填", "2028-12-31");
        var fine = b.Optional("罚款上限", "max_fine", CellParsers.AmountInFen(), r => r.MaxFineFen, "以元为单位", "5000.00");
        var count = b.Optional("人数", "count", CellParsers.WholeNumber(0, 1000), r => r.Count, "一个整数", "3");
        var reviewer = b.Required("是否法制审核人员", "reviewer", CellParsers.YesNo(), r => r.Reviewer, "是否具有法制审核资格", "是");
        var note = b.Optional("备注", "note", CellParsers.Text(200, multiline: true), r => r.Note, "其他说明", "无");
        b.Unique(number);
        return b.Build(row =>
        {
            var validFrom = row.Get(from);
            var validTo = row.GetValueOrNull(to);
            if (validTo < validFrom)
            {
                row.Fail(to, "有效期至早于有效期自。");
                return null;
            }

            return new SampleRow(row.Get(number), row.Get(name), row.Get(fields), row.Get(status), validFrom, validTo,
                row.GetValueOrNull(fine), row.GetValueOrNull(count), row.Get(reviewer), row.GetOrNull(note));
        });
    }

    public static ImportResult<SampleRow> Read(byte[] file, TabularLimits? limits = null) => Layout.Read(new MemoryStream(file), limits);

    public static ImportResult<SampleRow> ReadCsv(string text, TabularLimits? limits = null) =>
        Read(System.Text.Encoding.UTF8.GetBytes(text), limits);

    public static string Problems<T>(ImportResult<T> result) => string.Join("\n", result.Problems);
}
