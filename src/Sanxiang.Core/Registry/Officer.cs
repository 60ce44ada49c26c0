namespace Sanxiang.Core.Registry;

/// <summary>
/// 行政执法人员 with the certificate (执法证件) they hold. Private data (mobile) is internal:
/// public projections live in one place (the data layer's PublicViews) and never include it.
/// </summary>
public sealed class Officer : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }
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

    /// <summary>Internal contact: never on a public page or public API.</summary>
    public string? Mobile { get; set; }

    /// <summary>Whether the certificate lets the officer enforce on <paramref name="date"/> (a legal date, China Standard Time).</summary>
    public bool IsCertifiedOn(DateOnly date) =>
        Status == CertificateStatus.Valid && ValidFrom <= date && date <= ValidTo;

    /// <summary>The status a citizen should see for <paramref name="date"/>: a "valid" certificate past its end date is expired.</summary>
    public CertificateStatus EffectiveStatus(DateOnly date) =>
        Status == CertificateStatus.Valid && date > ValidTo ? CertificateStatus.Expired : Status;
}

public enum CertificateStatus
{
    Valid,
    Expired,
    Suspended,
    Revoked,
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
