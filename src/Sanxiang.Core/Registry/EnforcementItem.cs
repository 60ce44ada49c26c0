namespace Sanxiang.Core.Registry;

/// <summary>
/// 执法事项: one power an agency holds, as it stands in one version of the agency's item list (权责清单). The item's
/// identity across versions is its <see cref="Code"/>; a row never changes once its version is approved.
/// </summary>
public sealed class EnforcementItem : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }

    /// <summary>The <see cref="RegistryVersion"/> (kind Items) this row belongs to.</summary>
    public Guid VersionId { get; set; }

    public required string Code { get; set; }
    public required string Name { get; set; }
    public Category Category { get; set; }
    public ProcedureKind Procedure { get; set; }
    public List<LegalReference> LegalBasis { get; set; } = [];

    /// <summary>In the random-inspection list (随机抽查事项清单); then <see cref="RandomInspectionPlan"/> says how.</summary>
    public bool RandomInspection { get; set; }
    public RandomInspectionPlan? RandomInspectionPlan { get; set; }

    /// <summary>
    /// In the agency's legal-review catalogue (重大执法决定法制审核目录): without <see cref="LegalReviewCriteria"/> every
    /// decision of the item needs review; with them, only a decision that meets one of them.
    /// </summary>
    public bool LegalReviewRequired { get; set; }

    /// <summary>The catalogue entry's criteria (amounts, penalty kinds), versioned with the item list; null: the whole item.</summary>
    public LegalReviewCriteria? LegalReviewCriteria { get; set; }

    /// <summary>裁量基准: tiers from the lightest to the heaviest.</summary>
    public List<DiscretionTier> Discretion { get; set; } = [];

    public ServiceGuide? ServiceGuide { get; set; }
    public string? Summary { get; set; }
}

/// <summary>A structured reference to the law: 《法》第X条第X款第（X）项, with its text.</summary>
public sealed record LegalReference(string Law, string Article, string? Paragraph, string? Item, string Text, bool Quoted)
{
    public string Citation => $"{Law}{Article}{Paragraph}{Item}";
}

/// <summary>How an item in the random-inspection list is drawn: the share of targets and how often (PLT-2).</summary>
public sealed record RandomInspectionPlan(int RatioPercent, string Frequency, string Targets);

/// <summary>
/// The criteria of an item's entry in the legal-review catalogue (REV-2): a decision of the item needs review when the fine
/// plus confiscation reaches <see cref="FinePerson"/> (a natural person) or <see cref="FineOrganisation"/> (a legal person
/// or other organisation), or when it proposes one of <see cref="PenaltyKinds"/>. Amounts in whole yuan.
/// </summary>
public sealed record LegalReviewCriteria
{
    public long? FinePerson { get; init; }
    public long? FineOrganisation { get; init; }
    public List<PenaltyKind> PenaltyKinds { get; init; } = [];

    /// <summary>No criterion at all (then the item has none: the whole item is in the catalogue).</summary>
    public bool IsEmpty => FinePerson is null && FineOrganisation is null && PenaltyKinds.Count == 0;

    /// <summary>对自然人罚没1万元以上、对法人或者其他组织罚没10万元以上，或者吊销许可证件、责令停产停业的.</summary>
    public string Describe()
    {
        var amounts = new List<string>();
        if (FinePerson is { } p)
        {
            amounts.Add($"对自然人罚没{Yuan(p)}以上");
        }

        if (FineOrganisation is { } o)
        {
            amounts.Add($"对法人或者其他组织罚没{Yuan(o)}以上");
        }

        var text = string.Join("、", amounts);
        if (PenaltyKinds.Count > 0)
        {
            text += (text.Length > 0 ? "，或者" : "") + string.Join("、", PenaltyKinds.Select(k => k.Chinese()));
        }

        return text + "的";
    }

    /// <summary>An amount as a notice writes it: 10000 is 1万元, 5000 is 5,000元, 15000 is 1.5万元.</summary>
    public static string Yuan(long amount) => amount >= 10_000 && amount % 1_000 == 0
        ? (amount / 10_000m).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "万元"
        : amount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "元";
}

/// <summary>One tier of a discretion benchmark: the circumstances and what each kind of penalty may be in them.</summary>
public sealed class DiscretionTier
{
    public required string Tier { get; set; }
    public required string Circumstances { get; set; }
    public List<PenaltyRange> Penalties { get; set; } = [];
}

/// <summary>
/// The allowed range of one kind of penalty in a tier. <see cref="Unit"/> is 元 for amounts (whole yuan), 倍 when the law
/// sets the fine as a multiple of <see cref="MultipleOf"/> (e.g. 货值金额), 日 for durations; null bounds are open.
/// </summary>
public sealed class PenaltyRange
{
    public PenaltyKind Kind { get; set; }
    public long? Minimum { get; set; }
    public long? Maximum { get; set; }
    public string? Unit { get; set; }
    public string? MultipleOf { get; set; }
    public string? Note { get; set; }

    public string Describe()
    {
        var what = Kind.Chinese();
        var of = MultipleOf is null ? "" : MultipleOf;
        var unit = Unit ?? "";
        var range = (Minimum, Maximum) switch
        {
            (null, null) => "",
            ({ } min, null) => $"{of}{min:N0}{unit}以上",
            (null, { } max) => $"{of}{max:N0}{unit}以下",
            ({ } min, { } max) when min == max => $"{of}{min:N0}{unit}",
            ({ } min, { } max) => $"{of}{min:N0}{unit}以上{max:N0}{unit}以下",
        };
        var text = range.Length == 0 ? what : $"{what}（{range}）";
        return Note is null ? text : $"{text}，{Note}";
    }
}

/// <summary>服务指南: how a citizen deals with the item.</summary>
public sealed class ServiceGuide
{
    public required string Where { get; set; }
    public List<string> Materials { get; set; } = [];
    public required string TimeLimit { get; set; }
    public required string Fees { get; set; }
    public required string Complaint { get; set; }
    public string? Remedy { get; set; }
}

/// <summary>执法类别 (DOMAIN.md glossary).</summary>
public enum Category
{
    Penalty,
    Coercion,
    Inspection,
    Levy,
    Licensing,
    Confirmation,
    Other,
}

/// <summary>The procedure an item follows; the case-handling workflow definitions are keyed by it.</summary>
public enum ProcedureKind
{
    SummaryPenalty,
    GeneralPenalty,
    CoerciveMeasure,
    Inspection,
    Licensing,
    Confirmation,
    Other,
}

public static class CategoryNames
{
    public static string Chinese(this Category category) => category switch
    {
        Category.Penalty => "行政处罚",
        Category.Coercion => "行政强制",
        Category.Inspection => "行政检查",
        Category.Levy => "行政征收征用",
        Category.Licensing => "行政许可",
        Category.Confirmation => "行政确认",
        Category.Other => "其他",
    };

    public static string Chinese(this ProcedureKind procedure) => procedure switch
    {
        ProcedureKind.SummaryPenalty => "简易程序",
        ProcedureKind.GeneralPenalty => "一般程序",
        ProcedureKind.CoerciveMeasure => "行政强制措施",
        ProcedureKind.Inspection => "行政检查",
        ProcedureKind.Licensing => "行政许可",
        ProcedureKind.Confirmation => "行政确认",
        ProcedureKind.Other => "其他程序",
    };
}
