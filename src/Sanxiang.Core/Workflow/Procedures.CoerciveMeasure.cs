using static Sanxiang.Core.Accounts.Roles;
using static Sanxiang.Core.Workflow.WorkflowGuards;

namespace Sanxiang.Core.Workflow;

public static partial class Procedures
{
    /// <summary>
    /// 行政强制措施：查封、扣押 (《行政强制法》第十八条、第十九条、第二十四条至第二十八条): 30 days, extendable once by 30 with the
    /// head's approval; on-the-spot measures in an emergency are reported within 24 hours.
    /// </summary>
    public static readonly WorkflowDefinition CoerciveMeasure = new(
        Registry.ProcedureKind.CoerciveMeasure,
        "行政强制措施（查封、扣押）",
        "《中华人民共和国行政强制法》",
        Start: "propose",
        Steps:
        [
            new("propose", "报请批准", Officer, Note: "提出采取查封、扣押的理由、依据、对象和范围，报行政机关负责人批准（第十八条第一项）"),
            new("approve", "负责人审批", AgencyHead, Note: "行政机关负责人审查并决定是否批准实施"),
            new("implement", "实施查封扣押", Officer,
                Note: "由两名以上执法人员实施，出示执法证件，通知当事人到场，当场告知理由、依据和权利、救济途径，听取陈述申辩，制作现场笔录，当场交付查封扣押决定书和清单，全程音像记录（第十八条、第二十四条）"),
            new("ratify", "补办批准", AgencyHead,
                new TimeLimit(24, PeriodUnit.Hours, new("implement", StepMoment.Entered, "当场实施之时"), "向行政机关负责人报告并补办批准手续",
                    Coercion("第十九条"), Label: "24小时内报告并补办批准"),
                Note: "情况紧急当场实施的，执法人员在二十四小时内向负责人报告并补办批准手续；负责人认为不应当采取的，应当立即解除"),
            new("decide", "作出处理决定", AgencyHead,
                new TimeLimit(30, PeriodUnit.CalendarDays, new("implement", StepMoment.Completed, "查封扣押之日"), "查明事实，作出处理决定",
                    Coercion("第二十五条、第二十七条"), new Extension(30, 1, "情况复杂的，经行政机关负责人批准并书面告知当事人")),
                Note: "检测、检验、检疫或者技术鉴定的期间不计入查封、扣押期限；对违法事实清楚、依法应当没收的非法财物予以没收，应当销毁的依法销毁"),
            new("release", "解除查封扣押", Officer, Note: "立即退还财物；已将鲜活物品或者不易保管的财物拍卖或者变卖的，退还所得款项（第二十八条）"),
            new("close", "结案", UnitHead, Note: "制作结案报告，经负责人批准"),
            new("archive", "归档", Officer, IsFinal: true, Note: "决定书、清单、现场笔录和音像记录立卷归档"),
        ],
        Transitions:
        [
            new("propose", "approve", "报请负责人批准"),
            new("propose", "implement", "当场实施", "情况紧急，需当场实施", [CoercionEmergency]),
            new("approve", "implement", "批准实施", Guards: [CoercionApproved]),
            new("implement", "decide", "查封扣押完毕", Guards:
                [CoercionApproved, TwoCertifiedOfficers, CertificateShown, CoercionOnSiteProcedure, CoercionOnSiteRecord, SeizureDocumentsDelivered, AudioVisualRecorded]),
            new("implement", "ratify", "报告负责人", "紧急情况下当场实施的", [CoercionEmergency, TwoCertifiedOfficers, CertificateShown,
                CoercionOnSiteProcedure, CoercionOnSiteRecord, SeizureDocumentsDelivered, AudioVisualRecorded]),
            new("ratify", "decide", "补办批准", Guards: [CoercionRatified]),
            new("ratify", "release", "立即解除", "负责人认为不应当采取"),
            new("decide", "close", "作出没收、移送等处理决定", Guards: [CoercionWithinTerm]),
            new("decide", "release", "决定解除查封扣押", "不再需要查封、扣押", [CoercionReleaseGrounds]),
            new("release", "close", "财物已退还"),
            new("close", "archive", "批准结案，立卷归档", Guards: [ClosingReportApproved, ArchiveSealed]),
        ]);
}
