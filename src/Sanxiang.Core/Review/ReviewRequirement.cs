using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Review;

/// <summary>One rule of REV-2 that a case matched: its identifier and, in Chinese, why the decision needs legal review.</summary>
public sealed record ReviewRuleMatch(string RuleId, string Reason);

/// <summary>
/// Which decisions need legal review before they are made (REV-2), decided by rules, each reported with the reason the
/// case shows: every general-procedure penalty decision (the county's plan), every decision after a hearing (《行政处罚法》
/// 第五十八条), and the agency's legal-review catalogue — by item (the versioned list of enforcement items), by penalty
/// kind and amount (per-agency <see cref="LawSettings"/>), and by what the handling officer answers at submission.
/// </summary>
public static class ReviewRequirement
{
    public const string GeneralPenaltyRule = "review.rule.general-penalty";
    public const string HearingRule = "review.rule.after-hearing";
    public const string CatalogueItemRule = "review.rule.catalogue-item";
    public const string PenaltyKindRule = "review.rule.penalty-kind";
    public const string AmountRule = "review.rule.amount";
    public const string FlagRule = "review.rule.flag";

    /// <summary>The officer's answers at submission: each "yes" is a reason (《行政处罚法》第五十八条第一款第一、二、四项).</summary>
    public static readonly IReadOnlyList<FactKey> Flags = [FactKeys.ReviewPublicInterest, FactKeys.ReviewSocialImpact, FactKeys.ReviewMajorRights, FactKeys.ReviewComplex];

    public static IReadOnlyList<ReviewRuleMatch> Matches(CaseFile file, ProcedureKind procedure, EnforcementItem? item, LawSettings law)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(law);
        var matches = new List<ReviewRuleMatch>();
        var kinds = file.PenaltyKinds(FactKeys.PenaltyKinds);
        var penalty = kinds.Count > 0 && file.Text(FactKeys.DecisionKind) is null or "给予行政处罚";
        if (law.ReviewEveryGeneralPenalty && procedure == ProcedureKind.GeneralPenalty && penalty)
        {
            matches.Add(new(GeneralPenaltyRule, "适用普通程序拟作出行政处罚决定（本县实施方案：适用一般程序的行政处罚决定都要进行法制审核）"));
        }

        if (file.Visited("hearing"))
        {
            matches.Add(new(HearingRule, "经过听证程序作出决定（《行政处罚法》第五十八条第一款第三项）"));
        }

        if (item?.LegalReviewRequired == true)
        {
            matches.Add(new(CatalogueItemRule, $"执法事项“{item.Name}”列入本机关重大执法决定法制审核目录"));
        }

        if (penalty && kinds.Where(law.ReviewPenaltyKinds.Contains).ToList() is { Count: > 0 } heavy)
        {
            matches.Add(new(PenaltyKindRule, $"拟{string.Join("、", heavy.Select(k => k.Chinese()))}，属法制审核目录所列处罚种类"));
        }

        var threshold = file.Case.Party.Kind == PartyKind.Person ? law.ReviewAmountPerson : law.ReviewAmountOrganisation;
        var amount = (file.Amount(FactKeys.FineAmount) ?? 0) + (file.Amount(FactKeys.ConfiscationAmount) ?? 0);
        if (penalty && threshold > 0 && amount >= threshold)
        {
            matches.Add(new(AmountRule, $"拟罚没金额{amount:N0}元，达到法制审核目录规定的{threshold:N0}元"));
        }

        foreach (var flag in Flags.Where(file.Yes))
        {
            matches.Add(new(FlagRule, $"承办人员认定{flag.Label}"));
        }

        return matches;
    }
}
