using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Inspection;

/// <summary>
/// 双随机抽查计划 (PLT-2): which random-inspection items, over which targets (filter), how many, when, and how the draw
/// weighs and assigns. Drafted by the agency, approved (which commits it: frozen lists, secret seed, public commitment),
/// then drawn. Its number is 〔year〕sequence of the lead agency, e.g. 安市监抽〔2026〕1号.
/// </summary>
public sealed class InspectionPlan : IAgencyOwned
{
    public Guid Id { get; set; }

    /// <summary>The lead agency (牵头机关); a joint plan (联合抽查) has items of other agencies too.</summary>
    public Guid AgencyId { get; set; }
    public required string Number { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    public required string Title { get; set; }

    public List<PlanItem> Items { get; set; } = [];
    public PlanFilter Filter { get; set; } = new();

    /// <summary>抽查数量 (targets), or null when <see cref="RatioPercent"/> is used.</summary>
    public int? Count { get; set; }

    /// <summary>抽查比例 (1–100 % of the candidates, rounded up), or null when <see cref="Count"/> is used.</summary>
    public int? RatioPercent { get; set; }
    public int InspectorsPerTarget { get; set; } = 2;
    public int WeightA { get; set; } = 1;
    public int WeightB { get; set; } = 2;
    public int WeightC { get; set; } = 3;
    public int WeightD { get; set; } = 4;

    /// <summary>Do not send an inspector who inspected the same target last time.</summary>
    public bool ExcludeLastInspectors { get; set; } = true;

    /// <summary>Do not send an agency's inspectors to a unit affiliated with that agency.</summary>
    public bool ExcludeAffiliatedAgency { get; set; } = true;

    /// <summary>检查期间: inspections take place between these days.</summary>
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }

    /// <summary>The announced draw day: the draw happens on or after it.</summary>
    public DateOnly DrawOn { get; set; }

    public PlanStatus Status { get; set; }
    public DateTimeOffset CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }

    // Commitment (at approval)
    public DateTimeOffset? CommittedAtUtc { get; set; }
    public Guid? CommittedBy { get; set; }

    /// <summary>SHA-256 of the seed, hex: public from approval.</summary>
    public string? Commitment { get; set; }

    /// <summary>SHA-256 of the canonical JSON of the frozen lists, hex: public from approval.</summary>
    public string? ListsSha256 { get; set; }

    /// <summary>The frozen lists (docs/random-draw.md §2), canonical JSON text.</summary>
    public string? FrozenLists { get; set; }
    public long? CommitmentLedgerIndex { get; set; }

    /// <summary>The secret seed: never shown before the draw, published with it.</summary>
    public byte[]? Seed { get; set; }

    // Draw
    public DateTimeOffset? DrawnAtUtc { get; set; }
    public Guid? DrawnBy { get; set; }
    public long? CheckpointSize { get; set; }
    public string? CheckpointNote { get; set; }

    /// <summary>The result (docs/random-draw.md §5 "result"), JSON text.</summary>
    public string? Result { get; set; }

    public IReadOnlyDictionary<string, int> Weights => new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["A"] = WeightA, ["B"] = WeightB, ["C"] = WeightC, ["D"] = WeightD,
    };

    public DrawRules Rules => new(Count, RatioPercent, InspectorsPerTarget, Weights, ExcludeLastInspectors, ExcludeAffiliatedAgency);

    public bool IsJoint => Items.Select(i => i.AgencyCode).Distinct().Count() > 1;
}

/// <summary>A random-inspection item of the plan: an item of the lead agency or, in a joint plan, of another agency.</summary>
public sealed class PlanItem
{
    public required string AgencyCode { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// <summary>Which targets of the directory are candidates: every listed value must match (an empty list matches all).</summary>
public sealed class PlanFilter
{
    public List<string> Industries { get; set; } = [];
    public List<string> Areas { get; set; } = [];

    /// <summary>A target must carry at least one of these tags.</summary>
    public List<string> Tags { get; set; } = [];

    public bool Matches(InspectionTarget t) =>
        t.Active
        && (Industries.Count == 0 || Industries.Contains(t.Industry, StringComparer.Ordinal))
        && (Areas.Count == 0 || Areas.Contains(t.Area, StringComparer.Ordinal))
        && (Tags.Count == 0 || Tags.Any(tag => t.Tags.Contains(tag, StringComparer.Ordinal)));

    public string Describe()
    {
        var parts = new List<string>();
        if (Industries.Count > 0)
        {
            parts.Add("行业：" + string.Join("、", Industries));
        }

        if (Areas.Count > 0)
        {
            parts.Add("区域：" + string.Join("、", Areas));
        }

        if (Tags.Count > 0)
        {
            parts.Add("标签：" + string.Join("、", Tags));
        }

        return parts.Count == 0 ? "名录中全部在册对象" : string.Join("；", parts);
    }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PlanStatus>))]
public enum PlanStatus
{
    /// <summary>草拟: editable, nothing public.</summary>
    Draft,

    /// <summary>已承诺: approved; lists frozen, commitment published, seed secret.</summary>
    Committed,

    /// <summary>已抽取: seed revealed, result published, inspection cases opened.</summary>
    Drawn,
}

/// <summary>
/// One drawn target for one agency: the inspection case that agency opened for it (检查任务). Results are read from the
/// case; the row ties the case to the plan and its draw order.
/// </summary>
public sealed class InspectionTask : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public Guid AgencyId { get; set; }
    public int Order { get; set; }
    public required string CreditCode { get; set; }
    public required string TargetName { get; set; }
    public Guid CaseId { get; set; }
}

public static class PlanStatusNames
{
    public static string Chinese(this PlanStatus status) => status switch
    {
        PlanStatus.Draft => "草拟",
        PlanStatus.Committed => "已公布承诺值，待抽取",
        PlanStatus.Drawn => "已抽取",
    };
}

/// <summary>
/// 联合抽查: a participating agency's confirmation of a joint plan drafted by another agency (its head's consent to send
/// its inspectors and to have its inspection cases opened by the draw). Owned by the participating agency.
/// </summary>
public sealed class PlanParticipant : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public Guid AgencyId { get; set; }
    public DateTimeOffset ConfirmedAtUtc { get; set; }
    public Guid? ConfirmedBy { get; set; }
}
