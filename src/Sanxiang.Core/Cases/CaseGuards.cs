using Sanxiang.Core.Evidence;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;
using static Sanxiang.Core.Cases.LegalPeriods;

namespace Sanxiang.Core.Cases;

/// <summary>Who is acting: the account, its roles, the officer it is (if any) and the name to record.</summary>
public sealed record CaseActor(Guid AccountId, IReadOnlyCollection<string> Roles, Guid? OfficerId, string Name)
{
    public bool Is(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>The role recorded in the log for an act in a step of <paramref name="stepRole"/>.</summary>
    public string RoleFor(string stepRole) => Is(stepRole) ? stepRole : Roles.FirstOrDefault() ?? stepRole;
}

/// <summary>Everything a guard may look at when a transition is attempted.</summary>
public sealed record GuardContext(
    CaseFile File,
    WorkflowDefinition Procedure,
    Transition Transition,
    DateOnly Today,
    DateTimeOffset Now,
    WorkdayCalendar Calendar,
    LawSettings Law,
    EnforcementItem? Item,
    string? Field,
    IReadOnlyDictionary<Guid, OfficerEntry> Certificates,
    CaseActor Actor,
    Guid? ReviewerOfficerId,
    string? ArchiveProblem)
{
    public Case Case => File.Case;
}

/// <summary>A guard that did not hold: the rule (identifier and Chinese description) and what exactly is wrong.</summary>
public sealed record Refusal(string GuardId, string Rule, string Reason);

/// <summary>
/// The checks behind the guard identifiers of the workflow tables (<see cref="WorkflowGuards"/>). Each returns null when
/// the rule holds and otherwise the specific reason in Chinese. Every identifier a table names has a check here (tested).
/// </summary>
public static class CaseGuards
{
    private static readonly Dictionary<string, Func<GuardContext, string?>> Checks = new(StringComparer.Ordinal)
    {
        [WorkflowGuards.TwoCertifiedOfficers.Id] = TwoCertifiedOfficers,
        [WorkflowGuards.CertificateShown.Id] = c => Need(c, FactKeys.CertificateShown, yes: true),
        [WorkflowGuards.RecusalHonoured.Id] = RecusalHonoured,
        [WorkflowGuards.LimitationNotExpired.Id] = Limitation,
        [WorkflowGuards.RegistrationApproved.Id] = c =>
            !c.Actor.Is(Roles.UnitHead) && !c.Actor.Is(Roles.AgencyHead) ? "立案须由承办机构负责人或者行政机关负责人批准，当前账号无审批权限。"
            : Need(c, FactKeys.RegistrationOpinion),
        [WorkflowGuards.PreservationApproved.Id] = c => Need(c, FactKeys.PreservationApprovedBy),
        [WorkflowGuards.PreservationDecided.Id] = PreservationDecided,
        [WorkflowGuards.InvestigationReport.Id] = c =>
            c.File.Text(FactKeys.InvestigationReport) is { Length: >= 20 } ? null : "尚未录入调查终结报告（至少 20 字，写明违法事实、证据和处理意见）。",
        [WorkflowGuards.AudioVisualRecorded.Id] = c =>
            c.Case.Evidence.Any(e => e.Step == c.Transition.From && e.Kind is EvidenceKind.Video or EvidenceKind.Audio)
                ? null
                : $"“{c.Procedure.Step(c.Transition.From).Name}”环节依法应当全程音像记录，尚未上传本环节的录像或录音。",
        [WorkflowGuards.PenaltyNoticeServed.Id] = NoticeServed,
        [WorkflowGuards.StatementHeard.Id] = StatementHeard,
        [WorkflowGuards.HearingQualifies.Id] = c => HearingQualifies(c) ? null
            : $"拟作出的处罚不属于应当告知听证权利的情形（罚款或没收数额未达{c.Law.HearingThreshold(c.Case.Party.Kind):N0}元，且不涉及吊销许可、责令停产停业、责令关闭等）。",
        [WorkflowGuards.HearingRequestedInTime.Id] = HearingRequestedInTime,
        [WorkflowGuards.HearingNoticeSevenDays.Id] = HearingNotice,
        [WorkflowGuards.LicensingHearingNotice.Id] = HearingNotice,
        [WorkflowGuards.HearingChairIndependent.Id] = HearingChairIndependent,
        [WorkflowGuards.HearingRecordSigned.Id] = c => Need(c, FactKeys.HearingRecordSigned, yes: true),
        [WorkflowGuards.ReviewRequired.Id] = c => ReviewRules.Reasons(c).Count > 0 ? null
            : "本案不属于法律规定或本机关法制审核目录应当审核的情形，请直接提请决定。",
        [WorkflowGuards.ReviewNotRequired.Id] = c => ReviewRules.Reasons(c) is { Count: > 0 } reasons
            ? $"本案应当进行法制审核（{string.Join("；", reasons)}），未经审核不得作出决定。"
            : null,
        [WorkflowGuards.ReviewPassed.Id] = c => Review.ReviewRounds.OpinionProblem(c.Case, agree: true),
        [WorkflowGuards.ReviewReturned.Id] = c => Review.ReviewRounds.OpinionProblem(c.Case, agree: false),
        [WorkflowGuards.ReviewSubmitted.Id] = c => Review.ReviewRounds.SubmissionProblem(c.Case),
        [WorkflowGuards.ReviewerIndependent.Id] = ReviewerIndependent,
        [WorkflowGuards.ReviewGate.Id] = ReviewGate,
        [WorkflowGuards.DiscussionRequired.Id] = c => c.File.Yes(FactKeys.DiscussionRequired) ? null
            : "尚未认定本案属于情节复杂或者重大违法行为，无需集体讨论。",
        [WorkflowGuards.DiscussionRecorded.Id] = DiscussionRecorded,
        [WorkflowGuards.DiscussionFollowed.Id] = DiscussionFollowed,
        [WorkflowGuards.RegistrationWithinLimit.Id] = RegistrationWithinLimit,
        [WorkflowGuards.DecisionWithinLimit.Id] = DecisionWithinLimit,
        [WorkflowGuards.DecisionSeparateDuties.Id] = DecisionSeparateDuties,
        [WorkflowGuards.DecisionWithinBenchmark.Id] = WithinBenchmark,
        [WorkflowGuards.DecisionDocumentComplete.Id] = DecisionComplete,
        [WorkflowGuards.ServiceRecorded.Id] = ServiceRecorded,
        [WorkflowGuards.ExecutionPerformed.Id] = ExecutionPerformed,
        [WorkflowGuards.ClosingReportApproved.Id] = c =>
            !c.Actor.Is(Roles.UnitHead) && !c.Actor.Is(Roles.AgencyHead) ? "结案报告须经负责人批准，当前账号无审批权限。"
            : c.File.Text(FactKeys.ClosingReport) is { Length: >= 10 } ? null : "尚未录入结案报告（至少 10 字）。",
        [WorkflowGuards.ArchiveSealed.Id] = c => c.ArchiveProblem,
        [WorkflowGuards.SummaryAmountLimit.Id] = SummaryLimit,
        [WorkflowGuards.SummaryDecisionDelivered.Id] = c => Need(c, FactKeys.SummaryDecisionDelivered, yes: true),
        [WorkflowGuards.OnSpotCollectionAllowed.Id] = c =>
            c.File.Amount(FactKeys.FineAmount) is { } fine && fine <= c.Law.OnSpotCollectionLimit || c.File.Has(FactKeys.HardToExecute)
                ? null
                : $"罚款超过{c.Law.OnSpotCollectionLimit}元，且未记录不当场收缴事后难以执行的情形，不得当场收缴（《行政处罚法》第六十八条）。",
        [WorkflowGuards.CollectionReceipt.Id] = c => Need(c, FactKeys.ReceiptNumber),
        [WorkflowGuards.CollectionRemitted.Id] = CollectionRemitted,
        [WorkflowGuards.SummaryFiled.Id] = c => Need(c, FactKeys.FiledOn),
        [WorkflowGuards.CoercionApproved.Id] = c =>
            c.Transition.From == "approve" && !c.Actor.Is(Roles.AgencyHead) ? "查封、扣押须经行政机关负责人批准，当前账号不是行政机关负责人。"
            : Need(c, FactKeys.CoercionApprovedBy),
        [WorkflowGuards.CoercionEmergency.Id] = c => Need(c, FactKeys.CoercionEmergency),
        [WorkflowGuards.CoercionRatified.Id] = CoercionRatified,
        [WorkflowGuards.CoercionOnSiteProcedure.Id] = c => Need(c, FactKeys.CoercionOnSiteProcedure, yes: true),
        [WorkflowGuards.CoercionOnSiteRecord.Id] = c => Need(c, FactKeys.CoercionOnSiteRecord, yes: true),
        [WorkflowGuards.SeizureDocumentsDelivered.Id] = c => Need(c, FactKeys.SeizureDocumentsDelivered, yes: true),
        [WorkflowGuards.CoercionWithinTerm.Id] = CoercionWithinTerm,
        [WorkflowGuards.CoercionReleaseGrounds.Id] = c => Need(c, FactKeys.ReleaseGrounds),
        [WorkflowGuards.InspectionTargetsDrawn.Id] = c => Need(c, FactKeys.InspectionDraw),
        [WorkflowGuards.InspectionRecordSigned.Id] = c => Need(c, FactKeys.InspectionRecordSigned, yes: true),
        [WorkflowGuards.RectificationVerified.Id] = c => Need(c, FactKeys.RectificationVerifiedOn),
        [WorkflowGuards.PublicationRedacted.Id] = c => Need(c, FactKeys.PublicationRedacted, yes: true),
        [WorkflowGuards.MaterialsComplete.Id] = c => Need(c, FactKeys.MaterialsComplete, yes: true),
        [WorkflowGuards.SupplementNotifiedOnce.Id] = c => Need(c, FactKeys.SupplementNotice),
        [WorkflowGuards.LicensingHearingRequested.Id] = LicensingHearingRequested,
        [WorkflowGuards.RefusalReasons.Id] = c => c.File.Text(FactKeys.DecisionKind) switch
        {
            null => "尚未录入决定类型（准予许可或不予许可）。",
            "不予许可" => Need(c, FactKeys.DecisionReasons),
            _ => null,
        },
        [WorkflowGuards.InjuryApplicationInTime.Id] = InjuryInTime,
        [WorkflowGuards.InjuryMaterialsComplete.Id] = c => Need(c, FactKeys.InjuryMaterials, yes: true),
    };

    public static bool IsBound(string guardId) => Checks.ContainsKey(guardId);

    /// <summary>Runs every guard of the transition; the refusals in table order (empty when the move is allowed).</summary>
    public static IReadOnlyList<Refusal> Check(GuardContext context) =>
    [
        .. context.Transition.Guards
            .Select(g => (g, reason: Checks.TryGetValue(g.Id, out var check)
                ? check(context)
                : $"条件“{g.Id}”尚未实现检查，出于安全不予通过。"))
            .Where(x => x.reason is not null)
            .Select(x => new Refusal(x.g.Id, x.g.Description, x.reason!)),
    ];

    /// <summary>Null when the fact is recorded (and, for <paramref name="yes"/>, recorded as 是); else what is missing.</summary>
    private static string? Need(GuardContext c, FactKey key, bool yes = false) =>
        !c.File.Has(key) ? $"尚未记录“{key.Label}”。"
        : yes && !c.File.Yes(key) ? $"“{key.Label}”记录为“否”。"
        : null;

    private static string? TwoCertifiedOfficers(GuardContext c)
    {
        var problems = new List<string>();
        var qualified = 0;
        foreach (var officer in c.Case.ActiveOfficers)
        {
            var problem = c.Certificates.TryGetValue(officer.OfficerId, out var entry)
                ? entry.CheckAssignable(c.Today, c.Field)
                : $"{officer.Name}不在本机关{Text(c.Today)}施行的执法人员名单中。";
            if (problem is null)
            {
                qualified++;
            }
            else
            {
                problems.Add(problem);
            }
        }

        if (qualified >= 2)
        {
            return null;
        }

        var head = $"执法人员不得少于两人（《行政处罚法》第四十二条），本案{Text(c.Today)}具备执法资格的承办人员只有 {qualified} 名";
        return problems.Count == 0 ? head + "。" : head + "：" + string.Join("", problems);
    }

    private static string? RecusalHonoured(GuardContext c)
    {
        var undeclared = c.Case.ActiveOfficers.Where(o => o.RecusalDeclaredAtUtc is null).Select(o => o.Name).ToList();
        if (undeclared.Count > 0)
        {
            return $"{string.Join("、", undeclared)}尚未声明是否存在应当回避的情形（《行政处罚法》第四十三条）。";
        }

        if (c.Actor.OfficerId is { } me && c.Case.Officers.Any(o => o.OfficerId == me && o.Recused))
        {
            return "您已在本案中回避，不得办理本案。";
        }

        return null;
    }

    private static string? Limitation(GuardContext c)
    {
        var ends = LimitationEnds(c.Case.OccurredOn, c.Case.ActEndedOn, c.Case.SeriousHarm);
        return c.Case.OpenedOn <= ends
            ? null
            : $"违法行为{(c.Case.ActEndedOn is null ? "发生" : "终了")}于{Text(c.Case.ActEndedOn ?? c.Case.OccurredOn)}，至{Text(c.Case.OpenedOn)}发现时已超过{(c.Case.SeriousHarm ? "五" : "二")}年追责时效（{Text(ends)}届满），依法不再给予行政处罚（《行政处罚法》第三十六条）。";
    }

    private static string? PreservationDecided(GuardContext c)
    {
        if ((Need(c, FactKeys.PreservationDecision) ?? Need(c, FactKeys.PreservationDecidedOn)) is { } missing)
        {
            return missing;
        }

        var start = c.File.EnteredOn("preserve", c.Procedure.Start) ?? c.Today;
        var due = End(c.Calendar, start, 7, PeriodUnit.WorkingDays).Due;
        return c.File.Date(FactKeys.PreservationDecidedOn) <= due ? null
            : $"先行登记保存于{Text(start)}，应当在七个工作日内（{Text(due)}前）作出处理决定（《行政处罚法》第五十六条）。";
    }

    private static string? NoticeServed(GuardContext c)
    {
        if ((Need(c, FactKeys.PenaltyKinds) ?? Need(c, FactKeys.NoticeServedOn) ?? Need(c, FactKeys.NoticeRightsTold, yes: true)) is { } missing)
        {
            return missing;
        }

        if (c.File.PenaltyKinds(FactKeys.PenaltyKinds).Contains(PenaltyKind.Fine) && !c.File.Has(FactKeys.FineAmount))
        {
            return "拟给予罚款，但尚未记录罚款金额。";
        }

        var served = c.File.Date(FactKeys.NoticeServedOn)!.Value;
        if ((c.Case.RegisteredOn ?? c.File.CompletedOn("register")) is { } registered && served < registered)
        {
            return $"告知书送达日期{Text(served)}早于立案日期{Text(registered)}，请核对。";
        }

        return served > c.Today ? $"告知书送达日期{Text(served)}晚于今天，请核对。" : null;
    }

    private static string? StatementHeard(GuardContext c)
    {
        if (!c.File.Has(FactKeys.Statement) && !c.File.Yes(FactKeys.StatementWaived))
        {
            return "尚未记录当事人的陈述、申辩意见及复核结果，也没有当事人书面放弃的记录（《行政处罚法》第四十五条）。";
        }

        if (c.Procedure.Procedure == ProcedureKind.SummaryPenalty || c.File.Yes(FactKeys.StatementWaived))
        {
            return null;
        }

        if (!HearingQualifies(c))
        {
            return null;
        }

        // The party may still ask for a hearing: wait until the five working days after service have passed.
        var served = c.File.Date(FactKeys.NoticeServedOn) ?? c.Today;
        var window = End(c.Calendar, served, 5, PeriodUnit.WorkingDays);
        if (c.File.Date(FactKeys.HearingRequestedOn) is { } requested && requested <= window.Due)
        {
            return $"当事人已于{Text(requested)}申请听证，应当组织听证，不得径行提交审核或作出决定（《行政处罚法》第六十三条）。";
        }

        return c.Today > window.Due ? null
            : $"听证申请期限尚未届满：告知书于{Text(served)}送达，当事人可在五个工作日内（{Text(window.Due)}前）要求听证。";
    }

    /// <summary>《行政处罚法》第六十三条: the kinds of penalty for which the party must be told of the right to a hearing.</summary>
    public static bool HearingQualifies(GuardContext c) =>
        HearingQualifies(c.File.PenaltyKinds(FactKeys.PenaltyKinds), c.File.Amount(FactKeys.FineAmount), c.File.Amount(FactKeys.ConfiscationAmount),
            c.Case.Party.Kind, c.Law);

    public static bool HearingQualifies(IReadOnlyCollection<PenaltyKind> kinds, long? fine, long? confiscation, PartyKind party, LawSettings law)
    {
        var threshold = law.HearingThreshold(party);
        return kinds.Any(k => k is PenaltyKind.LowerQualification or PenaltyKind.RevokeLicence or PenaltyKind.RestrictBusiness
                   or PenaltyKind.SuspendProduction or PenaltyKind.OrderClosure or PenaltyKind.RestrictPractice)
               || kinds.Contains(PenaltyKind.Fine) && fine >= threshold
               || (kinds.Contains(PenaltyKind.ConfiscateIllegalGains) || kinds.Contains(PenaltyKind.ConfiscateIllegalProperty)) && confiscation >= threshold;
    }

    private static string? HearingRequestedInTime(GuardContext c)
    {
        if ((Need(c, FactKeys.HearingRequestedOn) ?? Need(c, FactKeys.NoticeServedOn)) is { } missing)
        {
            return missing;
        }

        var served = c.File.Date(FactKeys.NoticeServedOn)!.Value;
        var requested = c.File.Date(FactKeys.HearingRequestedOn)!.Value;
        var due = End(c.Calendar, served, 5, PeriodUnit.WorkingDays).Due;
        return requested < served ? $"听证申请日期{Text(requested)}早于告知书送达日期{Text(served)}，请核对。"
            : requested > due ? $"当事人于{Text(requested)}申请听证，已超过告知书送达后五个工作日的期限（{Text(due)}届满），视为放弃听证（《行政处罚法》第六十四条）。"
            : null;
    }

    private static string? HearingNotice(GuardContext c)
    {
        if ((Need(c, FactKeys.HearingNoticeServedOn) ?? Need(c, FactKeys.HearingAt) ?? Need(c, FactKeys.HearingPlace)) is { } missing)
        {
            return missing;
        }

        var notice = c.File.Date(FactKeys.HearingNoticeServedOn)!.Value;
        var hearing = DateOnly.FromDateTime(c.File.DateTime(FactKeys.HearingAt)!.Value);
        var earliest = End(c.Calendar, notice, 7, PeriodUnit.WorkingDays).Due;
        return hearing >= earliest ? null
            : $"听证通知书于{Text(notice)}送达，听证应在七个工作日之后（不早于{Text(earliest)}）举行，现定于{Text(hearing)}（《行政处罚法》第六十四条）。";
    }

    private static string? HearingChairIndependent(GuardContext c)
    {
        if ((Need(c, FactKeys.HearingChair)) is { } missing)
        {
            return missing;
        }

        var chair = c.File.Officer(FactKeys.HearingChair)!.Value;
        return c.File.OfficerIds.Contains(chair) ? "听证主持人是本案的调查（承办）人员，应当由非本案调查人员主持听证（《行政处罚法》第六十四条）。" : null;
    }

    /// <summary>Participants as recorded, one per line: 姓名（职务）：意见.</summary>
    public static IReadOnlyList<Documents.DiscussionParticipant> Participants(string? text) =>
    [
        .. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var (who, opinion) = line.Split(['：', ':'], 2, StringSplitOptions.TrimEntries) is [var w, var o] ? (w, o) : (line, null);
            var open = who.IndexOfAny(['（', '(']);
            return open > 0
                ? new Documents.DiscussionParticipant(who[..open].Trim(), who[(open + 1)..].TrimEnd('）', ')').Trim(), string.IsNullOrWhiteSpace(opinion) ? null : opinion)
                : new Documents.DiscussionParticipant(who, "", string.IsNullOrWhiteSpace(opinion) ? null : opinion);
        }),
    ];

    /// <summary>REV-5: a collective discussion with its time, place, chair and recorder, a quorum of heads each with an opinion, and a conclusion.</summary>
    private static string? DiscussionRecorded(GuardContext c)
    {
        foreach (var key in new[] { FactKeys.DiscussionAt, FactKeys.DiscussionPlace, FactKeys.DiscussionChair, FactKeys.DiscussionParticipants,
                     FactKeys.DiscussionRecorder, FactKeys.DiscussionConclusion, FactKeys.DiscussionDecision })
        {
            if (Need(c, key) is { } missing)
            {
                return missing;
            }
        }

        var participants = Participants(c.File.Text(FactKeys.DiscussionParticipants));
        if (participants.Count < c.Law.DiscussionQuorum)
        {
            return $"集体讨论应当有本机关负责人{c.Law.DiscussionQuorum}人以上参加，记录中只有{participants.Count}人。";
        }

        if (participants.FirstOrDefault(p => p.Post.Length == 0 || p.Opinion is null) is { } bare)
        {
            return $"参加人员“{bare.Name}”的{(bare.Post.Length == 0 ? "职务" : "意见")}未记录（每行一人：姓名（职务）：意见）。";
        }

        return null;
    }

    /// <summary>REV-5: once a case was discussed, the decision follows the discussion's conclusion (kind and fine).</summary>
    private static string? DiscussionFollowed(GuardContext c)
    {
        if (!c.File.Visited("discuss"))
        {
            return null;
        }

        var concluded = c.File.Text(FactKeys.DiscussionDecision);
        var decided = c.File.Text(FactKeys.DecisionKind);
        if (decided is not null && concluded != decided)
        {
            return $"集体讨论决定“{concluded}”，拟作出的是“{decided}”，决定应当与集体讨论的结论一致。";
        }

        return c.File.Amount(FactKeys.DiscussionFine) is { } fine && c.File.Amount(FactKeys.FineAmount) is { } amount && fine != amount
            ? $"集体讨论决定罚款{fine:N0}元，拟决定罚款{amount:N0}元，决定应当与集体讨论的结论一致。"
            : null;
    }

    /// <summary>
    /// REV-1, the gate at the decision itself: whatever path the case took, a decision that needs review is made only
    /// after a passed review of what is now decided (a penalty changed since is reviewed again).
    /// </summary>
    private static string? ReviewGate(GuardContext c)
    {
        var reasons = ReviewRules.Reasons(c);
        if (reasons.Count == 0)
        {
            return null;
        }

        var passed = c.Case.Steps.Where(s => s.From == "review").MaxBy(s => s.Sequence) is { To: "decide" or "discuss" } exit ? exit : null;
        if (passed is null || c.File.Text(FactKeys.ReviewOpinion) != "同意")
        {
            return $"本案应当进行法制审核（{string.Join("；", reasons)}），尚未审核通过，不得作出决定。";
        }

        var changed = Review.ReviewRounds.ChangedSince(c.Case, passed.AtUtc);
        return changed.Count == 0 ? null
            : $"法制审核通过后，{string.Join("、", changed)}又有变化，审核意见不再适用于拟作出的决定，请退回重新审核。";
    }

    private static string? ReviewerIndependent(GuardContext c) =>
        !c.Actor.Is(Roles.Reviewer) ? "法制审核须由本机关的法制审核人员办理，当前账号不是法制审核人员。" : ReviewerConflict(c.Case, c.File, c.Actor);

    /// <summary>
    /// REV-5, 办审分离: why <paramref name="actor"/> may not review the case — they handle it, declared a conflict, or acted
    /// in a step of it other than the review itself; null when they may.
    /// </summary>
    public static string? ReviewerConflict(Case @case, CaseFile file, CaseActor actor)
    {
        if (actor.OfficerId is { } me && file.OfficerIds.Contains(me))
        {
            return "您是本案的承办人员，不得审核本案（办审分离）。";
        }

        if (Review.ReviewRounds.Recusals(@case).FirstOrDefault(r => r.AccountId == actor.AccountId) is { } recused)
        {
            return $"您已声明回避本案的法制审核（{recused.Reason}），不得审核本案。";
        }

        return @case.Steps.FirstOrDefault(s => s.ActorId == actor.AccountId && s.From != Review.ReviewRounds.Step) is { } acted
            ? $"您办理过本案的“{Procedures.For(@case.Procedure).Step(acted.From).Name}”环节，不得审核本案（办审分离）。"
            : null;
    }

    private static string? DecisionSeparateDuties(GuardContext c)
    {
        if (!c.Actor.Is(Roles.AgencyHead))
        {
            return "决定须由行政机关负责人作出，当前账号不是行政机关负责人。";
        }

        if (c.Actor.OfficerId is { } me)
        {
            if (c.File.OfficerIds.Contains(me))
            {
                return "您是本案的承办人员，不得作出本案决定（办、审、定分离）。";
            }

            if (c.ReviewerOfficerId == me)
            {
                return "您审核了本案，不得作出本案决定（办、审、定分离）。";
            }
        }

        return null;
    }

    /// <summary>
    /// The time limit of the decision step from the procedure table, with the approved extension (at most what the table
    /// or the agency's settings allow), and the day it ends.
    /// </summary>
    public static (PeriodEnd End, TimeLimit Limit, int Extended)? DecisionDue(CaseFile file, WorkflowDefinition procedure, WorkdayCalendar calendar, LawSettings law)
    {
        if (!procedure.HasStep("decide") || procedure.Step("decide").TimeLimit is not { } limit)
        {
            return null;
        }

        var start = limit.From.Moment == StepMoment.Completed ? file.CompletedOn(limit.From.Step) : file.EnteredOn(limit.From.Step, procedure.Start);
        if (start is null)
        {
            return null;
        }

        var amount = procedure.Procedure == ProcedureKind.GeneralPenalty ? law.DecisionDays : limit.Amount;
        var allowed = procedure.Procedure == ProcedureKind.GeneralPenalty ? law.DecisionExtensionDays : (limit.Extension?.Amount ?? 0) * (limit.Extension?.Times ?? 0);
        var extended = file.Has(FactKeys.ExtensionApproval) ? Math.Min(file.Days(FactKeys.ExtensionDays) ?? 0, allowed) : 0;
        return (End(calendar, start.Value, amount + extended + ExcludedDays(file, procedure, law), limit.Unit), limit, extended);
    }

    /// <summary>
    /// Days left out of the general procedure's decision period: only where the agency's sector rules exclude suspension,
    /// hearing, announcement and testing periods, and only with their reason recorded.
    /// </summary>
    public static int ExcludedDays(CaseFile file, WorkflowDefinition procedure, LawSettings law) =>
        procedure.Procedure == ProcedureKind.GeneralPenalty && law.ExcludeSuspendedPeriods && file.Has(FactKeys.ExcludedReason)
            ? file.Days(FactKeys.ExcludedDays) ?? 0
            : 0;

    private static string? RegistrationWithinLimit(GuardContext c)
    {
        if (c.Law.RegistrationWorkingDays <= 0)
        {
            return null;
        }

        var lead = c.File.Date(FactKeys.RegistrationLeadOn) ?? c.Case.OpenedOn;
        if (lead > c.Today)
        {
            return $"发现线索或者收到材料的日期{Text(lead)}晚于今天，请核对。";
        }

        var days = c.Law.RegistrationWorkingDays * (c.File.Has(FactKeys.RegistrationExtension) ? 2 : 1);
        var due = End(c.Calendar, lead, days, PeriodUnit.WorkingDays).Due;
        // Testing, inspection, quarantine and appraisal time is not counted: the period moves by that many calendar days.
        if (c.File.Days(FactKeys.RegistrationExcludedDays) is > 0 and var excluded)
        {
            due = due.AddDays(excluded);
        }

        return c.Today <= due || c.File.Has(FactKeys.RegistrationLateReason) ? null
            : $"自发现线索或者收到材料之日（{Text(lead)}）起{days}个工作日内应当决定是否立案，已于{Text(due)}届满（{c.Law.SectorRules}）；"
              + (c.File.Has(FactKeys.RegistrationExtension) ? "" : "特殊情况经负责人批准可延长一次，") + "逾期立案的，请写明原因。";
    }

    private static string? DecisionWithinLimit(GuardContext c)
    {
        if (DecisionDue(c.File, c.Procedure, c.Calendar, c.Law) is not { } due)
        {
            return null;
        }

        if (c.File.Days(FactKeys.ExtensionDays) is { } asked && !c.File.Has(FactKeys.ExtensionApproval))
        {
            return $"申请延长办案期限{asked}日，但没有负责人批准的记录，不计入延长。";
        }

        if (c.File.Days(FactKeys.ExcludedDays) is > 0 and var excluded)
        {
            if (!c.Law.ExcludeSuspendedPeriods)
            {
                return $"本机关适用的规定（《行政处罚法》第六十条）没有将听证、检测等期间排除在办案期限之外，记录的{excluded}日不能扣除。";
            }

            if (!c.File.Has(FactKeys.ExcludedReason))
            {
                return $"记录了{excluded}日不计入办案期限，但没有写明事由和起止日期。";
            }
        }

        return c.Today <= due.End.Due ? null
            : $"已超过作出决定的法定期限：{due.Limit.Sentence.TrimEnd('。')}，{(due.Extended > 0 ? $"经批准延长{due.Extended}日，" : "")}应于{Text(due.End.Due)}前作出（{due.Limit.Basis}）；如确需延长，应当经负责人批准并记录。";
    }

    private static string? WithinBenchmark(GuardContext c) => BenchmarkProblem(c.File, c.Item);

    /// <summary>
    /// Whether the penalty recorded lies in the chosen tier of the item's discretion benchmark, or carries a written reason:
    /// null when it does (or nothing is there to check), otherwise the problem in Chinese. Serves the decision guard and
    /// the legal review's checklist.
    /// </summary>
    public static string? BenchmarkProblem(CaseFile file, EnforcementItem? item)
    {
        if (file.Text(FactKeys.DecisionKind) is not (null or "给予行政处罚"))
        {
            return null;
        }

        var kinds = file.PenaltyKinds(FactKeys.PenaltyKinds);
        if (kinds.Count == 0)
        {
            return "尚未记录处罚种类。";
        }

        if (file.Has(FactKeys.BenchmarkReason))
        {
            return null;
        }

        if (item is null || item.Discretion.Count == 0)
        {
            return null;
        }

        var tierName = file.Text(FactKeys.BenchmarkTier);
        var tier = item.Discretion.FirstOrDefault(t => t.Tier == tierName);
        if (tier is null)
        {
            return $"尚未选择适用的裁量基准档次（{string.Join("、", item.Discretion.Select(t => t.Tier))}），也没有书面说明理由。";
        }

        if (file.Amount(FactKeys.FineAmount) is { } fine && kinds.Contains(PenaltyKind.Fine))
        {
            var ranges = tier.Penalties.Where(p => p.Kind == PenaltyKind.Fine && p.MultipleOf is null && (p.Unit is null or "元")).ToList();
            if (ranges.Count > 0 && !ranges.Any(r => (r.Minimum ?? 0) <= fine && fine <= (r.Maximum ?? long.MaxValue)))
            {
                return $"罚款{fine:N0}元不在裁量基准“{tier.Tier}”档次的幅度内（{string.Join("；", ranges.Select(r => r.Describe()))}），应当书面说明理由。";
            }
        }

        return null;
    }

    private static string? DecisionComplete(GuardContext c)
    {
        var missing = new List<string>();
        var party = c.Case.Party;
        if (string.IsNullOrWhiteSpace(party.Name) || string.IsNullOrWhiteSpace(party.Address) ||
            (party.Kind == PartyKind.Person ? string.IsNullOrWhiteSpace(party.IdNumber) : string.IsNullOrWhiteSpace(party.CreditCode)))
        {
            missing.Add("当事人的姓名或者名称、身份证件号码或统一社会信用代码、地址");
        }

        var kind = c.File.Text(FactKeys.DecisionKind);
        if (kind is null)
        {
            missing.Add(FactKeys.DecisionKind.Label);
        }

        foreach (var key in kind == "给予行政处罚"
                     ? new[] { FactKeys.DecisionFacts, FactKeys.DecisionBasis, FactKeys.DecisionPerformance, FactKeys.DecisionRemedy }
                     : [FactKeys.DecisionFacts, FactKeys.DecisionRemedy])
        {
            if (!c.File.Has(key))
            {
                missing.Add(key.Label);
            }
        }

        if (kind == "给予行政处罚" && c.Case.Evidence.Count == 0)
        {
            missing.Add("证据（本案尚未登记任何证据）");
        }

        // The licence a penalty suspends or revokes, and when a suspension ends, belong to the decision's content (the
        // kind and the measure of the penalty) and to the 双公示 record.
        var penaltyKinds = kind == "给予行政处罚" ? c.File.PenaltyKinds(FactKeys.PenaltyKinds) : [];
        if (penaltyKinds.Any(k => k is PenaltyKind.SuspendLicence or PenaltyKind.RevokeLicence) && !c.File.Has(FactKeys.PenaltyLicence))
        {
            missing.Add($"{FactKeys.PenaltyLicence.Label}（处罚种类含暂扣或吊销许可证件）");
        }

        if (penaltyKinds.Contains(PenaltyKind.SuspendLicence) && !c.File.Has(FactKeys.PenaltyEffectiveUntil))
        {
            missing.Add($"{FactKeys.PenaltyEffectiveUntil.Label}（暂扣许可证件的期限）");
        }

        return missing.Count == 0 ? null : $"决定书缺少《行政处罚法》第五十九条规定的事项：{string.Join("；", missing)}。";
    }

    private static string? ServiceRecorded(GuardContext c)
    {
        if ((Need(c, FactKeys.ServiceMethod) ?? Need(c, FactKeys.ServedOn) ?? Need(c, FactKeys.ServiceRecipient)) is { } missing)
        {
            return missing;
        }

        if (c.File.Text(FactKeys.ServiceMethod) == "电子送达" && !c.File.Yes(FactKeys.ElectronicConsent))
        {
            return "电子送达须经当事人书面同意（《行政处罚法》第六十一条），尚无同意的记录。";
        }

        var served = c.File.Date(FactKeys.ServedOn)!.Value;
        var step = c.Procedure.Step(c.Transition.From);
        var decided = c.File.CompletedOn("decide") ?? c.File.EnteredOn(step.Code, c.Procedure.Start);
        if (decided is { } d && served < d)
        {
            return $"送达日期{Text(served)}早于决定日期{Text(d)}，请核对。";
        }

        if (served > c.Today)
        {
            return $"送达日期{Text(served)}晚于今天，请核对。";
        }

        if (step.TimeLimit is { } limit && limit.Unit != PeriodUnit.Hours && decided is { } from)
        {
            var due = End(c.Calendar, from, limit.Amount, limit.Unit).Due;
            if (served > due && !c.File.Has(FactKeys.ServiceLateReason))
            {
                return $"{limit.Sentence.TrimEnd('。')}（{Text(due)}届满），实际送达于{Text(served)}，已逾期；请记录逾期送达的原因（{limit.Basis}）。";
            }
        }

        return null;
    }

    /// <summary>The day a fine falls due: 15 days after service (《行政处罚法》第六十七条), or after an on-the-spot decision.</summary>
    public static PeriodEnd? PaymentDue(CaseFile file, WorkdayCalendar calendar)
    {
        var served = file.Date(FactKeys.ServedOn) ?? (file.Case.Procedure == ProcedureKind.SummaryPenalty ? file.CompletedOn("decide") : null);
        return served is { } s ? End(calendar, s, 15, PeriodUnit.CalendarDays) : null;
    }

    private static string? ExecutionPerformed(GuardContext c)
    {
        if (c.File.Has(FactKeys.CourtEnforcementOn))
        {
            return null;
        }

        var kinds = c.File.PenaltyKinds(FactKeys.PenaltyKinds);
        if (c.File.Amount(FactKeys.FineAmount) is not { } fine || !kinds.Contains(PenaltyKind.Fine))
        {
            return kinds.Count > 0 && !c.File.Has(FactKeys.ExecutionNote) ? $"尚未记录“{FactKeys.ExecutionNote.Label}”。" : null;
        }

        if ((Need(c, FactKeys.PaidOn) ?? Need(c, FactKeys.PaidAmount)) is { } missing)
        {
            return missing + "（或记录申请人民法院强制执行的日期）";
        }

        var paidOn = c.File.Date(FactKeys.PaidOn)!.Value;
        var due = PaymentDue(c.File, c.Calendar)?.Due ?? paidOn;
        var surcharge = LateSurcharge(fine, due, paidOn);
        var owed = fine + surcharge;
        var paid = c.File.Amount(FactKeys.PaidAmount)!.Value;
        return paid >= owed ? null
            : $"罚款{fine:N0}元应于{Text(due)}前缴纳，{Text(paidOn)}缴纳时应加处罚款{surcharge:N2}元（每日3%，不超过罚款数额），合计应缴{owed:N2}元，实缴{paid:N0}元（《行政处罚法》第七十二条）。";
    }

    private static string? SummaryLimit(GuardContext c)
    {
        var kinds = c.File.PenaltyKinds(FactKeys.PenaltyKinds);
        if (kinds.Count == 0)
        {
            return "尚未记录拟处罚种类（简易程序只能给予警告或者罚款）。";
        }

        if (kinds.Any(k => k is not (PenaltyKind.Warning or PenaltyKind.Fine)))
        {
            return "简易程序只能给予警告或者罚款，拟给予的处罚超出范围，应当适用一般程序（《行政处罚法》第五十一条）。";
        }

        if (!kinds.Contains(PenaltyKind.Fine))
        {
            return null;
        }

        var limit = c.Law.SummaryLimit(c.Case.Party.Kind);
        return c.File.Amount(FactKeys.FineAmount) is not { } fine ? "拟给予罚款，但尚未记录罚款金额。"
            : fine > limit ? $"当场处罚对{(c.Case.Party.Kind == PartyKind.Person ? "公民" : "法人或者其他组织")}的罚款不得超过{limit:N0}元，拟罚款{fine:N0}元，应当适用一般程序（《行政处罚法》第五十一条）。"
            : null;
    }

    private static string? CollectionRemitted(GuardContext c)
    {
        if ((Need(c, FactKeys.RemittedOn)) is { } missing)
        {
            return missing;
        }

        var collected = c.File.Date(FactKeys.CollectedOn) ?? c.File.EnteredOn("collect", c.Procedure.Start) ?? c.Today;
        var due = End(c.Calendar, collected, 2, PeriodUnit.WorkingDays).Due;
        var remitted = c.File.Date(FactKeys.RemittedOn)!.Value;
        return remitted <= due ? null
            : $"当场收缴的罚款应当自收缴之日起二个工作日内（{Text(due)}前）交至行政机关，实际于{Text(remitted)}交纳（《行政处罚法》第七十一条）。";
    }

    private static string? CoercionRatified(GuardContext c)
    {
        if ((Need(c, FactKeys.CoercionImplementedAt) ?? Need(c, FactKeys.CoercionRatifiedAt) ?? Need(c, FactKeys.CoercionApprovedBy)) is { } missing)
        {
            return missing;
        }

        var implemented = c.File.DateTime(FactKeys.CoercionImplementedAt)!.Value;
        var ratified = c.File.DateTime(FactKeys.CoercionRatifiedAt)!.Value;
        return ratified - implemented <= TimeSpan.FromHours(24) && ratified >= implemented ? null
            : $"当场实施行政强制措施后，应当在二十四小时内向负责人报告并补办批准手续（{implemented:yyyy-MM-dd HH:mm} 实施，{ratified:yyyy-MM-dd HH:mm} 补办）；负责人认为不应当采取的，应当立即解除（《行政强制法》第十九条）。";
    }

    /// <summary>The day the seizure term ends: 30 days after it began, once extended by up to 30 with approval.</summary>
    public static PeriodEnd? CoercionTermEnds(CaseFile file, WorkdayCalendar calendar)
    {
        var began = file.CompletedOn("implement") ?? file.EnteredOn("implement", "propose");
        if (began is null)
        {
            return null;
        }

        return End(calendar, began.Value, file.Has(FactKeys.CoercionExtensionApproval) ? 60 : 30, PeriodUnit.CalendarDays);
    }

    private static string? CoercionWithinTerm(GuardContext c)
    {
        if (CoercionTermEnds(c.File, c.Calendar) is not { } end)
        {
            return null;
        }

        return c.Today <= end.Due ? null
            : $"查封、扣押期限已于{Text(end.Due)}届满（三十日，{(c.File.Has(FactKeys.CoercionExtensionApproval) ? "已延长一次" : "未经批准延长")}），应当解除查封、扣押（《行政强制法》第二十五条、第二十八条）。";
    }

    private static string? LicensingHearingRequested(GuardContext c)
    {
        if ((Need(c, FactKeys.LicensingHearingToldOn) ?? Need(c, FactKeys.LicensingHearingRequestedOn)) is { } missing)
        {
            return missing;
        }

        var told = c.File.Date(FactKeys.LicensingHearingToldOn)!.Value;
        var requested = c.File.Date(FactKeys.LicensingHearingRequestedOn)!.Value;
        var due = End(c.Calendar, told, 5, PeriodUnit.WorkingDays).Due;
        return requested <= due && requested >= told ? null
            : $"听证申请应在被告知听证权利之日起五个工作日内（{Text(due)}前）提出，实际于{Text(requested)}提出（《行政许可法》第四十七条）。";
    }

    private static string? InjuryInTime(GuardContext c)
    {
        if ((Need(c, FactKeys.InjuryOn) ?? Need(c, FactKeys.InjuryApplicant) ?? Need(c, FactKeys.InjuryAppliedOn)) is { } missing)
        {
            return missing;
        }

        var injured = c.File.Date(FactKeys.InjuryOn)!.Value;
        var applied = c.File.Date(FactKeys.InjuryAppliedOn)!.Value;
        var employer = c.File.Text(FactKeys.InjuryApplicant) == "用人单位";
        var due = employer ? End(c.Calendar, injured, 30, PeriodUnit.CalendarDays).Due : injured.AddYears(1);
        return applied <= due ? null
            : $"{(employer ? "用人单位应当自事故伤害发生之日起三十日内" : "职工或其近亲属、工会组织应当自事故伤害发生之日起一年内")}提出工伤认定申请（{Text(due)}届满），实际于{Text(applied)}提出（《工伤保险条例》第十七条）。";
    }
}
