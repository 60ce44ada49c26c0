using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Documents;

/// <summary>
/// Everything a template may need, as case handling knows it. One record for every kind: each template takes what its
/// format prints and <see cref="DocumentTemplates.CheckComplete"/> lists, in Chinese, what it needs and is missing.
/// Text is written as the officer would write it in the document; the template adds the fixed wording.
/// </summary>
public sealed record DocumentFacts
{
    public required DocumentAgency Agency { get; init; }

    /// <summary>案号, the case's registration number, e.g. 安市监立〔2026〕3号.</summary>
    public string? CaseNumber { get; init; }

    /// <summary>案由, e.g. 销售过期食品案 (without 涉嫌 for decisions).</summary>
    public string? Cause { get; init; }

    public DocumentParty? Party { get; init; }

    /// <summary>The officers handling the case (at least two, Art. 42).</summary>
    public IReadOnlyList<DocumentOfficer> Officers { get; init; } = [];

    /// <summary>The date the document is made (成文日期); for decisions, the date of the decision.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>违法事实: what was found, when, where, how much.</summary>
    public string? Facts { get; init; }

    /// <summary>证据: what proves the facts.</summary>
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>违反的法律、法规、规章的条款, e.g. 《中华人民共和国食品安全法》第三十四条第（十）项.</summary>
    public string? ViolatedProvision { get; init; }

    /// <summary>处罚依据, e.g. 《中华人民共和国食品安全法》第一百二十四条第一款第（五）项.</summary>
    public string? PenaltyBasis { get; init; }

    /// <summary>裁量理由: which benchmark tier applies and why (from the agency's discretion benchmark).</summary>
    public string? DiscretionReason { get; init; }

    /// <summary>The party's statement and defence (陈述申辩) and the agency's answer to it, for the decision.</summary>
    public string? StatementAndDefence { get; init; }

    public PenaltyTerms? Penalty { get; init; }
    public PerformanceTerms? Performance { get; init; }
    public RemedyTerms? Remedy { get; init; }
    public RegistrationTerms? Registration { get; init; }
    public InquiryTerms? Inquiry { get; init; }
    public InspectionTerms? Inspection { get; init; }
    public PreservationTerms? Preservation { get; init; }
    public NoticeTerms? Notice { get; init; }
    public HearingTerms? Hearing { get; init; }
    public NoPenaltyTerms? NoPenalty { get; init; }
    public ServiceTerms? Service { get; init; }
    public ClosingTerms? Closing { get; init; }
    public ReviewTerms? Review { get; init; }
    public DiscussionTerms? Discussion { get; init; }
}

/// <param name="Name">The agency's full name, e.g. 安和县市场监督管理局.</param>
/// <param name="NumberPrefix">The prefix of its document numbers (机关代字), e.g. 安市监.</param>
public sealed record DocumentAgency(string Name, string NumberPrefix, string? Address = null, string? Phone = null, string? Postcode = null);

/// <summary>当事人: a natural person or an organisation.</summary>
public abstract record DocumentParty(string Name, string? Address, string? Phone);

/// <param name="IdNumber">公民身份号码 (or another identity document number).</param>
public sealed record PersonParty(string Name, string? IdNumber, string? Address, string? Phone, string? Gender = null, DateOnly? BirthDate = null)
    : DocumentParty(Name, Address, Phone);

/// <param name="Uscc">统一社会信用代码.</param>
/// <param name="LegalRepresentative">法定代表人（负责人、经营者）.</param>
public sealed record OrganisationParty(string Name, string? Uscc, string? LegalRepresentative, string? Address, string? Phone = null)
    : DocumentParty(Name, Address, Phone);

public sealed record DocumentOfficer(string Name, string CertificateNumber);

/// <param name="Name">What the evidence is, e.g. 现场检查笔录 or 过期“某某牌”牛奶.</param>
/// <param name="Quantity">How much: pages, pieces, specification.</param>
/// <param name="Proves">What it proves (证明对象).</param>
public sealed record EvidenceItem(string Name, string? Quantity = null, string? Proves = null);

/// <param name="Kinds">The kinds of penalty imposed (Art. 9).</param>
/// <param name="FineYuan">The fine in yuan, when <see cref="PenaltyKind.Fine"/> is among the kinds.</param>
/// <param name="ConfiscatedGainsYuan">Illegal gains confiscated, in yuan.</param>
/// <param name="ConfiscatedProperty">Illegal property confiscated, described.</param>
/// <param name="Other">Other penalties in words (e.g. 责令停产停业三个月).</param>
public sealed record PenaltyTerms(IReadOnlyList<PenaltyKind> Kinds, decimal? FineYuan = null, decimal? ConfiscatedGainsYuan = null,
    string? ConfiscatedProperty = null, string? Other = null);

/// <summary>履行方式和期限 (Art. 59 (四), Art. 67).</summary>
/// <param name="Method">How to pay, e.g. 持本决定书到安和县农村商业银行各网点缴纳 or 通过“赣服通”非税缴款.</param>
/// <param name="DueDays">Days from receipt of the decision (Art. 67: 15).</param>
public sealed record PerformanceTerms(string Method, int DueDays = 15);

/// <summary>申请行政复议、提起行政诉讼的途径和期限 (Art. 59 (五)).</summary>
/// <param name="ReconsiderationDays">行政复议法 Art. 20: 60 days from knowing of the decision.</param>
/// <param name="LitigationMonths">行政诉讼法 Art. 46: 6 months.</param>
public sealed record RemedyTerms(string ReconsiderationOrgan, string Court, int ReconsiderationDays = 60, int LitigationMonths = 6);

/// <param name="Source">案件来源, e.g. 日常监督检查 / 投诉举报 / 上级交办.</param>
/// <param name="SourceDate">When the lead was received.</param>
/// <param name="Summary">简要案情.</param>
/// <param name="HandlerOpinion">承办人意见.</param>
/// <param name="UnitOpinion">承办机构负责人意见.</param>
/// <param name="HeadOpinion">行政机关负责人意见.</param>
public sealed record RegistrationTerms(string Source, DateOnly? SourceDate, string Summary, string HandlerOpinion, string? UnitOpinion = null, string? HeadOpinion = null);

public sealed record QuestionAnswer(string Question, string Answer);

/// <param name="Interviewee">被询问人 name.</param>
/// <param name="IntervieweeDetails">性别、年龄、身份证件号码、工作单位及职务 as one line.</param>
/// <param name="Recorder">记录人.</param>
public sealed record InquiryTerms(DateTimeOffset Start, DateTimeOffset End, string Place, string Interviewee, string? IntervieweeDetails,
    string Recorder, IReadOnlyList<QuestionAnswer> Questions);

/// <param name="PresentPerson">现场负责人 or 见证人 and their relation to the party.</param>
/// <param name="Findings">检查情况.</param>
public sealed record InspectionTerms(DateTimeOffset Start, DateTimeOffset End, string Place, string PresentPerson, string Findings, string Recorder);

/// <param name="Items">The goods or papers preserved (物品名称、规格、数量).</param>
/// <param name="StoragePlace">保存地点.</param>
/// <param name="Keeper">保存方式 / 保管人.</param>
/// <param name="DecisionDays">Art. 56: a decision within 7 (working, Art. 85) days.</param>
public sealed record PreservationTerms(IReadOnlyList<EvidenceItem> Items, string StoragePlace, string Keeper, int DecisionDays = 7);

/// <param name="HearingAvailable">Whether the intended penalty gives a right to a hearing (Art. 63).</param>
/// <param name="StatementDays">Days to state a case and defend (working days, Art. 85).</param>
/// <param name="HearingRequestDays">Art. 64 (一): within 5 days of notice.</param>
public sealed record NoticeTerms(bool HearingAvailable, string ContactPerson, string ContactPhone, string? ContactAddress = null,
    int StatementDays = 5, int HearingRequestDays = 5);

/// <param name="Chair">听证主持人 (who did not investigate, Art. 64 (四)).</param>
/// <param name="Clerk">记录员.</param>
/// <param name="Public">公开举行 unless state or commercial secrets or privacy (Art. 64 (三)).</param>
public sealed record HearingTerms(DateTimeOffset At, string Place, string Chair, string Clerk, bool Public = true, DateOnly? RequestedOn = null);

/// <param name="Reason">不予处罚的理由 (e.g. first minor violation corrected in time, Art. 33).</param>
/// <param name="Basis">不予处罚的依据, e.g. 《中华人民共和国行政处罚法》第三十三条第一款.</param>
public sealed record NoPenaltyTerms(string Reason, string Basis);

/// <param name="DocumentTitle">送达文书名称.</param>
/// <param name="DocumentNumber">送达文书文号.</param>
/// <param name="Method">送达方式: 直接送达 / 邮寄送达 / 留置送达 / 公告送达 / 电子送达.</param>
/// <param name="Recipient">受送达人.</param>
public sealed record ServiceTerms(string DocumentTitle, string DocumentNumber, string Method, string Recipient, string Place, string? Note = null);

/// <param name="Process">案件办理经过.</param>
/// <param name="Result">处理结果 (the decision and its number).</param>
/// <param name="Execution">执行情况 (paid on …, receipt number …).</param>
public sealed record ClosingTerms(string Process, string Result, string Execution, string? HandlerOpinion = null, string? HeadOpinion = null);

/// <summary>
/// 法制审核意见书 (REV-3, REV-4): the legal unit's opinion on one review round of a case. The case is
/// <see cref="DocumentFacts.CaseNumber"/> and <see cref="DocumentFacts.Cause"/>; the date of the opinion is
/// <see cref="DocumentFacts.Date"/>. Every round has its own opinion (and its own number); a resubmission after problems
/// is round 2, 3 ….
/// </summary>
/// <param name="Round">第N次审核, from 1.</param>
/// <param name="SubmittingUnit">送审机构 (承办机构), e.g. 城关市场监督管理所.</param>
/// <param name="Submitter">提交人 (承办机构负责人 or the handling officer who submitted).</param>
/// <param name="SubmittedOn">送审日期.</param>
/// <param name="Points">审核事项, answered one by one; start from <see cref="StandardPoints"/> (REV-3), an agency may add its own.</param>
/// <param name="Opinion">审核意见: 同意 or 存在问题; null while not given.</param>
/// <param name="Problems">存在的问题, each with what to correct; required when <paramref name="Opinion"/> is <see cref="ReviewOpinionKind.ProblemsFound"/>, empty otherwise.</param>
/// <param name="Reviewer">审核人员 name (signs for the opinion, REV-7).</param>
/// <param name="ReviewerQualificationNumber">法制审核人员资格证号 (or 法律职业资格证书编号).</param>
/// <param name="ReviewUnit">审核机构（法制机构）, e.g. 安和县市场监督管理局法规股; printed when given (the line for the unit's seal is always there).</param>
/// <param name="ProposedDecision">送审的拟处理意见 (what the handling unit proposes to decide), printed when given.</param>
/// <param name="Remarks">Further words of the reviewer after the opinion (e.g. 建议提交集体讨论决定), printed when given.</param>
public sealed record ReviewTerms(
    int Round,
    string SubmittingUnit,
    string Submitter,
    DateOnly? SubmittedOn,
    IReadOnlyList<ReviewPoint> Points,
    ReviewOpinionKind? Opinion,
    IReadOnlyList<ReviewProblem> Problems,
    string Reviewer,
    string ReviewerQualificationNumber,
    string? ReviewUnit = null,
    string? ProposedDecision = null,
    string? Remarks = null)
{
    /// <summary>The eight matters every review answers (REV-3), in the order the opinion form prints them.</summary>
    public static readonly IReadOnlyList<string> StandardPointTitles =
    [
        "执法主体是否合法",
        "执法人员是否具备执法资格",
        "执法程序是否合法",
        "案件事实是否清楚、证据是否合法充分",
        "适用法律依据是否准确、裁量基准运用是否适当",
        "是否超越本机关法定权限",
        "执法文书是否完备、规范",
        "是否涉嫌犯罪需要移送司法机关",
    ];

    /// <summary>The standard matters, not yet answered: the reviewer's checklist to fill in.</summary>
    public static IReadOnlyList<ReviewPoint> StandardPoints() => [.. StandardPointTitles.Select(t => new ReviewPoint(t, null))];
}

/// <summary>One matter of the review (审核事项) and the reviewer's answer to it.</summary>
/// <param name="Title">The matter as printed, e.g. 执法程序是否合法.</param>
/// <param name="Answer">符合 or 存在问题; null while unanswered (a document with an unanswered matter is not issued).</param>
/// <param name="Note">说明: required when the answer is 存在问题 (what and why), optional otherwise.</param>
public sealed record ReviewPoint(string Title, ReviewAnswer? Answer, string? Note = null);

/// <summary>The answer to one review matter.</summary>
public enum ReviewAnswer
{
    /// <summary>符合 (for 是否超越权限 / 是否涉嫌犯罪: the matter is in order, i.e. 未超越 / 不涉嫌).</summary>
    Conforms,
    /// <summary>存在问题.</summary>
    HasProblem,
}

/// <summary>审核意见 (REV-4).</summary>
public enum ReviewOpinionKind
{
    /// <summary>同意.</summary>
    Agree,
    /// <summary>存在问题: the handling unit corrects and resubmits.</summary>
    ProblemsFound,
}

/// <summary>One problem found (存在的问题) and what the handling unit is to do about it.</summary>
/// <param name="Problem">What is wrong and why.</param>
/// <param name="Correction">整改（补正）要求: what to correct, supplement or explain.</param>
public sealed record ReviewProblem(string Problem, string Correction);

/// <summary>
/// 重大执法决定集体讨论记录 (Art. 57, REV-5): the heads' meeting on a complex or major case. The case is
/// <see cref="DocumentFacts.CaseNumber"/> and <see cref="DocumentFacts.Cause"/>; the date of the record is
/// <see cref="DocumentFacts.Date"/>.
/// </summary>
/// <param name="Start">When the meeting began.</param>
/// <param name="End">When it ended, if recorded (after <paramref name="Start"/>).</param>
/// <param name="Place">讨论地点.</param>
/// <param name="Chair">主持人 (行政机关负责人).</param>
/// <param name="Participants">参加人员, each with their post and their opinion in their own words.</param>
/// <param name="Recorder">记录人.</param>
/// <param name="ProposedDecision">拟作出的决定 (the handling unit's proposal as put to the meeting).</param>
/// <param name="Conclusion">讨论结论 (the decision the meeting reached, e.g. 同意……，由……作出决定).</param>
/// <param name="Briefing">案情汇报: the handling unit's account of the case and the legal review's opinion, printed when given.</param>
/// <param name="Attendees">列席人员 (e.g. 承办人员、法制审核人员), printed when given.</param>
public sealed record DiscussionTerms(
    DateTimeOffset Start,
    DateTimeOffset? End,
    string Place,
    string Chair,
    IReadOnlyList<DiscussionParticipant> Participants,
    string Recorder,
    string ProposedDecision,
    string Conclusion,
    string? Briefing = null,
    string? Attendees = null);

/// <param name="Name">参加人员姓名.</param>
/// <param name="Post">职务, e.g. 党组书记、局长 / 副局长.</param>
/// <param name="Opinion">发表的意见, as they said it; empty when they spoke none.</param>
public sealed record DiscussionParticipant(string Name, string Post, string? Opinion);
