using Sanxiang.Core.Tabular;
using Sanxiang.Core.Validation;

namespace Sanxiang.Core.Inspection;

/// <summary>
/// The documented column layout of the inspection-target directory (检查对象名录库, PLT-2; docs/import-format.md): the same
/// layout reads an import, writes an export and a template, so a file exported from the platform imports back unchanged.
/// A row becomes an <see cref="InspectionTarget"/> without its agency, id and time, which the import fills in.
/// </summary>
public static class InspectionLayouts
{
    /// <summary>Separators between tags: 、 ， , ； and ;.</summary>
    public const string TagSeparators = "、，,；;";

    public const int MaxTags = 10;
    public const int MaxTagLength = 20;

    // Declared before the layout: static fields initialise in order.
    /// <summary>A credit-risk grade as a person writes it (A, A类, 低, 信用风险低 …); exported as the letter.</summary>
    public static readonly CellParser<string> GradeParser = new(
        cell => InspectionGrades.Parse(cell.Text) is { } grade
            ? CellResult<string>.Success(grade)
            : CellResult<string>.Failure($"“{cell.Text}”不是信用风险分类：应为 A、B、C、D 之一（也可写 A类，或 低、一般、较高、高）。"),
        grade => grade,
        "以下之一：A、B、C、D（也接受 A类、低、一般、较高、高）",
        XlsxStyle.Text,
        InspectionGrades.All);

    /// <summary>Tags in one cell, separated by 、 ， or ；; each at most 20 characters, at most 10; exported joined by 、.</summary>
    public static readonly CellParser<IReadOnlyList<string>> TagsParser = BuildTagsParser();

    public static readonly TableLayout<InspectionTarget> Targets = BuildTargets();

    private static TableLayout<InspectionTarget> BuildTargets()
    {
        var b = new TableLayoutBuilder<InspectionTarget>("检查对象名录");
        var code = b.Required("统一社会信用代码", "credit_code",
            CellParsers.Text(18).Where(c => UnifiedSocialCreditCode.Validate(c) is { IsValid: false } bad ? $"“{c}”不是有效的统一社会信用代码：{bad.Reason}" : null,
                "18 位，按 GB 32100 校验"),
            t => t.CreditCode, "检查对象的统一社会信用代码，本机关名录内唯一，导入时据此更新已有对象", "91360736MA35X2N8XA");
        var name = b.Required("名称", "name", CellParsers.Text(100), t => t.Name, "营业执照或登记证书上的名称", "安和县好味道餐饮店");
        var address = b.Required("地址", "address", CellParsers.Text(200), t => t.Address, "经营场所或住所", "安和县人民路12号");
        var area = b.Required("所属乡镇（街道）", "area", CellParsers.Text(50), t => t.Area, "经营场所所在的乡镇或街道，抽查计划可按此筛选", "城关镇");
        var industry = b.Required("行业", "industry", CellParsers.Text(50), t => t.Industry, "如 餐饮服务、食品销售，抽查计划可按此筛选", "餐饮服务");
        var grade = b.Required("信用风险分类", "grade", GradeParser, t => t.Grade,
            "A（信用风险低）、B（一般）、C（较高）、D（高）；抽取时风险越高被抽中的机会越大", "B");
        var tags = b.Optional("标签", "tags", TagsParser, t => t.Tags.Count > 0 ? t.Tags : null,
            "如 学校周边、重点监管，多个用顿号分隔；抽查计划可按此筛选", "学校周边、重点监管");
        var affiliated = b.Optional("隶属机关代码", "affiliated_agency", CellParsers.Text(16, AllowedCharacters.UpperCaseLettersAndDigits()), t => t.AffiliatedAgency,
            "对象隶属于某执法主体（如其下属事业单位）时填写该主体的代码，抽查时可回避本机关所属单位", "SCJG");
        var status = b.Optional("状态", "status", CellParsers.Choice(("在册", true), ("注销", false)), t => (bool?)t.Active,
            "在册 或 注销；不填为在册；注销的对象保留在名录中，但不再被抽取", "在册");
        b.Unique(code);
        return b.Build(row =>
        {
            if (!row.TryGet(code, out var c) || !row.TryGet(name, out var n) || !row.TryGet(address, out var a) || !row.TryGet(area, out var ar)
                || !row.TryGet(industry, out var i) || !row.TryGet(grade, out var g))
            {
                return null;
            }

            return new InspectionTarget
            {
                CreditCode = c, Name = n, Address = a, Area = ar, Industry = i, Grade = g, Tags = [.. row.GetOrNull(tags) ?? []],
                AffiliatedAgency = row.GetOrNull(affiliated), Active = row.GetValueOrNull(status) ?? true,
            };
        });
    }

    private static CellParser<IReadOnlyList<string>> BuildTagsParser()
    {
        var item = CellParsers.Text(MaxTagLength);
        var separators = TagSeparators.ToCharArray();
        return new CellParser<IReadOnlyList<string>>(
            cell =>
            {
                var parts = cell.Text.Split(separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 0)
                {
                    return CellResult<IReadOnlyList<string>>.Failure("没有填写任何标签：多个标签之间用“、”“，”或“；”分隔。");
                }

                if (parts.Length > MaxTags)
                {
                    return CellResult<IReadOnlyList<string>>.Failure($"共 {parts.Length} 个标签，超过上限 {MaxTags} 个；请保留最需要的标签。");
                }

                var values = new List<string>(parts.Length);
                for (var k = 0; k < parts.Length; k++)
                {
                    var first = Array.IndexOf(parts, parts[k]);
                    if (first < k)
                    {
                        return CellResult<IReadOnlyList<string>>.Failure($"第 {k + 1} 个标签“{parts[k]}”与第 {first + 1} 个重复，请删去一个。");
                    }

                    var parsed = item.Parse(parts[k]);
                    if (!parsed.IsSuccess)
                    {
                        return CellResult<IReadOnlyList<string>>.Failure($"第 {k + 1} 个标签“{parts[k]}”：{parsed.Error}");
                    }

                    values.Add(parsed.Value);
                }

                return CellResult<IReadOnlyList<string>>.Success(values);
            },
            values => string.Join("、", values),
            $"多个标签之间用“、”“，”或“；”分隔，最多 {MaxTags} 个，每个最多 {MaxTagLength} 个字符");
    }
}
