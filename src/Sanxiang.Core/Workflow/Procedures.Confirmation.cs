using static Sanxiang.Core.Accounts.Roles;
using static Sanxiang.Core.Workflow.WorkflowGuards;

namespace Sanxiang.Core.Workflow;

public static partial class Procedures
{
    /// <summary>
    /// 行政确认, modelled on 工伤认定: 《工伤保险条例》第二十条 (decision within 60 days of acceptance; 15 days where the facts
    /// are clear; the period is suspended while a judicial or administrative conclusion it depends on is pending) and
    /// 《工伤认定办法》(人力资源社会保障部令第8号) 第八条 (accept within 15 days), 第二十二条 (serve within 20 days).
    /// These are calendar days: neither text says working days.
    /// </summary>
    public static readonly WorkflowDefinition Confirmation = new(
        Registry.ProcedureKind.Confirmation,
        "行政确认（工伤认定）",
        "《工伤保险条例》《工伤认定办法》",
        Start: "receive",
        Steps:
        [
            new("receive", "申请与受理", Officer,
                new TimeLimit(15, PeriodUnit.CalendarDays, new("receive", StepMoment.Entered, "收到申请材料之日"), "作出受理或者不予受理的决定",
                    new Citation("工伤认定办法", "第八条")),
                Note: "用人单位自事故伤害发生之日起三十日内、职工或其近亲属和工会组织一年内提出申请；材料完整的，作出受理或者不予受理的决定"),
            new("supplement", "补正材料", Officer, Note: "材料不完整的，以书面形式一次性告知申请人需要补正的全部材料；收到全部补正材料后十五日内决定是否受理"),
            new("investigate", "调查核实", Officer,
                Note: "根据需要调查核实，由两名以上工作人员共同进行并出示执行公务的证件；职工或者其近亲属认为是工伤、用人单位不认为是工伤的，由用人单位承担举证责任（条例第十九条）"),
            new("decide", "作出认定决定", AgencyHead,
                new TimeLimit(60, PeriodUnit.CalendarDays, new("receive", StepMoment.Completed, "受理之日"), "作出工伤认定决定",
                    new Citation("工伤保险条例", "第二十条")),
                Note: "事实清楚、权利义务明确的，在十五日内作出；需要以司法机关或者有关行政主管部门的结论为依据的，在其尚未作出结论期间，作出工伤认定决定的时限中止"),
            new("serve", "送达决定", Officer,
                new TimeLimit(20, PeriodUnit.CalendarDays, new("decide", StepMoment.Completed, "作出认定决定之日"), "送达认定工伤或者不予认定工伤决定书",
                    new Citation("工伤认定办法", "第二十二条")),
                Note: "送达受伤害职工（或者其近亲属）和用人单位，并抄送社会保险经办机构"),
            new("archive", "归档", Officer, IsFinal: true, Note: "申请材料、调查核实材料和决定书归档"),
        ],
        Transitions:
        [
            new("receive", "investigate", "受理", Guards: [InjuryApplicationInTime, InjuryMaterialsComplete]),
            new("receive", "supplement", "书面一次性告知补正", "申请材料不完整", [SupplementNotifiedOnce]),
            new("receive", "decide", "受理并提请决定", "事实清楚、权利义务明确", [InjuryApplicationInTime, InjuryMaterialsComplete]),
            new("supplement", "receive", "申请人提交补正材料"),
            new("investigate", "decide", "调查核实完毕", Guards: [TwoCertifiedOfficers, RecusalHonoured]),
            new("decide", "serve", "作出认定工伤或不予认定工伤决定", Guards: [DecisionWithinLimit]),
            new("serve", "archive", "送达完毕，归档", Guards: [ServiceRecorded]),
        ]);
}
