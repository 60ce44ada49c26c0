using System.Text.RegularExpressions;

namespace Sanxiang.Core.Redaction;

public static partial class Redactor
{
    // Numbers. Boundaries: no letter or digit directly before or after, so a number inside a longer code is not taken.

    /// <summary>18 characters with optional single spaces between digits ("360736 19850315 123X"); checksum checked after.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\d[ \u00A0\u3000]?){17}[\dXx](?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Id18();

    [GeneratedRegex(@"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Id15();

    [GeneratedRegex(@"(?<![0-9A-Za-z+])(?:(?:\+|00)86[- \u00A0]?)?1[3-9]\d(?:[- \u00A0]?\d){8}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[（(]0\d{2,3}[）)][ \u00A0]?|0\d{2,3}[- \u00A0]?)[2-9]\d{6,7}(?:[ \u00A0]?(?:转|分机|-|ext\.?)[ \u00A0]?\d{1,6})?(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Landline();

    [GeneratedRegex(@"^[（(]?(0\d{2,3})[）)\- \u00A0]", RegexOptions.CultureInvariant)]
    private static partial Regex AreaCode();

    [GeneratedRegex(@"(?<![0-9A-Za-z])\d(?:[ \u00A0]?\d){15,18}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex CardNumber();

    /// <summary>Any account number after a cue: masked whether or not it passes Luhn (organisations' accounts rarely do).</summary>
    [GeneratedRegex(@"(?:账号|帐号|账户|帐户|卡号|银行卡|收款账号|开户账号)(?:号码)?[：:为是\s]*(?<n>\d(?:[ \u00A0-]?\d){7,29})(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex AccountAfterCue();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•・.\u00B7 ]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Plate();

    /// <summary>Unified social credit codes and other alphanumerics that belong to organisations or officers: protected.</summary>
    [GeneratedRegex(@"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CreditCodeShape();

    [GeneratedRegex(@"(?:执法证号|执法证件号码|执法证件号|执法证编号|执法证件编号|执法证|统一社会信用代码|社会信用代码|信用代码|注册号|营业执照号码|营业执照号|许可证号|许可证编号)[：:\s]*(?<n>[0-9A-Za-z-]+(?:、[0-9A-Za-z-]{6,})*)", RegexOptions.CultureInvariant)]
    private static partial Regex ProtectedCode();

    // Organisations named after a cue ("当事人：安和县某某有限公司"): protected wherever the name recurs.

    [GeneratedRegex(@"(?:当事人|单位名称|名称|被检查单位|被检查人|经营单位|生产单位|销售单位|委托单位|用人单位|所在单位|工作单位|受托单位)[：:\s]*(?<run>[\u4E00-\u9FFF（）()A-Za-z0-9·]{2,40})", RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationCue();

    /// <summary>Endings of organisation names; after a cue, the shortest run ending in one of these at a boundary is the name.</summary>
    private static readonly string[] OrganisationSuffixes =
        "有限责任公司|股份有限公司|有限公司|分公司|公司|集团|厂|店|中心|合作社|经营部|商行|门市部|超市|酒店|宾馆|饭店|餐厅|餐馆|酒楼|医院|诊所|卫生院|卫生室|药房|药店|大药房|学校|幼儿园|协会|商店|工作室|加工厂|养殖场|农场|砖厂|石场|采石场|林场|站|馆|行|社|所|部|铺|坊|院|局|委员会|村委会|居委会".Split('|');

    /// <summary>An organisation-name ending: a name candidate that runs on into one of these is the start of an organisation name.</summary>
    [GeneratedRegex(@"^[\u4E00-\u9FFF（）()]{0,12}?(?:有限责任公司|有限公司|公司|集团|厂|店|中心|合作社|经营部|商行|门市部|超市|酒店|宾馆|饭店|餐厅|餐馆|酒楼|医院|诊所|药房|学校|幼儿园|协会|商店|工作室|养殖场|农场|林场|石场|铺|坊|行(?![为政使驶车走人])|社(?!会|区)|馆)", RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationEnding();

    // Officers: published by law (name and certificate number), never masked.

    [GeneratedRegex(@"(?:执法人员|办案人员|承办人员|承办人|检查人员|执法人|调查人员|询问人|记录人)[：:\s为是]*", RegexOptions.CultureInvariant)]
    private static partial Regex OfficerCue();

    // Names: cues before a name, with the role they imply.

    [GeneratedRegex(@"(?<cue>当事人|法定代表人|法人代表|负责人|主要负责人|实际经营者|经营者|投资人|实际控制人|委托代理人|代理人|受委托人|证人|见证人|投诉人|举报人|被询问人|被检查人|联系人|监护人|驾驶人|驾驶员|司机|车主|业主|户主|房东|承租人|出租人|雇员|员工|店员|工人|厨师|厨工|帮工|营业员|收银员|股东|村民|居民|消费者|购买人|收货人|患者|乘客|游客|顾客|买家|卖家|用户|种植户|养殖户|租户|家长|学生|邻居|外甥|侄子|侄女|孙子|孙女|表哥|表姐|表弟|表妹|堂兄|堂弟|堂姐|堂妹|哥哥|姐姐|弟弟|妹妹|叔叔|舅舅|姑姑|阿姨|岳父|岳母|公公|婆婆|女婿|儿媳|群众|市民|网民|主任|经理|会计|出纳|调度|押运员|教练员|学员|保安|从业人员|作业人员|工作人员|销售人员|送货人员|未成年人|委托人|申请人|被申请人|被冒用人|受害人|经手人|送货人|收款人|承包人|介绍人|雇佣|雇用|聘用|招用|妻子|丈夫|父亲|母亲|儿子|女儿|其妻|其夫|其子|其女|之妻|之夫|之子|之女|之父|之母|姓名|名叫|叫做|本人)(?:（[^）\n]{1,12}）)?(?:[：:\s]|为|是|系)*", RegexOptions.CultureInvariant)]
    private static partial Regex NameCue();

    /// <summary>Any role noun ending in 员/人/户/者/师 ("护林员", "托运人", "屠户"): a weaker cue, so the name after it must
    /// end at a delimiter or a verb.</summary>
    [GeneratedRegex(@"[\u4E00-\u9FFF](?:员|人|户|者|师)(?=[\u4E00-\u9FFF])", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNounCue();

    /// <summary>What typically follows a person's name in a decision: gender, ID, address, relation, title.</summary>
    [GeneratedRegex(@"(?:[，,（(、]\s*(?:男|女|身份证|公民身份|居民身份|系|住|现住|家住|户籍|联系电话|电话|手机|汉族|出生|\d{4}年|年龄|\d{1,3}岁)|先生|女士|同志|夫妇|夫妻|两人|二人|等人|(?:（|\()(?:委托代理人|证人|当事人|法定代表人|负责人|经营者))", RegexOptions.CultureInvariant)]
    private static partial Regex AfterName();

    /// <summary>The agency's own contact number ("本机关地址：…，联系电话：0796-8220000"): public, not personal. Matched on the
    /// sentence up to the number; a mention of the party or a pronoun in between means the number is someone else's.</summary>
    [GeneratedRegex(@"(?:本机关|本行政机关|本局|本委|本厅|本大队|本支队)(?:(?!当事人|其|他|她|该)[^。\n；;]){0,40}?(?:联系电话|咨询电话|举报电话|投诉电话|监督电话|电话)[：:\s]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyContact();

    // Addresses, health.

    /// <summary>The cue of an organisation's representative (法定代表人、负责人、经营者).</summary>
    [GeneratedRegex(@"法定代表人|主要负责人|负责人|经营者|投资人")]
    private static partial Regex RepresentativeCue();

    [GeneratedRegex(@"(?<cue>家庭住址|家庭地址|现住址|现住所|现住|现居住地|居住地址|居住地|户籍地址|户籍所在地|户籍地|联系地址|住址|住所地|住所|家住|(?<=[，,、；;：:\s（(]|^)住)(?:（[^）\n]{1,6}）)?(?:在|于)?[：:\s]*(?<addr>[^，,。；;\r\n（()）、]{3,60})", RegexOptions.CultureInvariant)]
    private static partial Regex AddressAfterCue();

    /// <summary>The first house-number-level part of an address: a digit, or a Chinese numeral before 号/栋/组 ….</summary>
    [GeneratedRegex(@"[0-9０-９]|[一二三四五六七八九十百零〇两]+(?:号|栋|幢|单元|室|楼|组|弄|层|队)|[A-Za-z]\d|(?:号|栋|幢|单元|室)", RegexOptions.CultureInvariant)]
    private static partial Regex HouseLevel();

    /// <summary>Street / town / village level (and county / district as a fallback): an address is kept up to the last one.</summary>
    [GeneratedRegex(@"(?:街道办事处|街道|社区|居委会|村委会|大道|胡同|街口|路口|镇|乡|村|路|街|巷)", RegexOptions.CultureInvariant)]
    private static partial Regex StreetLevel();

    /// <summary>When an address names no street, town or village: kept up to the county / district / city.</summary>
    [GeneratedRegex(@"(?:县|区|市|旗)", RegexOptions.CultureInvariant)]
    private static partial Regex CountyLevel();

    [GeneratedRegex(@"(?:患有|患上|确诊为|确诊|诊断为|被诊断|诊断结果为|罹患|身患|病史|既往史)[：:为是有]?(?<h>[^，,。；;\r\n（()）]{1,30})", RegexOptions.CultureInvariant)]
    private static partial Regex HealthAfterCue();

    [GeneratedRegex(@"HIV|艾滋病|乙肝|乙型肝炎|精神分裂症|精神疾病|精神病|抑郁症|双相情感障碍|癫痫|肺结核|梅毒|尿毒症|癌症|白血病|智力残疾|肢体残疾|残疾等级|怀孕|妊娠期|哺乳期|患病(?:住院)?|(?:轻度|中度|重度|急性|慢性)?(?:[左右]?(?:大腿|小腿|腿部?|手臂|臂|手指|手部?|脚踝|脚部?|眼部?|头部|面部|腰椎|颈椎|胸部|腹部|肋骨|皮肤|伤口))?(?:严重|轻微)?(?:骨折|感染|神经衰弱|受伤|过敏性皮炎|皮炎|过敏|腹泻|失眠(?:加重)?|焦虑(?:发作)?|抑郁|发热|中毒|烧伤|烫伤|挫伤|外伤|昏迷|瘫痪)(?:症状|住院)?", RegexOptions.CultureInvariant)]
    private static partial Regex HealthTerm();

    [GeneratedRegex(@"车主|驾驶人|驾驶员|驾驶|驾车|开车|私家车|名下|本人|其所有|个人所有", RegexOptions.CultureInvariant)]
    private static partial Regex PersonalVehicleCue();

    [GeneratedRegex(@"公司|厂|单位|企业|合作社|中心|车队|所属|店(?!员)", RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationVehicleCue();

    [GeneratedRegex(@"公司|厂|中心|合作社|经营部|商行|门市部|超市|酒店|饭店|餐厅|医院|诊所|药房|药店|学校|幼儿园|协会|商店|工作室|养殖场|农场|单位|企业", RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationWord();
}
