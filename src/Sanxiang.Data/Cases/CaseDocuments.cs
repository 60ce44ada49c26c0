using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Registry;
using Sanxiang.Data.Documents;

namespace Sanxiang.Data.Cases;

/// <summary>
/// The documents of a case (REC-2) filled from what the case has recorded: the registration approval form, the notice of
/// intended penalty, the penalty decision, the service receipt and the closing report. Issuing goes through
/// <see cref="DocumentIssuer"/> (gapless number, PDF and DOCX, agency seal, log entry); an incomplete document is refused
/// with the missing elements and uses no number.
/// </summary>
public sealed class CaseDocuments(SanxiangDbContext db, DocumentIssuer issuer, TimeProvider clock)
{
    /// <summary>
    /// The kinds a person issues from the case's recorded facts, in the order a general procedure needs them. Decisions
    /// are not among them: the decision step itself issues its document (<see cref="CaseHandling.TakeAsync"/>).
    /// </summary>
    public static readonly IReadOnlyList<DocumentKind> FromFacts =
        [DocumentKind.RegistrationApproval, DocumentKind.PenaltyNotice, DocumentKind.ServiceReceipt, DocumentKind.ClosingReport];

    public async Task<IssuedDocument> IssueAsync(Guid caseId, DocumentKind kind, CaseActor actor, CancellationToken ct = default)
    {
        if (kind.IsDecision())
        {
            throw new CaseRuleException("kind", $"{kind.Title()}在“作出决定”环节由平台按决定内容出具并编号，不能另行出具。", 409);
        }

        if (!FromFacts.Contains(kind))
        {
            throw new CaseRuleException("kind", $"{kind.Title()}须由承办人员在现场制作，暂不能从案件记录生成。");
        }

        var @case = await db.Cases.AsNoTracking().Include(c => c.Officers).Include(c => c.Facts).Include(c => c.Evidence).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == caseId, ct) ?? throw new CaseRuleException("case", "案件不存在，或不属于您所在的执法主体。", 404);
        if (@case.IsSealed)
        {
            throw new CaseRuleException("case", "本案已归档封存，不能再出具文书；如需更正，请另行记录并引用本案。", 409);
        }

        var handler = actor.OfficerId is { } me && @case.ActiveOfficers.Any(o => o.OfficerId == me);
        if (!handler && !actor.Is(Roles.UnitHead) && !actor.Is(Roles.AgencyHead))
        {
            throw new CaseRuleException("kind", "只有本案承办人员和负责人可以出具本案文书。", 403);
        }

        if (kind.NumberedByCase() && await db.IssuedDocuments.AsNoTracking().Where(d => d.CaseId == caseId && d.Kind == kind)
                .Select(d => d.Number).FirstOrDefaultAsync(ct) is { } existing)
        {
            throw new CaseRuleException("kind", $"本案的{kind.Title()}已经出具（{existing}），每案只有一份，文号即案号。", 409);
        }

        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == @case.AgencyId, ct);
        var item = await db.EnforcementItems.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.Id == @case.ItemId, ct);
        var decision = await db.IssuedDocuments.AsNoTracking().Decisions().Where(d => d.CaseId == caseId)
            .OrderByDescending(d => d.IssuedAtUtc).FirstOrDefaultAsync(ct);
        var facts = Facts(@case, agency, item, kind, decision, ChinaTime.Today(clock));
        var result = await issuer.IssueAsync(db, kind, facts, @case.AgencyId, @case.Id, new DocumentActor(actor.AccountId, actor.Roles.FirstOrDefault()), ct);
        return result.Document ?? throw new CaseRuleException([new RegistryProblem("kind", DocumentTemplates.Describe(kind, result.Missing))], 409);
    }

    /// <summary>The review opinion of the case's current round (REV-4), as recorded since its submission.</summary>
    public static ReviewTerms ReviewTermsOf(Case @case, Agency agency, string reviewer, string qualification)
    {
        var submissions = Sanxiang.Core.Review.ReviewRounds.Submissions(@case);
        var since = submissions is [.., var last] ? last.AtUtc : (DateTimeOffset?)null;
        var file = new CaseFile(@case);
        var agree = Sanxiang.Core.Review.ReviewRounds.Since(@case, FactKeys.ReviewOpinion, since) switch
        {
            "同意" => ReviewOpinionKind.Agree,
            "存在问题" => ReviewOpinionKind.ProblemsFound,
            _ => (ReviewOpinionKind?)null,
        };
        var lead = @case.ActiveOfficers.OrderByDescending(o => o.Lead).FirstOrDefault();
        return new ReviewTerms(
            submissions.Count,
            agency.Name,
            lead?.Name ?? "",
            submissions is [.., var s] ? s.On : null,
            Sanxiang.Core.Review.ReviewRounds.Points(@case, since),
            agree,
            agree == ReviewOpinionKind.ProblemsFound ? Sanxiang.Core.Review.ReviewRounds.Problems(Sanxiang.Core.Review.ReviewRounds.Since(@case, FactKeys.ReviewProblems, since)) : [],
            reviewer,
            qualification,
            ReviewUnit: $"{agency.Name}法制审核机构",
            ProposedDecision: Sanxiang.Core.Review.ReviewRounds.ProposedDecision(file),
            Remarks: Sanxiang.Core.Review.ReviewRounds.Since(@case, FactKeys.ReviewNote, since));
    }

    /// <summary>The record of the case's collective discussion (REV-5), as recorded with the discussion step.</summary>
    public static DiscussionTerms? DiscussionTermsOf(Case @case)
    {
        var file = new CaseFile(@case);
        if (file.DateTime(FactKeys.DiscussionAt) is not { } at)
        {
            return null;
        }

        return new DiscussionTerms(
            new DateTimeOffset(at, ChinaTime.Offset),
            null,
            file.Text(FactKeys.DiscussionPlace) ?? "",
            file.Text(FactKeys.DiscussionChair) ?? "",
            CaseGuards.Participants(file.Text(FactKeys.DiscussionParticipants)),
            file.Text(FactKeys.DiscussionRecorder) ?? "",
            Sanxiang.Core.Review.ReviewRounds.ProposedDecision(file) ?? "",
            file.Text(FactKeys.DiscussionConclusion) ?? "",
            Briefing: file.Text(FactKeys.InvestigationReport));
    }

    /// <summary>What the document says, taken from the case: party, officers, facts, penalty, decision, service and execution.</summary>
    public static DocumentFacts Facts(Case @case, Agency agency, EnforcementItem? item, DocumentKind kind, IssuedDocument? decision, DateOnly today)
    {
        var file = new CaseFile(@case);
        var provision = item?.LegalBasis.FirstOrDefault() is { } basis ? $"{basis.Law}{basis.Article}{basis.Paragraph}{basis.Item}" : null;
        var kinds = file.PenaltyKinds(FactKeys.PenaltyKinds);
        DocumentParty party = @case.Party.Kind == PartyKind.Person
            ? new PersonParty(@case.Party.Name, @case.Party.IdNumber, @case.Party.Address, @case.Party.Phone)
            : new OrganisationParty(@case.Party.Name, @case.Party.CreditCode, @case.Party.Representative, @case.Party.Address, @case.Party.Phone);
        var lead = @case.ActiveOfficers.OrderByDescending(o => o.Lead).FirstOrDefault();
        return new DocumentFacts
        {
            Agency = new DocumentAgency(agency.Name, agency.CaseNumberPrefix, agency.Address, agency.Phone, agency.Postcode),
            CaseNumber = @case.Number,
            Cause = @case.Cause,
            Party = party,
            Officers = [.. @case.ActiveOfficers.OrderByDescending(o => o.Lead).Select(o => new DocumentOfficer(o.Name, o.CertificateNumber))],
            Date = today,
            Facts = kind == DocumentKind.PenaltyNotice ? file.Text(FactKeys.InvestigationReport) ?? file.Text(FactKeys.DecisionFacts) : file.Text(FactKeys.DecisionFacts),
            Evidence = [.. @case.Evidence.OrderBy(e => e.CapturedAtUtc).Select(e => new EvidenceItem(e.Title, null, e.Proves))],
            ViolatedProvision = provision,
            PenaltyBasis = kind == DocumentKind.PenaltyNotice ? provision : file.Text(FactKeys.DecisionBasis),
            DiscretionReason = file.Text(FactKeys.BenchmarkReason) ?? (file.Text(FactKeys.BenchmarkTier) is { } tier ? $"适用裁量基准“{tier}”档次" : null),
            StatementAndDefence = file.Text(FactKeys.Statement) ?? (file.Yes(FactKeys.StatementWaived) ? "当事人书面放弃陈述、申辩和听证。" : null),
            Penalty = kinds.Count == 0 ? null : new PenaltyTerms(kinds, file.Amount(FactKeys.FineAmount), file.Amount(FactKeys.ConfiscationAmount)),
            Performance = file.Text(FactKeys.DecisionPerformance) is { } method ? new PerformanceTerms(method) : null,
            Remedy = new RemedyTerms(agency.ReconsiderationOrgan, agency.CompetentCourt),
            Registration = new RegistrationTerms(@case.Source, @case.OpenedOn, $"{@case.Cause}。违法行为发生于{LegalPeriods.Text(@case.OccurredOn)}。",
                "建议立案调查。", file.Text(FactKeys.RegistrationOpinion)),
            Notice = lead is null ? null : new NoticeTerms(
                CaseGuards.HearingQualifies(kinds, file.Amount(FactKeys.FineAmount), file.Amount(FactKeys.ConfiscationAmount), @case.Party.Kind, LawSettings.National),
                lead.Name, agency.Phone, agency.Address),
            NoPenalty = file.Text(FactKeys.DecisionKind) == "不予行政处罚" ? new NoPenaltyTerms(file.Text(FactKeys.DecisionFacts) ?? "", file.Text(FactKeys.DecisionBasis) ?? "") : null,
            Service = decision is null || file.Text(FactKeys.ServiceMethod) is not { } serviceMethod ? null
                : new ServiceTerms(decision.Title, decision.Number, serviceMethod, file.Text(FactKeys.ServiceRecipient) ?? @case.Party.Name, @case.Party.Address),
            Closing = file.Text(FactKeys.ClosingReport) is { } report
                ? new ClosingTerms($"{LegalPeriods.Text(@case.RegisteredOn ?? @case.OpenedOn)}立案，经调查取证、告知、法制审核后作出决定并送达。",
                    decision is null ? file.Text(FactKeys.DecisionKind) ?? "" : $"{decision.Title}（{decision.Number}）",
                    file.Text(FactKeys.ExecutionNote) ?? (file.Date(FactKeys.PaidOn) is { } paid ? $"当事人于{LegalPeriods.Text(paid)}缴纳{file.Amount(FactKeys.PaidAmount):N0}元。" : report),
                    report)
                : null,
        };
    }
}
