using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Publication;

/// <summary>What a publication is, for its deadline (PUB-5): licensing and penalty decisions, and all other decisions.</summary>
public enum PublicationCategory
{
    /// <summary>行政处罚决定</summary>
    Penalty,
    /// <summary>行政许可决定</summary>
    Licensing,
    /// <summary>其他行政执法决定（行政强制、行政确认等）</summary>
    Other,
}

/// <summary>Where a publication task stands.</summary>
public enum PublicationStatus
{
    /// <summary>待公示: waiting for the clerk (redaction and confirmation).</summary>
    Pending,
    /// <summary>已公示</summary>
    Published,
    /// <summary>不予公示: an explicit, recorded rule or exemption says the decision is not published.</summary>
    Exempt,

    /// <summary>已撤回: a withdrawal task done.</summary>
    Withdrawn,
}

/// <summary>The deadline of a decision's publication and, when it is not published, the rule that says so.</summary>
/// <param name="Exemption">Null when the decision must be published; otherwise the rule, in Chinese, as recorded.</param>
public sealed record PublicationDue(PublicationCategory Category, DateOnly DecidedOn, int WorkingDays, DateOnly DueOn, bool Provisional, string? Exemption);

/// <summary>
/// PUB-5: every decision is published within a number of working days after the day it was made (that day not counted,
/// the official calendar with its adjusted working weekends): 7 for licensing and penalty decisions, 20 for all other
/// decisions, unless a law says otherwise (an agency's setting). A summary-procedure penalty is not published where the
/// agency's rules publish only general-procedure penalties — an explicit rule recorded with the task, never an omission.
/// </summary>
public static class PublicationRules
{
    public static PublicationCategory CategoryOf(ProcedureKind procedure) => procedure switch
    {
        ProcedureKind.GeneralPenalty or ProcedureKind.SummaryPenalty => PublicationCategory.Penalty,
        ProcedureKind.Licensing => PublicationCategory.Licensing,
        _ => PublicationCategory.Other,
    };

    public static string Chinese(this PublicationCategory category) => category switch
    {
        PublicationCategory.Penalty => "行政处罚决定",
        PublicationCategory.Licensing => "行政许可决定",
        PublicationCategory.Other => "其他行政执法决定",
    };

    public static string Chinese(this PublicationStatus status) => status switch
    {
        PublicationStatus.Pending => "待公示",
        PublicationStatus.Published => "已公示",
        PublicationStatus.Exempt => "不予公示",
        PublicationStatus.Withdrawn => "已撤回",
    };

    /// <summary>The deadline of the publication of a decision of <paramref name="procedure"/> made on <paramref name="decidedOn"/>.</summary>
    public static PublicationDue Due(ProcedureKind procedure, DateOnly decidedOn, WorkdayCalendar calendar, LawSettings law)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(law);
        var category = CategoryOf(procedure);
        var days = category == PublicationCategory.Other ? law.PublishOtherWorkingDays : law.PublishWorkingDays;
        var end = LegalPeriods.End(calendar, decidedOn, days, Workflow.PeriodUnit.WorkingDays);
        var exemption = procedure == ProcedureKind.SummaryPenalty && !law.PublishSummaryPenalties
            ? $"适用简易程序当场作出的行政处罚决定不予公示（{law.PublicationRules}仅公示适用普通程序作出的行政处罚决定）"
            : null;
        return new PublicationDue(category, decidedOn, days, end.Due, end.Provisional, exemption);
    }

    public static string Chinese(this PublishedState state) => state switch
    {
        PublishedState.Public => "公示中",
        PublishedState.Superseded => "已更正（旧版本）",
        PublishedState.Withdrawn => "已撤回",
        PublishedState.Expired => "公示期满，已撤下",
        PublishedState.Repaired => "信用修复，已提前撤下",
    };

    /// <summary>
    /// PUB-11: the last day a decision published on <paramref name="publishedOn"/> stays on the portal, and the first day
    /// credit repair may take it down: penalties by the credit-repair rules (一般失信 3 months to 1 year, 严重失信 1 to 3 years:
    /// a case of serious harm counts as serious; a penalty of only a warning or a criticism for the shortest period, 3 months),
    /// other decisions for the agency's period.
    /// </summary>
    public static (DateOnly Until, DateOnly RepairableFrom) PublicPeriod(PublicationCategory category, bool seriousHarm, DateOnly publishedOn, LawSettings law,
        IReadOnlyCollection<PenaltyKind>? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(law);
        if (category != PublicationCategory.Penalty)
        {
            var until = publishedOn.AddMonths(law.OtherPublicMonths).AddDays(-1);
            return (until, until);
        }

        // Only a warning or a public criticism: the shortest period of the credit rules, after which it leaves by itself.
        if (!seriousHarm && kinds is { Count: > 0 } && kinds.All(k => k is PenaltyKind.Warning or PenaltyKind.CriticismNotice))
        {
            var until = publishedOn.AddMonths(law.MinimumPublicMonths).AddDays(-1);
            return (until, until);
        }

        var months = seriousHarm ? law.SeriousPenaltyPublicMonths : law.PenaltyPublicMonths;
        var minimum = seriousHarm ? law.SeriousMinimumPublicMonths : law.MinimumPublicMonths;
        return (publishedOn.AddMonths(months).AddDays(-1), publishedOn.AddMonths(minimum));
    }

    /// <summary>The grounds on which a clerk may decide not to publish a decision (PUB-5, 《政府信息公开条例》第十四条、第十五条).</summary>
    public static readonly IReadOnlyList<string> ExemptionGrounds =
    [
        "涉及国家秘密",
        "涉及国家安全、公共安全、经济安全和社会稳定",
        "当事人为未成年人",
        "涉及商业秘密、个人隐私，公开会对第三方合法权益造成损害",
        "法律、行政法规规定不予公开的其他情形",
    ];

    /// <summary>The events on a case that require its publication to be withdrawn (PUB-8).</summary>
    public static readonly IReadOnlyList<string> WithdrawalGrounds =
    [
        "行政处罚决定被依法撤销",
        "行政处罚决定被确认违法",
        "行政处罚决定被责令重新作出",
        "行政决定被依法变更或者撤回",
    ];
}
