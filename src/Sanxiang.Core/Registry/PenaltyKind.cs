namespace Sanxiang.Core.Registry;

/// <summary>The kinds of administrative penalty of 《行政处罚法》 Art. 9.</summary>
public enum PenaltyKind
{
    Warning,
    CriticismNotice,
    Fine,
    ConfiscateIllegalGains,
    ConfiscateIllegalProperty,
    SuspendLicence,
    LowerQualification,
    RevokeLicence,
    RestrictBusiness,
    SuspendProduction,
    OrderClosure,
    RestrictPractice,
    Detention,
    Other,
}

public static class PenaltyKindNames
{
    public static string Chinese(this PenaltyKind kind) => kind switch
    {
        PenaltyKind.Warning => "警告",
        PenaltyKind.CriticismNotice => "通报批评",
        PenaltyKind.Fine => "罚款",
        PenaltyKind.ConfiscateIllegalGains => "没收违法所得",
        PenaltyKind.ConfiscateIllegalProperty => "没收非法财物",
        PenaltyKind.SuspendLicence => "暂扣许可证件",
        PenaltyKind.LowerQualification => "降低资质等级",
        PenaltyKind.RevokeLicence => "吊销许可证件",
        PenaltyKind.RestrictBusiness => "限制开展生产经营活动",
        PenaltyKind.SuspendProduction => "责令停产停业",
        PenaltyKind.OrderClosure => "责令关闭",
        PenaltyKind.RestrictPractice => "限制从业",
        PenaltyKind.Detention => "行政拘留",
        PenaltyKind.Other => "其他",
    };

    public static bool TryParseChinese(string text, out PenaltyKind kind)
    {
        foreach (var k in Enum.GetValues<PenaltyKind>())
        {
            if (k.Chinese() == text.Trim())
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
