namespace Sanxiang.Core.Workflow;

/// <summary>
/// The guards the workflow tables name, each once. A guard is an identifier and the Chinese rule it stands for; case handling
/// binds each identifier to a check (issue 5), and a refusal quotes the description. One object per rule, so the same rule
/// in two procedures is the same identifier with the same words.
/// </summary>
public static class WorkflowGuards
{
    // People (《行政处罚法》第四十二条、第四十三条、第五十五条; 《行政强制法》第十八条; 《行政许可法》第三十四条)
    public static readonly Guard TwoCertifiedOfficers = new("officers.two-certified",
        "至少两名执法人员参与，其执法证件在当日有效且覆盖本事项的执法领域");
    public static readonly Guard CertificateShown = new("officers.certificate-shown", "执法人员已向当事人出示执法证件");
    public static readonly Guard RecusalHonoured = new("officers.recusal-honoured",
        "承办人员已声明是否存在应当回避的情形，已回避的人员未参与本环节");

    // Registration and investigation
    public static readonly Guard LimitationNotExpired = new("penalty.limitation",
        "违法行为未超过追责时效：二年；涉及公民生命健康安全、金融安全且有危害后果的五年（《行政处罚法》第三十六条）");
    public static readonly Guard RegistrationApproved = new("register.approved", "立案审批表已经负责人批准");
    public static readonly Guard PreservationApproved = new("evidence.preservation-approved",
        "证据可能灭失或者以后难以取得，先行登记保存已经行政机关负责人批准（《行政处罚法》第五十六条）");
    public static readonly Guard PreservationDecided = new("evidence.preservation-decided",
        "先行登记保存的证据已在七个工作日内作出处理决定（《行政处罚法》第五十六条）");
    public static readonly Guard InvestigationReport = new("investigation.report", "已提交调查终结报告，证据材料已归入案卷");
    public static readonly Guard AudioVisualRecorded = new("records.audio-visual",
        "本环节依法应当全程音像记录，已上传音像记录并注明证明对象（执法全过程记录制度）");

    // Notice, statement and hearing (《行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条)
    public static readonly Guard PenaltyNoticeServed = new("notice.served",
        "行政处罚告知书已送达，载明拟作出的处罚内容及事实、理由、依据和陈述、申辩、要求听证的权利");
    public static readonly Guard StatementHeard = new("notice.statement-heard",
        "当事人的陈述、申辩已记录并复核，或者当事人明确放弃；陈述申辩期限已届满");
    public static readonly Guard HearingQualifies = new("hearing.penalty-qualifies",
        "拟作出的处罚属于应当告知听证权利的种类：较大数额罚款、没收较大数额违法所得或非法财物、降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业等");
    public static readonly Guard HearingRequestedInTime = new("hearing.requested-in-time", "当事人在告知后五个工作日内提出听证申请");
    public static readonly Guard HearingNoticeSevenDays = new("hearing.notice-seven-days",
        "已在举行听证的七个工作日前通知当事人听证的时间、地点");
    public static readonly Guard HearingChairIndependent = new("hearing.chair-independent", "听证主持人不是本案调查人员");
    public static readonly Guard HearingRecordSigned = new("hearing.record-signed", "听证笔录已交当事人或其代理人核对无误后签字或盖章");

    // Legal review and collective discussion (《行政处罚法》第五十七条、第五十八条; 重大执法决定法制审核制度)
    public static readonly Guard ReviewRequired = new("review.required",
        "属于应当法制审核的情形：一般程序行政处罚决定、涉及重大公共利益、直接关系当事人或第三人重大权益、经过听证、案情复杂涉及多个法律关系，或列入本机关法制审核目录");
    public static readonly Guard ReviewNotRequired = new("review.not-required", "不属于法律规定和本机关法制审核目录应当审核的情形");
    public static readonly Guard ReviewPassed = new("review.passed", "法制审核意见为同意；审核未通过的，不得作出决定");
    public static readonly Guard ReviewSubmitted = new("review.submitted",
        "送审时承办机构承诺对材料的真实性、准确性、完整性负责；退回补正后重新送审的，逐条答复审核提出的问题");
    public static readonly Guard ReviewReturned = new("review.returned",
        "逐项作答审核事项，审核意见为存在问题，并逐条列明存在的问题及整改意见");
    public static readonly Guard ReviewGate = new("review.gate",
        "应当法制审核的决定，已就拟作出的决定审核通过；审核后处罚内容有变化的，须重新审核（未经法制审核或者审核未通过的，不得作出决定）");
    public static readonly Guard ReviewerIndependent = new("review.reviewer-independent", "法制审核人员未参与本案办理（办审分离）");
    public static readonly Guard DiscussionRequired = new("discussion.required", "情节复杂或者重大违法行为，应当由行政机关负责人集体讨论决定");
    public static readonly Guard DiscussionRecorded = new("discussion.recorded", "集体讨论的参加人员、各自意见和结论已记录并签名");
    public static readonly Guard DiscussionFollowed = new("discussion.followed", "经集体讨论的案件，所作决定与集体讨论的结论一致");

    // Decision, service, execution, closing
    public static readonly Guard DecisionWithinLimit = new("decision.within-limit",
        "在法定期限内作出决定；延长期限的，已有负责人批准记录");
    public static readonly Guard DecisionSeparateDuties = new("decision.separate-duties", "作出决定的负责人未参与本案调查和法制审核（办、审、定分离）");
    public static readonly Guard DecisionWithinBenchmark = new("decision.within-benchmark", "处罚种类和幅度在裁量基准相应档次内，或已书面说明理由");
    public static readonly Guard DecisionDocumentComplete = new("decision.document-complete",
        "决定书载明《行政处罚法》第五十九条规定的全部事项，编号并加盖印章");
    public static readonly Guard ServiceRecorded = new("service.recorded", "送达回证已记录送达方式和时间；电子送达已经当事人同意");
    public static readonly Guard ExecutionPerformed = new("execution.performed",
        "罚款已缴纳或没收已执行，或者已依法申请人民法院强制执行；逾期缴纳的加处罚款不超过罚款数额");
    public static readonly Guard RegistrationWithinLimit = new("registration.within-limit",
        "自发现线索或者收到材料之日起在行业规定的核查期限内决定是否立案，逾期的已经批准延长或者说明原因");
    public static readonly Guard ClosingReportApproved = new("closing.report-approved", "结案报告已经负责人批准");
    public static readonly Guard ArchiveSealed = new("archive.sealed", "案卷材料齐全，已通过真实性、完整性、可用性、安全性检测并封存");

    // Summary procedure (《行政处罚法》第五十一条、第五十二条、第六十八条至第七十一条)
    public static readonly Guard SummaryAmountLimit = new("summary.amount-limit",
        "违法事实确凿并有法定依据，对公民处二百元以下、对法人或者其他组织处三千元以下罚款或者警告");
    public static readonly Guard SummaryDecisionDelivered = new("summary.decision-delivered",
        "已填写预定格式、编有号码的行政处罚决定书并当场交付当事人");
    public static readonly Guard OnSpotCollectionAllowed = new("collection.on-spot-allowed",
        "依法给予一百元以下罚款，或者不当场收缴事后难以执行（《行政处罚法》第六十八条）");
    public static readonly Guard CollectionReceipt = new("collection.receipt", "已向当事人出具财政部门统一制发的专用票据");
    public static readonly Guard CollectionRemitted = new("collection.remitted", "当场收缴的罚款已在二个工作日内交至行政机关");
    public static readonly Guard SummaryFiled = new("summary.filed", "当场作出的行政处罚决定已报所属行政机关备案");

    // Coercive measures (《行政强制法》第十八条、第十九条、第二十四条、第二十五条、第二十八条)
    public static readonly Guard CoercionApproved = new("coercion.approved", "实施前已向行政机关负责人报告并经批准");
    public static readonly Guard CoercionEmergency = new("coercion.emergency", "情况紧急，需要当场实施行政强制措施");
    public static readonly Guard CoercionRatified = new("coercion.ratified", "已在二十四小时内向行政机关负责人报告并补办批准手续");
    public static readonly Guard CoercionOnSiteProcedure = new("coercion.on-site-procedure",
        "通知当事人到场，当场告知采取措施的理由、依据和当事人的权利、救济途径，听取陈述和申辩");
    public static readonly Guard CoercionOnSiteRecord = new("coercion.on-site-record", "现场笔录由当事人和执法人员签名或盖章；当事人拒绝的，已在笔录中注明");
    public static readonly Guard SeizureDocumentsDelivered = new("coercion.documents-delivered", "查封、扣押决定书和清单已当场交付当事人");
    public static readonly Guard CoercionWithinTerm = new("coercion.within-term",
        "在查封、扣押期限内作出处理决定；延长期限的，已经负责人批准并书面告知当事人");
    public static readonly Guard CoercionReleaseGrounds = new("coercion.release-grounds",
        "当事人没有违法行为、财物与违法行为无关、已作出处理决定不再需要查封扣押、期限已经届满，或者其他不再需要采取查封扣押措施的情形");

    // Inspection and publication
    public static readonly Guard InspectionTargetsDrawn = new("inspection.targets-drawn",
        "检查对象和检查人员已随机抽取或依法确定，抽取记录可复核（双随机、一公开）");
    public static readonly Guard InspectionRecordSigned = new("inspection.record-signed", "检查笔录由检查人员和被检查对象签字；拒绝签字的，已注明");
    public static readonly Guard RectificationVerified = new("inspection.rectification-verified", "整改期限届满，已复查并记录整改情况");
    public static readonly Guard PublicationRedacted = new("publication.redacted", "公示内容已经脱敏审核，不含个人隐私和依法不予公开的信息");

    // Licensing (《行政许可法》第三十二条、第三十八条、第四十二条、第四十四条、第四十七条、第四十八条)
    public static readonly Guard MaterialsComplete = new("application.materials-complete", "申请材料齐全、符合法定形式");
    public static readonly Guard SupplementNotifiedOnce = new("application.supplement-notified",
        "已一次性书面告知申请人需要补正的全部内容");
    public static readonly Guard LicensingHearingRequested = new("licensing.hearing-requested",
        "涉及申请人与他人之间重大利益关系，申请人、利害关系人在被告知听证权利之日起五个工作日内提出听证申请，或法律规定应当听证");
    public static readonly Guard LicensingHearingNotice = new("licensing.hearing-notice", "已在举行听证的七个工作日前通知申请人、利害关系人，必要时予以公告");
    public static readonly Guard RefusalReasons = new("licensing.refusal-reasons",
        "不予许可的，已书面说明理由，并告知申请行政复议或者提起行政诉讼的权利");

    // Confirmation: work-injury determination (《工伤保险条例》第十七条至第二十条)
    public static readonly Guard InjuryApplicationInTime = new("injury.application-in-time",
        "申请在法定期限内提出：用人单位自事故伤害发生之日起三十日内，职工或其近亲属、工会组织一年内");
    public static readonly Guard InjuryMaterialsComplete = new("injury.materials-complete",
        "已提交工伤认定申请表、劳动关系证明材料和医疗诊断证明或职业病诊断证明");
}
