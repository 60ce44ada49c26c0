using static Sanxiang.Core.Accounts.Roles;
using static Sanxiang.Core.Workflow.WorkflowGuards;

namespace Sanxiang.Core.Workflow;

public static partial class Procedures
{
    /// <summary>
    /// 其他行政执法行为 (e.g. 行政征收征用, 行政给付): the common skeleton of the three systems — recorded steps, legal review of
    /// major decisions, service. National law sets no common time limit; an item's own law adds them.
    /// </summary>
    public static readonly WorkflowDefinition Other = new(
        Registry.ProcedureKind.Other,
        "其他行政执法程序",
        "国务院办公厅“三项制度”指导意见（国办发〔2018〕118号）",
        Start: "open",
        Steps:
        [
            new("open", "启动", UnitHead, Note: "依申请受理或者依职权启动，登记并指定两名以上承办人员"),
            new("investigate", "调查核实", Officer, Note: "调查核实有关事实，收集证据，制作笔录"),
            new("examine", "审查", UnitHead, Note: "审查调查结果，提出处理意见"),
            new("review", "法制审核", Reviewer, Note: "重大执法决定作出前，由法制审核人员进行合法性审核"),
            new("decide", "决定", AgencyHead, Note: "作出执法决定；制作决定书并加盖印章"),
            new("serve", "送达", Officer, Note: "依法送达决定书，告知救济途径"),
            new("archive", "归档", Officer, IsFinal: true, Note: "执法全过程记录立卷归档"),
        ],
        Transitions:
        [
            new("open", "investigate", "启动办理", Guards: [RecusalHonoured]),
            new("investigate", "examine", "调查完毕", Guards: [TwoCertifiedOfficers, CertificateShown]),
            new("examine", "decide", "提请决定", Guards: [ReviewNotRequired]),
            new("examine", "review", "提交法制审核", "属于重大执法决定", [ReviewRequired, ReviewSubmitted]),
            new("review", "decide", "审核通过，提请决定", Guards: [ReviewPassed, ReviewerIndependent]),
            new("review", "examine", "退回补正", "审核提出问题，需补正", [ReviewReturned, ReviewerIndependent]),
            new("decide", "serve", "作出决定", Guards: [ReviewGate, DecisionSeparateDuties]),
            new("serve", "archive", "送达完毕，归档", Guards: [ServiceRecorded]),
        ]);
}
