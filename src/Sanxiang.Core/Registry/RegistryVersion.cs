namespace Sanxiang.Core.Registry;

/// <summary>
/// One version of one of an agency's public lists (PUB-2, 动态调整). A change never edits what was published: it is made
/// in a draft copy, approved, and takes effect on its date; the list in force on any day is the approved version with
/// the latest effective date not after that day.
/// </summary>
public sealed class RegistryVersion : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }
    public RegistryListKind Kind { get; set; }

    /// <summary>版本号: 1, 2, 3 … per agency and list, given at approval (drafts have none).</summary>
    public int? Number { get; set; }

    public VersionStatus Status { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public ChangeReason Reason { get; set; }
    public required string ReasonText { get; set; }

    /// <summary>The version this draft was copied from (null for the first).</summary>
    public Guid? BasedOnId { get; set; }

    public Guid? CreatedById { get; set; }
    public DateTimeOffset CreatedAtUtc { get; set; }
    public Guid? ApprovedById { get; set; }
    public DateTimeOffset? ApprovedAtUtc { get; set; }

    /// <summary>SHA-256 of the list's canonical JSON at approval: the value recorded in the log.</summary>
    public byte[]? ContentSha256 { get; set; }
}

/// <summary>The lists an agency publishes before enforcement (PUB-1) that are versioned.</summary>
public enum RegistryListKind
{
    /// <summary>执法人员名单</summary>
    Officers,
    /// <summary>执法事项清单（权责清单），with the random-inspection list, the legal-review catalogue, discretion benchmarks and service guides it carries.</summary>
    Items,
}

public enum VersionStatus
{
    Draft,
    Approved,
    Discarded,
}

/// <summary>Why a list changed (PUB-2).</summary>
public enum ChangeReason
{
    Initial,
    LawChanged,
    Restructuring,
    StaffChange,
    Correction,
    Other,
}

public static class RegistryVersionNames
{
    public static string Chinese(this RegistryListKind kind) => kind switch
    {
        RegistryListKind.Officers => "执法人员名单",
        RegistryListKind.Items => "执法事项清单",
    };

    public static string Chinese(this VersionStatus status) => status switch
    {
        VersionStatus.Draft => "草稿",
        VersionStatus.Approved => "已批准",
        VersionStatus.Discarded => "已作废",
    };

    public static string Chinese(this ChangeReason reason) => reason switch
    {
        ChangeReason.Initial => "首次公布",
        ChangeReason.LawChanged => "法律法规立改废",
        ChangeReason.Restructuring => "机构职能调整",
        ChangeReason.StaffChange => "人员变动",
        ChangeReason.Correction => "更正",
        ChangeReason.Other => "其他",
    };

    /// <summary>The URL segment of a list kind (officers, items).</summary>
    public static string Slug(this RegistryListKind kind) => kind switch
    {
        RegistryListKind.Officers => "officers",
        RegistryListKind.Items => "items",
    };

    public static bool TryParseSlug(string? slug, out RegistryListKind kind)
    {
        foreach (var k in Enum.GetValues<RegistryListKind>())
        {
            if (string.Equals(k.Slug(), slug, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
