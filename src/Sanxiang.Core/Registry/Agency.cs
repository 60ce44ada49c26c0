namespace Sanxiang.Core.Registry;

/// <summary>行政执法主体: a body with legal power to enforce (DOMAIN.md glossary, PUB-1).</summary>
public sealed class Agency
{
    public Guid Id { get; set; }

    /// <summary>Short ASCII code used in URLs and account names, e.g. <c>SCJG</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public required string ShortName { get; set; }

    /// <summary>Prefix of the agency's case numbers, e.g. 安市监 in 安市监立〔2026〕15号.</summary>
    public required string CaseNumberPrefix { get; set; }

    /// <summary>统一社会信用代码 (GB 32100-2015).</summary>
    public required string Uscc { get; set; }

    public AgencyKind Kind { get; set; }
    public Guid? EntrustedById { get; set; }
    public required string Level { get; set; }
    public Guid? ParentId { get; set; }
    public required string Jurisdiction { get; set; }
    public required string Duties { get; set; }
    public required string LegalBasis { get; set; }

    public required string Address { get; set; }
    public string? Postcode { get; set; }
    public required string Phone { get; set; }
    public string? ComplaintPhone { get; set; }
    public string? OfficeHours { get; set; }

    /// <summary>救济渠道: the reconsideration organ and the competent court.</summary>
    public required string ReconsiderationOrgan { get; set; }
    public required string CompetentCourt { get; set; }

    /// <summary>Order in the public directory (county bureaus first, then townships).</summary>
    public int SortOrder { get; set; }
}

public enum AgencyKind
{
    /// <summary>法定行政机关</summary>
    StatutoryOrgan,
    /// <summary>法律法规授权的组织</summary>
    AuthorisedOrganisation,
    /// <summary>受委托组织</summary>
    EntrustedOrganisation,
}

public static class AgencyKindNames
{
    public static string Chinese(this AgencyKind kind) => kind switch
    {
        AgencyKind.StatutoryOrgan => "行政机关",
        AgencyKind.AuthorisedOrganisation => "法律法规授权组织",
        AgencyKind.EntrustedOrganisation => "受委托组织",
    };
}
