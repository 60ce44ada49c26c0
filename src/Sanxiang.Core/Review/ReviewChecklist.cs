using Sanxiang.Core.Accounts;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Evidence;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Review;

/// <summary>One thing the platform already knows about a review matter, where it comes from, and whether it looks wrong.</summary>
public sealed record PrefilledFact(string Text, string Source, bool Concern = false);

/// <summary>What the reviewer sees beside the checklist: the case's situation on every matter.</summary>
public sealed record ReviewMaterials(Case Case, EnforcementItem? Item, string AgencyName, IReadOnlyDictionary<Guid, OfficerEntry> Certificates,
    IReadOnlyCollection<DocumentKind> Issued, LawSettings Law, WorkdayCalendar Calendar);

/// <summary>
/// REV-3: the platform pre-fills each matter of the checklist from the registry and the case's record — officers'
/// certificates on the days they acted, the procedure's history, the evidence, the benchmark tier against the amount,
/// the documents present and missing — and flags what looks wrong. It never answers for the reviewer.
/// </summary>
public static class ReviewChecklist
{
    public static IReadOnlyList<IReadOnlyList<PrefilledFact>> Prefill(ReviewMaterials m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var c = m.Case;
        var file = new CaseFile(c);
        var procedure = Procedures.For(c.Procedure);
        const string Log = "全过程记录";
        const string Registry = "执法事项清单";

        var body = new List<PrefilledFact>
        {
            m.Item is null
                ? new($"案件的执法事项“{c.ItemName}”（{c.ItemCode}）已不在本机关执法事项清单中", Registry, true)
                : new($"执法主体{m.AgencyName}；执法事项“{m.Item.Name}”（{m.Item.Code}）列入本机关执法事项清单", Registry),
        };

        var officerDays = c.Steps.Where(s => procedure.HasStep(s.From) && procedure.Step(s.From).Role == Roles.Officer).Select(s => s.On).Distinct().ToList();
        var officers = new List<PrefilledFact>();
        foreach (var o in c.ActiveOfficers)
        {
            if (!m.Certificates.TryGetValue(o.OfficerId, out var entry))
            {
                officers.Add(new($"{o.Name}（执法证{o.CertificateNumber}）不在本机关现行执法人员名单中", "执法人员名单", true));
                continue;
            }

            var lapsed = officerDays.Where(d => !entry.IsCertifiedOn(d)).Order().ToList();
            officers.Add(lapsed.Count == 0
                ? new($"{o.Name}（执法证{entry.CertificateNumber}，有效期至{LegalPeriods.Text(entry.ValidTo)}）：办案各环节之日均持证有效", "执法人员名单、" + Log)
                : new($"{o.Name}（执法证{entry.CertificateNumber}）：{string.Join("、", lapsed.Select(LegalPeriods.Text))}不在证件有效期内", "执法人员名单、" + Log, true));
        }

        var process = new List<PrefilledFact>();
        process.Add(c.RegisteredOn is { } registered
            ? new($"{LegalPeriods.Text(registered)}经负责人批准立案", Log)
            : new("没有立案批准的记录", Log, true));
        process.Add(file.Date(FactKeys.NoticeServedOn) is { } notice
            ? new($"{LegalPeriods.Text(notice)}送达行政处罚告知书", Log)
            : new("没有送达行政处罚告知书的记录", Log, c.Procedure == ProcedureKind.GeneralPenalty));
        if (file.Has(FactKeys.Statement) || file.Yes(FactKeys.StatementWaived))
        {
            process.Add(new(file.Yes(FactKeys.StatementWaived) ? "当事人书面放弃陈述、申辩" : "当事人的陈述、申辩已记录并复核", Log));
        }

        if (file.Visited("hearing"))
        {
            process.Add(new($"当事人申请听证，已于{file.Text(FactKeys.HearingAt) ?? "（未记录时间）"}举行听证", Log));
        }

        if (CaseGuards.DecisionDue(file, procedure, m.Calendar, m.Law) is { } due)
        {
            process.Add(new($"作出决定的期限至{LegalPeriods.Text(due.End.Due)}" + (due.Extended > 0 ? $"（已批准延长{due.Extended}日）" : ""), Log));
        }

        var facts = new List<PrefilledFact>
        {
            file.Text(FactKeys.InvestigationReport) is { } report
                ? new($"调查终结报告已录入（{report.Length}字）", Log)
                : new("没有调查终结报告", Log, true),
            c.Evidence.Count == 0
                ? new("本案没有登记任何证据", "证据登记", true)
                : new($"证据{c.Evidence.Count}件：{string.Join("、", c.Evidence.GroupBy(e => e.Kind).Select(g => $"{g.Key.Chinese()}{g.Count()}件"))}，均于接收时计算SHA-256和SM3", "证据登记"),
        };

        var law = new List<PrefilledFact>();
        var kinds = file.Text(FactKeys.PenaltyKinds) is { } k ? FactKeys.PenaltyKinds.Display(k) : null;
        law.Add(kinds is null
            ? new("尚未记录拟作出的处罚", Log, true)
            : new($"拟处罚：{kinds}" + (file.Amount(FactKeys.FineAmount) is { } fine ? $"，罚款{fine:N0}元" : "")
                + (file.Text(FactKeys.BenchmarkTier) is { } tier ? $"；适用裁量基准“{tier}”档次" : ""), Log));
        law.Add(CaseGuards.BenchmarkProblem(file, m.Item) is { } benchmark
            ? new(benchmark, "裁量基准", true)
            : new(file.Has(FactKeys.BenchmarkReason) ? $"超出档次的书面理由：{file.Text(FactKeys.BenchmarkReason)}" : "处罚幅度在所选裁量基准档次内", "裁量基准"));

        var powers = new List<PrefilledFact>();
        foreach (var basis in m.Item?.LegalBasis ?? [])
        {
            powers.Add(new($"实施依据：{basis.Citation}", Registry));
        }

        var expected = new List<DocumentKind> { DocumentKind.RegistrationApproval };
        if (c.Procedure == ProcedureKind.GeneralPenalty && kinds is not null)
        {
            expected.Add(DocumentKind.PenaltyNotice);
        }

        if (file.Visited("hearing"))
        {
            expected.Add(DocumentKind.HearingNotice);
        }

        var documents = new List<PrefilledFact>();
        var present = expected.Where(m.Issued.Contains).ToList();
        var missing = expected.Where(e => !m.Issued.Contains(e)).ToList();
        if (present.Count > 0)
        {
            documents.Add(new($"已出具：{string.Join("、", present.Select(d => d.Title()))}", "执法文书"));
        }

        if (missing.Count > 0)
        {
            documents.Add(new($"尚未出具：{string.Join("、", missing.Select(d => d.Title()))}", "执法文书", true));
        }

        var crime = new List<PrefilledFact>
        {
            new("平台不判断是否涉嫌犯罪；请对照刑事立案追诉标准，结合货值金额、违法所得和情节审核"
                + (file.Amount(FactKeys.ConfiscationAmount) is { } gains ? $"（本案拟没收违法所得{gains:N0}元）" : ""), "审核人员判断"),
        };

        return [body, officers, process, facts, law, powers, documents, crime];
    }
}
