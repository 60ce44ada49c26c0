using static Sanxiang.Core.Accounts.Roles;
using static Sanxiang.Core.Workflow.WorkflowGuards;

namespace Sanxiang.Core.Workflow;

public static partial class Procedures
{
    /// <summary>
    /// 行政处罚一般程序 (《行政处罚法》第五章第三节、第四节): 立案 → 调查取证 → 案件审查 → 告知 → [听证] → 法制审核 → [集体讨论] →
    /// 决定 → 送达 → 执行 → 结案 → 归档. Every general-procedure penalty decision is reviewed (REV-2), so 法制审核 is on the
    /// main line; a no-penalty or transfer decision is reviewed where the law or the agency's catalogue requires it.
    /// </summary>
    public static readonly WorkflowDefinition GeneralPenalty = new(
        Registry.ProcedureKind.GeneralPenalty,
        "行政处罚一般程序",
        "《中华人民共和国行政处罚法》",
        Start: "register",
        Steps:
        [
            new("register", "立案", UnitHead,
                Note: "对符合立案标准的案件及时立案，立案审批表经负责人批准，指定两名以上承办人员（第五十四条）"),
            new("investigate", "调查取证", Officer,
                Note: "全面、客观、公正地调查，收集证据；询问、检查时执法人员不少于两人并出示执法证件，制作笔录（第五十四条、第五十五条）"),
            new("preserve", "先行登记保存", Officer,
                new TimeLimit(7, PeriodUnit.WorkingDays, new("preserve", StepMoment.Entered, "登记保存之日"), "作出处理决定", Penalty("第五十六条")),
                Note: "证据可能灭失或者以后难以取得的，经行政机关负责人批准先行登记保存；期间当事人或者有关人员不得销毁或者转移证据"),
            new("examine", "案件审查", UnitHead,
                Note: "调查终结，审查调查结果，提出给予处罚、不予处罚、补充调查或者移送司法机关的意见（第五十七条）"),
            new("notify", "告知", Officer,
                new TimeLimit(5, PeriodUnit.WorkingDays, new("notify", StepMoment.Entered, "告知书送达之日"), "提出听证申请",
                    Penalty("第六十四条"), Label: "5个工作日内可申请听证"),
                Note: "告知拟作出的处罚内容及事实、理由、依据和陈述、申辩、要求听证的权利，听取并复核当事人的意见；不得因申辩加重处罚（第四十四条、第四十五条）"),
            new("hearing", "听证", Officer,
                Note: "当事人申请听证的，举行听证七日前通知；由非本案调查人员主持，除涉及国家秘密、商业秘密或者个人隐私外公开举行，制作听证笔录（第六十三条、第六十四条）"),
            new("review", "法制审核", Reviewer,
                Note: "审核执法主体、人员资格、程序、事实证据、适用法律和裁量基准、权限、文书，以及是否涉嫌犯罪需要移送（第五十八条）"),
            new("discuss", "集体讨论", AgencyHead,
                Note: "情节复杂或者重大违法行为给予处罚的，由行政机关负责人集体讨论决定，记录参加人员、意见和结论（第五十七条第二款）"),
            new("decide", "决定", AgencyHead,
                new TimeLimit(90, PeriodUnit.CalendarDays, new("register", StepMoment.Completed, "立案之日"), "作出行政处罚决定", Penalty("第六十条")),
                Note: "作出给予处罚、不予处罚或者移送司法机关的决定；决定书载明第五十九条规定的事项并加盖印章。法律、法规、规章另有规定的，从其规定"),
            new("serve", "送达", Officer,
                new TimeLimit(7, PeriodUnit.WorkingDays, new("decide", StepMoment.Completed, "决定宣告之日"), "送达行政处罚决定书", Penalty("第六十一条")),
                Note: "决定书宣告后当场交付；当事人不在场的，七日内依照民事诉讼法的规定送达；当事人同意的，可以电子送达"),
            new("execute", "执行", Officer,
                new TimeLimit(15, PeriodUnit.CalendarDays, new("serve", StepMoment.Completed, "收到决定书之日"), "缴纳罚款", Penalty("第六十七条")),
                Note: "到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处数额不超过罚款数额；依法申请人民法院强制执行（第七十二条）"),
            new("close", "结案", UnitHead, Note: "制作结案报告，经负责人批准"),
            new("archive", "归档", Officer, IsFinal: true, Note: "案卷材料立卷归档，封存为可验证的电子案卷（第四十七条）"),
        ],
        Transitions:
        [
            new("register", "investigate", "批准立案", Guards: [LimitationNotExpired, RegistrationApproved, RegistrationWithinLimit, RecusalHonoured]),
            new("investigate", "examine", "调查终结", Guards: [TwoCertifiedOfficers, CertificateShown, InvestigationReport]),
            new("investigate", "preserve", "先行登记保存证据", "证据可能灭失或以后难以取得", [PreservationApproved, TwoCertifiedOfficers]),
            new("preserve", "investigate", "对登记保存的证据作出处理决定", Guards: [PreservationDecided]),
            new("examine", "notify", "送达行政处罚告知书", Guards: [PenaltyNoticeServed]),
            new("examine", "investigate", "退回补充调查", "事实不清、证据不足"),
            new("examine", "review", "提交法制审核", "拟不予处罚或移送，需审核", [ReviewRequired, ReviewSubmitted]),
            new("examine", "decide", "提请决定", "拟不予处罚或移送，无需审核", [ReviewNotRequired]),
            new("notify", "review", "陈述申辩期满，提交法制审核", Guards: [StatementHeard, ReviewSubmitted]),
            new("notify", "hearing", "组织听证", "当事人申请听证", [HearingQualifies, HearingRequestedInTime]),
            new("hearing", "review", "听证结束，提交法制审核", Guards: [HearingNoticeSevenDays, HearingChairIndependent, HearingRecordSigned, ReviewSubmitted]),
            new("review", "decide", "审核通过，提请决定", Guards: [ReviewPassed, ReviewerIndependent]),
            new("review", "discuss", "提请集体讨论", "情节复杂或者重大违法行为", [ReviewPassed, DiscussionRequired]),
            new("review", "examine", "退回补正", "审核提出问题，需补正", [ReviewReturned, ReviewerIndependent]),
            new("discuss", "decide", "集体讨论决定", Guards: [DiscussionRecorded]),
            new("decide", "review", "退回重新审核", "负责人拟变更处罚内容，或者对审核意见有不同意见", [ReviewSubmitted]),
            new("decide", "discuss", "提请集体讨论", "负责人认为情节复杂或者属于重大违法行为", [DiscussionRequired]),
            new("decide", "serve", "宣告决定", Guards: [ReviewGate, DiscussionFollowed, DecisionWithinLimit, DecisionSeparateDuties, DecisionWithinBenchmark, DecisionDocumentComplete]),
            new("serve", "execute", "送达完毕", Guards: [ServiceRecorded]),
            new("serve", "close", "送达完毕", "不予处罚或移送，无需执行", [ServiceRecorded]),
            new("execute", "close", "执行完毕", Guards: [ExecutionPerformed]),
            new("close", "archive", "批准结案，立卷归档", Guards: [ClosingReportApproved, ArchiveSealed]),
        ]);
}
