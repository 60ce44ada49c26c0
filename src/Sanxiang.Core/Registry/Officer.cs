namespace Sanxiang.Core.Registry;

/// <summary>
/// 行政执法人员, the person: the identity that accounts and cases refer to across every version of the officer list,
/// and the internal data that never reaches a public page. What is published about the officer (name, certificate,
/// fields, validity) is in the <see cref="OfficerEntry"/> rows of each version.
/// </summary>
public sealed class Officer : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }

    /// <summary>Internal contact: never on a public page or public API.</summary>
    public string? Mobile { get; set; }
}

/// <summary>
/// An officer and the certificate (执法证件) they hold, as listed in one version of the agency's officer list.
/// A row never changes once its version is approved; a suspension, a renewal or a transfer is a new version.
/// </summary>
public sealed class OfficerEntry : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }

    /// <summary>The <see cref="RegistryVersion"/> (kind Officers) this row belongs to.</summary>
    public Guid VersionId { get; set; }

    /// <summary>The person (<see cref="Officer"/>): the same across versions.</summary>
    public Guid OfficerId { get; set; }

    public required string Name { get; set; }
    public required string Gender { get; set; }
    public string? Position { get; set; }

    /// <summary>Stored as issued; validated only for what is certain (non-empty, unique, allowed characters).</summary>
    public required string CertificateNumber { get; set; }
    public required string Issuer { get; set; }
    public List<string> Fields { get; set; } = [];
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
    public CertificateStatus Status { get; set; }
    public DateOnly? FiledOn { get; set; }

    public bool IsReviewer { get; set; }
    public string? LegalQualificationNumber { get; set; }

    /// <summary>Whether the certificate lets the officer enforce on <paramref name="date"/> (a legal date, China Standard Time).</summary>
    public bool IsCertifiedOn(DateOnly date) =>
        Status == CertificateStatus.Valid && ValidFrom <= date && date <= ValidTo;

    /// <summary>The status a citizen should see for <paramref name="date"/>: a "valid" certificate past its end date is expired.</summary>
    public CertificateStatus EffectiveStatus(DateOnly date) => CertificateStatuses.Effective(Status, ValidTo, date);

    /// <summary>
    /// Whether the officer may be assigned to enforcement work on <paramref name="date"/> in <paramref name="field"/>
    /// (《行政处罚法》第四十二条: only certified officers enforce). Null when they may; otherwise the reason, in Chinese.
    /// The case-handling code relies on this rule living here.
    /// </summary>
    public string? CheckAssignable(DateOnly date, string? field = null)
    {
        var on = date.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture);
        var reason = Status switch
        {
            CertificateStatus.Suspended => $"{Name}的执法证（{CertificateNumber}）已被暂扣，暂扣期间不得从事执法工作。",
            CertificateStatus.Revoked => $"{Name}的执法证（{CertificateNumber}）已注销，不得从事执法工作。",
            CertificateStatus.Expired => $"{Name}的执法证（{CertificateNumber}）已过期，不得承办新的执法工作。",
            CertificateStatus.Valid when date > ValidTo =>
                $"{Name}的执法证（{CertificateNumber}）已于 {ValidTo.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture)}到期，{on}不得承办新的执法工作，请先换证。",
            CertificateStatus.Valid when date < ValidFrom =>
                $"{Name}的执法证（{CertificateNumber}）自 {ValidFrom.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture)}起有效，{on}尚不能执法。",
            CertificateStatus.Valid => null,
        };
        if (reason is null && !string.IsNullOrWhiteSpace(field) && !Fields.Contains(field, StringComparer.Ordinal))
        {
            reason = $"{Name}的执法证载明的执法领域为{string.Join("、", Fields)}，不含“{field}”。";
        }

        return reason;
    }
}

public enum CertificateStatus
{
    Valid,
    Expired,
    Suspended,
    Revoked,
}

public static class CertificateStatuses
{
    /// <summary>A certificate recorded as valid is expired after its end date (and not yet valid before its start: shown as expired is wrong, so it stays as recorded).</summary>
    public static CertificateStatus Effective(CertificateStatus recorded, DateOnly validTo, DateOnly date) =>
        recorded == CertificateStatus.Valid && date > validTo ? CertificateStatus.Expired : recorded;
}

public static class CertificateStatusNames
{
    public static string Chinese(this CertificateStatus status) => status switch
    {
        CertificateStatus.Valid => "有效",
        CertificateStatus.Expired => "已过期",
        CertificateStatus.Suspended => "暂扣",
        CertificateStatus.Revoked => "已注销",
    };
}
