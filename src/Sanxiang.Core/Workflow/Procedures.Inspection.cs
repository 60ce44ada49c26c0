using static Sanxiang.Core.Accounts.Roles;
using static Sanxiang.Core.Workflow.WorkflowGuards;

namespace Sanxiang.Core.Workflow;

public static partial class Procedures
{
    /// <summary>行政检查, including the random inspections of 双随机、一公开 (PLT-2): the result is published.</summary>
    public static readonly WorkflowDefinition Inspection = new(
        Registry.ProcedureKind.Inspection,
        "行政检查",
        "行政执法公示制度、“双随机、一公开”监管",
        Start: "plan",
        Steps:
        [
            new("plan", "确定检查对象", UnitHead,
                Note: "按随机抽查事项清单随机抽取检查对象、随机选派检查人员，或依投诉举报、交办转办依法确定；有利害关系的人员回避"),
            new("inspect", "实施检查", Officer, Note: "两名以上执法人员实施，出示执法证件，制作检查笔录，必要时音像记录"),
            new("conclude", "形成检查结果", UnitHead, Note: "审核检查记录，形成检查结论"),
            new("rectify", "责令整改", Officer, Note: "发现问题的，责令限期改正，期满复查"),
            new("refer", "移送立案", UnitHead, Note: "发现涉嫌违法行为应予处罚的，转入行政处罚程序或者移送有管辖权的机关"),
            new("publish", "结果公示", PublicityClerk,
                new TimeLimit(20, PeriodUnit.WorkingDays, new("conclude", StepMoment.Completed, "检查结果形成之日"), "向社会公示检查结果",
                    new Citation(StatutoryDays.ThreeSystemsGuideline, "（国办发〔2018〕118号）")),
                Note: "公示检查对象、检查事项、检查结果等信息，个人隐私和依法不予公开的信息除外"),
            new("archive", "归档", Officer, IsFinal: true, Note: "检查记录、整改和移送材料归档"),
        ],
        Transitions:
        [
            new("plan", "inspect", "下达检查任务", Guards: [InspectionTargetsDrawn, RecusalHonoured]),
            new("inspect", "conclude", "检查完毕", Guards: [TwoCertifiedOfficers, CertificateShown, InspectionRecordSigned]),
            new("conclude", "publish", "作出检查结论"),
            new("conclude", "rectify", "责令限期改正", "发现问题，需要整改"),
            new("conclude", "refer", "移送立案查处", "发现涉嫌违法行为"),
            new("rectify", "publish", "复查完毕", Guards: [RectificationVerified]),
            new("refer", "publish", "移送完毕"),
            new("publish", "archive", "公示完毕，归档", Guards: [PublicationRedacted]),
        ]);
}
