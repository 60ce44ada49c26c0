using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Cases;

/// <summary>
/// The amounts and periods the national law leaves to provinces and sectors, per agency (configuration section
/// <c>Cases:Law</c> for the defaults, <c>Cases:Agencies:{code}</c> to override one agency). The defaults are the national
/// ones; "较大数额" for a hearing follows the market-regulation hearing rules (《市场监督管理行政处罚听证办法》第五条:
/// 自然人一万元以上、法人或者其他组织十万元以上), which many provinces use for other sectors as well.
/// </summary>
public sealed record LawSettings
{
    public static readonly LawSettings National = new();

    /// <summary>《行政处罚法》第五十一条: summary procedure up to 200 yuan for a citizen.</summary>
    public long SummaryLimitPerson { get; init; } = 200;

    /// <summary>《行政处罚法》第五十一条: summary procedure up to 3,000 yuan for an organisation.</summary>
    public long SummaryLimitOrganisation { get; init; } = 3000;

    /// <summary>A fine (or confiscation) of at least this much to a natural person qualifies for a hearing.</summary>
    public long HearingFinePerson { get; init; } = 10_000;

    /// <summary>A fine (or confiscation) of at least this much to an organisation qualifies for a hearing.</summary>
    public long HearingFineOrganisation { get; init; } = 100_000;

    /// <summary>《行政处罚法》第六十条: decision within 90 days of registration unless a law provides otherwise.</summary>
    public int DecisionDays { get; init; } = 90;

    /// <summary>How long the head may extend the decision period (market regulation: 30 days; further by collective decision).</summary>
    public int DecisionExtensionDays { get; init; } = 30;

    /// <summary>《行政处罚法》第六十八条: on-the-spot collection of fines up to 100 yuan.</summary>
    public long OnSpotCollectionLimit { get; init; } = 100;

    /// <summary>
    /// Lead-to-registration limit in working days, extendable once by as many with the head's approval; 0 (the national
    /// default) when the sector sets none. Market regulation: 15 (《市场监督管理行政处罚程序规定》第十八条).
    /// </summary>
    public int RegistrationWorkingDays { get; init; }

    /// <summary>
    /// Whether suspension, hearing, announcement and testing periods are left out of the decision period (market
    /// regulation: yes, 《市场监督管理行政处罚程序规定》第六十四条); the national rule (《行政处罚法》第六十条) has no such exclusion.
    /// </summary>
    public bool ExcludeSuspendedPeriods { get; init; }

    /// <summary>The provision that sets <see cref="RegistrationWorkingDays"/> and <see cref="ExcludeSuspendedPeriods"/>, quoted in refusals.</summary>
    public string SectorRules { get; init; } = "本行业的行政处罚程序规定";

    /// <summary>
    /// Every general-procedure penalty decision is reviewed (the county's implementation plan, 四（二）: 适用一般程序的行政处罚
    /// 决定都要进行法制审核), beyond the situations of 《行政处罚法》第五十八条.
    /// </summary>
    public bool ReviewEveryGeneralPenalty { get; init; } = true;

    // The three thresholds below are agency-wide defaults (a sector's or the province's rule, from configuration), applied
    // to every item. An agency's own catalogue is published and versioned with its item list, entry by entry
    // (EnforcementItem.LegalReviewCriteria); both apply.

    /// <summary>Legal-review by amount, for every item: a fine (or confiscation) of at least this much to a natural person; 0: no such rule.</summary>
    public long ReviewAmountPerson { get; init; }

    /// <summary>Legal-review by amount, for every item, for an organisation; 0: no such rule.</summary>
    public long ReviewAmountOrganisation { get; init; }

    /// <summary>Legal-review by penalty kind, for every item: by default the heaviest (revocation, closure, suspension, restriction, lowered qualification).</summary>
    public IReadOnlyList<PenaltyKind> ReviewPenaltyKinds { get; init; } =
        [PenaltyKind.RevokeLicence, PenaltyKind.OrderClosure, PenaltyKind.SuspendProduction, PenaltyKind.RestrictBusiness, PenaltyKind.LowerQualification,
            PenaltyKind.RestrictPractice];

    /// <summary>REV-5: how many of the agency's heads must take part in a collective discussion (quorum).</summary>
    public int DiscussionQuorum { get; init; } = 3;

    /// <summary>
    /// 法制审核时限: working days from the submission to the opinion. The default, 10, is the market-regulation rule the
    /// county plan follows for every agency; an agency's own rule may set another.
    /// </summary>
    public int ReviewWorkingDays { get; init; } = 10;

    /// <summary>The rule that sets <see cref="ReviewWorkingDays"/>, shown with the deadline.</summary>
    public string ReviewRules { get; init; } = "本机关重大执法决定法制审核制度";

    /// <summary>PUB-5: licensing and penalty decisions are published within 7 working days of the decision, unless a law says otherwise.</summary>
    public int PublishWorkingDays { get; init; } = 7;

    /// <summary>PUB-5: all other decisions within 20 working days.</summary>
    public int PublishOtherWorkingDays { get; init; } = 20;

    /// <summary>PLT-2: a random inspection's result is published within this many working days of its conclusion (20 by default).</summary>
    public int InspectionPublishWorkingDays { get; init; } = 20;

    /// <summary>
    /// Whether penalties decided on the spot in the summary procedure are published. Off by default: the publication
    /// rules the county follows publish the penalties decided in the general procedure; each summary decision still gets
    /// its task, closed as not published under this rule.
    /// </summary>
    public bool PublishSummaryPenalties { get; init; }

    /// <summary>The publication rules the agency follows, quoted in the exemption.</summary>
    public string PublicationRules { get; init; } = "本机关行政执法公示办法";

    /// <summary>
    /// PUB-7: whether the punished natural person's own name is published in full. Off by default: 张三 → 张某, as the
    /// national rules for publishing penalty results suggest; an agency may decide otherwise. Others' names are always masked.
    /// </summary>
    public bool PublishPartyNameInFull { get; init; }

    /// <summary>
    /// PUB-11: months a penalty decision stays on the portal (一般失信行为: at least 3 months, at most 1 year, by the credit
    /// repair rules), and for a case of serious harm (严重失信行为: at least 1 year, at most 3 years).
    /// </summary>
    public int PenaltyPublicMonths { get; init; } = 12;

    /// <inheritdoc cref="PenaltyPublicMonths"/>
    public int SeriousPenaltyPublicMonths { get; init; } = 36;

    /// <summary>PUB-11: months a licensing or other decision stays on the portal.</summary>
    public int OtherPublicMonths { get; init; } = 36;

    /// <summary>PUB-11: credit repair ends a penalty's publication early only after this many months (3; 12 for serious harm).</summary>
    public int MinimumPublicMonths { get; init; } = 3;

    /// <inheritdoc cref="MinimumPublicMonths"/>
    public int SeriousMinimumPublicMonths { get; init; } = 12;

    /// <summary>PUB-8: days to withdraw a published decision that was revoked, confirmed illegal or ordered remade (《行政处罚法》第四十八条: 三日内).</summary>
    public int WithdrawDays { get; init; } = 3;

    public long SummaryLimit(PartyKind party) => party == PartyKind.Person ? SummaryLimitPerson : SummaryLimitOrganisation;

    public long HearingThreshold(PartyKind party) => party == PartyKind.Person ? HearingFinePerson : HearingFineOrganisation;

    /// <summary>Checks the configured values; a Chinese problem per bad value.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (SummaryLimitPerson is <= 0 or > 200)
        {
            problems.Add("简易程序对公民的罚款上限应在 1 至 200 元之间（《行政处罚法》第五十一条）。");
        }

        if (SummaryLimitOrganisation is <= 0 or > 3000)
        {
            problems.Add("简易程序对法人或者其他组织的罚款上限应在 1 至 3000 元之间（《行政处罚法》第五十一条）。");
        }

        if (HearingFinePerson <= 0 || HearingFineOrganisation <= 0)
        {
            problems.Add("听证的较大数额标准必须为正数。");
        }

        if (DecisionDays is <= 0 or > 365 || DecisionExtensionDays is < 0 or > 365)
        {
            problems.Add("办案期限及其延长期限应在 1 至 365 日之间。");
        }

        if (RegistrationWorkingDays is < 0 or > 60)
        {
            problems.Add("立案核查期限应在 0（不设）至 60 个工作日之间。");
        }

        if (DiscussionQuorum is < 2 or > 15)
        {
            problems.Add("集体讨论应到的负责人人数应在 2 至 15 人之间。");
        }

        if (PublishWorkingDays is < 1 or > 20 || PublishOtherWorkingDays is < 1 or > 60)
        {
            problems.Add("公示期限应为 1 至 20 个工作日（许可、处罚决定）和 1 至 60 个工作日（其他决定）。");
        }

        if (InspectionPublishWorkingDays is < 1 or > 20)
        {
            problems.Add($"抽查结果公示期限应为 1 至 20 个工作日（收到 {InspectionPublishWorkingDays}）。");
        }

        if (PenaltyPublicMonths is < 3 or > 12 || SeriousPenaltyPublicMonths is < 12 or > 36 || OtherPublicMonths is < 1 or > 120)
        {
            problems.Add("公示期应为：一般行政处罚 3 至 12 个月，情节严重的 12 至 36 个月（失信行为信用修复的规定），其他决定 1 至 120 个月。");
        }

        if (MinimumPublicMonths < 3 || MinimumPublicMonths > PenaltyPublicMonths || SeriousMinimumPublicMonths < 12 || SeriousMinimumPublicMonths > SeriousPenaltyPublicMonths)
        {
            problems.Add("信用修复提前撤下前的最短公示期：一般行政处罚不少于 3 个月，情节严重的不少于 12 个月，且不超过各自的公示期。");
        }

        if (WithdrawDays is < 1 or > 3)
        {
            problems.Add("撤回公示的期限应为 1 至 3 日（《行政处罚法》第四十八条）。");
        }

        if (ReviewWorkingDays is < 1 or > 30)
        {
            problems.Add("法制审核时限应在 1 至 30 个工作日之间。");
        }

        if (OnSpotCollectionLimit is < 0 or > 100)
        {
            problems.Add("当场收缴的罚款上限不得超过 100 元（《行政处罚法》第六十八条）。");
        }

        return problems;
    }
}
