using static Sanxiang.Core.Accounts.Roles;
using static Sanxiang.Core.Workflow.WorkflowGuards;

namespace Sanxiang.Core.Workflow;

public static partial class Procedures
{
    /// <summary>
    /// 行政许可 (《行政许可法》第二十九条至第五十条): decision within 20 days of acceptance, extendable once by 10 with the head's
    /// approval; the law counts all its periods in working days (第八十二条).
    /// </summary>
    public static readonly WorkflowDefinition Licensing = new(
        Registry.ProcedureKind.Licensing,
        "行政许可",
        "《中华人民共和国行政许可法》",
        Start: "receive",
        Steps:
        [
            new("receive", "申请与受理", Officer,
                new TimeLimit(5, PeriodUnit.WorkingDays, new("receive", StepMoment.Entered, "收到申请材料之日"),
                    "决定是否受理；材料不齐全的，一次告知需要补正的全部内容", Licence("第三十二条"), Label: "5个工作日内决定是否受理"),
                Note: "申请材料不齐全或者不符合法定形式，逾期不告知的，自收到申请材料之日起即为受理；受理或者不予受理，出具加盖印章和注明日期的书面凭证"),
            new("supplement", "补正材料", Officer, Note: "一次告知申请人需要补正的全部内容，申请人补正后重新审查是否受理"),
            new("examine", "审查", Officer, Note: "审查申请材料；需要对实质内容进行核实的，指派两名以上工作人员核查（第三十四条）"),
            new("hearing", "听证", Officer,
                new TimeLimit(20, PeriodUnit.WorkingDays, new("hearing", StepMoment.Entered, "提出听证申请之日"), "组织听证", Licence("第四十七条"),
                    Label: "申请之日起20个工作日内组织"),
                Note: "举行听证的七日前通知申请人、利害关系人；由审查该申请的工作人员以外的人员主持；根据听证笔录作出决定（第四十八条）"),
            new("decide", "作出许可决定", AgencyHead,
                new TimeLimit(20, PeriodUnit.WorkingDays, new("receive", StepMoment.Completed, "受理之日"), "作出行政许可决定", Licence("第四十二条"),
                    new Extension(10, 1, "二十日内不能作出决定的，经本行政机关负责人批准，并将延长期限的理由告知申请人")),
                Note: "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在期限内（第四十五条）；不予许可的，书面说明理由"),
            new("issue", "送达与发证", Officer,
                new TimeLimit(10, PeriodUnit.WorkingDays, new("decide", StepMoment.Completed, "作出准予许可决定之日"), "颁发、送达行政许可证件",
                    Licence("第四十四条")),
                Note: "准予许可的颁发、送达许可证件；不予许可的送达决定书，告知申请行政复议或者提起行政诉讼的权利"),
            new("archive", "归档", Officer, IsFinal: true, Note: "申请材料、审查记录和决定归档；准予许可的决定依法公开"),
        ],
        Transitions:
        [
            new("receive", "examine", "予以受理", Guards: [MaterialsComplete]),
            new("receive", "supplement", "一次告知补正", "材料不齐全或不合法定形式", [SupplementNotifiedOnce]),
            new("supplement", "receive", "申请人提交补正材料"),
            new("examine", "decide", "审查完毕，提请决定", Guards: [RecusalHonoured]),
            new("examine", "hearing", "组织听证", "申请人、利害关系人申请听证", [LicensingHearingRequested]),
            new("hearing", "decide", "根据听证笔录提请决定", Guards: [LicensingHearingNotice, HearingChairIndependent, HearingRecordSigned]),
            new("decide", "issue", "作出准予或不予许可决定", Guards: [DecisionWithinLimit, RefusalReasons]),
            new("issue", "archive", "送达完毕，归档", Guards: [ServiceRecorded]),
        ]);
}
