using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Inspection;

/// <summary>
/// 检查对象名录库: a market entity or other unit an agency may inspect at random (PLT-2). Each agency keeps its own
/// directory, identified by the unified social credit code; the grade is the credit-risk class that weights the draw.
/// </summary>
public sealed class InspectionTarget : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }

    /// <summary>统一社会信用代码 (GB 32100-2015), unique in the agency's directory.</summary>
    public required string CreditCode { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }

    /// <summary>所属乡镇（街道）: the area a plan may filter on.</summary>
    public required string Area { get; set; }

    /// <summary>行业 (e.g. 餐饮服务, 食品销售): what a plan filters on.</summary>
    public required string Industry { get; set; }

    /// <summary>信用风险分类 A/B/C/D (<see cref="InspectionGrades"/>).</summary>
    public required string Grade { get; set; }

    /// <summary>Free tags (e.g. 学校周边, 重点监管) a plan may filter on.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>The code of the agency this unit belongs to (e.g. a public institution of that agency), if any.</summary>
    public string? AffiliatedAgency { get; set; }

    /// <summary>False once the entity is deregistered or moved away: it stays for history but is not drawn.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset UpdatedAtUtc { get; set; }
}

/// <summary>
/// A declared conflict of interest (回避) of an inspector with a target, declared before any draw: the draw never sends
/// the inspector there. The pair is published with the draw; the reason stays internal.
/// </summary>
public sealed class InspectorRecusal : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }
    public Guid OfficerId { get; set; }
    public required string CertificateNumber { get; set; }
    public required string CreditCode { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset DeclaredAtUtc { get; set; }
    public Guid? DeclaredBy { get; set; }
}
