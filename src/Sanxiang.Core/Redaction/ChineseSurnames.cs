using System.Collections.Frozen;

namespace Sanxiang.Core.Redaction;

/// <summary>
/// Chinese surnames for name recognition. Sources: the single and compound surnames of the 《百家姓》 (Northern Song
/// primer, public domain) and the commonest surnames of the Ministry of Public Security's annual name report
/// 《二〇二〇年全国姓名报告》 (公安部户政管理研究中心), which adds a few not in the primer order (e.g. 付、肖、覃).
/// Rare single surnames that are everyday words in a decision (e.g. 充、通、相、国、红、能) are left out on purpose:
/// such names are still found from the case's own data (<see cref="RedactionContext"/>).
/// </summary>
public static class ChineseSurnames
{
    private const string Single =
        "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦" +
        "昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹" +
        "姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐" +
        "邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀" +
        "羊於惠甄曲封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景" +
        "詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥苍闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩" +
        "桑桂濮牛扈燕冀郏尚农温庄晏柴瞿阎慕连茹习宦艾鱼容向古易慎戈廖庾衡耿弘匡文寇阙欧蔚夔巩厍聂晁勾敖冷訾辛" +
        "阚简饶曾沙鞠丰巢关蒯查荆游竺权逯盖桓付肖覃钊尧练揭邝母谌麦岳帅缑亢况佘墨哈谯笪阳佟";

    /// <summary>Compound surnames (复姓), longest first where one is a prefix of another.</summary>
    private static readonly string[] Compound =
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
        "令狐", "端木", "独孤", "南宫", "万俟", "闻人", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "申屠",
        "仲孙", "钟离", "宰父", "谷梁", "晋楚", "闾丘", "子车", "亓官", "司寇", "巫马", "公西", "颛孙", "壤驷", "公良",
        "漆雕", "乐正", "拓跋", "夹谷", "百里", "东郭", "南门", "呼延", "羊舌", "微生", "梁丘", "左丘", "东门", "西门",
        "第五", "司空",
    ];

    private static readonly FrozenSet<char> SingleSet = Single.ToFrozenSet();
    private static readonly FrozenSet<string> CompoundSet = Compound.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Single surnames that are also everyday function words in a decision (于是、向本局、和…): a name starting
    /// with one is only accepted on strong evidence (a delimiter right after it).</summary>
    private static readonly FrozenSet<char> Ambiguous = "于向和从经时将与成能应同及以为对通都全国文广满双相公后益红山水家平明安高".ToFrozenSet();

    public static bool IsSingle(char c) => SingleSet.Contains(c);

    public static bool IsAmbiguous(char c) => Ambiguous.Contains(c);

    /// <summary>The length of the surname at <paramref name="index"/>: 2 for a compound surname, 1 for a single one, 0 for none.</summary>
    public static int SurnameLengthAt(string text, int index)
    {
        if (index + 1 < text.Length && CompoundSet.Contains(text.Substring(index, 2)))
        {
            return 2;
        }

        return index < text.Length && SingleSet.Contains(text[index]) ? 1 : 0;
    }

    /// <summary>The surname of a full name: compound if it starts with one, otherwise the first character.</summary>
    public static int SurnameLengthOf(string name) =>
        name.Length >= 3 && CompoundSet.Contains(name[..2]) ? 2 : Math.Min(1, name.Length);
}
