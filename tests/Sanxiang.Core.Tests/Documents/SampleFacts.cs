using Sanxiang.Core.Documents;
using Sanxiang.Core.Registry;

namespace Sanxiang.Tests.Documents;

/// <summary>A realistic market-regulation case (shared by the Core and Web test projects): an expired-food sale in 安和县.</summary>
public static class SampleFacts
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    public static DocumentFacts Complete(string agencyName = "安和县市场监督管理局", string prefix = "安市监") => new()
    {
        Agency = new DocumentAgency(agencyName, prefix, "安和县人民路88号", "0797-6321234", "341000"),
        CaseNumber = "安市监立〔2026〕3号",
        Cause = "销售超过保质期的食品",
        Party = new OrganisationParty("安和县惠民超市有限公司", "91360736MA35X7Y89K", "王建国", "安和县城关镇建设路16号", "13907971234"),
        Officers = [new DocumentOfficer("李明", "36070120001"), new DocumentOfficer("张华", "36070120002")],
        Date = new DateOnly(2026, 11, 27),
        Facts = "2026年10月12日，本机关执法人员对当事人经营场所进行检查，发现其货架上摆放待售的“康乐”牌纯牛奶（250毫升/盒）12盒，" +
            "标示生产日期为2026年4月1日、保质期为6个月，已超过保质期。当事人于2026年9月20日购进该批牛奶48盒，进价每盒2.50元，售价每盒3.50元，" +
            "已售出36盒，违法所得36.00元。",
        Evidence =
        [
            new EvidenceItem("现场检查笔录", "1份", "当事人经营场所陈列超过保质期食品的事实"),
            new EvidenceItem("询问笔录", "1份", "购进、销售数量和价格"),
            new EvidenceItem("“康乐”牌纯牛奶", "12盒", "涉案食品已超过保质期"),
            new EvidenceItem("进货单据复印件", "2页", "购进时间和数量"),
        ],
        ViolatedProvision = "《中华人民共和国食品安全法》第三十四条第（十）项",
        PenaltyBasis = "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
        DiscretionReason = "当事人涉案货值金额不足一万元，积极配合调查，依照《安和县市场监督管理局行政处罚裁量基准》属一般违法情节",
        StatementAndDefence = "本机关于2026年11月10日向当事人送达了《行政处罚告知书》（安市监告〔2026〕5号），当事人在法定期限内未提出陈述、申辩，也未要求听证。",
        Penalty = new PenaltyTerms([PenaltyKind.ConfiscateIllegalGains, PenaltyKind.ConfiscateIllegalProperty, PenaltyKind.Fine],
            FineYuan: 50000m, ConfiscatedGainsYuan: 36m, ConfiscatedProperty: "超过保质期的“康乐”牌纯牛奶12盒"),
        Performance = new PerformanceTerms("持本决定书到安和县农村商业银行各营业网点缴纳罚没款，或通过“赣服通”非税收入缴款平台缴纳"),
        Remedy = new RemedyTerms("安和县人民政府", "安和县人民法院"),
        Registration = new RegistrationTerms("日常监督检查", new DateOnly(2026, 10, 12),
            "执法人员在日常检查中发现当事人经营场所陈列销售超过保质期的纯牛奶12盒，涉嫌违反《中华人民共和国食品安全法》第三十四条第（十）项的规定。",
            "当事人涉嫌销售超过保质期的食品，符合立案条件，建议立案调查。"),
        Inquiry = new InquiryTerms(new DateTimeOffset(2026, 10, 13, 9, 30, 0, Cst), new DateTimeOffset(2026, 10, 13, 10, 15, 0, Cst),
            "安和县市场监督管理局城关所询问室", "王建国", "男，1978年5月生，安和县惠民超市有限公司法定代表人", "张华",
            [
                new QuestionAnswer("", "不申请。"),
                new QuestionAnswer("请介绍一下你的身份和超市的经营情况。", "我是安和县惠民超市有限公司的法定代表人，超市主要经营食品、日用品。"),
                new QuestionAnswer("2026年10月12日在你超市货架上查获的12盒“康乐”牌纯牛奶是从哪里购进的？", "是2026年9月20日从安和县宏达食品批发部购进的，一共48盒，每盒进价2.50元。"),
                new QuestionAnswer("这批牛奶卖出去多少？卖多少钱一盒？", "卖了36盒，每盒3.50元。剩下的12盒就是你们查到的。"),
            ]),
        Inspection = new InspectionTerms(new DateTimeOffset(2026, 10, 12, 14, 0, 0, Cst), new DateTimeOffset(2026, 10, 12, 14, 50, 0, Cst),
            "安和县城关镇建设路16号安和县惠民超市有限公司经营场所", "王建国（法定代表人）",
            "当事人营业执照、食品经营许可证悬挂于收银台上方。乳制品货架第二层陈列“康乐”牌纯牛奶（250毫升/盒）12盒，标签标示生产日期2026年4月1日、保质期6个月，已超过保质期，标有售价3.50元/盒。执法人员对现场进行了拍照和录像。", "张华"),
        Preservation = new PreservationTerms(
            [new EvidenceItem("“康乐”牌纯牛奶", "250毫升/盒，12盒", "超过保质期"), new EvidenceItem("进货单据", "2页", "购进时间和数量")],
            "安和县市场监督管理局涉案物品保管室", "封存后由本机关保管"),
        Notice = new NoticeTerms(HearingAvailable: true, "李明", "0797-6321234", "安和县人民路88号"),
        Hearing = new HearingTerms(new DateTimeOffset(2026, 11, 20, 9, 0, 0, Cst), "安和县市场监督管理局三楼听证室", "赵强", "陈静", RequestedOn: new DateOnly(2026, 11, 12)),
        NoPenalty = new NoPenaltyTerms("当事人系初次违法，危害后果轻微并及时改正", "《中华人民共和国行政处罚法》第三十三条第一款"),
        Service = new ServiceTerms("行政处罚决定书", "安市监罚〔2026〕15号", "直接送达", "安和县惠民超市有限公司", "安和县城关镇建设路16号"),
        Closing = new ClosingTerms("2026年10月12日立案，经调查取证、法制审核，于2026年11月27日作出行政处罚决定并当场送达。",
            "对当事人没收违法所得36.00元、没收超过保质期的纯牛奶12盒、罚款50000.00元（安市监罚〔2026〕15号）。",
            "当事人于2026年12月5日缴清罚没款50036.00元（缴款凭证号：3607362026120500123），涉案食品已依法销毁。"),
        Review = new ReviewTerms(1, "安和县市场监督管理局城关市场监督管理所", "刘芳", new DateOnly(2026, 11, 18),
            [
                new ReviewPoint("执法主体是否合法", ReviewAnswer.Conforms, "本局依《中华人民共和国食品安全法》第六条负责本行政区域食品安全监督管理"),
                new ReviewPoint("执法人员是否具备执法资格", ReviewAnswer.Conforms, "李明、张华均持有有效执法证件"),
                new ReviewPoint("执法程序是否合法", ReviewAnswer.Conforms),
                new ReviewPoint("案件事实是否清楚、证据是否合法充分", ReviewAnswer.Conforms),
                new ReviewPoint("适用法律依据是否准确、裁量基准运用是否适当", ReviewAnswer.Conforms, "属一般违法情节，罚款数额在裁量范围内"),
                new ReviewPoint("是否超越本机关法定权限", ReviewAnswer.Conforms, "未超越"),
                new ReviewPoint("执法文书是否完备、规范", ReviewAnswer.Conforms),
                new ReviewPoint("是否涉嫌犯罪需要移送司法机关", ReviewAnswer.Conforms, "不涉嫌犯罪，无需移送"),
            ],
            ReviewOpinionKind.Agree, [], "赵敏", "A20193607360123", "安和县市场监督管理局法规股",
            ProposedDecision: "没收违法所得36.00元、没收超过保质期的“康乐”牌纯牛奶12盒，并处罚款50000.00元",
            Remarks: "本案拟罚款数额较大，建议提交局集体讨论决定"),
        Discussion = new DiscussionTerms(new DateTimeOffset(2026, 11, 25, 9, 0, 0, Cst), new DateTimeOffset(2026, 11, 25, 10, 20, 0, Cst),
            "安和县市场监督管理局三楼会议室", "刘志强",
            [
                new DiscussionParticipant("刘志强", "党组书记、局长", "本案事实清楚，证据确凿，程序合法，同意承办机构和法制审核的意见。"),
                new DiscussionParticipant("陈立", "党组成员、副局长", "同意。当事人积极配合调查，按一般情节裁量适当。"),
                new DiscussionParticipant("黄梅", "党组成员、副局长", "同意处理意见。建议对辖区超市开展一次临期食品专项检查。"),
            ],
            "陈静",
            "没收违法所得36.00元、没收超过保质期的“康乐”牌纯牛奶12盒，并处罚款50000.00元",
            "经集体讨论，与会人员一致同意承办机构的处理意见：对当事人没收违法所得36.00元、没收超过保质期的“康乐”牌纯牛奶12盒，并处罚款50000.00元。由承办机构制作行政处罚决定书，报局长签发后依法送达。",
            Briefing: "承办人李明汇报了案件调查情况和拟处理意见，法制审核人员赵敏汇报了法制审核意见（安市监法审〔2026〕3号，同意）。",
            Attendees: "李明、张华（承办人员），赵敏（法制审核人员）"),
    };

    public static DocumentFacts Person() => Complete() with
    {
        Party = new PersonParty("刘小红", "360736199001011234", "安和县城关镇幸福路8号", "13800001111", "女"),
    };
}
