using System.Globalization;
using System.Text;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Validation;

namespace Sanxiang.Benchmarks.Publication;

/// <summary>An agency of the database the decisions are generated for, with one of its (demo) cases for the tasks' foreign key.</summary>
internal sealed record GeneratedAgency(Guid Id, string Code, string Name, string Prefix, Guid CaseId);

/// <summary>One generated publication: the task the decision step would have made (closed as published) and the entry.</summary>
internal sealed record GeneratedRow(PublicationTask Task, PublishedDecision Decision);

/// <summary>
/// Published decisions in publication order, deterministic for a seed (so SQLite and PostgreSQL get the same rows): the
/// demo county's agencies, causes of the kinds they handle (food safety, unlicensed business, pricing, environment, transport
/// of construction waste, fire and work safety, land, pesticides, labour), organisations from a pool (repeat offenders keep
/// their name and credit code), 个体工商户, natural persons masked as 张某 / 欧阳某某, document numbers per agency and year
/// (安市监罚〔2025〕123号), fines, and dates spread over the three years before <c>today</c>. Full texts of roughly 600–1000
/// characters laid out as a 行政处罚决定书 or a 准予行政许可决定书. Every entry is Public, with a public period of 36 months
/// (the longest, 严重失信) so that none expires while it is measured, and its content digest as the platform computes it.
/// </summary>
internal sealed class DecisionGenerator
{
    private sealed record Cause(string Agency, string Name, string Item, PublicationCategory Category, string Goods, string Evidence, string Violated,
        string PenaltyBasis, long MinFine, long MaxFine, bool Confiscates, string Industry, Func<Ctx, string> Facts);

    private sealed record Ctx(Random R, string Party, string Shop, DateOnly Occurred, long Value, long Gains, string Goods, string Place);

    private static readonly string[] Towns = ["城关镇", "石门乡", "高田镇", "龙岗乡", "东坑镇", "桃源乡", "凤凰镇", "梅林镇", "白鹭乡", "长岭镇"];
    private static readonly string[] Streets = ["人民路", "解放路", "建设路", "中山路", "环城东路", "迎宾大道", "府前路", "农林路", "新华街", "滨江路", "工业园区纬二路", "车站路"];
    private static readonly string[] BrandA = ["鑫", "恒", "华", "盛", "宏", "福", "瑞", "金", "永", "兴", "隆", "德", "安", "嘉", "新", "康", "佳", "天", "富", "源", "明", "润", "宝", "泰", "昌", "顺", "丰", "祥", "远", "达"];
    private static readonly string[] BrandB = ["源", "泰", "达", "通", "利", "发", "鑫", "诚", "信", "昌", "盛", "和", "美", "佳", "旺", "顺", "辉", "宇", "航", "峰", "林", "川", "海", "星", "光", "湖", "江", "山", "园", "果"];
    private static readonly string[] Surnames = ["张", "王", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "曾", "谢", "邓", "钟", "欧阳", "司马", "上官", "诸葛"];
    private static readonly string[] Foods = ["酸奶", "速冻水饺", "火腿肠", "饼干", "方便面", "调味酱", "豆腐干", "牛肉干", "果冻", "面包", "鲜牛奶", "腊肉"];
    private static readonly string[] Vegetables = ["豇豆", "芹菜", "韭菜", "菠菜", "小白菜", "香蕉", "柑橘", "生姜"];

    private static readonly Cause[] Causes =
    [
        new("SCJG", "涉嫌经营超过保质期的食品案", "对经营超过保质期的食品的行政处罚", PublicationCategory.Penalty, "食品", "现场检查笔录、询问笔录、现场照片、进货台账",
            "《中华人民共和国食品安全法》第三十四条第（十）项", "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", 50_000, 100_000, true, "食品商行",
            c => $"当事人于{Day(c.Occurred)}在其经营的{c.Shop}内销售超过保质期的{c.Goods}共{c.R.Next(3, 60)}件，标签标示的保质期已于{Day(c.Occurred.AddDays(-c.R.Next(2, 40)))}届满，执法人员检查时上述食品仍摆放在货架上待售，货值金额{c.Value}元，违法所得{c.Gains}元"),
        new("SCJG", "涉嫌经营农药残留超过食品安全标准限量的食用农产品案", "对经营农药残留超标食用农产品的行政处罚", PublicationCategory.Penalty, "食用农产品", "抽样检验报告、现场检查笔录、询问笔录、销售单据",
            "《中华人民共和国食品安全法》第三十四条第（二）项", "《中华人民共和国食品安全法》第一百二十四条第一款第（一）项", 50_000, 150_000, true, "农贸有限公司",
            c => $"当事人于{Day(c.Occurred)}销售的{c.Goods}经县食品安全监督抽检，检出克百威残留量为0.{c.R.Next(2, 99):00}mg/kg，超过食品安全国家标准限量，检验结论为不合格，涉案产品货值金额{c.Value}元，违法所得{c.Gains}元，当事人未能提供进货查验记录"),
        new("SCJG", "涉嫌未取得食品经营许可从事餐饮服务案", "对未取得食品经营许可从事食品经营活动的行政处罚", PublicationCategory.Penalty, "餐饮食品", "现场检查笔录、询问笔录、现场照片、收款记录",
            "《中华人民共和国食品安全法》第三十五条第一款", "《中华人民共和国食品安全法》第一百二十二条第一款", 50_000, 100_000, true, "餐饮管理有限公司",
            c => $"当事人自{Day(c.Occurred.AddDays(-c.R.Next(20, 200)))}起在{c.Place}开办{c.Shop}，从事餐饮服务经营活动，至{Day(c.Occurred)}执法人员现场检查时仍未取得食品经营许可证，经营期间餐饮服务收入共计{c.Value}元，违法所得{c.Gains}元"),
        new("SCJG", "涉嫌未取得营业执照从事经营活动案", "对未取得营业执照擅自从事经营活动的行政处罚", PublicationCategory.Penalty, "日用百货", "现场检查笔录、询问笔录、现场照片",
            "《中华人民共和国市场主体登记管理条例》第三条", "《中华人民共和国市场主体登记管理条例》第四十三条", 1_000, 10_000, true, "商行",
            c => $"当事人未依法办理营业执照，自{Day(c.Occurred.AddDays(-c.R.Next(30, 300)))}起在{c.Place}擅自从事{c.Goods}批发零售经营活动，经营额共计{c.Value}元，违法所得{c.Gains}元，执法人员于{Day(c.Occurred)}检查时当场发现"),
        new("SCJG", "涉嫌不按规定明码标价案", "对不按规定明码标价的行政处罚", PublicationCategory.Penalty, "商品", "现场检查笔录、询问笔录、价签照片",
            "《中华人民共和国价格法》第十三条第一款", "《中华人民共和国价格法》第四十二条、《明码标价和禁止价格欺诈规定》第二十一条", 500, 5_000, false, "超市有限公司",
            c => $"当事人在其经营的{c.Shop}内销售的{c.R.Next(5, 80)}种商品未标明价格，另有{c.R.Next(2, 20)}种商品价签标示的价格与结算价格不一致，结算时按高于标示的价格收取价款，执法人员于{Day(c.Occurred)}现场检查时发现并固定了证据"),
        new("SCJG", "涉嫌利用虚假的或者使人误解的价格手段诱骗消费者交易案", "对价格欺诈行为的行政处罚", PublicationCategory.Penalty, "商品", "现场检查笔录、宣传单、收款记录",
            "《中华人民共和国价格法》第十四条第（四）项", "《中华人民共和国价格法》第四十条、《价格违法行为行政处罚规定》第七条", 5_000, 50_000, true, "商贸有限公司",
            c => $"当事人于{Day(c.Occurred)}起在{c.Shop}开展促销活动，标示“原价”的商品在促销前七日内从未以该价格成交，虚构原价诱骗消费者购买，违法所得{c.Gains}元"),
        new("STHJ", "涉嫌超过大气污染物排放标准排放大气污染物案", "对超标排放大气污染物的行政处罚", PublicationCategory.Penalty, "废气", "监测报告、现场检查（勘察）笔录、调查询问笔录、在线监测数据",
            "《中华人民共和国大气污染防治法》第十八条", "《中华人民共和国大气污染防治法》第九十九条第（二）项", 100_000, 1_000_000, false, "化工有限公司",
            c => $"{Day(c.Occurred)}，执法人员对当事人位于{c.Place}的生产车间进行现场检查，经监测，其锅炉废气排放口颗粒物浓度为{c.R.Next(31, 180)}mg/m³、二氧化硫浓度为{c.R.Next(51, 400)}mg/m³，超过《锅炉大气污染物排放标准》规定的排放限值"),
        new("STHJ", "涉嫌建设项目环境影响报告表未经批准擅自开工建设案", "对未批先建的行政处罚", PublicationCategory.Penalty, "建设项目", "现场检查笔录、调查询问笔录、项目备案材料、现场照片",
            "《中华人民共和国环境影响评价法》第二十五条", "《中华人民共和国环境影响评价法》第三十一条第一款", 50_000, 500_000, false, "建材有限公司",
            c => $"当事人年产{c.R.Next(1, 50)}万吨{c.Goods}项目位于{c.Place}，项目总投资{c.Value * 10}元，其环境影响报告表未经生态环境主管部门审批，于{Day(c.Occurred)}擅自开工建设，执法人员检查时主体厂房已基本建成"),
        new("ZHZF", "涉嫌擅自占用城市道路摆摊经营案", "对擅自占用城市道路、人行道摆摊设点的行政处罚", PublicationCategory.Penalty, "道路", "现场检查笔录、现场照片、询问笔录",
            "《城市市容和环境卫生管理条例》第十四条", "《城市市容和环境卫生管理条例》第三十六条第（二）项", 200, 2_000, false, "餐饮店",
            c => $"当事人于{Day(c.Occurred)}在{c.Place}人行道上擅自摆放桌椅、设置摊点从事餐饮经营，占用道路面积约{c.R.Next(4, 60)}平方米，经执法人员多次劝导后仍未改正"),
        new("ZHZF", "涉嫌运输建筑垃圾车辆未密闭、沿途撒漏案", "对运输建筑垃圾未采取密闭措施、沿途撒漏的行政处罚", PublicationCategory.Penalty, "渣土", "现场检查笔录、视频监控截图、车辆行驶记录",
            "《城市建筑垃圾管理规定》第十四条", "《城市建筑垃圾管理规定》第二十三条", 5_000, 50_000, false, "运输有限公司",
            c => $"当事人所属重型自卸货车于{Day(c.Occurred)}夜间运输建筑垃圾途经{c.Place}时，车厢未采取密闭措施，造成沿途撒漏约{c.R.Next(50, 900)}米，影响道路通行和交通安全"),
        new("YJGL", "涉嫌未对安全设备进行经常性维护、保养和定期检测案", "对未对安全设备进行经常性维护、保养和定期检测的行政处罚", PublicationCategory.Penalty, "安全设备", "现场检查记录、询问笔录、现场照片、设备台账",
            "《中华人民共和国安全生产法》第三十六条第一款", "《中华人民共和国安全生产法》第九十九条第（二）项", 10_000, 50_000, false, "机械制造有限公司",
            c => $"{Day(c.Occurred)}，执法人员对当事人位于{c.Place}的生产经营场所进行安全生产检查，发现其车间内{c.R.Next(2, 30)}具灭火器压力不足、可燃气体报警装置未定期检测，消防安全管理制度未落实，当事人不能提供维护保养记录"),
        new("YJGL", "涉嫌生产经营场所和员工宿舍未设有符合紧急疏散要求的出口案", "对生产经营场所未设有符合紧急疏散要求、标志明显、保持畅通的出口的行政处罚", PublicationCategory.Penalty, "疏散通道", "现场检查记录、现场照片、询问笔录",
            "《中华人民共和国安全生产法》第四十二条第二款", "《中华人民共和国安全生产法》第一百零五条第（二）项", 10_000, 50_000, false, "纺织有限公司",
            c => $"{Day(c.Occurred)}检查发现，当事人生产车间安全出口被成品货物堵塞，员工宿舍疏散通道封闭，消防安全疏散指示标志缺失{c.R.Next(2, 15)}处，经责令限期改正，逾期未改正"),
        new("RSJ", "涉嫌未按照规定建立职工名册案", "对用人单位未建立职工名册的行政处罚", PublicationCategory.Penalty, "职工名册", "劳动保障监察询问笔录、检查记录",
            "《中华人民共和国劳动合同法实施条例》第八条", "《中华人民共和国劳动合同法实施条例》第三十三条", 2_000, 20_000, false, "建筑劳务有限公司",
            c => $"{Day(c.Occurred)}，劳动保障监察员对当事人进行检查，发现其在用工{c.R.Next(10, 300)}人的情况下未按规定建立职工名册，经责令改正后逾期未改正"),
        new("ZRZY", "涉嫌非法占用土地建设案", "对未经批准非法占用土地的行政处罚", PublicationCategory.Penalty, "土地", "勘测定界图、现场勘验笔录、询问笔录、卫星遥感监测图斑",
            "《中华人民共和国土地管理法》第四十四条", "《中华人民共和国土地管理法》第七十七条第一款、《中华人民共和国土地管理法实施条例》第五十八条", 10_000, 500_000, true, "置业有限公司",
            c => $"当事人未经批准，于{Day(c.Occurred)}擅自占用{c.Place}集体土地{c.R.Next(100, 9000)}平方米建设厂房及硬化场地，其中占用耕地{c.R.Next(0, 800)}平方米，不符合土地利用总体规划"),
        new("NYZF", "涉嫌经营假农药案", "对经营假农药的行政处罚", PublicationCategory.Penalty, "农药", "检验报告、现场检查笔录、询问笔录、进货单据",
            "《农药管理条例》第四十四条第一款", "《农药管理条例》第五十五条第一款第（一）项", 5_000, 50_000, true, "农资有限公司",
            c => $"当事人于{Day(c.Occurred)}销售的标称某公司生产的{c.R.Next(10, 60)}%吡虫啉可湿性粉剂经检验未检出有效成分，依法应认定为假农药，共销售{c.R.Next(10, 300)}袋，货值金额{c.Value}元，违法所得{c.Gains}元"),
        new("NYNC", "涉嫌经营未取得农药登记证的农药案", "对经营未取得农药登记证的农药的行政处罚", PublicationCategory.Penalty, "农药", "现场检查笔录、询问笔录、购销凭证",
            "《农药管理条例》第四十四条第二款", "《农药管理条例》第五十五条第一款第（一）项", 5_000, 50_000, true, "农资经营部",
            c => $"当事人于{Day(c.Occurred)}在其经营的{c.Shop}内销售未取得农药登记证的除草剂共{c.R.Next(10, 200)}瓶，货值金额{c.Value}元"),
        new("CGZ", "涉嫌农村村民未经批准非法占用土地建住宅案", "对农村村民未经批准非法占用土地建住宅的行政处罚", PublicationCategory.Penalty, "宅基地", "现场勘验笔录、询问笔录、测量图、现场照片",
            "《中华人民共和国土地管理法》第六十二条", "《中华人民共和国土地管理法》第七十八条", 0, 0, false, "",
            c => $"当事人未经批准，于{Day(c.Occurred)}在{c.Place}擅自占用集体土地{c.R.Next(60, 400)}平方米建设住宅，经查不符合乡镇土地利用总体规划"),
        new("CGZ", "涉嫌占用、堵塞、封闭疏散通道、安全出口案", "对占用、堵塞、封闭疏散通道、安全出口的行政处罚", PublicationCategory.Penalty, "疏散通道", "现场检查记录、现场照片",
            "《中华人民共和国消防法》第二十八条", "《中华人民共和国消防法》第六十条第一款第（三）项", 5_000, 50_000, false, "宾馆",
            c => $"{Day(c.Occurred)}，执法人员对{c.Place}的{c.Shop}开展消防安全检查，发现其二楼安全出口被杂物堵塞、疏散通道被封闭，消防安全隐患明显"),
        new("SCJG", "食品经营许可", "食品经营许可", PublicationCategory.Licensing, "食品", "申请材料", "", "《中华人民共和国食品安全法》第三十五条、《食品经营许可和备案管理办法》第二十条", 0, 0, false, "餐饮管理有限公司",
            c => $"申请人于{Day(c.Occurred)}提出食品经营许可申请，经营场所位于{c.Place}，主体业态为餐饮服务经营者，经营项目为热食类食品制售、冷食类食品制售，经审查申请材料齐全、符合法定形式，现场核查符合要求"),
        new("NYNC", "农药经营许可", "农药经营许可", PublicationCategory.Licensing, "农药", "申请材料", "", "《农药管理条例》第二十四条、《农药经营许可管理办法》第十二条", 0, 0, false, "农资有限公司",
            c => $"申请人于{Day(c.Occurred)}提出农药经营许可申请，经营场所和仓储场所位于{c.Place}，配备农学专业技术人员{c.R.Next(1, 4)}名，经审查符合农药经营许可条件"),
    ];

    /// <summary>How often each cause is picked (the share of the market regulator is the largest, as in a real county).</summary>
    private static readonly int[] Weights = [9, 7, 7, 8, 7, 3, 4, 3, 6, 5, 5, 4, 5, 4, 4, 2, 4, 3, 8, 2];

    private readonly Dictionary<string, GeneratedAgency> _agencies;
    private readonly Cause[] _causes;
    private readonly int[] _cumulative;
    private readonly Dictionary<(string, int), int> _counters = [];
    private readonly DateOnly _start;
    private readonly int _days;
    private readonly int _count;
    private readonly Random _random;
    private readonly Guid _clerk;
    private int _index;

    public DecisionGenerator(IEnumerable<GeneratedAgency> agencies, int count, DateOnly today, Guid clerk, int seed = 20261127)
    {
        _agencies = agencies.ToDictionary(a => a.Code);
        _causes = [.. Causes.Where(c => _agencies.ContainsKey(c.Agency))];
        var weights = Causes.Select((c, i) => (c, w: Weights[i])).Where(x => _agencies.ContainsKey(x.c.Agency)).Select(x => x.w).ToArray();
        _cumulative = new int[weights.Length];
        for (int i = 0, sum = 0; i < weights.Length; i++)
        {
            _cumulative[i] = sum += weights[i];
        }

        _count = count;
        _start = today.AddYears(-3).AddDays(1);
        _days = today.DayNumber - _start.DayNumber;
        _random = new Random(seed);
        _clerk = clerk;
    }

    /// <summary>Characters of full text generated so far (for the average length).</summary>
    public long FullTextChars { get; private set; }

    public GeneratedRow Next()
    {
        var i = _index++;
        var r = _random;
        var pick = r.Next(_cumulative[^1]);
        var cause = _causes[Array.FindIndex(_cumulative, c => pick < c)];
        var agency = _agencies[cause.Agency];

        // Publication order: the day moves forward with the row; decided a few working days before.
        var published = _start.AddDays((int)((long)i * _days / Math.Max(1, _count)));
        var decided = published.AddDays(-r.Next(1, 8));
        var occurred = decided.AddDays(-r.Next(20, 120));
        var year = decided.Year;
        var licensing = cause.Category == PublicationCategory.Licensing;
        var key = (agency.Code + (licensing ? "许" : "罚"), year);
        var seq = _counters[key] = _counters.GetValueOrDefault(key) + 1;
        var caseKey = (agency.Code + "立", year);
        var caseSeq = _counters[caseKey] = _counters.GetValueOrDefault(caseKey) + 1;
        var number = string.Create(CultureInfo.InvariantCulture, $"{agency.Prefix}{(licensing ? "许" : "罚")}〔{year}〕{seq}号");
        var caseNumber = string.Create(CultureInfo.InvariantCulture, $"{agency.Prefix}立〔{year}〕{caseSeq}号");

        // The party: a person (masked) for the causes people commit, else an organisation from a pool per industry.
        var kind = cause.Industry.Length == 0 || (cause.Category == PublicationCategory.Penalty && r.Next(100) < 22) ? PartyKind.Person : PartyKind.Organisation;
        string party, shop, place, address;
        string? code = null, representative = null;
        var town = Towns[r.Next(Towns.Length)];
        place = $"安和县{town}{Streets[r.Next(Streets.Length)]}{r.Next(1, 400)}号";
        if (kind == PartyKind.Person)
        {
            var surname = Surnames[r.Next(Surnames.Length)];
            party = surname + (surname.Length == 2 || r.Next(3) == 0 ? "某某" : "某");
            shop = $"{BrandA[r.Next(BrandA.Length)]}{BrandB[r.Next(BrandB.Length)]}{(cause.Industry.EndsWith('店') ? "" : "便民")}店";
            address = "";
        }
        else
        {
            var company = r.Next(12_000);
            var cr = new Random((Array.IndexOf(Causes, cause) * 100_003) + company);
            var ctown = Towns[cr.Next(Towns.Length)];
            var brand = BrandA[cr.Next(BrandA.Length)] + BrandB[cr.Next(BrandB.Length)] + (cr.Next(4) == 0 ? BrandB[cr.Next(BrandB.Length)] : "");
            var individual = !cause.Industry.Contains("公司", StringComparison.Ordinal);
            party = individual ? $"安和县{ctown}{brand}{cause.Industry}" : $"安和县{brand}{cause.Industry}";
            const string chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            var body = new StringBuilder(individual ? "92360736" : "91360736");
            while (body.Length < 17)
            {
                body.Append(chars[cr.Next(chars.Length)]);
            }

            code = body.ToString() + UnifiedSocialCreditCode.ComputeCheckCharacter(body.ToString());
            var rs = Surnames[cr.Next(Surnames.Length)];
            representative = rs + (rs.Length == 2 ? "某某" : "某");
            shop = party;
            address = $"安和县{ctown}{Streets[cr.Next(Streets.Length)]}{cr.Next(1, 400)}号";
            place = address;
        }

        var goods = cause.Goods switch
        {
            "食品" => Foods[r.Next(Foods.Length)],
            "食用农产品" => Vegetables[r.Next(Vegetables.Length)],
            _ => cause.Goods,
        };
        var value = (long)r.Next(200, 60_000);
        var gains = value / r.Next(3, 12);
        var ctx = new Ctx(r, party, shop, occurred, value, gains, goods, place);
        var facts = cause.Facts(ctx);

        long? fine = null, confiscation = null;
        string result, penaltyKinds = "";
        if (licensing)
        {
            result = $"准予行政许可，许可证编号：{(cause.Agency == "SCJG" ? "JY" : "农药经许（赣）")}{r.Next(10_000_000, 99_999_999)}，有效期五年。";
        }
        else if (cause.MaxFine == 0)
        {
            result = "责令退还非法占用的土地，限期十五日内拆除在非法占用的土地上新建的房屋。";
            penaltyKinds = "责令退还非法占用的土地、限期拆除";
        }
        else
        {
            fine = cause.MinFine + (r.Next((int)((cause.MaxFine - cause.MinFine) / 100) + 1) * 100L);
            confiscation = cause.Confiscates && gains > 0 ? gains : null;
            result = confiscation is { } c ? $"1. 没收违法所得人民币{c}元；2. 罚款人民币{fine}元。" : $"罚款人民币{fine}元。";
            penaltyKinds = confiscation is null ? "罚款" : "罚款、没收违法所得";
        }

        var title = licensing ? "准予行政许可决定书" : "行政处罚决定书";
        var text = new StringBuilder(1200);
        text.Append(agency.Name).Append('\n').Append(title).Append('\n').Append(number).Append("\n\n");
        text.Append(licensing ? "申请人：" : "当事人：").Append(party).Append('\n');
        if (kind == PartyKind.Organisation)
        {
            text.Append("统一社会信用代码：").Append(code).Append('\n').Append("住所：").Append(address).Append('\n')
                .Append(party.EndsWith("公司", StringComparison.Ordinal) ? "法定代表人：" : "经营者：").Append(representative).Append("\n\n");
        }
        else
        {
            text.Append("身份证件号码：******（已隐去）\n住址：安和县").Append(town).Append("******（已隐去）\n\n");
        }

        if (licensing)
        {
            text.Append("申请人于").Append(Day(occurred)).Append("向本机关提出").Append(cause.Name).Append("申请，本机关于当日受理。").Append(facts).Append("。\n");
            text.Append("依据").Append(cause.PenaltyBasis).Append("的规定，本机关决定准予行政许可，").Append(result)
                .Append("申请人应当在许可范围内从事经营活动，许可事项发生变化的，应当在变化后十个工作日内申请变更。许可证有效期届满需要延续的，应当在有效期届满前九十个工作日至十五个工作日期间向本机关提出申请。\n");
            text.Append("申请人如对本决定不服，可以在收到本决定书之日起六十日内向安和县人民政府申请行政复议，或者在六个月内依法向安和县人民法院提起行政诉讼。\n\n");
        }
        else
        {
            text.Append("当事人").Append(cause.Name.StartsWith("涉嫌", StringComparison.Ordinal) ? cause.Name[2..] : cause.Name).Append("一案，本机关于")
                .Append(Day(occurred.AddDays(r.Next(1, 6)))).Append("立案调查，现已调查终结。\n");
            text.Append("经查，").Append(facts).Append("。\n");
            text.Append("上述事实，有").Append(cause.Evidence).Append(kind == PartyKind.Organisation ? "、当事人营业执照复印件" : "、当事人身份证明").Append("等证据证明，事实清楚，证据确凿。\n");
            var waived = r.Next(3) > 0;
            text.Append("本机关于").Append(Day(decided.AddDays(-r.Next(8, 20)))).Append("向当事人送达了《行政处罚告知书》，告知其拟作出行政处罚的事实、理由、依据及依法享有的陈述、申辩")
                .Append(fine >= 10_000 ? "和要求听证" : "").Append("的权利。")
                .Append(waived ? "当事人在法定期限内未提出陈述、申辩意见。\n" : "当事人在法定期限内提出了陈述、申辩意见，经复核，其提出的事实、理由和证据不能成立，本机关不予采纳。\n");
            text.Append("本机关认为，当事人的上述行为违反了").Append(cause.Violated).Append("的规定，依据").Append(cause.PenaltyBasis)
                .Append(r.Next(2) == 0 ? "的规定，鉴于当事人积极配合调查、主动消除违法行为危害后果，依照本机关行政处罚裁量基准，属于从轻情形，" : "的规定，综合考虑违法行为的事实、性质、情节和社会危害程度，依照本机关行政处罚裁量基准，属于一般情形，")
                .Append("本机关决定对当事人作出如下行政处罚：\n").Append(result).Append('\n');
            if (fine is not null)
            {
                text.Append("当事人应当自收到本决定书之日起十五日内，将罚没款缴至指定银行或者通过电子支付系统缴纳。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款。\n");
            }

            text.Append("当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向安和县人民政府申请行政复议，或者在六个月内依法向安和县人民法院提起行政诉讼。申请行政复议或者提起行政诉讼期间，本处罚决定不停止执行。\n\n");
        }

        text.Append(agency.Name).Append('\n').Append(Day(decided));
        var fullText = text.ToString();
        FullTextChars += fullText.Length;

        var at = new DateTimeOffset(published.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc)).AddSeconds(r.Next(0, 28_800));
        var task = new PublicationTask
        {
            Id = Guid.CreateVersion7(at),
            AgencyId = agency.Id,
            CaseId = agency.CaseId,
            CaseNumber = caseNumber,
            Kind = PublicationTaskKind.Publish,
            Procedure = licensing ? ProcedureKind.Licensing : ProcedureKind.GeneralPenalty,
            Category = cause.Category,
            DecidedOn = decided,
            WorkingDays = licensing ? 20 : 7,
            DueOn = decided.AddDays(licensing ? 28 : 9),
            Status = PublicationStatus.Published,
            CreatedAtUtc = new DateTimeOffset(decided.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc)),
            ClosedAtUtc = at,
            ClosedBy = _clerk,
        };
        var decision = new PublishedDecision
        {
            AgencyId = agency.Id,
            AgencyName = agency.Name,
            TaskId = task.Id,
            CaseId = agency.CaseId,
            Category = cause.Category,
            Procedure = task.Procedure,
            Title = title,
            DocumentNumber = number,
            CaseNumber = caseNumber,
            ItemName = cause.Item,
            PartyName = party,
            PartyKind = kind,
            CreditCode = code,
            Representative = representative,
            Cause = cause.Name,
            Facts = facts + "。",
            Basis = cause.PenaltyBasis,
            PenaltyKinds = penaltyKinds.Length == 0 ? null : penaltyKinds,
            Result = result,
            FineYuan = fine,
            ConfiscationYuan = confiscation,
            FullText = fullText,
            Redactions = kind == PartyKind.Person ? 3 : 1,
            DecidedOn = decided,
            PublishedOn = published,
            PublishedAtUtc = at,
            PublishedBy = _clerk,
            PublicUntil = published.AddMonths(36).AddDays(-1),
            RepairableFrom = published.AddMonths(licensing ? 36 : 12),
            State = PublishedState.Public,
            ContentSha256 = "",
        };
        decision.ContentSha256 = PublicationDraft.ContentSha256Of(decision);

        return new GeneratedRow(task, decision);
    }

    private static string Day(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");
}
