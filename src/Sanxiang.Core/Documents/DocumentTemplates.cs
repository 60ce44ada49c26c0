using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Documents;

/// <summary>
/// One template per kind (REC-2), modelled on the provincial general formats for administrative penalty documents:
/// each turns <see cref="DocumentFacts"/> into a <see cref="DocumentContent"/>, with the fixed wording of the format.
/// A template never invents what is missing: <see cref="CheckComplete"/> lists it in Chinese, and
/// <see cref="Build"/> refuses to lay out an incomplete document.
/// </summary>
public static partial class DocumentTemplates
{
    /// <summary>The workflow guard that <see cref="CheckComplete"/> decides for decisions (Art. 59): <c>decision.document-complete</c>.</summary>
    public static Workflow.Guard DecisionCompleteGuard => Workflow.WorkflowGuards.DecisionDocumentComplete;

    /// <summary>What the document of this kind needs and the facts lack, in Chinese, in the order the format prints them; empty when complete.</summary>
    public static IReadOnlyList<string> CheckComplete(DocumentKind kind, DocumentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var missing = new Missing();
        missing.Text(facts.Agency?.Name, "执法主体（行政机关）名称");
        missing.Text(facts.Agency?.NumberPrefix, "文书字号的机关代字");
        missing.Require(facts.Date is not null, kind.IsDecision() ? "作出决定的日期" : "文书日期");
        switch (kind)
        {
            case DocumentKind.RegistrationApproval:
                missing.Text(facts.Cause, "案由");
                PartyNamed(missing, facts);
                missing.Require(facts.Registration is not null, "案件来源、简要案情和承办人意见");
                if (facts.Registration is { } r)
                {
                    missing.Text(r.Source, "案件来源");
                    missing.Text(r.Summary, "简要案情");
                    missing.Text(r.HandlerOpinion, "承办人意见");
                }

                Officers(missing, facts);
                break;
            case DocumentKind.InquiryRecord:
                missing.Text(facts.CaseNumber, "案号");
                missing.Text(facts.Cause, "案由");
                Officers(missing, facts);
                missing.Require(facts.Inquiry is not null, "询问时间、地点、被询问人和询问内容");
                if (facts.Inquiry is { } q)
                {
                    missing.Text(q.Place, "询问地点");
                    missing.Text(q.Interviewee, "被询问人");
                    missing.Text(q.Recorder, "记录人");
                    missing.Require(q.End > q.Start, "询问的起止时间（结束应晚于开始）");
                    missing.Require(q.Questions.Count > 0, "询问内容（问答）");
                }

                break;
            case DocumentKind.InspectionRecord:
                missing.Text(facts.CaseNumber, "案号");
                PartyNamed(missing, facts);
                Officers(missing, facts);
                missing.Require(facts.Inspection is not null, "检查时间、地点、现场负责人和检查情况");
                if (facts.Inspection is { } i)
                {
                    missing.Text(i.Place, "检查地点");
                    missing.Text(i.PresentPerson, "现场负责人或见证人");
                    missing.Text(i.Findings, "检查情况");
                    missing.Text(i.Recorder, "记录人");
                    missing.Require(i.End > i.Start, "检查的起止时间（结束应晚于开始）");
                }

                break;
            case DocumentKind.EvidencePreservationNotice:
                missing.Text(facts.Cause, "案由");
                PartyNamed(missing, facts);
                missing.Require(facts.Preservation is { Items.Count: > 0 }, "先行登记保存的物品清单");
                if (facts.Preservation is { } p)
                {
                    missing.Text(p.StoragePlace, "保存地点");
                    missing.Text(p.Keeper, "保存方式或保管人");
                }

                Officers(missing, facts);
                break;
            case DocumentKind.PenaltyNotice:
                PartyIdentified(missing, facts);
                missing.Text(facts.Facts, "拟认定的违法事实");
                missing.Require(facts.Evidence.Count > 0, "证据");
                missing.Text(facts.ViolatedProvision, "违反的法律、法规、规章条款");
                missing.Text(facts.PenaltyBasis, "拟作出行政处罚的依据");
                Penalty(missing, facts, "拟作出的行政处罚种类");
                missing.Require(facts.Notice is not null, "陈述、申辩（及听证）权利的告知事项和联系人");
                if (facts.Notice is { } n)
                {
                    missing.Text(n.ContactPerson, "联系人");
                    missing.Text(n.ContactPhone, "联系电话");
                }

                break;
            case DocumentKind.HearingNotice:
                PartyNamed(missing, facts);
                missing.Text(facts.Cause, "案由");
                missing.Require(facts.Hearing is not null, "听证的时间、地点、主持人和记录员");
                if (facts.Hearing is { } h)
                {
                    missing.Text(h.Place, "听证地点");
                    missing.Text(h.Chair, "听证主持人");
                    missing.Text(h.Clerk, "听证记录员");
                }

                break;
            case DocumentKind.PenaltyDecision:
                // Art. 59: (一) party; (二) facts and evidence; (三) penalty and its basis; (四) how and by when to perform;
                // (五) how and by when to seek reconsideration or sue; (六) the agency and the date (the seal is the signature).
                PartyIdentified(missing, facts);
                missing.Text(facts.Facts, "违反法律、法规、规章的事实");
                missing.Require(facts.Evidence.Count > 0, "证据");
                missing.Text(facts.ViolatedProvision, "违反的法律、法规、规章条款");
                Penalty(missing, facts, "行政处罚的种类");
                missing.Text(facts.PenaltyBasis, "行政处罚的依据");
                missing.Require(facts.Performance is not null, "行政处罚的履行方式和期限");
                if (facts.Performance is { } perf)
                {
                    missing.Text(perf.Method, "行政处罚的履行方式");
                    missing.Require(perf.DueDays > 0, "行政处罚的履行期限");
                }

                Remedy(missing, facts);
                break;
            case DocumentKind.NoPenaltyDecision:
                PartyIdentified(missing, facts);
                missing.Text(facts.Facts, "经调查查明的事实");
                missing.Require(facts.Evidence.Count > 0, "证据");
                missing.Require(facts.NoPenalty is not null, "不予行政处罚的理由和依据");
                if (facts.NoPenalty is { } np)
                {
                    missing.Text(np.Reason, "不予行政处罚的理由");
                    missing.Text(np.Basis, "不予行政处罚的依据");
                }

                Remedy(missing, facts);
                break;
            case DocumentKind.ServiceReceipt:
                missing.Require(facts.Service is not null, "送达文书、送达方式、受送达人和送达地点");
                if (facts.Service is { } s)
                {
                    missing.Text(s.DocumentTitle, "送达文书名称");
                    missing.Text(s.DocumentNumber, "送达文书文号");
                    missing.Text(s.Method, "送达方式");
                    missing.Text(s.Recipient, "受送达人");
                    missing.Text(s.Place, "送达地点");
                }

                Officers(missing, facts);
                break;
            case DocumentKind.ClosingReport:
                missing.Text(facts.CaseNumber, "案号");
                missing.Text(facts.Cause, "案由");
                PartyNamed(missing, facts);
                missing.Require(facts.Closing is not null, "案件办理经过、处理结果和执行情况");
                if (facts.Closing is { } c)
                {
                    missing.Text(c.Process, "案件办理经过");
                    missing.Text(c.Result, "处理结果");
                    missing.Text(c.Execution, "执行情况");
                }

                Officers(missing, facts);
                break;
            case DocumentKind.ReviewOpinion:
                missing.Text(facts.CaseNumber, "案号");
                missing.Text(facts.Cause, "案由");
                Review(missing, facts);
                break;
            case DocumentKind.DiscussionRecord:
                missing.Text(facts.CaseNumber, "案号");
                missing.Text(facts.Cause, "案由");
                Discussion(missing, facts);
                break;
        }

        return missing.Items;
    }

    /// <summary>The missing elements as one sentence a person reads: 行政处罚决定书缺少：……。</summary>
    public static string Describe(DocumentKind kind, IReadOnlyList<string> missing) =>
        missing.Count == 0 ? $"{kind.Title()}要素齐全。" : $"{kind.Title()}缺少以下要素，不能出具：{string.Join("；", missing)}。";

    /// <summary>Lays out the document; <paramref name="number"/> is the number allocated to it.</summary>
    /// <exception cref="DocumentIncompleteException">The facts lack what the format requires (a caller that checked first never sees it).</exception>
    public static DocumentContent Build(DocumentKind kind, DocumentFacts facts, string number)
    {
        var missing = CheckComplete(kind, facts);
        if (missing.Count > 0)
        {
            throw new DocumentIncompleteException(kind, missing);
        }

        var blocks = kind switch
        {
            DocumentKind.RegistrationApproval => RegistrationApproval(facts),
            DocumentKind.InquiryRecord => InquiryRecord(facts),
            DocumentKind.InspectionRecord => InspectionRecord(facts),
            DocumentKind.EvidencePreservationNotice => PreservationNotice(facts),
            DocumentKind.PenaltyNotice => PenaltyNotice(facts),
            DocumentKind.HearingNotice => HearingNotice(facts),
            DocumentKind.PenaltyDecision => PenaltyDecision(facts),
            DocumentKind.NoPenaltyDecision => NoPenaltyDecision(facts),
            DocumentKind.ServiceReceipt => ServiceReceipt(facts),
            DocumentKind.ClosingReport => ClosingReport(facts),
            DocumentKind.ReviewOpinion => ReviewOpinion(facts),
            DocumentKind.DiscussionRecord => DiscussionRecord(facts),
        };
        var sealed_ = kind is DocumentKind.EvidencePreservationNotice or DocumentKind.PenaltyNotice or DocumentKind.HearingNotice
            or DocumentKind.PenaltyDecision or DocumentKind.NoPenaltyDecision;
        return new DocumentContent(facts.Agency.Name.Trim(), kind.Title(), number, blocks,
            sealed_ ? new SealBlock(facts.Agency.Name.Trim(), facts.Date!.Value) : null);
    }

    private static void PartyNamed(Missing missing, DocumentFacts facts) =>
        missing.Text(facts.Party?.Name, "当事人姓名或者名称");

    /// <summary>Art. 59 (一): the party's name or title and address, and who they are (ID number / credit code).</summary>
    private static void PartyIdentified(Missing missing, DocumentFacts facts)
    {
        PartyNamed(missing, facts);
        switch (facts.Party)
        {
            case PersonParty person:
                missing.Text(person.IdNumber, "当事人身份证件号码");
                break;
            case OrganisationParty organisation:
                missing.Text(organisation.Uscc, "当事人统一社会信用代码");
                missing.Text(organisation.LegalRepresentative, "法定代表人（负责人）");
                break;
        }

        missing.Text(facts.Party?.Address, "当事人地址（住所）");
    }

    private static void Officers(Missing missing, DocumentFacts facts) =>
        missing.Require(facts.Officers.Count(o => !string.IsNullOrWhiteSpace(o.Name) && !string.IsNullOrWhiteSpace(o.CertificateNumber)) >= 2,
            "两名以上执法人员的姓名和执法证件号码（《行政处罚法》第四十二条）");

    private static void Penalty(Missing missing, DocumentFacts facts, string what)
    {
        missing.Require(facts.Penalty is { Kinds.Count: > 0 }, what);
        if (facts.Penalty is { } p)
        {
            missing.Require(!p.Kinds.Contains(PenaltyKind.Fine) || p.FineYuan is > 0 and <= ChineseAmount.Max, "罚款数额");
            missing.Require(!p.Kinds.Contains(PenaltyKind.ConfiscateIllegalGains) || p.ConfiscatedGainsYuan is > 0 and <= ChineseAmount.Max, "没收违法所得数额");
            missing.Require(!p.Kinds.Contains(PenaltyKind.ConfiscateIllegalProperty) || !string.IsNullOrWhiteSpace(p.ConfiscatedProperty), "没收的非法财物");
        }
    }

    private static void Remedy(Missing missing, DocumentFacts facts)
    {
        missing.Require(facts.Remedy is not null, "申请行政复议、提起行政诉讼的途径和期限");
        if (facts.Remedy is { } r)
        {
            missing.Text(r.ReconsiderationOrgan, "行政复议机关");
            missing.Text(r.Court, "有管辖权的人民法院");
            missing.Require(r.ReconsiderationDays > 0, "申请行政复议的期限");
            missing.Require(r.LitigationMonths > 0, "提起行政诉讼的期限");
        }
    }

    /// <summary>
    /// 法制审核意见书 (REV-3, REV-4): every matter answered (the eight of REV-3 among them), a matter with a problem says what
    /// it is, the opinion agrees with the answers, problems are listed with what to correct, the reviewer is named with their
    /// qualification number (REV-7: the reviewer answers for the opinion).
    /// </summary>
    private static void Review(Missing missing, DocumentFacts facts)
    {
        missing.Require(facts.Review is not null, "审核次数、送审机构、审核事项、审核意见和审核人员");
        if (facts.Review is not { } r)
        {
            return;
        }

        missing.Require(r.Round >= 1, "审核次数（第几次审核）");
        missing.Text(r.SubmittingUnit, "送审机构（承办机构）");
        missing.Text(r.Submitter, "提交人");
        missing.Require(r.SubmittedOn is not null, "送审时间");
        missing.Require(r.SubmittedOn is null || facts.Date is null || r.SubmittedOn <= facts.Date, "不晚于审核日期的送审时间");
        var points = r.Points ?? [];
        missing.Require(points.Count > 0, "审核事项");
        missing.Require(points.All(p => !string.IsNullOrWhiteSpace(p?.Title)), "审核事项名称");
        var answered = points.Where(p => p is { Answer: not null } && !string.IsNullOrWhiteSpace(p.Title)).Select(p => p.Title.Trim()).ToHashSet(StringComparer.Ordinal);
        // REV-3: the eight matters are answered one by one, whether or not the list given names them.
        foreach (var title in ReviewTerms.StandardPointTitles.Concat(points.Where(p => p is not null && !string.IsNullOrWhiteSpace(p.Title)).Select(p => p.Title.Trim())))
        {
            missing.Require(answered.Contains(title), $"审核事项“{title}”的审核结论（符合或者存在问题）");
        }

        foreach (var p in points.Where(p => p is { Answer: ReviewAnswer.HasProblem } && !string.IsNullOrWhiteSpace(p.Title)))
        {
            missing.Text(p.Note, $"审核事项“{p.Title.Trim()}”存在问题的具体说明");
        }

        missing.Require(r.Opinion is not null, "审核意见（同意或者存在问题）");
        var problems = r.Problems ?? [];
        if (r.Opinion == ReviewOpinionKind.ProblemsFound)
        {
            missing.Require(problems.Count > 0, "存在的问题及整改要求");
        }
        else if (r.Opinion == ReviewOpinionKind.Agree)
        {
            foreach (var p in points.Where(p => p is { Answer: ReviewAnswer.HasProblem } && !string.IsNullOrWhiteSpace(p.Title)))
            {
                missing.Require(false, $"与审核事项一致的审核意见（审核事项“{p.Title.Trim()}”存在问题，不能同意）");
            }

            missing.Require(problems.Count == 0, "与所列问题一致的审核意见（已列出存在的问题，不能同意）");
        }

        for (var i = 0; i < problems.Count; i++)
        {
            missing.Text(problems[i]?.Problem, $"第{i + 1}个问题的内容");
            missing.Text(problems[i]?.Correction, $"第{i + 1}个问题的整改要求");
        }

        missing.Text(r.Reviewer, "审核人员姓名");
        missing.Text(r.ReviewerQualificationNumber, "法制审核人员资格证号");
    }

    /// <summary>集体讨论记录 (Art. 57, REV-5): when and where, who chaired, who took part and what each said, what was decided.</summary>
    private static void Discussion(Missing missing, DocumentFacts facts)
    {
        missing.Require(facts.Discussion is not null, "讨论时间、地点、主持人、参加人员及其意见、拟作出的决定和讨论结论");
        if (facts.Discussion is not { } d)
        {
            return;
        }

        missing.Require(d.Start != default, "讨论时间");
        missing.Require(d.End is null || d.End > d.Start, "讨论的结束时间（应晚于开始时间）");
        missing.Text(d.Place, "讨论地点");
        missing.Text(d.Chair, "主持人");
        var participants = d.Participants ?? [];
        missing.Require(participants.Any(p => p is not null && !string.IsNullOrWhiteSpace(p.Name) && !string.IsNullOrWhiteSpace(p.Opinion)), "参加人员及其发表的意见");
        missing.Require(participants.All(p => !string.IsNullOrWhiteSpace(p?.Name)), "参加人员姓名");
        foreach (var p in participants.Where(p => p is not null && !string.IsNullOrWhiteSpace(p.Name)))
        {
            missing.Text(p.Post, $"参加人员“{p.Name.Trim()}”的职务");
        }

        missing.Text(d.Recorder, "记录人");
        missing.Text(d.ProposedDecision, "拟作出的决定");
        missing.Text(d.Conclusion, "讨论结论");
    }

    private sealed class Missing
    {
        public List<string> Items { get; } = [];

        public void Text(string? value, string what) => Require(!string.IsNullOrWhiteSpace(value), what);

        public void Require(bool present, string what)
        {
            if (!present && !Items.Contains(what))
            {
                Items.Add(what);
            }
        }
    }
}

/// <summary>A document was laid out without the elements its format requires: a bug in the caller, who should have called CheckComplete.</summary>
public sealed class DocumentIncompleteException(DocumentKind kind, IReadOnlyList<string> missing)
    : Exception(DocumentTemplates.Describe(kind, missing))
{
    public DocumentKind Kind { get; } = kind;
    public IReadOnlyList<string> Missing { get; } = missing;
}
