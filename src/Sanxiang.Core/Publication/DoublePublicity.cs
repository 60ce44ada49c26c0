using System.Globalization;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Validation;

namespace Sanxiang.Core.Publication;

/// <summary>The two record sets of the 双公示 layout.</summary>
public enum DoublePublicityKind
{
    /// <summary>行政处罚信息</summary>
    Penalty,

    /// <summary>行政许可信息</summary>
    Licensing,
}

/// <summary>Whether a column of the 双公示 layout must be filled.</summary>
public enum DoublePublicityRequirement
{
    Optional,
    Mandatory,

    /// <summary>Mandatory for 法人及非法人组织 and 个体工商户 (the unified social credit code), optional for 自然人.</summary>
    Organisations,
}

/// <summary>One column of the layout: its Chinese header (the national name), whether it is mandatory, and what fills it.</summary>
public sealed record DoublePublicityColumn(string Header, DoublePublicityRequirement Requirement, string Source);

/// <summary>The deciding agency as the layout names it: 处罚机关 / 许可机关 and 数据来源单位, with the agency's credit code.</summary>
public sealed record DoublePublicityAgency(string Name, string Uscc);

/// <summary>An exported row: the entry's public number and its cells in the order of the layout's columns.</summary>
public sealed record DoublePublicityRow(long Id, IReadOnlyList<string?> Cells);

/// <summary>An entry left out of the export, with every reason in Chinese, so nothing is left out silently.</summary>
public sealed record DoublePublicityRejection(long Id, string Title, string? DocumentNumber, IReadOnlyList<string> Reasons);

/// <summary>The rows that passed the mandatory-field check and the entries that did not.</summary>
public sealed record DoublePublicityExport(DoublePublicityKind Kind, IReadOnlyList<DoublePublicityColumn> Columns,
    IReadOnlyList<DoublePublicityRow> Rows, IReadOnlyList<DoublePublicityRejection> Rejected);

/// <summary>
/// 双公示 (PUB-10): published penalty and licensing decisions in the national field layout of the credit-information
/// platform, one row per entry on the portal, with the mandatory-field check of the national standard. Pure: it maps the
/// published entry only, so nothing that was not published can reach the export. Layout, sources and formats:
/// docs/double-publicity.md.
/// </summary>
public static class DoublePublicity
{
    /// <summary>个体工商户: a unified social credit code of 登记管理部门 9 (市场监管) and 机构类别 2.</summary>
    public const string SoleTraderPrefix = "92";

    /// <summary>有效期至 for a licence without an end: the national layout's convention for 长期.</summary>
    public static readonly DateOnly Indefinitely = new(2099, 12, 31);

    private sealed record Field(DoublePublicityColumn Column, Func<Source, string?> Value);

    private sealed record Source(PublishedDecision D, DoublePublicityAgency Agency, DateOnly Today, string? PartyIdNumber);

    private static readonly Field[] PenaltyFields =
    [
        .. PartyFields(withRepresentativeId: true),
        F("行政处罚决定书文号", DoublePublicityRequirement.Mandatory, "决定书文号", s => s.D.DocumentNumber),
        F("违法行为类型", DoublePublicityRequirement.Mandatory, "案由", s => s.D.Cause),
        F("违法事实", DoublePublicityRequirement.Mandatory, "违法事实（摘要，已脱敏）", s => s.D.Facts),
        F("处罚依据", DoublePublicityRequirement.Mandatory, "处罚依据", s => s.D.Basis),
        F("处罚类别", DoublePublicityRequirement.Mandatory, "处罚种类，以“、”分隔", s => s.D.PenaltyKinds),
        F("处罚内容", DoublePublicityRequirement.Mandatory, "处罚内容（已脱敏）", s => s.D.Result),
        F("罚款金额（万元）", DoublePublicityRequirement.Optional, "罚款金额，元折算为万元", s => Wan(s.D.FineYuan)),
        F("没收违法所得、没收非法财物的金额（万元）", DoublePublicityRequirement.Optional, "没收金额，元折算为万元", s => Wan(s.D.ConfiscationYuan)),
        F("暂扣或吊销证照名称及编号", DoublePublicityRequirement.Optional, "处罚种类含暂扣或吊销许可证件时，决定书记录的证照名称及编号", s => s.D.PenaltyLicence),
        F("处罚决定日期", DoublePublicityRequirement.Mandatory, "决定日期", s => Date(s.D.DecidedOn)),
        F("处罚有效期", DoublePublicityRequirement.Optional, "有期限的处罚（如暂扣许可证件）的最后一日；其他处罚留空", s => s.D.PenaltyEffectiveUntil is { } until ? Date(until) : null),
        F("公示截止期", DoublePublicityRequirement.Optional, "公示期限的最后一日", s => Date(s.D.PublicUntil)),
        F("处罚机关", DoublePublicityRequirement.Mandatory, "执法主体名称", s => s.D.AgencyName),
        F("处罚机关统一社会信用代码", DoublePublicityRequirement.Mandatory, "执法主体的统一社会信用代码", s => s.Agency.Uscc),
        F("数据来源单位", DoublePublicityRequirement.Mandatory, "执法主体名称", s => s.Agency.Name),
        F("数据来源单位统一社会信用代码", DoublePublicityRequirement.Mandatory, "执法主体的统一社会信用代码", s => s.Agency.Uscc),
        F("备注", DoublePublicityRequirement.Optional, "公示编号和案件编号", Remark),
    ];

    private static readonly Field[] LicensingFields =
    [
        .. PartyFields(withRepresentativeId: false),
        F("行政许可决定文书名称", DoublePublicityRequirement.Mandatory, "决定书名称", s => s.D.Title),
        F("行政许可决定文书号", DoublePublicityRequirement.Mandatory, "决定书文号", s => s.D.DocumentNumber),
        F("许可类别", DoublePublicityRequirement.Mandatory, "案件记录的许可类别", s => s.D.LicenceCategory),
        F("许可证书名称", DoublePublicityRequirement.Optional, "案件记录的许可证书名称", s => s.D.LicenceName),
        F("许可编号", DoublePublicityRequirement.Optional, "案件记录的许可编号", s => s.D.LicenceNumber),
        F("许可内容", DoublePublicityRequirement.Mandatory, "决定内容（已脱敏）", s => s.D.Result),
        F("许可决定日期", DoublePublicityRequirement.Mandatory, "决定日期", s => Date(s.D.DecidedOn)),
        F("有效期自", DoublePublicityRequirement.Mandatory, "案件记录的许可有效期自", s => s.D.LicenceValidFrom is { } from ? Date(from) : null),
        F("有效期至", DoublePublicityRequirement.Optional, "案件记录的许可有效期至；长期有效的为 2099-12-31",
            s => s.D.LicenceValidTo is { } to ? Date(to) : s.D.LicenceValidFrom is null ? null : Date(Indefinitely)),
        F("许可机关", DoublePublicityRequirement.Mandatory, "执法主体名称", s => s.D.AgencyName),
        F("许可机关统一社会信用代码", DoublePublicityRequirement.Mandatory, "执法主体的统一社会信用代码", s => s.Agency.Uscc),
        F("当前状态", DoublePublicityRequirement.Mandatory, "1 有效；2 无效（有效期已过）", s => s.D.LicenceValidTo is { } to && to < s.Today ? "2" : "1"),
        F("数据来源单位", DoublePublicityRequirement.Mandatory, "执法主体名称", s => s.Agency.Name),
        F("数据来源单位统一社会信用代码", DoublePublicityRequirement.Mandatory, "执法主体的统一社会信用代码", s => s.Agency.Uscc),
        F("备注", DoublePublicityRequirement.Optional, "公示编号和案件编号", Remark),
    ];

    public static IReadOnlyList<DoublePublicityColumn> PenaltyColumns { get; } = [.. PenaltyFields.Select(f => f.Column)];

    public static IReadOnlyList<DoublePublicityColumn> LicensingColumns { get; } = [.. LicensingFields.Select(f => f.Column)];

    public static IReadOnlyList<DoublePublicityColumn> ColumnsOf(DoublePublicityKind kind) => kind switch
    {
        DoublePublicityKind.Penalty => PenaltyColumns,
        DoublePublicityKind.Licensing => LicensingColumns,
    };

    /// <summary>The publication category a kind exports.</summary>
    public static PublicationCategory CategoryOf(DoublePublicityKind kind) => kind switch
    {
        DoublePublicityKind.Penalty => PublicationCategory.Penalty,
        DoublePublicityKind.Licensing => PublicationCategory.Licensing,
    };

    /// <summary>
    /// 行政相对人类别: 自然人 for a natural person; for an organisation 个体工商户 when its credit code starts with
    /// <see cref="SoleTraderPrefix"/>, otherwise 法人及非法人组织.
    /// </summary>
    public static string PartyCategory(PartyKind kind, string? creditCode) => kind switch
    {
        PartyKind.Person => "自然人",
        PartyKind.Organisation => creditCode is { Length: >= 2 } code && code.StartsWith(SoleTraderPrefix, StringComparison.Ordinal) ? "个体工商户" : "法人及非法人组织",
    };

    /// <summary>An amount in yuan as 万元, up to six decimals, invariant (12345 元 → 1.2345); null stays empty.</summary>
    public static string? Wan(long? yuan) => yuan is { } y ? (y / 10_000m).ToString("0.######", CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// A natural person's ID number as the export may carry it: the first six digits (the issuing area) and twelve
    /// asterisks, never more; empty when there is none. Published entries hold no ID number (PUB-7), so the export's
    /// 证件号码 is empty unless a caller hands one in.
    /// </summary>
    public static string? MaskIdNumber(string? idNumber)
    {
        var id = idNumber?.Trim();
        return id is { Length: >= 6 } && id.AsSpan(0, 6).IndexOfAnyExceptInRange('0', '9') < 0 ? id[..6] + "************" : null;
    }

    /// <summary>One entry's cells in the layout of <paramref name="kind"/>.</summary>
    public static string?[] Cells(DoublePublicityKind kind, PublishedDecision decision, DoublePublicityAgency agency, DateOnly today, string? partyIdNumber = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(agency);
        var source = new Source(decision, agency, today, partyIdNumber);
        return [.. FieldsOf(kind).Select(f => Clean(f.Value(source)))];
    }

    /// <summary>What is wrong with a row by the national standard's mandatory fields, in Chinese; empty when it may be exported.</summary>
    public static IReadOnlyList<string> Check(DoublePublicityKind kind, IReadOnlyList<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var columns = ColumnsOf(kind);
        var reasons = new List<string>();
        var category = cells[Index(columns, "行政相对人类别")];
        var organisation = category is "法人及非法人组织" or "个体工商户";
        for (var i = 0; i < columns.Count; i++)
        {
            var required = columns[i].Requirement switch
            {
                DoublePublicityRequirement.Mandatory => true,
                DoublePublicityRequirement.Organisations => organisation,
                DoublePublicityRequirement.Optional => false,
            };
            if (required && string.IsNullOrWhiteSpace(cells[i]))
            {
                reasons.Add(columns[i].Requirement == DoublePublicityRequirement.Organisations
                    ? $"行政相对人为{category}，必须填写“{columns[i].Header}”。"
                    : $"必填项“{columns[i].Header}”为空。");
            }
        }

        foreach (var header in columns.Select(c => c.Header).Where(h => h.Contains("统一社会信用代码", StringComparison.Ordinal)))
        {
            if (cells[Index(columns, header)] is { Length: > 0 } code && UnifiedSocialCreditCode.Validate(code) is { IsValid: false, Reason: var why })
            {
                reasons.Add($"“{header}”不是有效的统一社会信用代码：{why}");
            }
        }

        return reasons;
    }

    /// <summary>
    /// Maps the entries of one kind and checks each: rows that pass, and the entries that do not with their reasons.
    /// <paramref name="agencyOf"/> gives the deciding agency (null for an unknown one, which rejects the entry).
    /// </summary>
    public static DoublePublicityExport Export(DoublePublicityKind kind, IEnumerable<PublishedDecision> decisions,
        Func<Guid, DoublePublicityAgency?> agencyOf, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(agencyOf);
        var rows = new List<DoublePublicityRow>();
        var rejected = new List<DoublePublicityRejection>();
        foreach (var d in decisions)
        {
            if (d.Category != CategoryOf(kind) || !d.HasContent)
            {
                continue;
            }

            var agency = agencyOf(d.AgencyId);
            if (agency is null)
            {
                rejected.Add(new DoublePublicityRejection(d.Id, d.Title, d.DocumentNumber, ["找不到作出决定的执法主体。"]));
                continue;
            }

            var cells = Cells(kind, d, agency, today);
            var reasons = Check(kind, cells);
            if (reasons.Count > 0)
            {
                rejected.Add(new DoublePublicityRejection(d.Id, d.Title, d.DocumentNumber, reasons));
            }
            else
            {
                rows.Add(new DoublePublicityRow(d.Id, cells));
            }
        }

        return new DoublePublicityExport(kind, ColumnsOf(kind), rows, rejected);
    }

    private static Field[] FieldsOf(DoublePublicityKind kind) => kind switch
    {
        DoublePublicityKind.Penalty => PenaltyFields,
        DoublePublicityKind.Licensing => LicensingFields,
    };

    private static IEnumerable<Field> PartyFields(bool withRepresentativeId)
    {
        yield return F("行政相对人名称", DoublePublicityRequirement.Mandatory, "公示的当事人名称（自然人按本机关公示规定隐去部分姓名）", s => s.D.PartyName);
        yield return F("行政相对人类别", DoublePublicityRequirement.Mandatory, "当事人类型和统一社会信用代码", s => PartyCategory(s.D.PartyKind, s.D.CreditCode));
        yield return F("行政相对人代码_1(统一社会信用代码)", DoublePublicityRequirement.Organisations, "当事人的统一社会信用代码",
            s => s.D.PartyKind == PartyKind.Organisation ? s.D.CreditCode : null);
        yield return F("行政相对人代码_2(工商注册号)", DoublePublicityRequirement.Optional, "不填（已由统一社会信用代码取代）", _ => null);
        yield return F("行政相对人代码_3(组织机构代码)", DoublePublicityRequirement.Optional, "不填（已由统一社会信用代码取代）", _ => null);
        yield return F("行政相对人代码_4(税务登记号)", DoublePublicityRequirement.Optional, "不填（已由统一社会信用代码取代）", _ => null);
        yield return F("行政相对人代码_5(事业单位证书号)", DoublePublicityRequirement.Optional, "不填（已由统一社会信用代码取代）", _ => null);
        yield return F("行政相对人代码_6(社会组织登记证号)", DoublePublicityRequirement.Optional, "不填（已由统一社会信用代码取代）", _ => null);
        yield return F("法定代表人", DoublePublicityRequirement.Optional, "公示的法定代表人（负责人）", s => s.D.PartyKind == PartyKind.Organisation ? s.D.Representative : null);
        if (withRepresentativeId)
        {
            yield return F("法定代表人证件类型", DoublePublicityRequirement.Optional, "不导出（法定代表人证件号码不公示）", _ => null);
            yield return F("法定代表人证件号码", DoublePublicityRequirement.Optional, "不导出（法定代表人证件号码不公示）", _ => null);
        }

        yield return F("证件类型", DoublePublicityRequirement.Optional, "自然人为“身份证”", s => s.D.PartyKind == PartyKind.Person ? "身份证" : null);
        yield return F("证件号码", DoublePublicityRequirement.Optional, "自然人：仅前 6 位加 12 个星号，公示信息不含身份证号码，故通常为空",
            s => s.D.PartyKind == PartyKind.Person ? MaskIdNumber(s.PartyIdNumber) : null);
    }

    private static string Remark(Source s) => $"公示编号 {s.D.Id.ToString(CultureInfo.InvariantCulture)}；案件编号 {s.D.CaseNumber}";

    private static Field F(string header, DoublePublicityRequirement requirement, string source, Func<Source, string?> value) =>
        new(new DoublePublicityColumn(header, requirement, source), value);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int Index(IReadOnlyList<DoublePublicityColumn> columns, string header)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Header == header)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The layout has no column {header}.");
    }
}
