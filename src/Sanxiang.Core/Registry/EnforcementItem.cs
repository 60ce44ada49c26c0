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

    /// <summary>In the agency's legal-review catalogue (重大执法决定法制审核目录).</summary>
    public bool LegalReviewRequired { get; set; }

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
