using System.Globalization;

namespace Sanxiang.Core.Registry;

/// <summary>A problem with one field of one row of a list, in Chinese, for a form, an import report or an API error.</summary>
public sealed record RegistryProblem(string Field, string Message);

/// <summary>
/// What a list row must satisfy before its version can be approved (PUB-1). One place for the rules, used by the forms,
/// the API, the import and the approval alike.
/// </summary>
public static class RegistryRules
{
    public const int MaxCertificateNumberLength = 32;
    public const int MaxItemCodeLength = 40;

    /// <summary>
    /// Certificate numbers follow the issuing province's scheme, so only what is certain is checked: not empty, no
    /// spaces, at most 32 characters of digits, Latin letters, hyphens and CJK characters (some provinces prefix the
    /// province's abbreviation, e.g. 赣).
    /// </summary>
    public static string? CheckCertificateNumber(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return "执法证件编号不能为空。";
        }

        if (number.Length > MaxCertificateNumberLength)
        {
            return $"执法证件编号不超过 {MaxCertificateNumberLength} 个字符（收到 {number.Length} 个）。";
        }

        foreach (var c in number)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || IsCjk(c)))
            {
                return $"执法证件编号含有不允许的字符“{Printable(c)}”：只能由数字、英文字母、连字符和汉字组成，不含空格。";
            }
        }

        return null;
    }

    public static string? CheckItemCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "事项编码不能为空。";
        }

        if (code.Length > MaxItemCodeLength)
        {
            return $"事项编码不超过 {MaxItemCodeLength} 个字符（收到 {code.Length} 个）。";
        }

        foreach (var c in code)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return $"事项编码含有不允许的字符“{Printable(c)}”：只能由数字、英文字母和连字符组成。";
            }
        }

        return null;
    }

    public static IReadOnlyList<RegistryProblem> CheckOfficer(OfficerEntry o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var problems = new List<RegistryProblem>();
        Text(problems, "name", "姓名", o.Name, 32);
        if (o.Gender is not ("男" or "女"))
        {
            problems.Add(new("gender", "性别应为“男”或“女”。"));
        }

        if (CheckCertificateNumber(o.CertificateNumber) is { } bad)
        {
            problems.Add(new("certificateNumber", bad));
        }

        Text(problems, "issuer", "发证机关", o.Issuer, 64);
        if (o.Fields.Count == 0 || o.Fields.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(new("fields", "执法领域不能为空：至少填写一个领域（如 食品安全）。"));
        }

        if (o.ValidTo < o.ValidFrom)
        {
            problems.Add(new("validTo", $"证件有效期截止日 {Iso(o.ValidTo)} 早于起始日 {Iso(o.ValidFrom)}。"));
        }

        if (o.IsReviewer && string.IsNullOrWhiteSpace(o.LegalQualificationNumber))
        {
            problems.Add(new("legalQualificationNumber", "法制审核人员须填写法律职业资格证书编号（《行政处罚法》第五十八条）。"));
        }

        if (o.LegalQualificationNumber is { Length: > 32 })
        {
            problems.Add(new("legalQualificationNumber", "法律职业资格证书编号不超过 32 个字符。"));
        }

        return problems;
    }

    public static IReadOnlyList<RegistryProblem> CheckItem(EnforcementItem i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var problems = new List<RegistryProblem>();
        if (CheckItemCode(i.Code) is { } badCode)
        {
            problems.Add(new("code", badCode));
        }

        Text(problems, "name", "事项名称", i.Name, 200);
        if (i.LegalBasis.Count == 0)
        {
            problems.Add(new("legalBasis", "执法事项必须有实施依据：至少填写一条法律依据（法律名称、条款和条文内容）。"));
        }

        for (var k = 0; k < i.LegalBasis.Count; k++)
        {
            var l = i.LegalBasis[k];
            if (string.IsNullOrWhiteSpace(l.Law) || string.IsNullOrWhiteSpace(l.Article))
            {
                problems.Add(new("legalBasis", $"第 {k + 1} 条依据缺少法律名称或条款号。"));
            }

            if (string.IsNullOrWhiteSpace(l.Text))
            {
                problems.Add(new("legalBasis", $"第 {k + 1} 条依据（{l.Citation}）缺少条文内容。"));
            }
        }

        if (!ProcedureFits(i.Category, i.Procedure))
        {
            problems.Add(new("procedure", $"{i.Category.Chinese()}事项不能适用{i.Procedure.Chinese()}。"));
        }

        if (i.RandomInspection != (i.RandomInspectionPlan is not null))
        {
            problems.Add(new("randomInspection", i.RandomInspection
                ? "列入随机抽查事项清单的事项须填写抽查比例、频次和抽查对象。"
                : "未列入随机抽查事项清单的事项不应填写抽查比例和频次。"));
        }

        if (i.RandomInspectionPlan is { } plan)
        {
            if (plan.RatioPercent is < 1 or > 100)
            {
                problems.Add(new("randomInspection", $"抽查比例应在 1% 到 100% 之间（收到 {plan.RatioPercent}%）。"));
            }

            if (string.IsNullOrWhiteSpace(plan.Frequency))
            {
                problems.Add(new("randomInspection", "请填写抽查频次（如 每年不少于1次）。"));
            }
        }

        for (var t = 0; t < i.Discretion.Count; t++)
        {
            var tier = i.Discretion[t];
            if (string.IsNullOrWhiteSpace(tier.Tier) || string.IsNullOrWhiteSpace(tier.Circumstances))
            {
                problems.Add(new("discretion", $"裁量基准第 {t + 1} 档缺少档次名称或适用情形。"));
            }

            foreach (var p in tier.Penalties)
            {
                if (p.Minimum < 0 || p.Maximum < 0)
                {
                    problems.Add(new("discretion", $"裁量基准“{tier.Tier}”档的{p.Kind.Chinese()}幅度不能为负数。"));
                }

                if (p.Minimum > p.Maximum)
                {
                    problems.Add(new("discretion", $"裁量基准“{tier.Tier}”档的{p.Kind.Chinese()}下限 {p.Minimum} 大于上限 {p.Maximum}。"));
                }

                if (i.Procedure == ProcedureKind.SummaryPenalty && p.Kind == PenaltyKind.Fine && p.Unit == "元" && p.Maximum > 3000)
                {
                    problems.Add(new("discretion",
                        $"简易程序事项的罚款上限不得超过 3000 元（《行政处罚法》第五十一条），“{tier.Tier}”档为 {p.Maximum} 元。"));
                }
            }
        }

        if (i.LegalReviewCriteria is { } criteria)
        {
            if (!i.LegalReviewRequired)
            {
                problems.Add(new("legalReviewCriteria", "未列入法制审核目录的事项不应填写法制审核标准。"));
            }

            if (criteria.IsEmpty)
            {
                problems.Add(new("legalReviewCriteria", "法制审核标准至少填写一项（罚没金额或处罚种类）；不填写标准的，本事项的全部决定均须法制审核。"));
            }

            if (criteria.FinePerson is < 1 || criteria.FineOrganisation is < 1)
            {
                problems.Add(new("legalReviewCriteria", "法制审核标准的罚没金额应为正整数（元）。"));
            }

            if (criteria.PenaltyKinds.Count != criteria.PenaltyKinds.Distinct().Count())
            {
                problems.Add(new("legalReviewCriteria", "法制审核标准的处罚种类有重复。"));
            }

            if (criteria.PenaltyKinds.Any(k => !Enum.IsDefined(k)))
            {
                problems.Add(new("legalReviewCriteria", "法制审核标准的处罚种类无效。"));
            }
        }

        return problems;
    }

    /// <summary>An agency's profile (PUB-1): credit code by GB 32100, kind and entrusting organ, and the texts the portal shows.</summary>
    public static IReadOnlyList<RegistryProblem> CheckAgency(Agency a, Func<Guid, Agency?> find)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(find);
        var problems = new List<RegistryProblem>();
        if (string.IsNullOrWhiteSpace(a.Code) || a.Code.Length > 16 || !a.Code.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add(new("code", "执法主体代码应为 1 至 16 位英文字母或数字（用于网址，如 SCJG）。"));
        }

        Text(problems, "name", "执法主体名称", a.Name, 100);
        Text(problems, "shortName", "简称", a.ShortName, 50);
        Text(problems, "caseNumberPrefix", "案号前缀", a.CaseNumberPrefix, 20);
        if (Validation.UnifiedSocialCreditCode.Validate(a.Uscc) is { IsValid: false } bad)
        {
            problems.Add(new("uscc", $"统一社会信用代码“{a.Uscc}”无效：{bad.Reason}"));
        }

        if (a.Kind == AgencyKind.EntrustedOrganisation && a.EntrustedById is null)
        {
            problems.Add(new("entrustedBy", "受委托组织须写明委托它的行政机关。"));
        }

        if (a.Kind != AgencyKind.EntrustedOrganisation && a.EntrustedById is not null)
        {
            problems.Add(new("entrustedBy", "只有受委托组织才有委托机关。"));
        }

        if (a.EntrustedById is { } e && (e == a.Id || find(e) is not { Kind: AgencyKind.StatutoryOrgan }))
        {
            problems.Add(new("entrustedBy", "委托机关须是本县另一个行政机关（法定行政机关）。"));
        }

        if (a.ParentId is { } p && (p == a.Id || find(p) is null))
        {
            problems.Add(new("parent", "上级机关须是本县另一个执法主体。"));
        }

        Text(problems, "level", "层级", a.Level, 16);
        Text(problems, "jurisdiction", "管辖范围", a.Jurisdiction, 500);
        Text(problems, "duties", "主要职责", a.Duties, 4000);
        Text(problems, "legalBasis", "设立依据", a.LegalBasis, 4000);
        Text(problems, "address", "办公地址", a.Address, 200);
        if (CheckPhone(a.Phone) is { } phone)
        {
            problems.Add(new("phone", phone));
        }

        Text(problems, "reconsiderationOrgan", "行政复议机关", a.ReconsiderationOrgan, 100);
        Text(problems, "competentCourt", "管辖法院", a.CompetentCourt, 100);
        return problems;
    }

    /// <summary>A landline with area code (0797-6321315) or an 11-digit mobile number.</summary>
    public static string? CheckPhone(string? value)
    {
        var v = value?.Trim() ?? "";
        if (v.Length == 11 && v[0] == '1' && v.All(char.IsAsciiDigit))
        {
            return null;
        }

        var parts = v.Split('-');
        return parts.Length == 2 && parts[0].Length is 3 or 4 && parts[0][0] == '0' && parts[1].Length is >= 7 and <= 8
            && parts.All(p => p.All(char.IsAsciiDigit))
            ? null
            : $"电话号码“{v}”格式不正确：应为区号-号码（如 0797-6321315）或 11 位手机号码。";
    }

    /// <summary>Which procedures an item of a category may follow.</summary>
    public static bool ProcedureFits(Category category, ProcedureKind procedure) => category switch
    {
        Category.Penalty => procedure is ProcedureKind.GeneralPenalty or ProcedureKind.SummaryPenalty,
        Category.Coercion => procedure is ProcedureKind.CoerciveMeasure,
        Category.Inspection => procedure is ProcedureKind.Inspection,
        Category.Licensing => procedure is ProcedureKind.Licensing,
        Category.Confirmation => procedure is ProcedureKind.Confirmation,
        Category.Levy or Category.Other => procedure is ProcedureKind.Other,
    };

    /// <summary>A new version may not take effect before today (China Standard Time): the past is not rewritten.</summary>
    public static string? CheckEffectiveFrom(DateOnly effectiveFrom, DateOnly today) =>
        effectiveFrom < today
            ? $"生效日期 {Iso(effectiveFrom)} 早于今天（{Iso(today)}）：新版本不能追溯生效，请选择今天或以后的日期。"
            : null;

    private static void Text(List<RegistryProblem> problems, string field, string label, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(field, $"{label}不能为空。"));
        }
        else if (value.Length > max)
        {
            problems.Add(new(field, $"{label}不超过 {max} 个字（收到 {value.Length} 个）。"));
        }
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static string Printable(char c) => char.IsWhiteSpace(c) ? "空格" : char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
