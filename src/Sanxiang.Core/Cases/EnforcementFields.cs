using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Cases;

/// <summary>
/// The field of enforcement (执法领域, as printed on certificates) an item belongs to, read from the law it applies: an
/// officer must hold a certificate covering that field to investigate the item (《行政处罚法》第四十二条 and the provincial
/// certificate rules). Null when the law is not in the table: then only the certificate's validity is checked.
/// </summary>
public static class EnforcementFields
{
    private static readonly (string Law, string Field)[] ByLaw =
    [
        ("食品安全法", "食品安全"),
        ("产品质量法", "产品质量"),
        ("广告法", "广告监督管理"),
        ("价格法", "价格监督检查"),
        ("反不正当竞争法", "反不正当竞争"),
        ("计量法", "计量"),
        ("特种设备安全法", "特种设备"),
        ("安全生产法", "安全生产"),
        ("危险化学品安全管理条例", "危险化学品"),
        ("环境保护法", "生态环境保护"),
        ("大气污染防治法", "生态环境保护"),
        ("水污染防治法", "生态环境保护"),
        ("排污许可管理条例", "生态环境保护"),
        ("环境影响评价法", "生态环境保护"),
        ("固体废物污染环境防治法", "生态环境保护"),
        ("劳动合同法", "劳动保障监察"),
        ("劳动保障监察条例", "劳动保障监察"),
        ("保障农民工工资支付条例", "劳动保障监察"),
        ("社会保险法", "劳动保障监察"),
        ("工伤保险条例", "工伤保险"),
        ("土地管理法", "土地管理"),
        ("城市房地产管理法", "土地管理"),
        ("不动产登记暂行条例", "土地管理"),
        ("矿产资源法", "矿产资源"),
        ("城乡规划法", "城乡规划"),
        ("城市市容和环境卫生管理条例", "市容环境卫生"),
        ("城市道路管理条例", "市政公用"),
        ("农药管理条例", "农药管理"),
        ("种子法", "种子管理"),
        ("农产品质量安全法", "农产品质量安全"),
        ("肥料登记管理办法", "肥料管理"),
    ];

    public static string? Of(EnforcementItem item)
    {
        foreach (var basis in item.LegalBasis)
        {
            foreach (var (law, field) in ByLaw)
            {
                if (basis.Law.Contains(law, StringComparison.Ordinal))
                {
                    return field;
                }
            }
        }

        return null;
    }
}
