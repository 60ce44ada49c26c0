using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Supervision.Evaluation;

/// <summary>What the platform found in the data of a sampled file: shown to the evaluator, who decides (never decided silently).</summary>
/// <param name="Check">The pre-check's code (<see cref="EvaluationPreChecks.VetoChecks"/> or a hint's code).</param>
/// <param name="Veto">The veto item of the form it points at (V1 …), or null for a hint about the points.</param>
public sealed record PreCheckFlag(string Check, string? Veto, string Text);

/// <summary>The facts the pre-checks read, gathered from the case, its summary and the registry as it stood.</summary>
/// <param name="ItemInAgencyList">The case's item was in the agency's list in force on the day the case was opened.</param>
/// <param name="OfficersWithoutCertificate">Active officers of the case with no valid certificate of the agency on the opening day.</param>
/// <param name="ReviewReasons">Why the decision needed legal review (REV-2), empty when it did not.</param>
/// <param name="ReviewAgreed">A review round ended 同意.</param>
public sealed record PreCheckFacts(
    ProcedureKind Procedure,
    string ItemName,
    bool ItemInAgencyList,
    int ActiveOfficers,
    IReadOnlyList<string> OfficersWithoutCertificate,
    IReadOnlyList<string> ReviewReasons,
    bool ReviewAgreed,
    int EvidenceFiles,
    DateOnly? DecidedOn,
    DateOnly? DecisionDueOn,
    bool Sealed);

/// <summary>
/// 预检: what the data shows about the veto items and a few points. A flag only points the evaluator at something to
/// look at; the evaluator confirms or dismisses each flagged veto with a reason (<see cref="EvaluationScoring"/>).
/// Facts and evidence, and the choice of law, need a person's judgement: the platform can only see that no evidence at
/// all was registered.
/// </summary>
public static class EvaluationPreChecks
{
    public sealed record VetoCheck(string Code, string Label);

    public static readonly IReadOnlyList<VetoCheck> VetoChecks =
    [
        new("agency", "执法事项不在本机关现行执法事项清单内"),
        new("certificate", "办案人员无有效执法证件"),
        new("officers", "办案人员少于两人"),
        new("evidence", "未登记证据材料"),
        new("review", "应当法制审核而无审核同意记录"),
    ];

    public static bool IsVetoCheck(string code) => VetoChecks.Any(c => c.Code == code);

    public static IReadOnlyList<PreCheckFlag> Run(ScoringForm form, PreCheckFacts facts)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(facts);
        var flags = new List<PreCheckFlag>();
        void Veto(string check, string text) => flags.Add(new PreCheckFlag(check, form.Vetoes.FirstOrDefault(v => v.PreCheck == check)?.Code, text));

        if (!facts.ItemInAgencyList)
        {
            Veto("agency", $"执法事项“{facts.ItemName}”在立案之日不在本机关现行的执法事项清单内，请核查执法主体是否适格、是否超越职权。");
        }

        if (facts.OfficersWithoutCertificate.Count > 0)
        {
            Veto("certificate", $"{string.Join("、", facts.OfficersWithoutCertificate)}在立案之日不在本机关执法人员名单内或者证件不在有效期内。");
        }

        if (facts.ActiveOfficers < 2)
        {
            Veto("officers", $"案件登记的办案人员只有 {facts.ActiveOfficers} 名"
                + (facts.Procedure == ProcedureKind.SummaryPenalty ? "（简易程序，请核查是否属于法律规定可由一名执法人员实施的情形）。" : "，《行政处罚法》第四十二条要求不得少于两人。"));
        }

        if (facts.EvidenceFiles == 0 && facts.Procedure != ProcedureKind.SummaryPenalty)
        {
            Veto("evidence", "案卷中没有登记任何证据材料（照片、笔录、视听资料等），请核查认定事实的证据是否齐全。");
        }

        if (facts.ReviewReasons.Count > 0 && !facts.ReviewAgreed)
        {
            Veto("review", $"本案属于应当法制审核的情形（{string.Join("；", facts.ReviewReasons)}），但没有审核同意的记录。");
        }

        if (facts.DecidedOn is { } decided && facts.DecisionDueOn is { } due && decided > due)
        {
            flags.Add(new PreCheckFlag("deadline", null, $"决定于 {LegalPeriods.Text(decided)} 作出，办案期限至 {LegalPeriods.Text(due)}，已超过期限（“执法程序”评查要点）。"));
        }

        if (!facts.Sealed)
        {
            flags.Add(new PreCheckFlag("archive", null, "案件已结案但电子案卷尚未封存（“立卷归档”评查要点）。"));
        }

        return flags;
    }
}
