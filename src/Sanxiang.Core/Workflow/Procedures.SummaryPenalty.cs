using static Sanxiang.Core.Accounts.Roles;
using static Sanxiang.Core.Workflow.WorkflowGuards;

namespace Sanxiang.Core.Workflow;

public static partial class Procedures
{
    /// <summary>行政处罚简易程序 (《行政处罚法》第五十一条、第五十二条, 第六十七条至第七十一条): decided on the spot.</summary>
    public static readonly WorkflowDefinition SummaryPenalty = new(
        Registry.ProcedureKind.SummaryPenalty,
        "行政处罚简易程序",
        "《中华人民共和国行政处罚法》",
        Start: "identify",
        Steps:
        [
            new("identify", "现场调查", Officer,
                Note: "出示执法证件，查明违法事实；违法事实确凿并有法定依据，对公民处二百元以下、对法人或者其他组织处三千元以下罚款或者警告的，可以当场作出决定（第五十一条）"),
            new("notify", "告知与陈述申辩", Officer,
                Note: "告知拟作出的处罚内容及事实、理由、依据和陈述、申辩的权利，听取当事人的意见（第四十四条、第四十五条）"),
            new("decide", "当场决定", Officer,
                Note: "填写预定格式、编有号码的行政处罚决定书，载明违法行为、处罚依据、罚款数额、时间、地点、申请行政复议或者提起行政诉讼的途径和期限以及行政机关名称，由执法人员签名或者盖章，当场交付当事人（第五十二条）"),
            new("execute", "缴纳罚款", Officer,
                new TimeLimit(15, PeriodUnit.CalendarDays, new("decide", StepMoment.Completed, "收到决定书之日"), "缴纳罚款", Penalty("第六十七条")),
                Note: "当事人到指定银行或者通过电子支付系统缴纳罚款；逾期每日按罚款数额的百分之三加处罚款（第七十二条）"),
            new("collect", "当场收缴", Officer,
                new TimeLimit(2, PeriodUnit.WorkingDays, new("collect", StepMoment.Entered, "收缴之日"), "将罚款交至行政机关", Penalty("第七十一条"),
                    Label: "2个工作日内交至行政机关"),
                Note: "依法给予一百元以下罚款或者不当场收缴事后难以执行的，可以当场收缴，出具财政部门统一制发的专用票据（第六十八条、第七十条）"),
            new("file", "备案", UnitHead, Note: "执法人员当场作出的行政处罚决定，报所属行政机关备案（第五十二条）"),
            new("archive", "归档", Officer, IsFinal: true, Note: "决定书、笔录、票据和音像记录归档"),
        ],
        Transitions:
        [
            new("identify", "notify", "拟当场处罚", Guards: [TwoCertifiedOfficers, CertificateShown, SummaryAmountLimit]),
            new("notify", "decide", "当场作出处罚决定", Guards: [StatementHeard]),
            new("decide", "execute", "当事人自行缴纳", Guards: [SummaryDecisionDelivered]),
            new("decide", "collect", "当场收缴罚款", "100元以下罚款或事后难以执行", [SummaryDecisionDelivered, OnSpotCollectionAllowed, CollectionReceipt]),
            new("decide", "file", "报送备案", "仅给予警告", [SummaryDecisionDelivered]),
            new("execute", "file", "罚款缴纳完毕，报送备案", Guards: [ExecutionPerformed]),
            new("collect", "file", "罚款交至行政机关，报送备案", Guards: [CollectionRemitted]),
            new("file", "archive", "备案归档", Guards: [SummaryFiled]),
        ]);
}
