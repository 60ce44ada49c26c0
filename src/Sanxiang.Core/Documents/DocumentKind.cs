namespace Sanxiang.Core.Documents;

/// <summary>
/// The numbered papers of a case (执法文书, REC-2), modelled on the provincial general formats. Stored by name (an auditor
/// reads the database), so members may be added but never renamed.
/// </summary>
public enum DocumentKind
{
    /// <summary>立案审批表</summary>
    RegistrationApproval,
    /// <summary>询问笔录</summary>
    InquiryRecord,
    /// <summary>现场检查笔录</summary>
    InspectionRecord,
    /// <summary>先行登记保存证据通知书 (Art. 56)</summary>
    EvidencePreservationNotice,
    /// <summary>行政处罚告知书 (Art. 44-45, 63-64)</summary>
    PenaltyNotice,
    /// <summary>听证通知书 (Art. 64)</summary>
    HearingNotice,
    /// <summary>行政处罚决定书 (Art. 59)</summary>
    PenaltyDecision,
    /// <summary>不予行政处罚决定书</summary>
    NoPenaltyDecision,
    /// <summary>送达回证</summary>
    ServiceReceipt,
    /// <summary>结案报告</summary>
    ClosingReport,
    /// <summary>法制审核意见书 (REV-3, REV-4): the legal unit's written opinion on one review round.</summary>
    ReviewOpinion,
    /// <summary>重大执法决定集体讨论记录 (Art. 57, REV-5).</summary>
    DiscussionRecord,
}

public static class DocumentKinds
{
    /// <summary>The document's title as printed.</summary>
    public static string Title(this DocumentKind kind) => kind switch
    {
        DocumentKind.RegistrationApproval => "立案审批表",
        DocumentKind.InquiryRecord => "询问笔录",
        DocumentKind.InspectionRecord => "现场检查笔录",
        DocumentKind.EvidencePreservationNotice => "先行登记保存证据通知书",
        DocumentKind.PenaltyNotice => "行政处罚告知书",
        DocumentKind.HearingNotice => "听证通知书",
        DocumentKind.PenaltyDecision => "行政处罚决定书",
        DocumentKind.NoPenaltyDecision => "不予行政处罚决定书",
        DocumentKind.ServiceReceipt => "送达回证",
        DocumentKind.ClosingReport => "结案报告",
        DocumentKind.ReviewOpinion => "法制审核意见书",
        DocumentKind.DiscussionRecord => "重大执法决定集体讨论记录",
    };

    /// <summary>
    /// The kind's word in the document number (文书字号), between the agency prefix and the year: 安市监<b>罚</b>〔2026〕15号.
    /// One or two characters, as the provincial formats abbreviate (立 立案, 询 询问, 检 检查, 保 先行登记保存, 告 告知, 听 听证,
    /// 罚 处罚决定, 不罚 不予处罚, 送 送达, 结 结案, 法审 法制审核意见, 议 集体讨论). Each kind has its own, so each kind has its own gapless sequence.
    /// </summary>
    public static string Abbreviation(this DocumentKind kind) => kind switch
    {
        DocumentKind.RegistrationApproval => "立",
        DocumentKind.InquiryRecord => "询",
        DocumentKind.InspectionRecord => "检",
        DocumentKind.EvidencePreservationNotice => "保",
        DocumentKind.PenaltyNotice => "告",
        DocumentKind.HearingNotice => "听",
        DocumentKind.PenaltyDecision => "罚",
        DocumentKind.NoPenaltyDecision => "不罚",
        DocumentKind.ServiceReceipt => "送",
        DocumentKind.ClosingReport => "结",
        DocumentKind.ReviewOpinion => "法审",
        DocumentKind.DiscussionRecord => "议",
    };

    /// <summary>
    /// The registration approval form is numbered by its case: its number is the case number (案号), taken when the case
    /// was opened, so one number never names two things. There is one per case, and no form without a case.
    /// </summary>
    public static bool NumberedByCase(this DocumentKind kind) => kind == DocumentKind.RegistrationApproval;

    /// <summary>Decisions addressed to the party that carry the agency's seal and the remedy notice.</summary>
    public static bool IsDecision(this DocumentKind kind) => kind is DocumentKind.PenaltyDecision or DocumentKind.NoPenaltyDecision;

    public static bool TryParse(string? text, out DocumentKind kind)
    {
        text = text?.Trim();
        foreach (var k in Enum.GetValues<DocumentKind>())
        {
            if (string.Equals(k.ToString(), text, StringComparison.OrdinalIgnoreCase) || k.Title() == text)
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
