namespace Sanxiang.Core.Supervision.Patrol;

/// <summary>What a patrol finding is about. Each kind has one rule it cites and one default severity (docs/online-patrol.md).</summary>
public enum PatrolFindingKind
{
    /// <summary>清单未公示: no approved item list or officer list in force on the portal (PUB-1).</summary>
    ListMissing,

    /// <summary>名单未及时调整: the officer list in force still shows a certificate past its end date (PUB-2).</summary>
    ListNotCurrent,

    /// <summary>执法人员与名单不符: a published decision names an officer or certificate not in the agency's registry list (PUB-4).</summary>
    OfficerNotInRegistry,

    /// <summary>逾期公示: published after the deadline (PUB-5).</summary>
    LatePublication,

    /// <summary>应公示未公示: past the deadline and still not published, with no recorded exemption (PUB-5).</summary>
    UnpublishedOverdue,

    /// <summary>未公示全文: a general-procedure penalty decision published without its full text (PUB-6).</summary>
    MissingFullText,

    /// <summary>撤回不及时: a decision changed by reconsideration, litigation or the agency itself not withdrawn within 3 days (PUB-8).</summary>
    LateWithdrawal,

    /// <summary>隐去不到位: the published text still holds what the redaction engine would mask (PUB-7).</summary>
    Unredacted,

    /// <summary>人工抽查发现的问题: recorded by the supervisor on a sampled entry.</summary>
    SampleProblem,
}

/// <summary>严重 / 一般 / 轻微, as the bureau's notices grade them.</summary>
public enum PatrolSeverity
{
    Minor,
    General,
    Serious,
}

public static class PatrolFindingKinds
{
    public static readonly IReadOnlyList<PatrolFindingKind> All = Enum.GetValues<PatrolFindingKind>();

    public static string Chinese(this PatrolFindingKind kind) => kind switch
    {
        PatrolFindingKind.ListMissing => "清单未公示",
        PatrolFindingKind.ListNotCurrent => "名单未及时调整",
        PatrolFindingKind.OfficerNotInRegistry => "执法人员与名单不符",
        PatrolFindingKind.LatePublication => "逾期公示",
        PatrolFindingKind.UnpublishedOverdue => "应公示未公示",
        PatrolFindingKind.MissingFullText => "未公示全文",
        PatrolFindingKind.LateWithdrawal => "撤回不及时",
        PatrolFindingKind.Unredacted => "隐去不到位",
        PatrolFindingKind.SampleProblem => "人工抽查问题",
    };

    /// <summary>The rule a finding of this kind breaks, cited as the notice cites it.</summary>
    public static string Rule(this PatrolFindingKind kind) => kind switch
    {
        PatrolFindingKind.ListMissing => "PUB-1；《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）“强化事前公开”",
        PatrolFindingKind.ListNotCurrent => "PUB-2；国办发〔2018〕118号“动态调整”",
        PatrolFindingKind.OfficerNotInRegistry => "PUB-4；《中华人民共和国行政处罚法》第四十二条（执法人员应当具有行政执法资格）",
        PatrolFindingKind.LatePublication => "PUB-5；国办发〔2018〕118号（行政执法决定自作出之日起7个工作日内公开）；《中华人民共和国行政处罚法》第四十八条第一款",
        PatrolFindingKind.UnpublishedOverdue => "PUB-5；《中华人民共和国行政处罚法》第四十八条第一款",
        PatrolFindingKind.MissingFullText => "PUB-6；一般程序行政处罚决定书全文公开",
        PatrolFindingKind.LateWithdrawal => "PUB-8；《中华人民共和国行政处罚法》第四十八条第二款（三日内撤回并公开说明理由）",
        PatrolFindingKind.Unredacted => "PUB-7；《中华人民共和国个人信息保护法》第二十八条、第三十四条；公示信息隐去规则（docs/redaction.md）",
        PatrolFindingKind.SampleProblem => "PUB-5～PUB-7（人工抽查）",
    };

    public static PatrolSeverity Severity(this PatrolFindingKind kind) => kind switch
    {
        PatrolFindingKind.ListMissing => PatrolSeverity.Serious,
        PatrolFindingKind.ListNotCurrent => PatrolSeverity.Minor,
        PatrolFindingKind.OfficerNotInRegistry => PatrolSeverity.Serious,
        PatrolFindingKind.LatePublication => PatrolSeverity.General,
        PatrolFindingKind.UnpublishedOverdue => PatrolSeverity.Serious,
        PatrolFindingKind.MissingFullText => PatrolSeverity.General,
        PatrolFindingKind.LateWithdrawal => PatrolSeverity.Serious,
        PatrolFindingKind.Unredacted => PatrolSeverity.Serious,
        PatrolFindingKind.SampleProblem => PatrolSeverity.General,
    };

    public static string Chinese(this PatrolSeverity severity) => severity switch
    {
        PatrolSeverity.Minor => "轻微",
        PatrolSeverity.General => "一般",
        PatrolSeverity.Serious => "严重",
    };

    public static PatrolFindingKind? Parse(string? text) =>
        Enum.TryParse<PatrolFindingKind>(text, ignoreCase: false, out var k) && Enum.IsDefined(k) ? k : null;
}
