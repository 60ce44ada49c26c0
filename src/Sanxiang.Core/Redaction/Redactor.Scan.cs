using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Sanxiang.Core.Validation;

namespace Sanxiang.Core.Redaction;

public static partial class Redactor
{
    /// <summary>What can follow a name directly (a verb or particle that is hardly ever part of a given name).</summary>
    private static readonly string[] Followers =
    [
        "称", "证实", "陈述", "供述", "承认", "表示", "认为", "系", "的", "在", "于", "因", "等", "向", "与", "及", "到", "已", "未",
        "所", "对", "将", "把", "被", "从", "自", "是", "和", "签", "作", "出具", "出示", "同意", "现", "曾", "均", "也", "都", "之",
        "持", "驾驶", "从事", "一起", "作为", "提供", "拒绝", "无", "不", "没", "先生", "女士", "同志", "夫妇", "家", "名下", "个人",
        "经营", "负责", "委托", "签名", "签字", "本人", "随", "即", "共同", "两人", "二人", "三人", "等人", "一家", "户", "说", "讲",
        "介绍", "交代", "解释", "要求", "请求", "申请", "主动", "当场", "现场", "购买", "销售", "使用", "雇佣", "以", "就", "还", "又",
        "正在", "反映", "反应", "通过", "代为", "代表", "进行", "安排", "身患", "患有", "发现", "看到", "告知", "报案", "投诉", "举报", "参与", "处", "报警", "签收", "领取", "代其", "代替", "替其", "帮其",
    ];

    /// <summary>Characters that do not occur in given names in practice (function words, units, legal vocabulary).</summary>
    private static readonly FrozenSet<char> NonNameChars =
        "的了是在有与及或等日号县市区省镇乡路街局所队司厂店者员们工之其该此不没无未已被把将对于因而且并称系查罚款违规条例某".ToFrozenSet();

    /// <summary>Everyday words that start with a surname character; never taken for a name (e.g. 陈述, 高速, 张贴, 江西).</summary>
    private static readonly FrozenSet<string> StopWords = (
        "陈述 陈列 陈设 陈旧 陈放 陈年 申请 申辩 车辆 权限 家属 家庭 范围 方面 方式 方法 方向 时间 时候 时效 时限 曾经 于是 安全 安装 安排 全部 全体 全面 和解 和平 " +
        "高速 高度 高于 高层 张贴 周边 周围 何时 林地 林木 林业 江西 江苏 黄河 王府 王府井 程序 金额 金属 费用 管理 管制 管道 包装 包括 包厢 严重 严格 严禁 " +
        "卫生 石料 石材 石头 黄金 白酒 白条 田地 田间 雷电 水质 水源 水产 成立 成本 成品 成分 成为 经营 经过 经查 经营者 连续 常住 常年 常务 平台 " +
        "明确 明显 明知 明细 明火 文件 文书 国家 国务 国务院 广告 广场 通知 通过 都是 满足 双方 相关 相应 公告 公示 公开 公民 公安 公共 公路 公里 公司 " +
        "后果 后续 红色 山林 山体 钱款 孙子 龙头 夏季 秋季 毛重 宋体 钟表 季度 路段 路面 路口 路边 车间 车主 车牌 车厢 车身 房屋 房间 房产 关于 关系 " +
        "关闭 关联 单位 单价 左右 吉林 苏州 宁夏 宁波 甘肃 云南 广东 广西 辛苦 应当 应该 应予 同意 同时 同日 同年 同月 同比 及时 以上 以下 以及 对于 " +
        "为此 为了 能够 从事 从业 从而 毕业 印发 印章 凌晨 万元 万余 强制 强化 冷库 冷藏 冷冻 温度 景区 景点 幸福 符合 尚未 尚有 项目 计划 计算 计量 " +
        "解释 解除 封存 封闭 谷物 屠宰 蒙古 越野 师傅 养殖 查明 查处 查获 查封 查验 查看 查询 游客 权利 权益 易燃 米面 米粉 黄牛 牛肉 牛奶 羊肉 马路 " +
        "顾客 支付 支持 支队 任何 任务 任意 元整 齐全 齐备 危险 危害 危及 余额 余下 伍佰 贾某 申报 申领 邮箱 邮件 晋江 康复 伊始 华夏 湛江 莫名 " +
        "秦皇 甘蔗 米饭 花生 花卉 花园 苗木 花草 梅雨 谈话 劳动 劳务 纪律 纪要 尹某 施工 施行 施用 任职 原告 席位 计价 车道 向日 向社会 水泥 水果 " +
        "沙石 沙子 沙土 井盖 宫殿 庞大 殷实 终止 终结 居民 居住 居委 都市 江河 黄色 白色 蓝色 蓝天 红线 黄线 丁字 马上 牛羊 熊猫 龙虾 鱼类 鲍鱼 " +
        "鲁菜 贝类 茅台 桂花 桑叶 燕窝 万一 万千 万能 干货 干燥 干扰 干部 干预 解决 武装 武器 武汉 钟点 宗旨 宣传 宣告 包含 柴油 汽油 石油 " +
        "农药 农业 农村 农民 戴帽 屈服 习惯 易于 易发 隆重 简易 简单 简称 冷水 巢湖 查实 红木 相邻 相同 相符 关联 游泳 权属 益处 荆州 盖章 禄劝"
        ).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF';

    private sealed class Scan(string text, RedactionContext context, RedactionPolicy policy)
    {
        private readonly bool[] isProtected = new bool[text.Length];
        private readonly List<Candidate> candidates = [];
        private readonly Dictionary<string, PersonRole> names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> nameReasons = new(StringComparer.Ordinal);
        private readonly HashSet<string> officers = new(StringComparer.Ordinal);
        private readonly List<int> nameEnds = [];
        private readonly List<int> organisationEnds = [];
        private bool partyIsPerson = context.PartyIsNaturalPerson;

        private sealed record Candidate(int Start, int Length, RedactionKind Kind, string Reason, int Priority);

        public List<RedactionSpan> Run()
        {
            ProtectCodes();
            ProtectOrganisations();
            ProtectOfficers();
            FindNumbers();
            FindNames();
            FindAddresses();
            FindHealth();
            FindPlates();
            return Resolve();
        }

        // ---- protected regions -------------------------------------------------------------------------------

        private void Protect(int start, int length)
        {
            for (var i = start; i < start + length && i < isProtected.Length; i++)
            {
                isProtected[i] = true;
            }
        }

        private bool AnyProtected(int start, int length)
        {
            for (var i = start; i < start + length; i++)
            {
                if (isProtected[i])
                {
                    return true;
                }
            }

            return false;
        }

        private void ProtectAll(string value, Action<int>? onEach = null)
        {
            if (value.Length == 0)
            {
                return;
            }

            for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
            {
                Protect(i, value.Length);
                onEach?.Invoke(i + value.Length);
            }
        }

        private void ProtectCodes()
        {
            foreach (Match m in ProtectedCode().Matches(text))
            {
                var n = m.Groups["n"];
                Protect(n.Index, n.Length);
            }

            foreach (Match m in CreditCodeShape().Matches(text))
            {
                if (UnifiedSocialCreditCode.Validate(m.Value).IsValid)
                {
                    Protect(m.Index, m.Length);
                }
            }
        }

        private void ProtectOrganisations()
        {
            var found = new HashSet<string>(context.Organisations.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim()), StringComparer.Ordinal);
            foreach (Match m in OrganisationCue().Matches(text))
            {
                var run = m.Groups["run"];
                for (var length = 2; length <= run.Length; length++)
                {
                    var end = run.Index + length;
                    if (OrganisationBoundary(end) && OrganisationSuffixes.Any(x => text.AsSpan(run.Index, length).EndsWith(x, StringComparison.Ordinal)))
                    {
                        found.Add(text.Substring(run.Index, length));
                        break;
                    }
                }
            }

            // Longest first, so a shorter name inside a longer one does not split it.
            foreach (var org in found.OrderByDescending(o => o.Length))
            {
                ProtectAll(org, end => organisationEnds.Add(end));
            }

            organisationEnds.Sort();
        }

        /// <summary>Where an organisation's name may end: punctuation, the end, or the next field (法定代表人 …).</summary>
        private bool OrganisationBoundary(int pos) =>
            pos >= text.Length || text[pos] is '，' or ',' or '。' or '；' or ';' or '：' or ':' or '（' or '(' or '、' || char.IsWhiteSpace(text[pos])
            || text.AsSpan(pos).StartsWith("法定代表人", StringComparison.Ordinal) || text.AsSpan(pos).StartsWith("负责人", StringComparison.Ordinal)
            || text.AsSpan(pos).StartsWith("经营者", StringComparison.Ordinal);

        private void ProtectOfficers()
        {
            foreach (var p in context.People.Where(p => p.Role == PersonRole.Officer))
            {
                officers.Add(p.Name.Trim());
            }

            foreach (Match m in OfficerCue().Matches(text))
            {
                var pos = m.Index + m.Length;
                while (pos < text.Length)
                {
                    var length = NameAt(pos);
                    if (length == 0)
                    {
                        break;
                    }

                    officers.Add(text.Substring(pos, length));
                    pos += length;
                    pos = SkipParenthesis(pos);
                    if (pos < text.Length && text[pos] is '、' or '，' or ',' or '和' or '及' or ' ')
                    {
                        pos++;
                        continue;
                    }

                    break;
                }
            }

            // A name right before its certificate number: "王五（执法证号：36070012345）".
            for (var i = text.IndexOf("执法证", StringComparison.Ordinal); i > 0; i = text.IndexOf("执法证", i + 3, StringComparison.Ordinal))
            {
                var end = i;
                if (text[end - 1] is '（' or '(' or '，' or ',' or '：' or ':' or ' ')
                {
                    end--;
                }

                var start = NameEndingAt(end);
                if (start >= 0)
                {
                    officers.Add(text[start..end]);
                }
            }

            foreach (var name in officers.Where(n => n.Length >= 2).OrderByDescending(n => n.Length))
            {
                ProtectAll(name);
            }
        }

        private int SkipParenthesis(int pos)
        {
            if (pos < text.Length && text[pos] is '（' or '(')
            {
                var close = text.IndexOfAny(['）', ')'], pos);
                if (close > pos && close - pos < 40)
                {
                    return close + 1;
                }
            }

            return pos;
        }

        // ---- numbers ----------------------------------------------------------------------------------------

        private void Add(int start, int length, RedactionKind kind, string reason, int priority)
        {
            if (length > 0 && !AnyProtected(start, length))
            {
                candidates.Add(new Candidate(start, length, kind, reason, priority));
            }
        }

        private void FindNumbers()
        {
            foreach (Match m in Id18().Matches(text))
            {
                var id = StripSpaces(m.Value);
                if (CitizenIdNumber.Validate(id).IsValid)
                {
                    Add(m.Index, m.Length, RedactionKind.CitizenId, "公民身份号码（18 位，校验码正确）", 100);
                }
            }

            foreach (Match m in Id15().Matches(text))
            {
                if (CitizenIdNumber.Validate(m.Value).IsValid)
                {
                    Add(m.Index, m.Length, RedactionKind.CitizenId, "旧式 15 位公民身份号码（出生日期有效）", 99);
                }
            }

            foreach (Match m in AccountAfterCue().Matches(text))
            {
                var n = m.Groups["n"];
                Add(n.Index, n.Length, RedactionKind.BankCard, "银行账号（账号、卡号之后的号码）", 95);
            }

            foreach (Match m in CardNumber().Matches(text))
            {
                var digits = StripSpaces(m.Value);
                // An 18-digit number with a birth date where an ID has one is a mistyped ID, not a card (cards are 16 or 19).
                var idShaped = digits.Length == 18 && DateOnly.TryParseExact(digits.AsSpan(6, 8), "yyyyMMdd", out _);
                if (Luhn(digits) && !idShaped)
                {
                    Add(m.Index, m.Length, RedactionKind.BankCard, "银行卡号（Luhn 校验通过）", 90);
                }
            }

            foreach (Match m in Email().Matches(text))
            {
                Add(m.Index, m.Length, RedactionKind.Email, "电子邮箱", 85);
            }

            foreach (Match m in Mobile().Matches(text))
            {
                if (!IsAgencyContact(m.Index))
                {
                    Add(m.Index, m.Length, RedactionKind.Mobile, "手机号码", 80);
                }
            }

            foreach (Match m in Landline().Matches(text))
            {
                if (!IsAgencyContact(m.Index))
                {
                    Add(m.Index, m.Length, RedactionKind.Landline, "固定电话号码", 70);
                }
            }
        }

        private bool IsAgencyContact(int numberStart)
        {
            var from = SentenceStart(numberStart);
            return AgencyContact().IsMatch(text.AsSpan(from, numberStart - from));
        }

        private static string StripSpaces(string s) => new(s.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

        private static bool Luhn(string digits)
        {
            var sum = 0;
            var doubleIt = false;
            for (var i = digits.Length - 1; i >= 0; i--)
            {
                var d = digits[i] - '0';
                if (doubleIt)
                {
                    d *= 2;
                    if (d > 9)
                    {
                        d -= 9;
                    }
                }

                sum += d;
                doubleIt = !doubleIt;
            }

            return sum % 10 == 0;
        }

        // ---- names ------------------------------------------------------------------------------------------

        private bool IsDelimiter(int pos) => pos >= text.Length || !IsCjk(text[pos]);

        private bool FollowerAt(int pos)
        {
            if (pos >= text.Length)
            {
                return false;
            }

            var rest = text.AsSpan(pos);
            foreach (var f in Followers)
            {
                if (rest.StartsWith(f, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private bool ValidGiven(int from, int count)
        {
            if (from + count > text.Length)
            {
                return false;
            }

            for (var i = from; i < from + count; i++)
            {
                if (!IsCjk(text[i]) || NonNameChars.Contains(text[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The length of a personal name starting at <paramref name="pos"/> (read forward after a cue), or 0.</summary>
        private int NameAt(int pos, bool weakCue = false)
        {
            var s = ChineseSurnames.SurnameLengthAt(text, pos);
            if (s == 0 || !ValidGiven(pos + s, 1))
            {
                return 0;
            }

            var end1 = pos + s + 1;
            var end2 = pos + s + 2;
            var two = ValidGiven(pos + s, 2);
            int length;
            if (IsDelimiter(end1) || FollowerAt(end1))
            {
                length = s + 1;
            }
            else if (two && (IsDelimiter(end2) || FollowerAt(end2)))
            {
                length = s + 2;
            }
            else if (two && !weakCue)
            {
                // After a role cue a name must follow; most given names have two characters ("甘小平左腿骨折").
                length = s + 2;
            }
            else
            {
                return 0;
            }

            return Plausible(pos, length, s) ? length : 0;
        }

        /// <summary>The start of a personal name ending at <paramref name="end"/> (read backward before "，男" etc.), or -1.</summary>
        private int NameEndingAt(int end)
        {
            for (var length = 4; length >= 2; length--)
            {
                var start = end - length;
                if (start < 0)
                {
                    continue;
                }

                var s = ChineseSurnames.SurnameLengthAt(text, start);
                if (s == 0 || length - s is < 1 or > 2 || !ValidGiven(start + s, length - s) || !Plausible(start, length, s))
                {
                    continue;
                }

                // "向李明，男": 向 is a preposition here, not the surname of 向李明.
                if (length == 3 && s == 1 && ChineseSurnames.IsAmbiguous(text[start]) && !IsDelimiter(start - 1 < 0 ? text.Length : start - 1))
                {
                    continue;
                }

                return start;
            }

            return -1;
        }

        private bool Plausible(int start, int length, int surnameLength)
        {
            var candidate = text.Substring(start, length);
            if (AnyProtected(start, length) || StopWords.Contains(candidate) || StopWords.Contains(candidate[..Math.Min(2, candidate.Length)]))
            {
                return false;
            }

            if (surnameLength == 1 && ChineseSurnames.IsAmbiguous(text[start]) && !IsDelimiter(start + length))
            {
                return false;
            }

            // "张记餐饮店", "王家小吃店": the candidate runs on into an organisation's name.
            var after = start + length;
            return IsDelimiter(after) || FollowerAt(after) || !OrganisationEnding().IsMatch(text.AsSpan(after));
        }

        private void AddName(string name, PersonRole role, string reason)
        {
            if (name.Length < 2 || officers.Contains(name))
            {
                return;
            }

            if (names.TryAdd(name, role))
            {
                nameReasons[name] = reason;
            }
        }

        private void FindNames()
        {
            foreach (var p in context.People.Where(p => p.Role != PersonRole.Officer && p.Name.Trim().Length >= 2))
            {
                AddName(p.Name.Trim(), p.Role, "案件记录中的" + RoleName(p.Role));
            }

            foreach (Match m in NameCue().Matches(text))
            {
                var cue = m.Groups["cue"].Value;
                var role = CueRole(cue);
                var pos = m.Index + m.Length;
                while (pos < text.Length)
                {
                    var length = NameAt(pos);
                    if (length == 0)
                    {
                        break;
                    }

                    AddName(text.Substring(pos, length), role, $"“{cue}”之后的姓名");
                    if (role == PersonRole.Party)
                    {
                        partyIsPerson = true;
                    }

                    pos = SkipParenthesis(pos + length);
                    if (pos + 1 < text.Length && text[pos] is '、' or '和' or '及')
                    {
                        pos++;
                        continue;
                    }

                    break;
                }
            }

            foreach (Match m in RoleNounCue().Matches(text))
            {
                var pos = m.Index + m.Length;
                var length = NameAt(pos, weakCue: true);
                while (length > 0)
                {
                    AddName(text.Substring(pos, length), PersonRole.Other, $"“{m.Value}”之后的姓名");
                    pos += length;
                    if (pos + 1 >= text.Length || text[pos] != '、')
                    {
                        break;
                    }

                    pos++;
                    length = NameAt(pos, weakCue: true);
                }
            }

            foreach (Match m in AfterName().Matches(text))
            {
                // "仇丽华、单志刚夫妇": the name before the cue, then each name before a 、.
                var end = m.Index;
                for (var start = NameEndingAt(end); start >= 0; start = end > 0 && text[end] == '、' ? NameEndingAt(end) : -1)
                {
                    AddName(text[start..end], PersonRole.Other, $"姓名（其后是“{m.Value.Trim('，', ',', '（', '(', '、', ' ')}”）");
                    end = start - 1;
                    if (end < 0 || text[end] != '、')
                    {
                        break;
                    }
                }
            }

            // Every occurrence of every name found, longest names first so 张三丰 is not split into 张三 + 丰.
            foreach (var (name, role) in names.OrderByDescending(n => n.Key.Length))
            {
                var mask = role switch
                {
                    PersonRole.Party => policy.MaskPartyName,
                    PersonRole.LegalRepresentative => policy.MaskLegalRepresentativeName,
                    PersonRole.Officer => false,
                    PersonRole.Agent or PersonRole.Witness or PersonRole.Other => true,
                };
                var reason = nameReasons[name] + (role == PersonRole.Party ? "（当事人本人，按本机关公示政策隐去）" : "");
                for (var i = text.IndexOf(name, StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + name.Length, StringComparison.Ordinal))
                {
                    if (AnyProtected(i, name.Length))
                    {
                        continue;
                    }

                    var after = i + name.Length;
                    if (!IsDelimiter(after) && !FollowerAt(after) && OrganisationEnding().IsMatch(text.AsSpan(after)))
                    {
                        continue;
                    }

                    nameEnds.Add(after);
                    if (mask)
                    {
                        Add(i, name.Length, RedactionKind.PersonName, reason, 60 + name.Length);
                    }
                }
            }

            nameEnds.Sort();
        }

        private static PersonRole CueRole(string cue) => cue switch
        {
            "当事人" => PersonRole.Party,
            "法定代表人" or "法人代表" or "负责人" or "主要负责人" or "实际经营者" or "经营者" or "投资人" or "实际控制人" => PersonRole.LegalRepresentative,
            "委托代理人" or "代理人" or "受委托人" => PersonRole.Agent,
            "证人" or "见证人" => PersonRole.Witness,
            _ => PersonRole.Other,
        };

        private static string RoleName(PersonRole role) => role switch
        {
            PersonRole.Party => "当事人",
            PersonRole.LegalRepresentative => "法定代表人（负责人、经营者）",
            PersonRole.Agent => "委托代理人",
            PersonRole.Witness => "证人",
            PersonRole.Other => "其他自然人",
            PersonRole.Officer => "执法人员",
        };

        // ---- addresses, health, plates ------------------------------------------------------------------------

        private int SentenceStart(int pos)
        {
            // Look back at most 120 characters, so a text without punctuation stays linear.
            var from = Math.Max(0, pos - 120);
            var start = pos == 0 ? -1 : text.LastIndexOfAny(['。', '\n', '；', ';'], pos - 1, pos - from);
            return Math.Max(start + 1, from);
        }

        /// <summary>The largest value in the sorted list that is in (from, to], or -1.</summary>
        private static int LastIn(List<int> sorted, int from, int to)
        {
            var i = sorted.BinarySearch(to);
            i = i >= 0 ? i : ~i - 1;
            while (i + 1 < sorted.Count && sorted[i + 1] <= to)
            {
                i++;
            }

            return i >= 0 && sorted[i] > from && sorted[i] <= to ? sorted[i] : -1;
        }

        /// <summary>The end of the last person name and of the last organisation mention in the sentence before pos.</summary>
        private (int Person, int Organisation) EntitiesBefore(int pos, Regex organisationWords)
        {
            var from = SentenceStart(pos);
            var person = LastIn(nameEnds, from, pos);
            var organisation = LastIn(organisationEnds, from, pos);

            foreach (var m in organisationWords.EnumerateMatches(text.AsSpan(from, pos - from)))
            {
                organisation = Math.Max(organisation, from + m.Index + m.Length);
            }

            return (person, organisation);
        }

        private void FindAddresses()
        {
            foreach (Match m in AddressAfterCue().Matches(text))
            {
                var cue = m.Groups["cue"].Value;
                var addr = m.Groups["addr"];
                if (cue is "住所" or "住所地")
                {
                    // Organisations have a 住所 too (their registered address), and it stays.
                    // The person between the organisation and its 住所 may be its 法定代表人 / 负责人 (a decision's header: 当事人、
                    // 统一社会信用代码、法定代表人、住所): the address is still the organisation's.
                    var (person, organisation) = EntitiesBefore(m.Index, OrganisationWord());
                    if (organisation > person || (person < 0 && !partyIsPerson)
                        || organisation >= 0 && RepresentativeCue().IsMatch(text.AsSpan(organisation, m.Index - organisation)))
                    {
                        continue;
                    }
                }

                var value = addr.Value.TrimEnd();
                var house = HouseLevel().Match(value);
                var cutLimit = house.Success ? house.Index : value.Length;
                var keep = 0;
                foreach (var street in StreetLevel().EnumerateMatches(value.AsSpan(0, cutLimit)))
                {
                    keep = street.Index + street.Length;
                }

                if (keep == 0)
                {
                    foreach (var county in CountyLevel().EnumerateMatches(value.AsSpan(0, cutLimit)))
                    {
                        keep = county.Index + county.Length;
                    }
                }

                if (keep == 0 && !house.Success)
                {
                    continue; // nothing address-like: "住宿", "住院" …
                }

                Add(addr.Index + keep, value.Length - keep, RedactionKind.Address, $"自然人住址（“{cue}”之后，街道、乡镇、村一级以下）", 50);
            }
        }

        private void FindHealth()
        {
            foreach (Match m in HealthAfterCue().Matches(text))
            {
                var h = m.Groups["h"];
                Add(h.Index, h.Length, RedactionKind.Health, "健康信息（诊断、病史）", 40);
            }

            foreach (Match m in HealthTerm().Matches(text))
            {
                Add(m.Index, m.Length, RedactionKind.Health, "健康信息", 39);
            }
        }

        private void FindPlates()
        {
            foreach (Match m in Plate().Matches(text))
            {
                if (!m.Value.Skip(2).Any(char.IsAsciiDigit))
                {
                    continue;
                }

                var (person, organisation) = EntitiesBefore(m.Index, OrganisationVehicleCue());
                var from = SentenceStart(m.Index);
                foreach (var cue in PersonalVehicleCue().EnumerateMatches(text.AsSpan(from, m.Index - from)))
                {
                    person = Math.Max(person, from + cue.Index + cue.Length);
                }

                var personal = person > organisation || (person < 0 && organisation < 0 && partyIsPerson);
                if (personal)
                {
                    Add(m.Index, m.Length, RedactionKind.VehiclePlate, "自然人的机动车号牌", 30);
                }
            }
        }

        // ---- resolution -------------------------------------------------------------------------------------

        private List<RedactionSpan> Resolve()
        {
            var taken = new bool[text.Length];
            var accepted = new List<RedactionSpan>();
            foreach (var c in candidates.OrderByDescending(c => c.Priority).ThenByDescending(c => c.Length).ThenBy(c => c.Start))
            {
                var free = true;
                for (var i = c.Start; i < c.Start + c.Length && free; i++)
                {
                    free = !taken[i];
                }

                if (!free)
                {
                    continue;
                }

                Array.Fill(taken, true, c.Start, c.Length);
                var original = text.Substring(c.Start, c.Length);
                accepted.Add(new RedactionSpan(c.Start, c.Length, c.Kind, original, ProposeReplacement(c.Kind, original), c.Reason));
            }

            accepted.Sort((a, b) => a.Start.CompareTo(b.Start));
            return accepted;
        }
    }
}
