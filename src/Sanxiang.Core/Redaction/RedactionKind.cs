namespace Sanxiang.Core.Redaction;

/// <summary>What a redacted span is (PUB-7). Each kind has one published masking convention, see docs/redaction.md.</summary>
public enum RedactionKind
{
    /// <summary>A natural person's name: 张三 → 张某, 欧阳娜娜 → 欧阳某某.</summary>
    PersonName,

    /// <summary>公民身份号码, 18 digits (checksum valid) or the old 15: first 6 digits kept.</summary>
    CitizenId,

    /// <summary>Mobile number: 138****5678.</summary>
    Mobile,

    /// <summary>Landline number: area code kept, 0796-****4567.</summary>
    Landline,

    /// <summary>Bank card (Luhn) or any account number after 账号/卡号: first 4 and last 4 kept.</summary>
    BankCard,

    /// <summary>A natural person's address below street / town / village level: the rest replaced by ****.</summary>
    Address,

    /// <summary>Health information: 【健康信息已隐去】.</summary>
    Health,

    /// <summary>A natural person's vehicle plate: province and city letter kept, 赣A*****.</summary>
    VehiclePlate,

    /// <summary>E-mail address: z***@example.com.</summary>
    Email,

    /// <summary>Anything else the clerk marks (PUB-7: 公示专员标注的其他信息): replaced by ****.</summary>
    ClerkMarked,
}

/// <summary>The Chinese names of the kinds, as a clerk reads them.</summary>
public static class RedactionKinds
{
    public static string Chinese(RedactionKind kind) => kind switch
    {
        RedactionKind.PersonName => "姓名",
        RedactionKind.CitizenId => "身份证号",
        RedactionKind.Mobile => "手机号码",
        RedactionKind.Landline => "固定电话",
        RedactionKind.BankCard => "银行账号",
        RedactionKind.Address => "住址",
        RedactionKind.Health => "健康信息",
        RedactionKind.VehiclePlate => "车牌号",
        RedactionKind.Email => "电子邮箱",
        RedactionKind.ClerkMarked => "专员标注",
    };
}
