using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Supervision.Complaints;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Supervision;

namespace Sanxiang.Data.Seed;

/// <summary>
/// The demo county's 投诉举报 (PLT-3): complaints and reports in every state — waiting to be routed (one past its routing
/// day), with an agency waiting for acceptance, accepted (one past its answer day), refused with reasons, a case opened on
/// one, answered, and closed — all through the complaint desk, so the log, the deadlines and the figures are genuine.
/// </summary>
public sealed partial class DemoCaseSeeder
{
    private sealed record DemoComplaint(int DaysAgo, string Kind, string? Agency, string Subject, string Content, string? Respondent, string? Place,
        string? Name, string? Phone, (int Day, string Actor, ComplaintTrigger Trigger, string? Note, string? To)[] Steps);

    private async Task<int> SeedComplaintsAsync(CaseHandling handling, DateOnly today, CancellationToken ct)
    {
        if (await db.Complaints.IgnoreQueryFilters().AnyAsync(ct) || !_actors.ContainsKey("scjg.head") || !_actors.ContainsKey("scjg.clerk"))
        {
            return 0;
        }

        var supervisor = await db.Users.AsNoTracking().Where(u => u.UserName == "sfj.supervisor")
            .Select(u => new ComplaintActor(u.Id, new[] { Core.Accounts.Roles.Supervisor }, u.AgencyId, u.DisplayName)).FirstOrDefaultAsync(ct);
        if (supervisor is null)
        {
            return 0;
        }

        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        ComplaintActor Staff(string user) => new(_actors[user].AccountId, _actors[user].Roles, agencies[user.Split('.')[0].ToUpperInvariant()], _actors[user].Name);
        ComplaintActor Actor(string user) => user == "sfj.supervisor" ? supervisor : Staff(user);
        var desk = new ComplaintDesk(db, _at, new ComplaintOptions(), handling);
        DemoComplaint[] demo =
        [
            new(1, "举报", null, "东岭乡有人在河道里挖沙",
                "最近一个星期，每天晚上九点以后东岭乡下湾村河段有两台挖掘机在河道里挖沙，运沙的大货车从村里穿过，路都压坏了。不知道这归哪个部门管，请有关部门来查一查。",
                "不知姓名的采砂人员", "东岭乡下湾村河段", null, null, []),
            new(9, "投诉", null, "小区旁工地夜间施工噪声扰民",
                "城关镇建设路锦绣花园小区东侧的工地连续半个月夜里十一点以后还在打桩，老人小孩根本睡不着。给工地打过电话，说是赶工期。请求依法处理。",
                "锦绣花园东侧建筑工地", "城关镇建设路", "刘女士", "13907971234", []),
            new(2, "投诉", "SCJG", "在超市买到过期酸奶",
                "11月24日下午在城关镇解放路惠民超市买了两盒酸奶，回家发现生产日期是10月底、保质期21天，已经过期。找超市，店员只同意退款，不承认有问题。请求市场监管部门依法处理并按规定赔偿。",
                "安和县惠民超市有限公司", "城关镇解放路22号", "张先生", "13812345678", []),
            new(3, "举报", "ZHZF", "步行街夜市占道经营堵塞消防通道", "步行街北口每天傍晚摆满了烧烤摊，把消防通道都占了，救护车都进不来。希望综合执法部门管一管。",
                "步行街北口夜市摊贩", "城关镇步行街北口", null, null, []),
            new(12, "投诉", "SCJG", "美容店办卡后关门不退钱",
                "我在城关镇滨江路一家美容店办了3000元的年卡，只用了两次，店就关门了，老板电话打不通。同样情况的还有十几个人。请求帮助追回余款。",
                "滨江路某美容店", "城关镇滨江路", "黄女士", "13607970012",
                [(1, "scjg.clerk", ComplaintTrigger.Accept, "属于本局职责，已受理，转消费者权益保护股办理。", null)]),
            new(75, "投诉", "SCJG", "加油站加油机计量不准",
                "9月在城西镇某加油站加了200元的油，油箱表显示明显偏少，怀疑加油机做了手脚。请求对该加油机进行检定。",
                "城西镇某加油站", "城西镇G236国道旁", "吴先生", "13979701234",
                [(2, "scjg.clerk", ComplaintTrigger.Accept, "已受理，将会同计量检定机构现场检定。", null)]),
            new(20, "举报", "SCJG", "网上举报某公司虚假宣传",
                "有人在微信群里发广告，说某保健品能治高血压、糖尿病，不用吃药，卖得很贵。我觉得是骗老人的。",
                "微信群内的保健品销售人员", null, null, null,
                [(3, "scjg.unithead", ComplaintTrigger.Reject,
                    "经核查，举报材料未提供销售主体名称、地址或可核实的广告内容，现有线索无法确定被举报人，依据《市场监督管理投诉举报处理暂行办法》，本次不予受理。如掌握销售单位名称、销售地点或广告截图，欢迎补充后重新举报。", null),
                 (5, "scjg.clerk", ComplaintTrigger.Close, null, null)]),
            new(30, "举报", "SCJG", "农贸公司销售注水肉",
                "城关镇人民路鲜丰农贸公司的猪肉摊位，猪肉颜色发白、按下去出水，怀疑是注水肉，很多人都在那里买。",
                "安和县鲜丰农贸有限公司", "安和县城关镇人民路168号", "陈某", "13507970088",
                [(1, "scjg.clerk", ComplaintTrigger.Accept, "已受理，安排执法人员现场检查。", null),
                 (4, "scjg.head", ComplaintTrigger.OpenCase, null, null)]),
            new(40, "投诉", "SCJG", "餐馆餐具不消毒",
                "在城关镇一家面馆吃饭，看到碗筷只用冷水冲一下就接着用，也没有消毒柜。请求检查。",
                "城关镇某面馆", "城关镇建设路", "周先生", "0797-6338562",
                [(2, "scjg.clerk", ComplaintTrigger.Accept, null, null),
                 (20, "scjg.head", ComplaintTrigger.Answer,
                    "周先生：您好！您反映的问题我局已于收到后派执法人员到现场检查。经查，该面馆确未按规定配备餐具消毒设施，执法人员已当场责令其立即整改，并于三日后复查，现已配备消毒柜并建立消毒记录。感谢您对食品安全工作的支持。安和县市场监督管理局", null)]),
            new(60, "举报", null, "村里有人占用耕地建厂房",
                "龙泉乡龙泉村三组村口的一块水田，今年夏天被人填了土，现在正在盖钢结构厂房，听说没有办任何手续。耕地越来越少，请政府管一管。",
                "龙泉村三组村口建厂房的业主", "龙泉乡龙泉村三组", "罗某", "15970970123",
                [(2, "sfj.supervisor", ComplaintTrigger.Route, "请县农业农村局依职责核查办理，按期答复举报人。", "NYNC"),
                 (1, "sfj.supervisor", ComplaintTrigger.Route, "经与农业农村局沟通，非法占用耕地建设由自然资源部门查处，改转县自然资源局。", "ZRZY"),
                 (2, "zrzy.head", ComplaintTrigger.Accept, "已受理，交执法监察大队现场核查。", null),
                 (25, "zrzy.head", ComplaintTrigger.Answer,
                    "罗某：经现场核查和卫片比对，该地块约 2.6 亩，属永久基本农田以外的一般耕地，建设单位未取得用地批准。我局已下达责令停止违法行为通知书，工程已停工，案件正在依法查处中，处理结果将依法公示。感谢您的监督。", null),
                 (3, "zrzy.head", ComplaintTrigger.Close, "已电话告知举报人处理情况。", null)]),
        ];
        var count = 0;
        foreach (var d in demo)
        {
            var day = today.AddDays(-d.DaysAgo);
            SetDay(day, 2);
            var (complaint, _) = await desk.SubmitAsync(new ComplaintInput(d.Kind, d.Agency, d.Subject, d.Content, d.Respondent, day.AddDays(-2), d.Place,
                d.Name, d.Phone, d.Phone is not null), null, ct);
            db.ChangeTracker.Clear();
            foreach (var (after, user, trigger, note, to) in d.Steps)
            {
                if (!_actors.ContainsKey(user) && user != "sfj.supervisor")
                {
                    break;
                }

                day = day.AddDays(after);
                SetDay(day, 3);
                if (trigger == ComplaintTrigger.OpenCase)
                {
                    var officer = _actors["scjg.officer"];
                    await desk.OpenCaseAsync(complaint.Id, new OpenCaseRequest("360736-SCJG-CF-001", "涉嫌经营注水猪肉案", "投诉举报", Parties[0], day.AddDays(-10), null,
                        false, [officer.OfficerId!.Value, _actors["scjg.officer2"].OfficerId!.Value], officer.OfficerId), Actor(user), _actors[user], ct);
                }
                else
                {
                    await desk.ActAsync(complaint.Id, trigger, new ComplaintActionInput(note, to), Actor(user), ct);
                }

                db.ChangeTracker.Clear();
            }

            count++;
        }

        return count;
    }
}
