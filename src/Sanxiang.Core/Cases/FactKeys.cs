using System.Globalization;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Cases;

public enum FactType
{
    Text,
    Date,

    /// <summary>Date and time in China Standard Time, written yyyy-MM-ddTHH:mm.</summary>
    DateTime,

    /// <summary>Whole yuan.</summary>
    Amount,
    Days,
    YesNo,

    /// <summary>An officer of the agency (their id).</summary>
    Officer,

    /// <summary>One of <see cref="FactKey.Choices"/>.</summary>
    Choice,

    /// <summary>Penalty kinds (<see cref="PenaltyKind"/> names), comma-separated.</summary>
    PenaltyKinds,
}

/// <summary>
/// One kind of fact a case records: its key (stored), its Chinese label (forms, timeline, refusals), its type, and how a
/// value is checked. The catalogue is <see cref="FactKeys"/>.
/// </summary>
/// <param name="ByPlatform">Recorded only by the platform as part of an act of its own (e.g. a reviewer's recusal), never typed into a form or posted to the API.</param>
public sealed record FactKey(string Key, string Label, FactType Type, int MaxLength = 2000, IReadOnlyList<string>? Choices = null, string? Hint = null,
    bool ByPlatform = false)
{
    /// <summary>Checks and normalises a value as typed by a person; returns the stored form, or a Chinese reason.</summary>
    public (string? Value, string? Problem) Normalise(string? raw)
    {
        var text = raw?.Trim() ?? "";
        if (text.Length == 0)
        {
            return (null, $"“{Label}”不能为空。");
        }

        switch (Type)
        {
            case FactType.Text:
                return text.Length > MaxLength ? (null, $"“{Label}”不超过 {MaxLength} 个字（现有 {text.Length} 个）。") : (text, null);
            case FactType.Date:
                return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
                    : (null, $"“{Label}”应为日期，格式如 2026-03-05（现为“{Clip(text)}”）。");
            case FactType.DateTime:
                return System.DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                    ? (at.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), null)
                    : (null, $"“{Label}”应为日期和时间，格式如 2026-03-05 09:30（现为“{Clip(text)}”）。");
            case FactType.Amount:
                return long.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var yuan) && yuan <= 100_000_000_000
                    ? (yuan.ToString(CultureInfo.InvariantCulture), null)
                    : (null, $"“{Label}”应为以元为单位的整数金额（现为“{Clip(text)}”）。");
            case FactType.Days:
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 3650
                    ? (days.ToString(CultureInfo.InvariantCulture), null)
                    : (null, $"“{Label}”应为 1 至 3650 之间的天数（现为“{Clip(text)}”）。");
            case FactType.YesNo:
                return text switch
                {
                    "true" or "是" or "yes" or "on" => ("true", null),
                    "false" or "否" or "no" or "off" => ("false", null),
                    _ => (null, $"“{Label}”应为“是”或“否”。"),
                };
            case FactType.Officer:
                return Guid.TryParse(text, out var id) ? (id.ToString(), null) : (null, $"“{Label}”应选择一名执法人员。");
            case FactType.Choice:
                return Choices!.Contains(text, StringComparer.Ordinal)
                    ? (text, null)
                    : (null, $"“{Label}”只能是{string.Join("、", Choices!)}之一（现为“{Clip(text)}”）。");
            case FactType.PenaltyKinds:
                var kinds = new List<PenaltyKind>();
                foreach (var part in text.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (Enum.TryParse<PenaltyKind>(part, out var kind) && Enum.IsDefined(kind) || PenaltyKindNames.TryParseChinese(part, out kind))
                    {
                        kinds.Add(kind);
                    }
                    else
                    {
                        return (null, $"“{Label}”中的“{Clip(part)}”不是《行政处罚法》第九条规定的处罚种类。");
                    }
                }

                return kinds.Count == 0 ? (null, $"“{Label}”不能为空。") : (string.Join(",", kinds.Distinct()), null);
            default:
                throw new InvalidOperationException($"未知的事实类型 {Type}。");
        }
    }

    /// <summary>A stored value as a person reads it.</summary>
    public string Display(string value) => Type switch
    {
        FactType.YesNo => value == "true" ? "是" : "否",
        FactType.Amount => long.TryParse(value, CultureInfo.InvariantCulture, out var yuan) ? $"{yuan:N0} 元" : value,
        FactType.Days => $"{value} 日",
        FactType.DateTime => value.Replace('T', ' '),
        FactType.PenaltyKinds => string.Join("、", value.Split(',').Select(k => Enum.TryParse<PenaltyKind>(k, out var kind) ? kind.Chinese() : k)),
        _ => value,
    };

    private static string Clip(string text) => text.Length > 20 ? text[..20] + "…" : text;
}

/// <summary>The facts a case records, each once. Guards read them through <see cref="CaseFile"/>.</summary>
public static class FactKeys
{
    // Registration and investigation
    public static readonly FactKey RegistrationOpinion = new("register.opinion", "立案审批意见", FactType.Text, 500);
    public static readonly FactKey RegistrationLeadOn = new("register.lead-on", "发现线索或者收到材料的日期", FactType.Date,
        Hint: "不填则以立案申请之日计");
    public static readonly FactKey RegistrationExtension = new("register.extension-approval", "延长核查期限的批准人、批准日期和理由", FactType.Text, 500);
    public static readonly FactKey RegistrationExcludedDays = new("register.excluded-days", "不计入核查期限的检测、检验、检疫、鉴定等日数", FactType.Days);
    public static readonly FactKey RegistrationLateReason = new("register.late-reason", "超过核查期限决定立案的原因", FactType.Text, 1000);
    public static readonly FactKey CertificateShown = new("investigation.certificate-shown", "已向当事人出示执法证件", FactType.YesNo);
    public static readonly FactKey InvestigationReport = new("investigation.report", "调查终结报告（违法事实、证据、处理意见）", FactType.Text, 5000);
    public static readonly FactKey PreservationApprovedBy = new("preservation.approved-by", "先行登记保存批准人", FactType.Text, 32);
    public static readonly FactKey PreservationDecision = new("preservation.decision", "对登记保存证据的处理决定", FactType.Text, 1000);
    public static readonly FactKey PreservationDecidedOn = new("preservation.decided-on", "登记保存处理决定日期", FactType.Date);

    // The intended penalty and the notice (告知)
    public static readonly FactKey PenaltyKinds = new("penalty.kinds", "拟处罚种类", FactType.PenaltyKinds);
    public static readonly FactKey FineAmount = new("penalty.fine", "罚款金额（元）", FactType.Amount);
    public static readonly FactKey ConfiscationAmount = new("penalty.confiscation", "没收违法所得、非法财物价值（元）", FactType.Amount);
    public static readonly FactKey PenaltyLicence = new("penalty.licence", "暂扣或吊销的证照名称及编号", FactType.Text, 200,
        Hint: "处罚种类含暂扣或吊销许可证件、执照时必填，如 食品经营许可证 JY13607360012345");
    public static readonly FactKey PenaltyEffectiveUntil = new("penalty.effective-until", "处罚有效期至", FactType.Date,
        Hint: "暂扣许可证件、限制从业、责令停产停业等有期限的处罚填写期限的最后一日；其他处罚不填");
    public static readonly FactKey BenchmarkTier = new("penalty.tier", "适用的裁量基准档次", FactType.Text, 20);
    public static readonly FactKey BenchmarkReason = new("penalty.benchmark-reason", "超出或低于裁量基准的书面理由", FactType.Text, 2000);
    public static readonly FactKey NoticeServedOn = new("notice.served-on", "告知书送达日期", FactType.Date);
    public static readonly FactKey NoticeRightsTold = new("notice.rights-told", "已告知陈述、申辩、要求听证的权利", FactType.YesNo);
    public static readonly FactKey Statement = new("notice.statement", "当事人陈述、申辩意见及复核结果", FactType.Text, 5000);
    public static readonly FactKey StatementWaived = new("notice.statement-waived", "当事人书面放弃陈述、申辩和听证", FactType.YesNo);

    // Hearing
    public static readonly FactKey HearingRequestedOn = new("hearing.requested-on", "当事人申请听证日期", FactType.Date);
    public static readonly FactKey HearingNoticeServedOn = new("hearing.notice-served-on", "听证通知书送达日期", FactType.Date);
    public static readonly FactKey HearingAt = new("hearing.at", "听证时间", FactType.DateTime);
    public static readonly FactKey HearingPlace = new("hearing.place", "听证地点", FactType.Text, 200);
    public static readonly FactKey HearingChair = new("hearing.chair", "听证主持人", FactType.Officer);
    public static readonly FactKey HearingRecordSigned = new("hearing.record-signed", "听证笔录已经当事人核对签字", FactType.YesNo);

    // Legal review (REV-2..4, 7) and collective discussion (REV-5)
    public static readonly FactKey ReviewOpinion = new("review.opinion", "法制审核意见", FactType.Choice, Choices: ["同意", "存在问题"]);
    public static readonly FactKey ReviewNote = new("review.note", "审核意见说明", FactType.Text, 5000);
    // REV-2: what the handling officer answers at submission; each "yes" makes the decision subject to legal review.
    public static readonly FactKey ReviewPublicInterest = new("review.flag.public-interest", "涉及重大公共利益", FactType.YesNo);
    public static readonly FactKey ReviewSocialImpact = new("review.flag.social-impact", "可能造成重大社会影响或者引发社会风险", FactType.YesNo);
    public static readonly FactKey ReviewMajorRights = new("review.flag.major-rights", "直接关系当事人或者第三人重大权益", FactType.YesNo);
    public static readonly FactKey ReviewComplex = new("review.flag.complex", "案件情况疑难复杂、涉及多个法律关系", FactType.YesNo);

    // REV-7: the handling unit vouches for what it submits, at every submission.
    public static readonly FactKey ReviewResponsibility = new("review.responsibility",
        "承办机构对送审材料的真实性、准确性、完整性以及执法的事实、证据、法律适用、程序的合法性负责", FactType.YesNo);
    public static readonly FactKey ReviewResponses = new("review.responses", "对审核所提问题的研究处理情况（逐条答复，每行一条）", FactType.Text, 5000);

    // REV-3: one answer per matter of the checklist, with a note (required where the answer is 存在问题).
    public static readonly FactKey ReviewPointBody = Point("body", 0);
    public static readonly FactKey ReviewPointOfficers = Point("officers", 1);
    public static readonly FactKey ReviewPointProcedure = Point("procedure", 2);
    public static readonly FactKey ReviewPointFacts = Point("facts", 3);
    public static readonly FactKey ReviewPointLaw = Point("law", 4);
    public static readonly FactKey ReviewPointPowers = Point("powers", 5);
    public static readonly FactKey ReviewPointDocuments = Point("documents", 6);
    public static readonly FactKey ReviewPointCrime = Point("crime", 7);
    public static readonly FactKey ReviewPointBodyNote = PointNote("body", 0);
    public static readonly FactKey ReviewPointOfficersNote = PointNote("officers", 1);
    public static readonly FactKey ReviewPointProcedureNote = PointNote("procedure", 2);
    public static readonly FactKey ReviewPointFactsNote = PointNote("facts", 3);
    public static readonly FactKey ReviewPointLawNote = PointNote("law", 4);
    public static readonly FactKey ReviewPointPowersNote = PointNote("powers", 5);
    public static readonly FactKey ReviewPointDocumentsNote = PointNote("documents", 6);
    public static readonly FactKey ReviewPointCrimeNote = PointNote("crime", 7);
    // REV-5: a reviewer with a conflict declares it and may not review the case ("{account id} {name}：{reason}").
    public static readonly FactKey ReviewRecusal = new("review.recusal", "法制审核人员回避", FactType.Text, 700, ByPlatform: true);
    public static readonly FactKey ReviewProblems = new("review.problems", "存在的问题及整改意见（每行一条，问题与整改意见之间用“；”分隔）", FactType.Text, 5000);

    /// <summary>The eight matters with their notes, in the order of <see cref="Documents.ReviewTerms.StandardPointTitles"/>.</summary>
    public static IReadOnlyList<(FactKey Answer, FactKey Note)> ReviewPoints =>
    [
        (ReviewPointBody, ReviewPointBodyNote), (ReviewPointOfficers, ReviewPointOfficersNote), (ReviewPointProcedure, ReviewPointProcedureNote),
        (ReviewPointFacts, ReviewPointFactsNote), (ReviewPointLaw, ReviewPointLawNote), (ReviewPointPowers, ReviewPointPowersNote),
        (ReviewPointDocuments, ReviewPointDocumentsNote), (ReviewPointCrime, ReviewPointCrimeNote),
    ];

    private static FactKey Point(string id, int index) =>
        new($"review.point.{id}", Documents.ReviewTerms.StandardPointTitles[index], FactType.Choice, Choices: ["符合", "存在问题"]);

    private static FactKey PointNote(string id, int index) =>
        new($"review.point.{id}.note", $"{Documents.ReviewTerms.StandardPointTitles[index]}：说明", FactType.Text, 1000);
    public static readonly FactKey DiscussionRequired = new("discussion.required", "情节复杂或者重大违法行为，需集体讨论", FactType.YesNo);
    public static readonly FactKey DiscussionOn = new("discussion.on", "集体讨论日期", FactType.Date);
    public static readonly FactKey DiscussionAt = new("discussion.at", "集体讨论时间", FactType.DateTime);
    public static readonly FactKey DiscussionPlace = new("discussion.place", "集体讨论地点", FactType.Text, 200);
    public static readonly FactKey DiscussionChair = new("discussion.chair", "主持人（姓名和职务，如：王建设（局长））", FactType.Text, 100);
    public static readonly FactKey DiscussionParticipants = new("discussion.participants",
        "参加讨论的负责人及各自意见（每行一人：姓名（职务）：意见）", FactType.Text, 3000);
    public static readonly FactKey DiscussionRecorder = new("discussion.recorder", "记录人", FactType.Text, 50);
    public static readonly FactKey DiscussionConclusion = new("discussion.conclusion", "集体讨论结论", FactType.Text, 2000);
    public static readonly FactKey DiscussionDecision = new("discussion.decision", "集体讨论决定的处理类型", FactType.Choice,
        Choices: ["给予行政处罚", "不予行政处罚", "移送司法机关", "其他决定"]);
    public static readonly FactKey DiscussionFine = new("discussion.fine", "集体讨论决定的罚款金额（元）", FactType.Amount);

    // Decision (《行政处罚法》第五十九条), extension of the period
    public static readonly FactKey DecisionKind = new("decision.kind", "决定类型", FactType.Choice,
        Choices: ["给予行政处罚", "不予行政处罚", "移送司法机关", "准予许可", "不予许可", "认定", "不予认定", "其他决定"]);
    public static readonly FactKey DecisionFacts = new("decision.facts", "违法事实和证据", FactType.Text, 10000);
    public static readonly FactKey DecisionBasis = new("decision.basis", "处罚的种类和依据", FactType.Text, 5000);
    public static readonly FactKey DecisionPerformance = new("decision.performance", "履行方式和期限", FactType.Text, 1000);
    public static readonly FactKey DecisionRemedy = new("decision.remedy", "申请行政复议、提起行政诉讼的途径和期限", FactType.Text, 1000);
    public static readonly FactKey DecisionReasons = new("decision.reasons", "不予许可（不予认定）的理由及救济途径", FactType.Text, 2000);
    public static readonly FactKey ExtensionDays = new("decision.extension-days", "经批准延长办案期限（日）", FactType.Days);
    public static readonly FactKey ExtensionApproval = new("decision.extension-approval", "延长期限的批准人、批准日期和理由", FactType.Text, 500);
    public static readonly FactKey ExcludedDays = new("decision.excluded-days", "不计入办案期限的日数", FactType.Days,
        Hint: "中止、听证、公告和检测、检验、检疫、鉴定等期间，仅在本机关适用的规定允许时扣除");
    public static readonly FactKey ExcludedReason = new("decision.excluded-reason", "不计入办案期限的事由和起止日期", FactType.Text, 1000);

    // Service, execution, closing
    public static readonly FactKey ServiceMethod = new("service.method", "送达方式", FactType.Choice,
        Choices: ["直接送达", "留置送达", "邮寄送达", "委托送达", "电子送达", "公告送达"]);
    public static readonly FactKey ServedOn = new("service.served-on", "送达日期", FactType.Date);
    public static readonly FactKey ServiceRecipient = new("service.recipient", "受送达人（签收人）", FactType.Text, 64);
    public static readonly FactKey ElectronicConsent = new("service.electronic-consent", "当事人已书面同意电子送达", FactType.YesNo);
    public static readonly FactKey ServiceLateReason = new("service.late-reason", "逾期送达的原因", FactType.Text, 1000);
    public static readonly FactKey PaidOn = new("execution.paid-on", "缴纳日期", FactType.Date);
    public static readonly FactKey PaidAmount = new("execution.paid", "实缴金额（含加处罚款，元）", FactType.Amount);
    public static readonly FactKey CourtEnforcementOn = new("execution.court-on", "申请人民法院强制执行日期", FactType.Date);
    public static readonly FactKey ExecutionNote = new("execution.note", "执行情况（没收物品处置、责令改正等）", FactType.Text, 2000);
    public static readonly FactKey ClosingReport = new("closing.report", "结案报告", FactType.Text, 5000);

    // Summary procedure
    public static readonly FactKey SummaryDecisionDelivered = new("summary.delivered", "预定格式、编有号码的决定书已当场交付", FactType.YesNo);
    public static readonly FactKey HardToExecute = new("collection.hard-to-execute", "不当场收缴事后难以执行的情形", FactType.Text, 500);
    public static readonly FactKey ReceiptNumber = new("collection.receipt", "罚没款专用票据号码", FactType.Text, 40);
    public static readonly FactKey CollectedOn = new("collection.on", "当场收缴日期", FactType.Date);
    public static readonly FactKey RemittedOn = new("collection.remitted-on", "罚款交至行政机关日期", FactType.Date);
    public static readonly FactKey FiledOn = new("summary.filed-on", "报所属行政机关备案日期", FactType.Date);

    // Coercive measures
    public static readonly FactKey CoercionApprovedBy = new("coercion.approved-by", "批准实施的负责人", FactType.Text, 32);
    public static readonly FactKey CoercionEmergency = new("coercion.emergency", "情况紧急需当场实施的理由", FactType.Text, 1000);
    public static readonly FactKey CoercionImplementedAt = new("coercion.implemented-at", "实施时间", FactType.DateTime);
    public static readonly FactKey CoercionRatifiedAt = new("coercion.ratified-at", "补办批准时间", FactType.DateTime);
    public static readonly FactKey CoercionOnSiteProcedure = new("coercion.on-site-procedure", "已通知当事人到场，告知理由、依据、权利和救济途径，听取陈述申辩", FactType.YesNo);
    public static readonly FactKey CoercionOnSiteRecord = new("coercion.on-site-record", "现场笔录已由当事人和执法人员签名（拒绝的已注明）", FactType.YesNo);
    public static readonly FactKey SeizureDocumentsDelivered = new("coercion.documents-delivered", "查封扣押决定书和清单已当场交付", FactType.YesNo);
    public static readonly FactKey CoercionExtensionApproval = new("coercion.extension-approval", "延长查封扣押期限的批准人和书面告知日期", FactType.Text, 500);
    public static readonly FactKey ReleaseGrounds = new("coercion.release-grounds", "解除查封扣押的情形", FactType.Choice,
        Choices: ["当事人没有违法行为", "财物与违法行为无关", "已作出处理决定，不再需要查封扣押", "期限已经届满", "其他不再需要查封扣押的情形"]);

    // Inspection
    public static readonly FactKey InspectionDraw = new("inspection.draw", "检查对象和人员的抽取记录或确定依据", FactType.Text, 1000);
    public static readonly FactKey InspectionRecordSigned = new("inspection.record-signed", "检查笔录已由检查人员和被检查对象签字（拒绝的已注明）", FactType.YesNo);
    public static readonly FactKey RectificationVerifiedOn = new("inspection.rectification-verified-on", "整改复查日期", FactType.Date);
    public static readonly FactKey InspectionResult = new("inspection.result", "检查结果", FactType.Choice,
        Choices: ["未发现问题", "发现问题", "责令整改", "移送立案"]);
    public static readonly FactKey PublicationRedacted = new("publication.redacted", "公示内容已经脱敏审核", FactType.YesNo);

    // Licensing and confirmation
    public static readonly FactKey MaterialsComplete = new("application.materials-complete", "申请材料齐全、符合法定形式", FactType.YesNo);
    public static readonly FactKey SupplementNotice = new("application.supplement-notice", "一次性告知补正的全部内容", FactType.Text, 2000);
    public static readonly FactKey LicensingHearingRequestedOn = new("licensing.hearing-requested-on", "申请人、利害关系人申请听证日期", FactType.Date);
    public static readonly FactKey LicensingHearingToldOn = new("licensing.hearing-told-on", "告知听证权利日期", FactType.Date);
    public static readonly FactKey LicenceCategory = new("licensing.category", "许可类别", FactType.Choice,
        Choices: ["普通", "特许", "认可", "核准", "登记", "其他"], Hint: "《行政许可法》第十二条所列类别；准予许可时填写");
    public static readonly FactKey LicenceName = new("licensing.certificate-name", "许可证书名称", FactType.Text, 100,
        Hint: "如：食品经营许可证；不发证书的不填");
    public static readonly FactKey LicenceNumber = new("licensing.certificate-number", "许可编号（证书编号）", FactType.Text, 64);
    public static readonly FactKey LicenceValidFrom = new("licensing.valid-from", "许可有效期自", FactType.Date);
    public static readonly FactKey LicenceValidTo = new("licensing.valid-to", "许可有效期至", FactType.Date, Hint: "长期有效的不填");
    public static readonly FactKey InjuryOn = new("injury.on", "事故伤害发生日期（或职业病诊断、鉴定日期）", FactType.Date);
    public static readonly FactKey InjuryApplicant = new("injury.applicant", "申请人", FactType.Choice, Choices: ["用人单位", "职工或其近亲属", "工会组织"]);
    public static readonly FactKey InjuryAppliedOn = new("injury.applied-on", "提出工伤认定申请日期", FactType.Date);
    public static readonly FactKey InjuryMaterials = new("injury.materials", "已提交申请表、劳动关系证明和医疗诊断证明", FactType.YesNo);

    public static IReadOnlyList<FactKey> All { get; } =
    [
        .. typeof(FactKeys).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(FactKey)).Select(f => (FactKey)f.GetValue(null)!),
    ];

    private static readonly Dictionary<string, FactKey> ByKey = All.ToDictionary(k => k.Key, StringComparer.Ordinal);

    public static FactKey? Find(string key) => ByKey.GetValueOrDefault(key);
}
