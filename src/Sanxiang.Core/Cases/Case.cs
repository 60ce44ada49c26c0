using Sanxiang.Core.Evidence;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Cases;

/// <summary>
/// 案件: one enforcement matter of one agency, moving through the procedure of its enforcement item. Its
/// <see cref="Status"/> is the code of the step it is in (a string an auditor can read), changed only by the case engine
/// (<see cref="CaseEngine"/>), which checks the transition's guards and records the move. What was found and decided is
/// kept as <see cref="CaseFact"/> records that are only ever added: a correction is a new record that supersedes the old.
/// </summary>
public sealed class Case : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }

    /// <summary>案号, e.g. 安市监立〔2026〕15号: per agency and year, without gaps.</summary>
    public required string Number { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }

    /// <summary>The enforcement item (row of the item list in force on the day the case was opened).</summary>
    public Guid ItemId { get; set; }
    public required string ItemCode { get; set; }
    public required string ItemName { get; set; }
    public ProcedureKind Procedure { get; set; }

    /// <summary>The code of the step the case is in (a step of <see cref="Workflow.Procedures.For"/>).</summary>
    public required string Status { get; set; }

    /// <summary>案由, e.g. 涉嫌经营超过食品安全标准限量的食品案.</summary>
    public required string Cause { get; set; }

    /// <summary>案件来源: 监督检查、投诉举报、上级交办、其他机关移送、随机抽查 ...</summary>
    public required string Source { get; set; }

    public CaseParty Party { get; set; } = new();

    /// <summary>The salt of the party's commitment in the log (<see cref="Ledger.PrivateFact"/>): internal.</summary>
    public byte[]? PartySalt { get; set; }

    /// <summary>The day the act took place (for a continuing act, the day it began).</summary>
    public DateOnly OccurredOn { get; set; }

    /// <summary>For a continuing or repeated act, the day it ended (《行政处罚法》第三十六条第二款); null otherwise.</summary>
    public DateOnly? ActEndedOn { get; set; }

    /// <summary>The act harmed life, health or financial safety with consequences: the limitation is five years.</summary>
    public bool SeriousHarm { get; set; }

    /// <summary>The day the case was opened for approval (the lead's date for the registration limit).</summary>
    public DateOnly OpenedOn { get; set; }

    /// <summary>立案之日: the day registration was approved; the 90-day decision period counts from it.</summary>
    public DateOnly? RegisteredOn { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }

    /// <summary>When the case file was sealed into its archive package; a sealed case refuses every change.</summary>
    public DateTimeOffset? SealedAtUtc { get; set; }
    public string? ArchiveSha256 { get; set; }

    /// <summary>Optimistic concurrency: two people acting on one case at once cannot both succeed.</summary>
    public int Revision { get; set; }

    public List<CaseOfficer> Officers { get; set; } = [];
    public List<CaseFact> Facts { get; set; } = [];
    public List<CaseStepRecord> Steps { get; set; } = [];
    public List<CaseEvidence> Evidence { get; set; } = [];

    public bool IsSealed => SealedAtUtc is not null;

    /// <summary>The officers who act on the case (assigned and not recused).</summary>
    public IEnumerable<CaseOfficer> ActiveOfficers => Officers.Where(o => o.IsActive);
}

public enum PartyKind
{
    /// <summary>公民 (natural person): identified by ID number; the lower summary-procedure limit applies.</summary>
    Person,

    /// <summary>法人或者其他组织: identified by the unified social credit code.</summary>
    Organisation,
}

/// <summary>当事人. The ID number, phone and a natural person's address are internal: never on a public page or in the log.</summary>
public sealed class CaseParty
{
    public PartyKind Kind { get; set; }
    public string Name { get; set; } = "";

    /// <summary>公民身份号码 of a natural person (internal).</summary>
    public string? IdNumber { get; set; }

    /// <summary>统一社会信用代码 of an organisation (public).</summary>
    public string? CreditCode { get; set; }

    /// <summary>法定代表人或者负责人 of an organisation.</summary>
    public string? Representative { get; set; }
    public string Address { get; set; } = "";
    public string? Phone { get; set; }
}

/// <summary>An officer assigned to the case (承办人员), with their declaration on recusal (《行政处罚法》第四十三条).</summary>
public sealed class CaseOfficer
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid OfficerId { get; set; }
    public required string Name { get; set; }
    public required string CertificateNumber { get; set; }

    /// <summary>主办 (lead) rather than 协办.</summary>
    public bool Lead { get; set; }
    public DateOnly AssignedOn { get; set; }

    /// <summary>When the officer declared whether a ground for recusal exists; null until declared.</summary>
    public DateTimeOffset? RecusalDeclaredAtUtc { get; set; }

    /// <summary>True when the officer (or the head, on the party's application) found a conflict: the officer is withdrawn.</summary>
    public bool Recused { get; set; }
    public string? RecusalReason { get; set; }

    public bool IsActive => !Recused;
}

/// <summary>
/// One recorded fact of a case (what was found, served, heard, decided): appended, never changed. The latest record of a
/// key is the fact in force; earlier ones stay as the history (REC-1: corrections are new records).
/// </summary>
public sealed class CaseFact
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int Sequence { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }

    /// <summary>The step the case was in when the fact was recorded.</summary>
    public required string Step { get; set; }
    public DateTimeOffset RecordedAtUtc { get; set; }
    public Guid? RecordedBy { get; set; }
}

/// <summary>One move of the case from one step to another, as taken (the log entry holds the same).</summary>
public sealed class CaseStepRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int Sequence { get; set; }
    public required string From { get; set; }
    public required string To { get; set; }
    public required string Action { get; set; }

    /// <summary>The legal date of the move (China Standard Time).</summary>
    public DateOnly On { get; set; }
    public DateTimeOffset AtUtc { get; set; }
    public Guid? ActorId { get; set; }
    public string? ActorRole { get; set; }
}

/// <summary>
/// 证据 / 音像记录: a file attached to a case with its capture metadata (REC-3); the file itself is in the blob store under
/// its SHA-256 (REC-4).
/// </summary>
public sealed class CaseEvidence
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string Sha256 { get; set; }
    public required string Sm3 { get; set; }
    public long Size { get; set; }
    public required string MediaType { get; set; }
    public EvidenceKind Kind { get; set; }
    public required string Title { get; set; }
    public string? FileName { get; set; }

    /// <summary>The step the evidence was taken in (e.g. implement for a seizure's video).</summary>
    public required string Step { get; set; }
    public DateTimeOffset CapturedAtUtc { get; set; }
    public required string Place { get; set; }

    /// <summary>Who collected it (an officer of the case).</summary>
    public Guid CollectorId { get; set; }
    public required string CollectorName { get; set; }

    /// <summary>证明对象: what the evidence proves.</summary>
    public required string Proves { get; set; }

    /// <summary>Involves state, commercial or personal secrets: access restricted and recorded (REC-6).</summary>
    public bool Secret { get; set; }
    public DateTimeOffset AddedAtUtc { get; set; }
    public Guid? AddedBy { get; set; }
}
