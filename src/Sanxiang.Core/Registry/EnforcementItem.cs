namespace Sanxiang.Core.Registry;

/// <summary>执法事项: one power an agency holds, as published in its power list (权责清单).</summary>
public sealed class EnforcementItem
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public Category Category { get; set; }
    public ProcedureKind Procedure { get; set; }
    public List<LegalReference> LegalBasis { get; set; } = [];
    public bool RandomInspection { get; set; }
    public bool LegalReviewRequired { get; set; }
    public string? Summary { get; set; }
}

/// <summary>A structured reference to the law: 《法》第X条第X款第（X）项, with its text.</summary>
public sealed record LegalReference(string Law, string Article, string? Paragraph, string? Item, string Text, bool Quoted)
{
    public string Citation => $"{Law}{Article}{Paragraph}{Item}";
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
