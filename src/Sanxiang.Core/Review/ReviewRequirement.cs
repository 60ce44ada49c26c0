using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Review;

/// <summary>One rule of REV-2 that a case matched: its identifier and, in Chinese, why the decision needs legal review.</summary>
public sealed record ReviewRuleMatch(string RuleId, string Reason);

/// <summary>
/// Which decisions need legal review before they are made (REV-2), decided by rules, each reported with the reason the
/// case shows: every general-procedure penalty decision (the county's plan), every decision after a hearing (《行政处罚法》
/// 第五十八条), and the agency's legal-review catalogue — by item, with the entry's own criteria (amounts, penalty kinds)
/// when it has any (<see cref="LegalReviewCriteria"/>, versioned and published with the item list), by penalty kind and
/// amount for every item (the sector-wide or provincial defaults of <see cref="LawSettings"/>, from configuration), and by
/// what the handling officer answers at submission.
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

        var amount = (file.Amount(FactKeys.FineAmount) ?? 0) + (file.Amount(FactKeys.ConfiscationAmount) ?? 0);
        if (item is { LegalReviewRequired: true } && CatalogueReason(item, file.Case.Party.Kind, penalty ? kinds : [], penalty ? amount : 0) is { } why)
        {
            matches.Add(new(CatalogueItemRule, why));
        }

        if (penalty && kinds.Where(law.ReviewPenaltyKinds.Contains).ToList() is { Count: > 0 } heavy)
        {
            matches.Add(new(PenaltyKindRule, $"拟{string.Join("、", heavy.Select(k => k.Chinese()))}，属法制审核目录所列处罚种类"));
        }

        var threshold = file.Case.Party.Kind == PartyKind.Person ? law.ReviewAmountPerson : law.ReviewAmountOrganisation;
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

    /// <summary>
    /// Whether a decision falls under an item's entry in the catalogue, and why: the whole item when the entry has no
    /// criteria; otherwise the first criterion met — the amount (fine plus confiscation) for the party's kind, then a
    /// proposed penalty kind. Null when the item is not in the catalogue or no criterion is met.
    /// </summary>
    public static string? CatalogueReason(EnforcementItem item, PartyKind party, IReadOnlyList<PenaltyKind> kinds, long amount)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(kinds);
        if (!item.LegalReviewRequired)
        {
            return null;
        }

        if (item.LegalReviewCriteria is not { IsEmpty: false } criteria)
        {
            return $"执法事项“{item.Name}”列入本机关重大执法决定法制审核目录";
        }

        var (threshold, who) = party == PartyKind.Person ? (criteria.FinePerson, "自然人") : (criteria.FineOrganisation, "法人或者其他组织");
        if (threshold is { } t && amount > 0 && amount >= t)
        {
            return $"拟罚没金额{amount:N0}元，达到执法事项“{item.Name}”法制审核目录标准（{who}{LegalReviewCriteria.Yuan(t)}）";
        }

        if (kinds.Where(criteria.PenaltyKinds.Contains).ToList() is { Count: > 0 } listed)
        {
            return $"拟{string.Join("、", listed.Select(k => k.Chinese()))}，属执法事项“{item.Name}”法制审核目录所列处罚种类";
        }

        return null;
    }
}
