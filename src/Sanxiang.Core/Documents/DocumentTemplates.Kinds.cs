using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Documents;

public static partial class DocumentTemplates
{
    private const string Blank = "　　　　　　";

    private static List<DocumentBlock> RegistrationApproval(DocumentFacts f)
    {
        var r = f.Registration!;
        var rows = new List<GridRow>
        {
            GridRow.One("案由", f.Cause!),
            GridRow.Two("案件来源", r.Source, "受理时间", r.SourceDate is { } d ? DocumentDates.Chinese(d) : "—"),
        };
        rows.AddRange(PartyRows(f.Party!));
        rows.Add(GridRow.One("简要案情", r.Summary, tall: true));
        rows.Add(GridRow.One("承办人意见", $"{r.HandlerOpinion}\n承办人：{OfficerNames(f)}　　{DocumentDates.Chinese(f.Date!.Value)}", tall: true));
        rows.Add(GridRow.One("承办机构负责人意见", r.UnitOpinion ?? $"\n签名：{Blank}　　年　月　日", tall: true));
        rows.Add(GridRow.One("行政机关负责人意见", r.HeadOpinion ?? $"\n签名：{Blank}　　年　月　日", tall: true));
        return [new GridBlock(rows)];
    }

    private static List<DocumentBlock> InquiryRecord(DocumentFacts f)
    {
        var q = f.Inquiry!;
        var blocks = new List<DocumentBlock>
        {
            new FieldsBlock(
            [
                new("案号", f.CaseNumber!),
                new("案由", f.Cause!),
                new("询问时间", $"{DocumentDates.Chinese(q.Start)}至{ClockTime(q.End)}"),
                new("询问地点", q.Place),
                new("被询问人", q.Interviewee + (string.IsNullOrWhiteSpace(q.IntervieweeDetails) ? "" : "，" + q.IntervieweeDetails)),
                new("询问人", OfficerList(f)),
                new("记录人", q.Recorder),
            ]),
            new ParagraphBlock($"问：我们是{f.Agency.Name}的执法人员{OfficerNames(f)}，这是我们的执法证件（出示证件）。现依法就{f.Cause}向你进行询问调查。" +
                "你应当如实回答询问，并协助调查，不得拒绝或者阻挠。你有权进行陈述和申辩；认为执法人员与本案有直接利害关系或者有其他关系可能影响公正执法的，有权申请回避。你是否申请回避？", Indent: false),
        };
        // A question left empty is an answer to what was asked before it (the first: to the recusal question above).
        foreach (var qa in q.Questions)
        {
            if (!string.IsNullOrWhiteSpace(qa.Question))
            {
                blocks.Add(new ParagraphBlock("问：" + qa.Question.Trim(), Indent: false));
            }

            blocks.Add(new ParagraphBlock("答：" + qa.Answer.Trim(), Indent: false));
        }

        blocks.Add(new ParagraphBlock("以上笔录我已看过（已向我宣读过），与我所说的一致。", Indent: false));
        blocks.Add(new SignatureBlock([$"被询问人（签名）：{Blank}　　年　月　日", $"询问人（签名）：{Blank}　　年　月　日", $"记录人（签名）：{Blank}　　年　月　日"]));
        return blocks;
    }

    private static List<DocumentBlock> InspectionRecord(DocumentFacts f)
    {
        var i = f.Inspection!;
        var blocks = new List<DocumentBlock>
        {
            new FieldsBlock(
            [
                new("案号", f.CaseNumber!),
                new("检查时间", $"{DocumentDates.Chinese(i.Start)}至{ClockTime(i.End)}"),
                new("检查地点", i.Place),
                new("当事人", PartyLine(f.Party!)),
                new("现场负责人", i.PresentPerson),
                new("检查人员", OfficerList(f)),
                new("记录人", i.Recorder),
            ]),
            new ParagraphBlock($"执法人员已向现场负责人出示执法证件，告知其有申请回避的权利和配合检查的义务。现场负责人表示不申请回避。", Indent: true),
            new ParagraphBlock("检查情况：" + i.Findings.Trim(), Indent: true),
        };
        if (f.Evidence.Count > 0)
        {
            blocks.Add(EvidenceTable("现场提取的证据", f.Evidence));
        }

        blocks.Add(new ParagraphBlock("以上笔录已交现场负责人阅看，经核对无误。", Indent: true));
        blocks.Add(new SignatureBlock([$"现场负责人（签名）：{Blank}　　年　月　日", $"检查人员（签名）：{Blank}　　年　月　日", $"记录人（签名）：{Blank}　　年　月　日"]));
        return blocks;
    }

    private static List<DocumentBlock> PreservationNotice(DocumentFacts f)
    {
        var p = f.Preservation!;
        return
        [
            new ParagraphBlock(PartyName(f.Party!) + "：", Indent: false),
            new ParagraphBlock($"因你（单位）涉嫌{f.Cause}，在证据可能灭失或者以后难以取得的情况下，经本机关负责人批准，根据《中华人民共和国行政处罚法》第五十六条的规定，" +
                $"本机关决定对下列物品（证据）予以先行登记保存。保存地点：{p.StoragePlace}；保存方式：{p.Keeper}。"),
            new ParagraphBlock($"在先行登记保存期间，你（单位）或者有关人员不得损毁、销毁或者转移证据。本机关将在{Small(p.DecisionDays)}个工作日内作出处理决定。"),
            EvidenceTable("先行登记保存物品清单", p.Items),
            new SignatureBlock([$"当事人（签名或者盖章）：{Blank}　　年　月　日", $"执法人员（签名）：{OfficerList(f)}"]),
        ];
    }

    private static List<DocumentBlock> PenaltyNotice(DocumentFacts f)
    {
        var n = f.Notice!;
        var blocks = new List<DocumentBlock>
        {
            new ParagraphBlock(PartyName(f.Party!) + "：", Indent: false),
            new ParagraphBlock($"经调查，本机关认定你（单位）存在以下违法事实：{f.Facts!.Trim()}"),
            new ParagraphBlock("以上事实有下列证据证明："),
        };
        blocks.AddRange(EvidenceParagraphs(f.Evidence));
        blocks.Add(new ParagraphBlock($"你（单位）的上述行为违反了{f.ViolatedProvision!.Trim()}的规定。{Sentence(f.DiscretionReason)}{BasisClause(f.PenaltyBasis!)}，本机关拟对你（单位）作出如下行政处罚："));
        blocks.AddRange(PenaltyLines(f.Penalty!));
        blocks.Add(new ParagraphBlock($"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利。" +
            $"你（单位）可以在收到本告知书之日起{Small(n.StatementDays)}个工作日内向本机关提出陈述和申辩；逾期未提出的，视为放弃此权利。本机关不因你（单位）陈述、申辩而给予更重的处罚。"));
        if (n.HearingAvailable)
        {
            blocks.Add(new ParagraphBlock($"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有要求听证的权利。" +
                $"如要求听证，应当在收到本告知书之日起{Small(n.HearingRequestDays)}个工作日内向本机关提出；逾期未提出的，视为放弃此权利。"));
        }

        blocks.Add(new FieldsBlock(
        [
            new("联系人", n.ContactPerson),
            new("联系电话", n.ContactPhone),
            .. (n.ContactAddress is { Length: > 0 } address ? new[] { new DocumentField("联系地址", address) } : []),
        ]));
        return blocks;
    }

    private static List<DocumentBlock> HearingNotice(DocumentFacts f)
    {
        var h = f.Hearing!;
        var requested = h.RequestedOn is { } d ? $"你（单位）于{DocumentDates.Chinese(d)}提出的听证要求，" : "你（单位）提出的听证要求，";
        return
        [
            new ParagraphBlock(PartyName(f.Party!) + "：", Indent: false),
            new ParagraphBlock($"根据{requested}本机关决定于{DocumentDates.Chinese(h.At)}在{h.Place}{(h.Public ? "公开" : "不公开")}举行听证会，" +
                $"就{f.Cause}听取你（单位）的陈述、申辩和质证意见。"),
            new ParagraphBlock($"本次听证由{h.Chair}担任主持人，{h.Clerk}担任记录员。你（单位）认为主持人、记录员与本案有直接利害关系的，有权申请回避，并应在听证会举行前向本机关提出。"),
            new ParagraphBlock("请你（单位）或者你（单位）委托的代理人（一至二人）按时参加听证；委托代理人的，应当提交由你（单位）签名或者盖章的授权委托书和代理人的身份证明。" +
                "你（单位）可以携带相关证据材料，申请证人出席作证。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。"),
            new FieldsBlock(
            [
                new("联系人", f.Officers.Count > 0 ? f.Officers[0].Name : "—"),
                .. (f.Agency.Phone is { Length: > 0 } phone ? new[] { new DocumentField("联系电话", phone) } : []),
                .. (f.Agency.Address is { Length: > 0 } address ? new[] { new DocumentField("联系地址", address) } : []),
            ]),
        ];
    }

    private static List<DocumentBlock> PenaltyDecision(DocumentFacts f)
    {
        var blocks = new List<DocumentBlock> { new FieldsBlock(PartyFields(f.Party!)) };
        var cause = string.IsNullOrWhiteSpace(f.Cause) ? "" : $"当事人{f.Cause!.Trim()}一案，本机关依法立案调查，现已调查终结。";
        if (cause.Length > 0)
        {
            blocks.Add(new ParagraphBlock(cause));
        }

        blocks.Add(new ParagraphBlock("经查：" + f.Facts!.Trim()));
        blocks.Add(new ParagraphBlock("上述事实，有下列证据证明："));
        blocks.AddRange(EvidenceParagraphs(f.Evidence));
        if (!string.IsNullOrWhiteSpace(f.StatementAndDefence))
        {
            blocks.Add(new ParagraphBlock(f.StatementAndDefence.Trim()));
        }

        blocks.Add(new ParagraphBlock($"本机关认为，当事人的上述行为违反了{f.ViolatedProvision!.Trim()}的规定。{Sentence(f.DiscretionReason)}" +
            $"{BasisClause(f.PenaltyBasis!)}，本机关决定对当事人作出如下行政处罚："));
        blocks.AddRange(PenaltyLines(f.Penalty!));
        var perform = f.Performance!;
        if (f.Penalty!.FineYuan is not null || f.Penalty.ConfiscatedGainsYuan is not null)
        {
            blocks.Add(new ParagraphBlock($"当事人应当自收到本决定书之日起{Small(perform.DueDays)}日内，{Method(perform.Method)}。" +
                "到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额，并可以依法申请人民法院强制执行。"));
        }
        else
        {
            blocks.Add(new ParagraphBlock($"当事人应当自收到本决定书之日起{Small(perform.DueDays)}日内履行本决定：{Method(perform.Method)}。逾期不履行的，本机关将依法申请人民法院强制执行。"));
        }

        blocks.Add(RemedyParagraph(f.Remedy!, "本处罚决定"));
        blocks.Add(new ParagraphBlock("当事人申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外。"));
        return blocks;
    }

    private static List<DocumentBlock> NoPenaltyDecision(DocumentFacts f)
    {
        var np = f.NoPenalty!;
        var blocks = new List<DocumentBlock> { new FieldsBlock(PartyFields(f.Party!)) };
        if (!string.IsNullOrWhiteSpace(f.Cause))
        {
            blocks.Add(new ParagraphBlock($"当事人{f.Cause!.Trim()}一案，本机关依法立案调查，现已调查终结。"));
        }

        blocks.Add(new ParagraphBlock("经查：" + f.Facts!.Trim()));
        blocks.Add(new ParagraphBlock("上述事实，有下列证据证明："));
        blocks.AddRange(EvidenceParagraphs(f.Evidence));
        var violated = string.IsNullOrWhiteSpace(f.ViolatedProvision) ? "" : $"当事人的上述行为违反了{f.ViolatedProvision!.Trim()}的规定，但";
        blocks.Add(new ParagraphBlock($"本机关认为，{violated}{np.Reason.Trim().TrimEnd('。')}。{BasisClause(np.Basis)}，本机关决定对当事人不予行政处罚。"));
        blocks.Add(RemedyParagraph(f.Remedy!, "本决定"));
        return blocks;
    }

    private static List<DocumentBlock> ServiceReceipt(DocumentFacts f)
    {
        var s = f.Service!;
        return
        [
            new GridBlock(
            [
                GridRow.One("送达文书名称及文号", $"《{s.DocumentTitle.Trim('《', '》')}》（{s.DocumentNumber}）"),
                GridRow.One("受送达人", s.Recipient),
                GridRow.One("送达地点", s.Place),
                GridRow.Two("送达方式", s.Method, "送达人", OfficerNames(f)),
                GridRow.One("受送达人签名或者盖章", $"\n{Blank}{Blank}　　年　月　日　时　分", tall: true),
                GridRow.One("代收人签名及代收理由", $"\n{Blank}{Blank}　　年　月　日", tall: true),
                GridRow.One("见证人签名（留置送达时）", $"\n{Blank}{Blank}　　年　月　日", tall: true),
                GridRow.One("备注", s.Note ?? "", tall: true),
            ]),
        ];
    }

    private static List<DocumentBlock> ClosingReport(DocumentFacts f)
    {
        var c = f.Closing!;
        var rows = new List<GridRow> { GridRow.One("案号", f.CaseNumber!), GridRow.One("案由", f.Cause!) };
        rows.AddRange(PartyRows(f.Party!));
        rows.Add(GridRow.One("案件办理经过", c.Process, tall: true));
        rows.Add(GridRow.One("处理结果", c.Result, tall: true));
        rows.Add(GridRow.One("执行情况", c.Execution, tall: true));
        rows.Add(GridRow.One("承办人意见", $"{c.HandlerOpinion ?? "案件已执行完毕，建议结案。"}\n承办人：{OfficerNames(f)}　　{DocumentDates.Chinese(f.Date!.Value)}", tall: true));
        rows.Add(GridRow.One("行政机关负责人意见", c.HeadOpinion ?? $"\n签名：{Blank}　　年　月　日", tall: true));
        return [new GridBlock(rows)];
    }

    /// <summary>
    /// 法制审核意见书: the case and the round, the matters answered one by one in a table, the opinion with the problems
    /// numbered and what to correct, the reviewer with their qualification number and the legal unit.
    /// </summary>
    private static List<DocumentBlock> ReviewOpinion(DocumentFacts f)
    {
        var r = f.Review!;
        var cause = f.Cause!.Trim();
        var caseName = (f.Party is { Name: { Length: > 0 } party } ? party.Trim() : "") + cause + (cause.EndsWith('案') ? "" : "案");
        var blocks = new List<DocumentBlock>
        {
            new FieldsBlock(
            [
                new("案件名称", caseName),
                new("案号", f.CaseNumber!.Trim()),
                new("送审机构", $"{r.SubmittingUnit.Trim()}（提交人：{r.Submitter.Trim()}）"),
                new("送审时间", DocumentDates.Chinese(r.SubmittedOn!.Value)),
                new("审核次数", $"第{Small(r.Round)}次审核"),
                .. (string.IsNullOrWhiteSpace(r.ProposedDecision) ? [] : new[] { new DocumentField("拟处理意见", r.ProposedDecision.Trim()) }),
            ]),
            new TableBlock("审核事项", ["序号", "审核事项", "审核结论", "说明"],
                [.. r.Points.Select((p, i) => (IReadOnlyList<string>)[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), p.Title.Trim(), AnswerText(p.Answer!.Value), p.Note?.Trim() ?? ""])]),
            new ParagraphBlock("审核意见：", Indent: false, Bold: true),
        };
        if (r.Opinion == ReviewOpinionKind.Agree)
        {
            blocks.Add(new ParagraphBlock("经审核，上述审核事项均符合规定，同意承办机构提出的处理意见。"));
        }
        else
        {
            blocks.Add(new ParagraphBlock("经审核，本案存在以下问题："));
            blocks.AddRange(r.Problems.Select((p, i) => new ParagraphBlock(
                $"{i + 1}．{p.Problem.Trim().TrimEnd('。', '；')}。整改要求：{p.Correction.Trim().TrimEnd('。', '；')}。")));
            blocks.Add(new ParagraphBlock("请承办机构对上述问题逐项整改（补正）或者作出书面说明，并于整改后重新报送法制审核。未经法制审核或者审核未通过的，不得作出决定。"));
        }

        if (!string.IsNullOrWhiteSpace(r.Remarks))
        {
            blocks.Add(new ParagraphBlock(Sentence(r.Remarks)));
        }

        blocks.Add(new FieldsBlock(
        [
            new("审核人员", r.Reviewer.Trim()),
            new("法制审核人员资格证号", r.ReviewerQualificationNumber.Trim()),
            .. (string.IsNullOrWhiteSpace(r.ReviewUnit) ? [] : new[] { new DocumentField("审核机构（法制机构）", r.ReviewUnit.Trim()) }),
            new("审核日期", DocumentDates.Chinese(f.Date!.Value)),
        ]));
        blocks.Add(new SignatureBlock([$"审核人员（签名）：{Blank}", $"审核机构（法制机构）（盖章）：{Blank}"]));
        return blocks;
    }

    private static string AnswerText(ReviewAnswer answer) => answer switch
    {
        ReviewAnswer.Conforms => "符合",
        ReviewAnswer.HasProblem => "存在问题",
        _ => throw new ArgumentOutOfRangeException(nameof(answer)),
    };

    /// <summary>
    /// 重大执法决定集体讨论记录: when, where, who chaired, took part and recorded; the matter (案号、案由、拟作出的决定); each
    /// participant's opinion in their own words; the conclusion; the signatures.
    /// </summary>
    private static List<DocumentBlock> DiscussionRecord(DocumentFacts f)
    {
        var d = f.Discussion!;
        var participants = d.Participants;
        var blocks = new List<DocumentBlock>
        {
            new FieldsBlock(
            [
                new("时间", DocumentDates.Chinese(d.Start) + (d.End is { } end ? "至" + ClockTime(end) : "")),
                new("地点", d.Place.Trim()),
                new("主持人", d.Chair.Trim()),
                new("参加人员", string.Join("、", participants.Select(p => $"{p.Name.Trim()}（{p.Post.Trim()}）"))),
                .. (string.IsNullOrWhiteSpace(d.Attendees) ? [] : new[] { new DocumentField("列席人员", d.Attendees.Trim()) }),
                new("记录人", d.Recorder.Trim()),
            ]),
            new ParagraphBlock("讨论事项：", Indent: false, Bold: true),
            new FieldsBlock(
            [
                new("案号", f.CaseNumber!.Trim()),
                new("案由", f.Cause!.Trim()),
                .. (f.Party is { Name: { Length: > 0 } party } ? new[] { new DocumentField("当事人", party.Trim()) } : []),
                new("拟作出的决定", d.ProposedDecision.Trim()),
            ]),
        };
        if (!string.IsNullOrWhiteSpace(d.Briefing))
        {
            blocks.Add(new ParagraphBlock("案情汇报：", Indent: false, Bold: true));
            blocks.Add(new ParagraphBlock(d.Briefing.Trim()));
        }

        blocks.Add(new ParagraphBlock("参加人员意见：", Indent: false, Bold: true));
        foreach (var p in participants)
        {
            var opinion = string.IsNullOrWhiteSpace(p.Opinion) ? "未发表意见。" : p.Opinion.Trim();
            blocks.Add(new ParagraphBlock($"{p.Name.Trim()}（{p.Post.Trim()}）：{opinion}"));
        }

        blocks.Add(new ParagraphBlock("讨论结论：", Indent: false, Bold: true));
        blocks.Add(new ParagraphBlock(d.Conclusion.Trim()));
        blocks.Add(new SignatureBlock(
        [
            $"主持人（签名）：{Blank}　　年　月　日",
            $"参加人员（签名）：{Blank}{Blank}",
            $"记录人（签名）：{Blank}　　年　月　日",
        ]));
        return blocks;
    }

    private static IEnumerable<GridRow> PartyRows(DocumentParty party) => party switch
    {
        PersonParty p =>
        [
            GridRow.Two("当事人", p.Name, "身份证件号码", Or(p.IdNumber)),
            GridRow.Two("住址", Or(p.Address), "联系电话", Or(p.Phone)),
        ],
        OrganisationParty o =>
        [
            GridRow.Two("当事人", o.Name, "统一社会信用代码", Or(o.Uscc)),
            GridRow.Two("法定代表人（负责人）", Or(o.LegalRepresentative), "联系电话", Or(o.Phone)),
            GridRow.One("住所", Or(o.Address)),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(party)),
    };

    private static List<DocumentField> PartyFields(DocumentParty party) => party switch
    {
        PersonParty p =>
        [
            new("当事人", p.Name),
            new("身份证件号码", Or(p.IdNumber)),
            .. (p.Gender is { Length: > 0 } g ? new[] { new DocumentField("性别", g) } : []),
            new("住址", Or(p.Address)),
            .. (p.Phone is { Length: > 0 } phone ? new[] { new DocumentField("联系电话", phone) } : []),
        ],
        OrganisationParty o =>
        [
            new("当事人", o.Name),
            new("统一社会信用代码", Or(o.Uscc)),
            new("法定代表人（负责人）", Or(o.LegalRepresentative)),
            new("住所", Or(o.Address)),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(party)),
    };

    private static string PartyName(DocumentParty party) => party.Name.Trim();

    private static string PartyLine(DocumentParty party) => party switch
    {
        OrganisationParty o when !string.IsNullOrWhiteSpace(o.Uscc) => $"{o.Name}（统一社会信用代码：{o.Uscc}）",
        _ => party.Name,
    };

    private static IEnumerable<ParagraphBlock> EvidenceParagraphs(IReadOnlyList<EvidenceItem> evidence) =>
        evidence.Select((e, i) => new ParagraphBlock(
            $"{i + 1}．{e.Name.Trim()}{(string.IsNullOrWhiteSpace(e.Quantity) ? "" : $"（{e.Quantity!.Trim()}）")}" +
            $"{(string.IsNullOrWhiteSpace(e.Proves) ? "" : "，证明" + e.Proves!.Trim().TrimEnd('。', '；'))}；"));

    private static TableBlock EvidenceTable(string caption, IReadOnlyList<EvidenceItem> items) =>
        new(caption, ["序号", "名称", "规格、数量", "证明对象"],
            [.. items.Select((e, i) => (IReadOnlyList<string>)[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Name, e.Quantity ?? "", e.Proves ?? ""])]);

    private static IEnumerable<ParagraphBlock> PenaltyLines(PenaltyTerms p)
    {
        var lines = new List<string>();
        foreach (var kind in p.Kinds.Distinct())
        {
            lines.Add(kind switch
            {
                PenaltyKind.Fine => "罚款" + ChineseAmount.Both(p.FineYuan!.Value),
                PenaltyKind.ConfiscateIllegalGains => "没收违法所得" + ChineseAmount.Both(p.ConfiscatedGainsYuan!.Value),
                PenaltyKind.ConfiscateIllegalProperty => "没收" + p.ConfiscatedProperty!.Trim(),
                PenaltyKind.Other => p.Other?.Trim() ?? kind.Chinese(),
                _ => kind.Chinese(),
            });
        }

        var total = (p.FineYuan ?? 0) + (p.ConfiscatedGainsYuan ?? 0);
        for (var i = 0; i < lines.Count; i++)
        {
            yield return new ParagraphBlock($"{Small(i + 1)}、{lines[i]}{(i == lines.Count - 1 ? "。" : "；")}");
        }

        if (p.FineYuan is not null && p.ConfiscatedGainsYuan is not null)
        {
            yield return new ParagraphBlock($"以上罚没款合计{ChineseAmount.Both(total)}。");
        }
    }

    private static ParagraphBlock RemedyParagraph(RemedyTerms r, string what) =>
        new($"当事人如不服{what}，可以在收到本决定书之日起{Small(r.ReconsiderationDays)}日内向{r.ReconsiderationOrgan.Trim()}申请行政复议；" +
            $"也可以在收到本决定书之日起{Small(r.LitigationMonths)}个月内依法向{r.Court.Trim()}提起行政诉讼。");

    private static string OfficerNames(DocumentFacts f) => string.Join("、", f.Officers.Select(o => o.Name.Trim()));

    private static string OfficerList(DocumentFacts f) =>
        string.Join("、", f.Officers.Select(o => $"{o.Name.Trim()}（执法证号：{o.CertificateNumber.Trim()}）"));

    private static string ClockTime(DateTimeOffset instant)
    {
        var t = ChinaTime.ToChina(instant);
        return $"{t.Hour}时{t.Minute:00}分";
    }

    private static string Or(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value.Trim();

    /// <summary>
    /// "依据……的规定" from the basis as an officer writes it: with or without 依据/根据 in front, with or without 的规定, and
    /// often followed by the penalty itself (依据《食品安全法》第一百二十四条第一款第（一）项，没收违法所得150元，并处罚款20000元。),
    /// which the decision lists on its own lines: the provisions alone are cited.
    /// </summary>
    public static string BasisClause(string basis)
    {
        var text = basis.Trim().TrimEnd('。', '；', ';').Trim();
        text = LeadingBasisWord().Replace(text, "", 1);
        var regulated = text.IndexOf("的规定", StringComparison.Ordinal);
        if (regulated >= 0)
        {
            return "依据" + text[..regulated] + "的规定";
        }

        if (PenaltyTail().Match(text) is { Success: true } tail)
        {
            text = text[..tail.Index];
        }

        return "依据" + text.TrimEnd('，', ',') + "的规定";
    }

    /// <summary>How to perform, without the period the sentence already states (自收到本决定书之日起十五日内，……).</summary>
    private static string Method(string method) => LeadingPeriod().Replace(method.Trim(), "", 1).Trim().TrimEnd('。');

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:依据|根据|依照|按照)")]
    private static partial System.Text.RegularExpressions.Regex LeadingBasisWord();

    [System.Text.RegularExpressions.GeneratedRegex(@"[，,；;]\s*(?:决定)?(?:对当事人)?(?:没收|罚款|并处|处以|处|给予|责令|吊销|警告|暂扣|降低|限制|通报)")]
    private static partial System.Text.RegularExpressions.Regex PenaltyTail();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:应当)?自收到本决定书之日起[一二三四五六七八九十百零〇\d]+日内[，,、]?")]
    private static partial System.Text.RegularExpressions.Regex LeadingPeriod();

    private static string Sentence(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : text.Trim().TrimEnd('。') + "。";

    /// <summary>Small counts in Chinese numerals as documents write periods: 5 → 五, 15 → 十五, 60 → 六十.</summary>
    public static string Small(int n)
    {
        const string digits = "零一二三四五六七八九";
        return n switch
        {
            < 0 or > 99 => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            < 10 => digits[n].ToString(),
            < 20 => "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString()),
            _ => digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString()),
        };
    }
}
