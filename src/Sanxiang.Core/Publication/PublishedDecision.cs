using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Publication;

/// <summary>Where a published entry stands on the portal (PUB-8, PUB-11).</summary>
public enum PublishedState
{
    /// <summary>公示中</summary>
    Public,

    /// <summary>已更正: a newer version replaces it; it stays visible, marked superseded.</summary>
    Superseded,

    /// <summary>已撤回: the decision was revoked, confirmed illegal or ordered remade; only a stub stays.</summary>
    Withdrawn,

    /// <summary>公示期满: the public period ended; only a stub stays.</summary>
    Expired,

    /// <summary>信用修复: ended early after credit repair; only a stub stays.</summary>
    Repaired,
}

/// <summary>
/// 公示信息: one published version of a decision on the public portal (PUB-5..11). Its number is its permanent public
/// address, <c>/decisions/{Id}</c>, and the order of publication. What it holds is only what was confirmed for the public:
/// the abstract and the redacted full text, never the original. Withdrawal, expiry and credit repair clear the content
/// and leave the stub (agency, title, number, dates, what happened and why); a correction publishes a new version and
/// marks this one superseded, content kept. Each change is a public entry in the log with the digest of the content.
/// </summary>
public sealed class PublishedDecision : IAgencyOwned
{
    public long Id { get; set; }
    public Guid AgencyId { get; set; }
    public required string AgencyName { get; set; }
    public Guid TaskId { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>1 for the first publication, then 2, 3, … for each correction.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The version this one corrects.</summary>
    public long? SupersedesId { get; set; }

    /// <summary>The version that corrected this one.</summary>
    public long? SupersededById { get; set; }

    public PublicationCategory Category { get; set; }
    public ProcedureKind Procedure { get; set; }

    /// <summary>The document's title, e.g. 行政处罚决定书.</summary>
    public required string Title { get; set; }

    /// <summary>决定书文号.</summary>
    public string? DocumentNumber { get; set; }
    public required string CaseNumber { get; set; }
    public required string ItemName { get; set; }

    /// <summary>行政相对人名称 as published: an organisation in full, a natural person by the agency's policy (张某).</summary>
    public string PartyName { get; set; } = "";
    public PartyKind PartyKind { get; set; }

    /// <summary>统一社会信用代码 (organisations only; a natural person's ID number is never published).</summary>
    public string? CreditCode { get; set; }

    /// <summary>法定代表人 (负责人) of an organisation, by the agency's policy.</summary>
    public string? Representative { get; set; }

    /// <summary>案由, which names the kind of the offence (违法行为类型).</summary>
    public string Cause { get; set; } = "";

    /// <summary>违法事实 in brief, redacted.</summary>
    public string? Facts { get; set; }

    /// <summary>处罚依据 (the legal basis).</summary>
    public string? Basis { get; set; }

    /// <summary>处罚类别 in Chinese, joined with 、.</summary>
    public string? PenaltyKinds { get; set; }

    /// <summary>处罚内容 / 决定内容 (the result), redacted.</summary>
    public string Result { get; set; } = "";

    public long? FineYuan { get; set; }
    public long? ConfiscationYuan { get; set; }

    /// <summary>许可类别 of a licensing decision (普通、特许、认可、核准、登记、其他), for the 双公示 export (PUB-10).</summary>
    public string? LicenceCategory { get; set; }

    /// <summary>许可证书名称 of a licensing decision.</summary>
    public string? LicenceName { get; set; }

    /// <summary>许可编号 (the certificate's number).</summary>
    public string? LicenceNumber { get; set; }

    /// <summary>许可有效期自.</summary>
    public DateOnly? LicenceValidFrom { get; set; }

    /// <summary>许可有效期至; null for a licence without an end (长期).</summary>
    public DateOnly? LicenceValidTo { get; set; }

    /// <summary>暂扣或吊销证照名称及编号 of a penalty that suspends or revokes a licence, for the 双公示 export (PUB-10).</summary>
    public string? PenaltyLicence { get; set; }

    /// <summary>处罚有效期: the last day of a penalty with a term (a suspension); null for one without.</summary>
    public DateOnly? PenaltyEffectiveUntil { get; set; }

    /// <summary>The redacted full text of the decision document (PUB-6), null when none is published.</summary>
    public string? FullText { get; set; }

    /// <summary>How many spans the clerk confirmed in the full text and the abstract.</summary>
    public int Redactions { get; set; }

    public DateOnly DecidedOn { get; set; }
    public DateOnly PublishedOn { get; set; }
    public DateTimeOffset PublishedAtUtc { get; set; }
    public Guid PublishedBy { get; set; }

    /// <summary>The last day on the portal (PUB-11).</summary>
    public DateOnly PublicUntil { get; set; }

    /// <summary>Credit repair may end it early from this day on.</summary>
    public DateOnly RepairableFrom { get; set; }

    public PublishedState State { get; set; }

    /// <summary>Why it was withdrawn, corrected, expired or ended, in Chinese.</summary>
    public string? StateReason { get; set; }
    public DateTimeOffset? StateAtUtc { get; set; }
    public Guid? StateBy { get; set; }

    /// <summary>SHA-256 of the canonical JSON of the published content (<see cref="PublishedContent"/>), hex.</summary>
    public required string ContentSha256 { get; set; }

    /// <summary>The log leaf that recorded the publication, and the one that recorded its withdrawal, correction or end.</summary>
    public long? LedgerIndex { get; set; }
    public long? StateLedgerIndex { get; set; }

    public int Revision { get; set; }

    /// <summary>Whether the content is shown (public or superseded); otherwise only the stub.</summary>
    public bool HasContent => State is PublishedState.Public or PublishedState.Superseded;
}
