using Sanxiang.Core.Accounts;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Evidence;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Tests.Cases;

/// <summary>The law of case handling as pure rules: periods, surcharge, limitation, and each guard blocking and allowing.</summary>
public sealed class CaseRulesTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;
    private static readonly Guid Lead = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();
    private static readonly Guid Reviewer = Guid.NewGuid();

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Working_day_periods_skip_the_national_day_holidays_and_count_the_adjusted_saturday()
    {
        // Served on Wednesday 30 September 2026: 1-7 October are holidays, Saturday 10 October is a working day.
        Assert.Equal(new PeriodEnd(D("2026-10-13"), false), LegalPeriods.End(Calendar, D("2026-09-30"), 5, PeriodUnit.WorkingDays));
        Assert.Equal(D("2026-10-12"), LegalPeriods.End(Calendar, D("2026-09-30"), 4, PeriodUnit.WorkingDays).Due);
    }

    [Fact]
    public void A_calendar_period_ending_on_a_holiday_ends_on_the_next_working_day()
    {
        Assert.Equal(D("2026-10-08"), LegalPeriods.End(Calendar, D("2026-09-20"), 15, PeriodUnit.CalendarDays).Due);
        Assert.Equal(D("2026-06-30"), LegalPeriods.End(Calendar, D("2026-06-15"), 15, PeriodUnit.CalendarDays).Due);
    }

    [Fact]
    public void A_period_running_into_an_unpublished_year_is_counted_with_weekends_and_marked_provisional()
    {
        var end = LegalPeriods.End(Calendar, D("2026-11-27"), 90, PeriodUnit.CalendarDays);
        Assert.True(end.Provisional);
        Assert.Equal(D("2027-02-25"), end.Due);
        var working = LegalPeriods.End(Calendar, D("2026-12-28"), 7, PeriodUnit.WorkingDays);
        Assert.True(working.Provisional);
        Assert.Equal(D("2027-01-06"), working.Due);
        Assert.False(LegalPeriods.End(Calendar, D("2026-11-27"), 7, PeriodUnit.WorkingDays).Provisional);
    }

    [Fact]
    public void Days_left_count_working_days_for_working_day_periods_and_overdue_days_as_calendar_days()
    {
        Assert.Equal(5, LegalPeriods.DaysLeft(Calendar, D("2026-09-30"), D("2026-10-13"), PeriodUnit.WorkingDays));
        Assert.Equal(13, LegalPeriods.DaysLeft(Calendar, D("2026-09-30"), D("2026-10-13"), PeriodUnit.CalendarDays));
        Assert.Equal(-2, LegalPeriods.DaysLeft(Calendar, D("2026-10-15"), D("2026-10-13"), PeriodUnit.WorkingDays));
    }

    [Fact]
    public void The_late_surcharge_is_three_percent_a_day_and_never_more_than_the_fine()
    {
        Assert.Equal(0m, LegalPeriods.LateSurcharge(1000, D("2026-03-02"), D("2026-03-02")));
        Assert.Equal(300m, LegalPeriods.LateSurcharge(1000, D("2026-03-02"), D("2026-03-12")));
        Assert.Equal(1000m, LegalPeriods.LateSurcharge(1000, D("2026-03-02"), D("2026-06-01")));
        Assert.Equal(1.05m, LegalPeriods.LateSurcharge(35, D("2026-03-02"), D("2026-03-03")));
    }

    [Fact]
    public void Limitation_is_two_years_five_with_serious_harm_counted_from_the_end_of_a_continuing_act()
    {
        Assert.Equal(D("2026-03-01"), LegalPeriods.LimitationEnds(D("2024-03-01"), null, false));
        Assert.Equal(D("2029-03-01"), LegalPeriods.LimitationEnds(D("2024-03-01"), null, true));
        Assert.Equal(D("2027-05-01"), LegalPeriods.LimitationEnds(D("2024-03-01"), D("2025-05-01"), false));
    }

    [Fact]
    public void Every_guard_named_by_a_procedure_table_has_a_check()
    {
        var unbound = Procedures.All.SelectMany(p => p.Guards).Select(g => g.Id).Distinct().Where(id => !CaseGuards.IsBound(id)).ToList();
        Assert.Empty(unbound);
    }

    [Fact]
    public void Registration_is_refused_after_the_limitation_and_allowed_within_it()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "register");
        c.OccurredOn = D("2024-03-01");
        c.OpenedOn = D("2026-03-02");
        Record(c, FactKeys.RegistrationOpinion, "同意立案");
        Declare(c);
        var refusal = Assert.Single(Check(c, "register", "investigate", Head(), D("2026-03-02")));
        Assert.Equal(WorkflowGuards.LimitationNotExpired.Id, refusal.GuardId);
        Assert.Contains("二年", refusal.Reason, StringComparison.Ordinal);

        c.SeriousHarm = true;
        Assert.Empty(Check(c, "register", "investigate", Head(), D("2026-03-02")));
    }

    [Fact]
    public void Registration_needs_every_officer_to_have_declared_on_recusal_and_a_head_to_approve()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "register");
        Record(c, FactKeys.RegistrationOpinion, "同意立案");
        var refusals = Check(c, "register", "investigate", Head(), D("2026-03-02"));
        Assert.Contains(refusals, r => r.GuardId == WorkflowGuards.RecusalHonoured.Id && r.Reason.Contains("尚未声明", StringComparison.Ordinal));

        Declare(c);
        var officer = new CaseActor(Guid.NewGuid(), [Roles.Officer], Lead, "张");
        Assert.Equal(CaseEngine.RoleRule, Assert.Single(CaseEngine.Check(Context(c, "register", "investigate", officer, D("2026-03-02")))).GuardId);
        Assert.Empty(Check(c, "register", "investigate", Head(), D("2026-03-02")));
    }

    [Fact]
    public void Investigation_needs_two_officers_certified_on_the_day_in_the_items_field()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "investigate");
        Record(c, FactKeys.CertificateShown, "true");
        Record(c, FactKeys.InvestigationReport, "经查，当事人于2026年2月销售的豇豆经抽检克百威含量超标，货值金额480元。");
        var certificates = Certificates(validTo: D("2027-12-31"));
        Assert.Empty(Check(c, "investigate", "examine", OfficerActor(), D("2026-03-10"), certificates));

        // One certificate expired: only one qualified officer is left.
        certificates[Second] = Entry(Second, "李四", D("2026-03-01"), ["食品安全"]);
        var expired = Assert.Single(Check(c, "investigate", "examine", OfficerActor(), D("2026-03-10"), certificates));
        Assert.Equal(WorkflowGuards.TwoCertifiedOfficers.Id, expired.GuardId);
        Assert.Contains("已于 2026年3月1日到期", expired.Reason, StringComparison.Ordinal);

        // A certificate without the item's field does not count either.
        certificates[Second] = Entry(Second, "李四", D("2027-12-31"), ["价格监督检查"]);
        Assert.Contains("不含“食品安全”", Assert.Single(Check(c, "investigate", "examine", OfficerActor(), D("2026-03-10"), certificates)).Reason, StringComparison.Ordinal);

        // A recused officer does not count, and may not act.
        certificates[Second] = Entry(Second, "李四", D("2027-12-31"), ["食品安全"]);
        c.Officers.Single(o => o.OfficerId == Second).Recused = true;
        Assert.Contains("只有 1 名", Assert.Single(Check(c, "investigate", "examine", OfficerActor(), D("2026-03-10"), certificates)).Reason, StringComparison.Ordinal);
        var recused = new CaseActor(Guid.NewGuid(), [Roles.Officer], Second, "李四");
        Assert.Equal(CaseEngine.HandlerRule, Assert.Single(CaseEngine.Check(Context(c, "investigate", "examine", recused, D("2026-03-10"), certificates))).GuardId);
    }

    [Fact]
    public void The_notice_cannot_have_been_served_before_the_case_was_registered_nor_after_today()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "examine");
        c.RegisteredOn = D("2026-03-02");
        Record(c, FactKeys.PenaltyKinds, "Fine");
        Record(c, FactKeys.FineAmount, "5000");
        Record(c, FactKeys.NoticeRightsTold, "true");
        Record(c, FactKeys.NoticeServedOn, "2026-03-01");
        Assert.Equal("告知书送达日期2026年3月1日早于立案日期2026年3月2日，请核对。",
            Assert.Single(Check(c, "examine", "notify", Head(), D("2026-03-10"))).Reason);
        Record(c, FactKeys.NoticeServedOn, "2026-03-11");
        Assert.Contains("晚于今天", Assert.Single(Check(c, "examine", "notify", Head(), D("2026-03-10"))).Reason, StringComparison.Ordinal);
        Record(c, FactKeys.NoticeServedOn, "2026-03-02");
        Assert.Empty(Check(c, "examine", "notify", Head(), D("2026-03-10")));
    }

    [Fact]
    public void A_hearing_request_counts_only_within_five_working_days_of_the_notice_and_only_for_qualifying_penalties()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "notify");
        Record(c, FactKeys.PenaltyKinds, "Fine");
        Record(c, FactKeys.FineAmount, "5000");
        Record(c, FactKeys.NoticeServedOn, "2026-09-30");
        Record(c, FactKeys.HearingRequestedOn, "2026-10-13");
        var small = Check(c, "notify", "hearing", OfficerActor(), D("2026-10-14"));
        Assert.Equal(WorkflowGuards.HearingQualifies.Id, Assert.Single(small).GuardId);

        Record(c, FactKeys.FineAmount, "150000");
        Assert.Empty(Check(c, "notify", "hearing", OfficerActor(), D("2026-10-14")));

        Record(c, FactKeys.HearingRequestedOn, "2026-10-14");
        var late = Assert.Single(Check(c, "notify", "hearing", OfficerActor(), D("2026-10-15")));
        Assert.Equal(WorkflowGuards.HearingRequestedInTime.Id, late.GuardId);
        Assert.Contains("2026年10月13日届满", late.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_waits_for_the_hearing_window_and_is_refused_while_a_timely_hearing_request_is_pending()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "notify");
        Record(c, FactKeys.PenaltyKinds, "Fine");
        Record(c, FactKeys.FineAmount, "150000");
        Record(c, FactKeys.NoticeServedOn, "2026-09-30");
        Record(c, FactKeys.Statement, "当事人称系初次违法，请求从轻处罚；经复核，理由不成立。");
        Record(c, FactKeys.ReviewResponsibility, "true");
        Assert.Contains("尚未届满", Assert.Single(Check(c, "notify", "review", OfficerActor(), D("2026-10-13"))).Reason, StringComparison.Ordinal);
        Assert.Empty(Check(c, "notify", "review", OfficerActor(), D("2026-10-14")));
        Record(c, FactKeys.HearingRequestedOn, "2026-10-12");
        Assert.Contains("应当组织听证", Assert.Single(Check(c, "notify", "review", OfficerActor(), D("2026-10-14"))).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hearing_notice_must_reach_the_party_seven_working_days_before_the_hearing_and_the_chair_must_not_have_investigated()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "hearing");
        Record(c, FactKeys.HearingNoticeServedOn, "2026-09-30");
        Record(c, FactKeys.HearingAt, "2026-10-14 09:30");
        Record(c, FactKeys.HearingPlace, "县市场监管局三楼听证室");
        Record(c, FactKeys.HearingChair, Lead.ToString());
        Record(c, FactKeys.HearingRecordSigned, "true");
        Record(c, FactKeys.ReviewResponsibility, "true");
        var refusals = Check(c, "hearing", "review", OfficerActor(), D("2026-10-20"));
        Assert.Contains(refusals, r => r.GuardId == WorkflowGuards.HearingNoticeSevenDays.Id && r.Reason.Contains("不早于2026年10月15日", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.GuardId == WorkflowGuards.HearingChairIndependent.Id);

        Record(c, FactKeys.HearingAt, "2026-10-15 09:30");
        Record(c, FactKeys.HearingChair, Guid.NewGuid().ToString());
        Assert.Empty(Check(c, "hearing", "review", OfficerActor(), D("2026-10-20")));
    }

    [Fact]
    public void The_decision_is_refused_after_ninety_days_unless_an_approved_extension_covers_it()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "decide");
        c.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        c.Steps.Add(new CaseStepRecord { From = "review", To = "decide", Action = "审核通过", On = D("2026-05-20"), Sequence = 2 });
        CompleteDecision(c);
        var head = Head(agencyHead: true);
        Assert.Empty(Check(c, "decide", "serve", head, D("2026-06-01")));
        var late = Assert.Single(Check(c, "decide", "serve", head, D("2026-06-02")));
        Assert.Equal(WorkflowGuards.DecisionWithinLimit.Id, late.GuardId);
        Assert.Contains("应于2026年6月1日前作出", late.Reason, StringComparison.Ordinal);

        Record(c, FactKeys.ExtensionDays, "30");
        Assert.Contains("没有负责人批准", Assert.Single(Check(c, "decide", "serve", head, D("2026-06-02"))).Reason, StringComparison.Ordinal);
        Record(c, FactKeys.ExtensionApproval, "局长王某某于2026年5月25日批准延长三十日，理由：需检验检测");
        Assert.Empty(Check(c, "decide", "serve", head, D("2026-06-02")));
    }

    [Fact]
    public void A_decision_that_suspends_or_revokes_a_licence_names_the_licence_and_a_suspension_its_last_day()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "decide");
        c.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        CompleteDecision(c);
        var head = Head(agencyHead: true);
        IEnumerable<Refusal> Incomplete() => Check(c, "decide", "serve", head, D("2026-04-01")).Where(r => r.GuardId == WorkflowGuards.DecisionDocumentComplete.Id);
        Assert.Empty(Incomplete());

        Record(c, FactKeys.PenaltyKinds, "罚款、吊销许可证件");
        var revoked = Assert.Single(Incomplete());
        Assert.Contains("暂扣或吊销的证照名称及编号（处罚种类含暂扣或吊销许可证件）", revoked.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("处罚有效期至", revoked.Reason, StringComparison.Ordinal);
        Record(c, FactKeys.PenaltyLicence, "食品经营许可证 JY13607360012345");
        Assert.Empty(Incomplete());

        Record(c, FactKeys.PenaltyKinds, "罚款、暂扣许可证件");
        Assert.Contains("处罚有效期至（暂扣许可证件的期限）", Assert.Single(Incomplete()).Reason, StringComparison.Ordinal);
        Record(c, FactKeys.PenaltyEffectiveUntil, "2026-07-01");
        Assert.Empty(Incomplete());
    }

    [Fact]
    public void The_amount_must_lie_in_the_chosen_benchmark_tier_or_carry_a_written_reason()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "decide");
        c.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        CompleteDecision(c);
        Record(c, FactKeys.FineAmount, "90000");
        var refusal = Assert.Single(Check(c, "decide", "serve", Head(agencyHead: true), D("2026-04-01")));
        Assert.Equal(WorkflowGuards.DecisionWithinBenchmark.Id, refusal.GuardId);
        Assert.Contains("不在裁量基准“一般”档次的幅度内", refusal.Reason, StringComparison.Ordinal);
        Record(c, FactKeys.BenchmarkReason, "当事人拒不配合调查，隐匿进货凭证，依照裁量基准第十二条从重处罚。");
        Assert.Empty(Check(c, "decide", "serve", Head(agencyHead: true), D("2026-04-01")));
    }

    [Fact]
    public void Art_59_elements_are_required_and_the_decider_may_not_have_handled_or_reviewed_the_case()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "decide");
        c.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        Record(c, FactKeys.PenaltyKinds, "Fine");
        Record(c, FactKeys.FineAmount, "60000");
        Record(c, FactKeys.BenchmarkTier, "一般");
        Record(c, FactKeys.DecisionKind, "给予行政处罚");
        var incomplete = Assert.Single(Check(c, "decide", "serve", Head(agencyHead: true), D("2026-04-01")));
        Assert.Contains("违法事实和证据", incomplete.Reason, StringComparison.Ordinal);
        Assert.Contains("申请行政复议", incomplete.Reason, StringComparison.Ordinal);
        Assert.Contains("本案尚未登记任何证据", incomplete.Reason, StringComparison.Ordinal);

        CompleteDecision(c);
        Assert.Empty(Check(c, "decide", "serve", Head(agencyHead: true), D("2026-04-01")));
        var handler = new CaseActor(Guid.NewGuid(), [Roles.AgencyHead], Lead, "张三");
        Assert.Contains("办、审、定分离", Assert.Single(Check(c, "decide", "serve", handler, D("2026-04-01"))).Reason, StringComparison.Ordinal);
        var reviewer = new CaseActor(Guid.NewGuid(), [Roles.AgencyHead], Reviewer, "审核人");
        Assert.Contains("您审核了本案", Assert.Single(Check(c, "decide", "serve", reviewer, D("2026-04-01"), reviewerOfficer: Reviewer)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_within_seven_working_days_electronic_only_with_consent()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "serve");
        c.Steps.Add(new CaseStepRecord { From = "decide", To = "serve", Action = "宣告决定", On = D("2026-09-30"), Sequence = 1 });
        Record(c, FactKeys.ServiceMethod, "电子送达");
        Record(c, FactKeys.ServedOn, "2026-10-09");
        Record(c, FactKeys.ServiceRecipient, "王某");
        Assert.Contains("书面同意", Assert.Single(Check(c, "serve", "execute", OfficerActor(), D("2026-10-20"))).Reason, StringComparison.Ordinal);
        Record(c, FactKeys.ElectronicConsent, "true");
        Assert.Empty(Check(c, "serve", "execute", OfficerActor(), D("2026-10-20")));
        Record(c, FactKeys.ServedOn, "2026-10-16");
        Assert.Contains("已逾期", Assert.Single(Check(c, "serve", "execute", OfficerActor(), D("2026-10-20"))).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Execution_counts_the_late_surcharge_from_fifteen_days_after_service()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "execute");
        Record(c, FactKeys.PenaltyKinds, "Fine");
        Record(c, FactKeys.FineAmount, "1000");
        Record(c, FactKeys.ServedOn, "2026-06-15");
        Record(c, FactKeys.PaidOn, "2026-07-10");
        Record(c, FactKeys.PaidAmount, "1000");
        var refusal = Assert.Single(Check(c, "execute", "close", OfficerActor(), D("2026-07-10")));
        Assert.Contains("加处罚款300.00元", refusal.Reason, StringComparison.Ordinal);
        Record(c, FactKeys.PaidAmount, "1300");
        Assert.Empty(Check(c, "execute", "close", OfficerActor(), D("2026-07-10")));
    }

    [Fact]
    public void Summary_procedure_only_for_a_warning_or_small_fines()
    {
        var c = NewCase(ProcedureKind.SummaryPenalty, "identify");
        c.Party = new CaseParty { Kind = PartyKind.Person, Name = "赵某", Address = "安和县城关镇" };
        Record(c, FactKeys.CertificateShown, "true");
        Record(c, FactKeys.PenaltyKinds, "Fine");
        Record(c, FactKeys.FineAmount, "500");
        Assert.Contains("不得超过200元", Assert.Single(Check(c, "identify", "notify", OfficerActor(), D("2026-03-10"))).Reason, StringComparison.Ordinal);
        c.Party.Kind = PartyKind.Organisation;
        Assert.Empty(Check(c, "identify", "notify", OfficerActor(), D("2026-03-10")));
        Record(c, FactKeys.PenaltyKinds, "Fine,SuspendLicence");
        Assert.Contains("应当适用一般程序", Assert.Single(Check(c, "identify", "notify", OfficerActor(), D("2026-03-10"))).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seizure_needs_its_video_and_ends_after_thirty_days_unless_extended_once()
    {
        var c = NewCase(ProcedureKind.CoerciveMeasure, "implement");
        Record(c, FactKeys.CoercionApprovedBy, "局长王某某");
        Record(c, FactKeys.CertificateShown, "true");
        Record(c, FactKeys.CoercionOnSiteProcedure, "true");
        Record(c, FactKeys.CoercionOnSiteRecord, "true");
        Record(c, FactKeys.SeizureDocumentsDelivered, "true");
        Assert.Equal(WorkflowGuards.AudioVisualRecorded.Id, Assert.Single(Check(c, "implement", "decide", OfficerActor(), D("2026-03-10"))).GuardId);
        c.Evidence.Add(new CaseEvidence
        {
            Sha256 = new string('a', 64), Sm3 = new string('b', 64), MediaType = "video/mp4", Kind = EvidenceKind.Video, Title = "扣押现场执法记录仪录像",
            Step = "implement", Place = "安和县城关镇", CollectorName = "张三", Proves = "扣押过程",
        });
        Assert.Empty(Check(c, "implement", "decide", OfficerActor(), D("2026-03-10")));

        var d = NewCase(ProcedureKind.CoerciveMeasure, "decide");
        d.Steps.Add(new CaseStepRecord { From = "implement", To = "decide", Action = "查封扣押完毕", On = D("2026-03-02"), Sequence = 1 });
        Assert.Empty(Check(d, "decide", "close", Head(agencyHead: true), D("2026-04-01")));
        Assert.Contains("已于2026年4月1日届满", Assert.Single(Check(d, "decide", "close", Head(agencyHead: true), D("2026-04-02"))).Reason, StringComparison.Ordinal);
        Record(d, FactKeys.CoercionExtensionApproval, "局长王某某于2026年3月30日批准延长三十日并书面告知当事人");
        Assert.Empty(Check(d, "decide", "close", Head(agencyHead: true), D("2026-04-30")));
    }

    [Fact]
    public void Steps_out_of_order_and_sealed_cases_are_refused_before_any_guard()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "investigate");
        var jump = CaseEngine.BasicRefusal(c, Procedures.GeneralPenalty, "investigate", "decide", Head(agencyHead: true))!;
        Assert.Equal(CaseEngine.TransitionRule, jump.GuardId);
        Assert.Contains("当前处于“调查取证”环节，不能转入“决定”", jump.Reason, StringComparison.Ordinal);
        c.SealedAtUtc = DateTimeOffset.UnixEpoch;
        Assert.Equal(CaseEngine.SealedRule, CaseEngine.BasicRefusal(c, Procedures.GeneralPenalty, "investigate", "examine", OfficerActor())!.GuardId);
    }

    [Fact]
    public void Running_deadlines_show_the_decision_period_and_the_payment_with_its_surcharge()
    {
        var c = NewCase(ProcedureKind.GeneralPenalty, "execute");
        c.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        c.Steps.Add(new CaseStepRecord { From = "decide", To = "serve", Action = "宣告决定", On = D("2026-05-06"), Sequence = 2 });
        c.Steps.Add(new CaseStepRecord { From = "serve", To = "execute", Action = "送达完毕", On = D("2026-05-08"), Sequence = 3 });
        Record(c, FactKeys.FineAmount, "1000");
        var running = CaseDeadlines.Running(c, Calendar, LawSettings.National, D("2026-05-30"));
        var payment = Assert.Single(running);
        Assert.Equal("execute", payment.Step.Code);
        Assert.Equal(D("2026-05-25"), payment.Due);
        Assert.True(payment.Overdue);
        Assert.Contains("加处150.00元", payment.Note, StringComparison.Ordinal);

        // The party's hearing window shows while it runs and disappears once it has passed (it is nobody's delay).
        var notified = NewCase(ProcedureKind.GeneralPenalty, "notify");
        notified.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-09-01"), Sequence = 1 });
        notified.Steps.Add(new CaseStepRecord { From = "examine", To = "notify", Action = "送达告知书", On = D("2026-09-30"), Sequence = 2 });
        Assert.Contains(CaseDeadlines.Running(notified, Calendar, LawSettings.National, D("2026-10-12")), d => d.Step.Code == "notify" && d.Due == D("2026-10-13"));
        Assert.DoesNotContain(CaseDeadlines.Running(notified, Calendar, LawSettings.National, D("2026-10-14")), d => d.Step.Code == "notify");

        var open = NewCase(ProcedureKind.GeneralPenalty, "investigate");
        open.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        var decision = Assert.Single(CaseDeadlines.Running(open, Calendar, LawSettings.National, D("2026-05-29")));
        Assert.Equal(D("2026-06-01"), decision.Due);
        Assert.Equal("剩余 3 日", decision.DaysLeftText);
    }

    [Fact]
    public void A_random_inspection_result_is_due_for_publication_within_the_agencys_working_days()
    {
        // Concluded on Monday 2026-06-01; the period counts working days of the official calendar.
        var c = NewCase(ProcedureKind.Inspection, "publish");
        c.Steps.Add(new CaseStepRecord { From = "inspect", To = "conclude", Action = "检查完毕", On = D("2026-05-29"), Sequence = 1 });
        c.Steps.Add(new CaseStepRecord { From = "conclude", To = "publish", Action = "作出检查结论", On = D("2026-06-01"), Sequence = 2 });
        var national = Assert.Single(CaseDeadlines.Running(c, Calendar, LawSettings.National, D("2026-06-02")), d => d.Step.Code == "publish");
        Assert.Equal(LegalPeriods.End(Calendar, D("2026-06-01"), 20, Sanxiang.Core.Workflow.PeriodUnit.WorkingDays).Due, national.Due);
        Assert.Null(national.Note);

        var stricter = LawSettings.National with { InspectionPublishWorkingDays = 10 };
        var own = Assert.Single(CaseDeadlines.Running(c, Calendar, stricter, D("2026-06-02")), d => d.Step.Code == "publish");
        Assert.Equal(LegalPeriods.End(Calendar, D("2026-06-01"), 10, Sanxiang.Core.Workflow.PeriodUnit.WorkingDays).Due, own.Due);
        Assert.True(own.Due < national.Due);
        Assert.Equal("本机关规定10个工作日内公示", own.Note);
        Assert.Contains((LawSettings.National with { InspectionPublishWorkingDays = 30 }).Validate(),
            p => p.Contains("抽查结果公示期限应为 1 至 20 个工作日", StringComparison.Ordinal));
    }

    private static void CompleteDecision(Case c)
    {
        Record(c, FactKeys.PenaltyKinds, "Fine,ConfiscateIllegalGains");
        if (!new CaseFile(c).Has(FactKeys.FineAmount))
        {
            Record(c, FactKeys.FineAmount, "60000");
        }

        Record(c, FactKeys.BenchmarkTier, "一般");
        Record(c, FactKeys.DecisionKind, "给予行政处罚");
        Record(c, FactKeys.DecisionFacts, "当事人销售克百威含量超标的豇豆，有抽检报告、进货单据、询问笔录为证。");
        Record(c, FactKeys.DecisionBasis, "《中华人民共和国食品安全法》第一百二十四条第一款第（一）项");
        Record(c, FactKeys.DecisionPerformance, "自收到本决定书之日起十五日内缴纳罚款。");
        Record(c, FactKeys.DecisionRemedy, "六十日内向安和县人民政府申请行政复议，或者六个月内向安和县人民法院提起行政诉讼。");
        c.Evidence.Add(new CaseEvidence
        {
            Sha256 = new string('c', 64), Sm3 = new string('d', 64), MediaType = "image/jpeg", Kind = EvidenceKind.Photo, Title = "现场检查照片",
            Step = "investigate", Place = "安和县城关镇", CollectorName = "张三", Proves = "涉案豇豆陈列销售",
        });
    }

    [Fact]
    public void Market_regulation_registers_within_15_working_days_of_the_lead_unless_extended_or_explained_and_the_nation_sets_no_limit()
    {
        var market = LawSettings.National with { RegistrationWorkingDays = 15, ExcludeSuspendedPeriods = true, SectorRules = "《市场监督管理行政处罚程序规定》第十八条" };
        var c = NewCase(ProcedureKind.GeneralPenalty, "register");
        Declare(c);
        Record(c, FactKeys.RegistrationOpinion, "同意立案");
        // Lead on Friday 2026-09-18: 15 working days, over the National Day holiday, end on 2026-10-15.
        Record(c, FactKeys.RegistrationLeadOn, "2026-09-18");
        Assert.DoesNotContain(Check(c, "register", "investigate", Head(), D("2026-10-15"), law: market), r => r.GuardId == WorkflowGuards.RegistrationWithinLimit.Id);
        var late = Assert.Single(Check(c, "register", "investigate", Head(), D("2026-10-19"), law: market), r => r.GuardId == WorkflowGuards.RegistrationWithinLimit.Id);
        Assert.Contains("2026年10月15日届满", late.Reason, StringComparison.Ordinal);
        Assert.Contains("第十八条", late.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Check(c, "register", "investigate", Head(), D("2026-10-19")), r => r.GuardId == WorkflowGuards.RegistrationWithinLimit.Id);

        // Testing time is left out; an approved extension doubles the period; past that, a written reason is needed.
        Record(c, FactKeys.RegistrationExcludedDays, "5");
        Assert.DoesNotContain(Check(c, "register", "investigate", Head(), D("2026-10-20"), law: market), r => r.GuardId == WorkflowGuards.RegistrationWithinLimit.Id);
        Record(c, FactKeys.RegistrationExtension, "局长于2026年10月12日批准延长15个工作日：需等待检验报告");
        Assert.DoesNotContain(Check(c, "register", "investigate", Head(), D("2026-11-05"), law: market), r => r.GuardId == WorkflowGuards.RegistrationWithinLimit.Id);
        Assert.Contains(Check(c, "register", "investigate", Head(), D("2026-11-30"), law: market), r => r.GuardId == WorkflowGuards.RegistrationWithinLimit.Id);
        Record(c, FactKeys.RegistrationLateReason, "检验机构出具报告延迟，经催告后于11月25日收到。");
        Assert.DoesNotContain(Check(c, "register", "investigate", Head(), D("2026-11-30"), law: market), r => r.GuardId == WorkflowGuards.RegistrationWithinLimit.Id);
    }

    [Fact]
    public void Testing_and_hearing_periods_leave_the_decision_period_only_where_the_sector_rules_say_so_and_with_their_reason()
    {
        var market = LawSettings.National with { ExcludeSuspendedPeriods = true };
        var c = NewCase(ProcedureKind.GeneralPenalty, "decide");
        c.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        CompleteDecision(c);
        // 90 days from 2026-03-02 end on 2026-05-31, a Sunday: the period moves to Monday 2026-06-01.
        Assert.Contains(Check(c, "decide", "serve", Head(agencyHead: true), D("2026-06-10"), law: market), r => r.GuardId == WorkflowGuards.DecisionWithinLimit.Id);
        Record(c, FactKeys.ExcludedDays, "12");
        Assert.Contains("没有写明事由", Assert.Single(Check(c, "decide", "serve", Head(agencyHead: true), D("2026-06-10"), law: market)).Reason, StringComparison.Ordinal);
        Record(c, FactKeys.ExcludedReason, "2026年4月1日至4月12日委托检验机构检测，共12日");
        Assert.Empty(Check(c, "decide", "serve", Head(agencyHead: true), D("2026-06-10"), law: market));
        Assert.Contains("12日依", Assert.Single(CaseDeadlines.Running(c, Calendar, market, D("2026-06-10"))).Note, StringComparison.Ordinal);
        // The Administrative Penalty Law itself excludes nothing.
        Assert.Contains("没有将听证、检测等期间排除", Assert.Single(Check(c, "decide", "serve", Head(agencyHead: true), D("2026-06-10"))).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_decision_gate_refuses_an_unreviewed_penalty_on_any_path_and_a_penalty_changed_after_review_and_allows_an_unreviewable_one()
    {
        // The no-penalty path (examine → decide without review), then a penalty recorded at the decision: refused.
        var c = BareCase(ProcedureKind.GeneralPenalty, "decide");
        c.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        c.Steps.Add(new CaseStepRecord { From = "examine", To = "decide", Action = "提请决定", On = D("2026-03-20"), AtUtc = T("2026-03-20"), Sequence = 2 });
        CompleteDecision(c);
        var gate = Assert.Single(Check(c, "decide", "serve", Head(agencyHead: true), D("2026-04-01")));
        Assert.Equal(WorkflowGuards.ReviewGate.Id, gate.GuardId);
        Assert.Contains("适用一般程序的行政处罚决定都要进行法制审核", gate.Reason, StringComparison.Ordinal);
        Assert.Contains("尚未审核通过", gate.Reason, StringComparison.Ordinal);

        // Reviewed and agreed: allowed; the fine raised after the review: refused until reviewed again.
        var reviewed = NewCase(ProcedureKind.GeneralPenalty, "decide");
        reviewed.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        foreach (var f in new[] { (FactKeys.PenaltyKinds, "Fine,ConfiscateIllegalGains"), (FactKeys.FineAmount, "60000") })
        {
            reviewed.Facts.Add(new CaseFact { Key = f.Item1.Key, Value = f.Item2, Step = "notify", Sequence = reviewed.Facts.Count + 1, RecordedAtUtc = T("2026-03-15") });
        }

        CompleteDecision(reviewed);
        Assert.Empty(Check(reviewed, "decide", "serve", Head(agencyHead: true), D("2026-04-01")));
        reviewed.Facts.Add(new CaseFact { Key = FactKeys.FineAmount.Key, Value = "65000", Step = "decide", Sequence = reviewed.Facts.Count + 1, RecordedAtUtc = T("2026-03-25") });
        Assert.Contains("罚款金额（元）又有变化", Assert.Single(Check(reviewed, "decide", "serve", Head(agencyHead: true), D("2026-04-01"))).Reason, StringComparison.Ordinal);

        // A no-penalty decision of an item outside the catalogue needs no review.
        var none = BareCase(ProcedureKind.GeneralPenalty, "examine");
        Assert.Empty(Sanxiang.Core.Review.ReviewRequirement.Matches(new CaseFile(none), ProcedureKind.GeneralPenalty, null, LawSettings.National));
    }

    [Fact]
    public void The_checklist_is_prefilled_from_the_record_and_flags_a_lapsed_certificate_missing_evidence_and_a_missing_notice()
    {
        var c = BareCase(ProcedureKind.GeneralPenalty, "review");
        Declare(c);
        c.RegisteredOn = D("2026-03-02");
        c.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        c.Steps.Add(new CaseStepRecord { From = "investigate", To = "examine", Action = "调查终结", On = D("2026-03-20"), Sequence = 2 });
        Record(c, FactKeys.PenaltyKinds, "Fine");
        Record(c, FactKeys.FineAmount, "60000");
        Record(c, FactKeys.BenchmarkTier, "一般");
        // The second officer's certificate ended on 2026-03-10, before the investigation ended.
        var certificates = Certificates(D("2027-12-31"));
        certificates[Second].ValidTo = D("2026-03-10");
        var prefill = Sanxiang.Core.Review.ReviewChecklist.Prefill(new Sanxiang.Core.Review.ReviewMaterials(c, Item(), "安和县市场监督管理局", certificates,
            [Sanxiang.Core.Documents.DocumentKind.RegistrationApproval], LawSettings.National, Calendar));

        Assert.Equal(8, prefill.Count);
        Assert.Contains(prefill[1], f => f.Concern && f.Text.Contains("2026年3月20日不在证件有效期内", StringComparison.Ordinal));
        Assert.Contains(prefill[1], f => !f.Concern && f.Text.Contains("均持证有效", StringComparison.Ordinal));
        Assert.Contains(prefill[2], f => f.Concern && f.Text.Contains("告知书", StringComparison.Ordinal));
        Assert.Contains(prefill[3], f => f.Concern && f.Text.Contains("没有登记任何证据", StringComparison.Ordinal));
        Assert.Contains(prefill[4], f => !f.Concern && f.Text.Contains("罚款60,000元", StringComparison.Ordinal));
        Assert.Contains(prefill[6], f => f.Concern && f.Text.Contains("行政处罚告知书", StringComparison.Ordinal));
        Assert.DoesNotContain(prefill[7], f => f.Concern);
    }

    [Fact]
    public void A_collective_discussion_needs_a_quorum_of_heads_each_with_an_opinion_and_the_decision_follows_its_conclusion()
    {
        var c = BareCase(ProcedureKind.GeneralPenalty, "discuss");
        Record(c, FactKeys.DiscussionAt, "2026-04-01T09:30");
        Record(c, FactKeys.DiscussionPlace, "局三楼会议室");
        Record(c, FactKeys.DiscussionChair, "王建设（局长）");
        Record(c, FactKeys.DiscussionRecorder, "张敏");
        Record(c, FactKeys.DiscussionConclusion, "同意给予罚款的行政处罚。");
        Record(c, FactKeys.DiscussionDecision, "给予行政处罚");
        Record(c, FactKeys.DiscussionParticipants, "王建设（局长）：同意。\n李国华(副局长): 同意");
        var head = Head(agencyHead: true);
        Assert.Contains("只有2人", Assert.Single(Check(c, "discuss", "decide", head, D("2026-04-01"))).Reason, StringComparison.Ordinal);
        Assert.Empty(Check(c, "discuss", "decide", head, D("2026-04-01"), law: LawSettings.National with { DiscussionQuorum = 2 }));
        var parsed = CaseGuards.Participants("王建设（局长）：同意。\n李国华(副局长): 同意");
        Assert.Equal([("王建设", "局长", "同意。"), ("李国华", "副局长", "同意")], parsed.Select(p => (p.Name, p.Post, p.Opinion)));

        // Decided: the decision must be the one the discussion concluded.
        var d = NewCase(ProcedureKind.GeneralPenalty, "decide");
        d.Steps.Add(new CaseStepRecord { From = "register", To = "investigate", Action = "批准立案", On = D("2026-03-02"), Sequence = 1 });
        d.Steps.Add(new CaseStepRecord { From = "discuss", To = "decide", Action = "集体讨论决定", On = D("2026-04-01"), Sequence = 95 });
        CompleteDecision(d);
        Record(d, FactKeys.DiscussionDecision, "不予行政处罚");
        Assert.Equal(WorkflowGuards.DiscussionFollowed.Id, Assert.Single(Check(d, "decide", "serve", head, D("2026-04-02"))).GuardId);
        Record(d, FactKeys.DiscussionDecision, "给予行政处罚");
        Record(d, FactKeys.DiscussionFine, "50000");
        Assert.Contains("集体讨论决定罚款50,000元", Assert.Single(Check(d, "decide", "serve", head, D("2026-04-02"))).Reason, StringComparison.Ordinal);
        Record(d, FactKeys.DiscussionFine, "60000");
        Assert.Empty(Check(d, "decide", "serve", head, D("2026-04-02")));

        // The head's own choice: from the decision step to collective discussion, once the case is marked as major.
        var major = NewCase(ProcedureKind.GeneralPenalty, "decide");
        Assert.Equal(WorkflowGuards.DiscussionRequired.Id, Assert.Single(Check(major, "decide", "discuss", head, D("2026-04-02"))).GuardId);
        Record(major, FactKeys.DiscussionRequired, "true");
        Assert.Empty(Check(major, "decide", "discuss", head, D("2026-04-02")));
    }

    [Fact]
    public void Problems_are_read_one_per_line_with_their_correction_and_list_numbers_dropped()
    {
        var problems = Sanxiang.Core.Review.ReviewRounds.Problems("1. 货值金额认定依据不足；补充进货票据\n（2）3份询问笔录未经当事人签字\n2026年3月的检验报告缺少资质证明；补充检验机构资质");
        Assert.Equal(3, problems.Count);
        Assert.Equal(("货值金额认定依据不足", "补充进货票据"), (problems[0].Problem, problems[0].Correction));
        Assert.Equal("3份询问笔录未经当事人签字", problems[1].Problem);
        Assert.Equal("请承办机构研究处理后重新报送审核。", problems[1].Correction);
        Assert.Equal("2026年3月的检验报告缺少资质证明", problems[2].Problem);
    }

    [Fact]
    public void Review_is_required_by_each_rule_and_says_which()
    {
        var law = LawSettings.National with { ReviewAmountOrganisation = 50_000 };
        var c = BareCase(ProcedureKind.GeneralPenalty, "examine");
        string[] Rules(Case x, EnforcementItem? item = null, LawSettings? l = null) =>
            [.. Sanxiang.Core.Review.ReviewRequirement.Matches(new CaseFile(x), x.Procedure, item, l ?? law).Select(m => m.RuleId)];

        Assert.Empty(Rules(c));
        Record(c, FactKeys.PenaltyKinds, "Fine");
        Record(c, FactKeys.FineAmount, "20000");
        Assert.Equal(["review.rule.general-penalty"], Rules(c));
        Assert.Empty(Rules(c, l: law with { ReviewEveryGeneralPenalty = false }));
        Record(c, FactKeys.FineAmount, "50000");
        Assert.Contains("review.rule.amount", Rules(c));
        Record(c, FactKeys.PenaltyKinds, "Fine,RevokeLicence");
        Assert.Contains("review.rule.penalty-kind", Rules(c));
        Assert.Contains("review.rule.catalogue-item", Rules(c, Item()));
        Record(c, FactKeys.ReviewComplex, "true");
        Assert.Contains("review.rule.flag", Rules(c));
        c.Steps.Add(new CaseStepRecord { From = "notify", To = "hearing", Action = "组织听证", On = D("2026-03-10"), Sequence = 1 });
        Assert.Contains("review.rule.after-hearing", Rules(c));

        // A summary-procedure penalty is not reviewed by the general-procedure rule.
        var summary = BareCase(ProcedureKind.SummaryPenalty, "notify");
        Record(summary, FactKeys.PenaltyKinds, "Fine");
        Assert.Empty(Rules(summary));
    }

    [Fact]
    public void An_emergency_seizure_shows_its_24_hour_ratification_period_in_hours_and_an_approved_one_does_not()
    {
        var c = NewCase(ProcedureKind.CoerciveMeasure, "implement");
        var entered = new DateTimeOffset(2026, 3, 2, 10, 0, 0, ChinaTime.Offset);
        c.Steps.Add(new CaseStepRecord { From = "propose", To = "implement", Action = "当场实施", On = D("2026-03-02"), AtUtc = entered, Sequence = 1 });
        Record(c, FactKeys.CoercionImplementedAt, "2026-03-02T10:30");

        var running = Assert.Single(CaseDeadlines.Running(c, Calendar, LawSettings.National, D("2026-03-03"), entered.AddHours(20)));
        Assert.Equal("ratify", running.Step.Code);
        Assert.Equal(PeriodUnit.Hours, running.Unit);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 10, 30, 0, ChinaTime.Offset), running.DueAt);
        Assert.Equal("剩余 4 小时 30 分", running.DaysLeftText);
        Assert.True(running.DueSoon);
        Assert.False(running.Overdue);

        var late = Assert.Single(CaseDeadlines.Running(c, Calendar, LawSettings.National, D("2026-03-03"), entered.AddHours(25)));
        Assert.True(late.Overdue);
        Assert.Equal("已逾期 30 分钟", late.DaysLeftText);

        // Ratified: the period no longer runs (the 30-day seizure term does).
        c.Steps.Add(new CaseStepRecord { From = "implement", To = "ratify", Action = "报告负责人", On = D("2026-03-02"), AtUtc = entered.AddHours(2), Sequence = 2 });
        c.Steps.Add(new CaseStepRecord { From = "ratify", To = "decide", Action = "补办批准", On = D("2026-03-03"), AtUtc = entered.AddHours(20), Sequence = 3 });
        c.Status = "decide";
        Assert.DoesNotContain(CaseDeadlines.Running(c, Calendar, LawSettings.National, D("2026-03-03"), entered.AddHours(25)), d => d.Unit == PeriodUnit.Hours);

        // Approved before it was carried out: no ratification period at all.
        var approved = NewCase(ProcedureKind.CoerciveMeasure, "implement");
        approved.Steps.Add(new CaseStepRecord { From = "propose", To = "approve", Action = "报请负责人批准", On = D("2026-03-02"), AtUtc = entered, Sequence = 1 });
        approved.Steps.Add(new CaseStepRecord { From = "approve", To = "implement", Action = "批准实施", On = D("2026-03-02"), AtUtc = entered, Sequence = 2 });
        Assert.DoesNotContain(CaseDeadlines.Running(approved, Calendar, LawSettings.National, D("2026-03-03"), entered.AddHours(25)), d => d.Step.Code == "ratify");
    }

    /// <summary>A case in <paramref name="status"/>; a general-procedure case at the decision step has passed its legal review.</summary>
    private static Case NewCase(ProcedureKind procedure, string status)
    {
        var c = BareCase(procedure, status);
        if (procedure == ProcedureKind.GeneralPenalty && status == "decide")
        {
            PassReview(c);
        }

        return c;
    }

    private static void PassReview(Case c)
    {
        c.Steps.Add(new CaseStepRecord { From = "review", To = "decide", Action = "审核通过，提请决定", On = D("2026-03-20"), AtUtc = T("2026-03-20"), Sequence = 90 });
        c.Facts.Add(new CaseFact { Key = FactKeys.ReviewOpinion.Key, Value = "同意", Step = "review", Sequence = c.Facts.Count + 1, RecordedAtUtc = T("2026-03-20") });
    }

    private static DateTimeOffset T(string day) => ChinaTime.StartOfDayUtc(D(day)).AddHours(10);

    private static Case BareCase(ProcedureKind procedure, string status) => new()
    {
        Id = Guid.NewGuid(),
        AgencyId = Guid.NewGuid(),
        Number = "安市监立〔2026〕1号",
        ItemCode = "360736-SCJG-CF-001",
        ItemName = "对经营超标食品的行政处罚",
        Procedure = procedure,
        Status = status,
        Cause = "涉嫌经营农药残留超标的食用农产品案",
        Source = "监督检查",
        OccurredOn = D("2026-02-20"),
        OpenedOn = D("2026-03-02"),
        Party = new CaseParty { Kind = PartyKind.Organisation, Name = "安和县某某农贸有限公司", CreditCode = "91360736MA35XXXX0X", Representative = "王某", Address = "安和县人民路1号" },
        Officers =
        [
            new CaseOfficer { OfficerId = Lead, Name = "张三", CertificateNumber = "36073601001", Lead = true },
            new CaseOfficer { OfficerId = Second, Name = "李四", CertificateNumber = "36073601002" },
        ],
    };

    private static void Declare(Case c)
    {
        foreach (var o in c.Officers)
        {
            o.RecusalDeclaredAtUtc = DateTimeOffset.UnixEpoch;
        }
    }

    private static void Record(Case c, FactKey key, string raw)
    {
        var (value, problem) = key.Normalise(raw);
        Assert.Null(problem);
        c.Facts.Add(new CaseFact { Key = key.Key, Value = value!, Step = c.Status, Sequence = c.Facts.Count + 1 });
    }

    private static CaseActor Head(bool agencyHead = false) =>
        new(Guid.NewGuid(), agencyHead ? [Roles.AgencyHead] : [Roles.UnitHead], null, "负责人");

    private static CaseActor OfficerActor() => new(Guid.NewGuid(), [Roles.Officer], Lead, "张三");

    private static OfficerEntry Entry(Guid officer, string name, DateOnly validTo, List<string> fields) => new()
    {
        OfficerId = officer,
        Name = name,
        Gender = "男",
        CertificateNumber = "3607360100" + name.Length,
        Issuer = "省人民政府",
        Fields = fields,
        ValidFrom = D("2023-01-01"),
        ValidTo = validTo,
        Status = CertificateStatus.Valid,
    };

    private static Dictionary<Guid, OfficerEntry> Certificates(DateOnly validTo) => new()
    {
        [Lead] = Entry(Lead, "张三", validTo, ["食品安全"]),
        [Second] = Entry(Second, "李四", validTo, ["食品安全", "产品质量"]),
    };

    private static EnforcementItem Item() => new()
    {
        Code = "360736-SCJG-CF-001",
        Name = "对经营超标食品的行政处罚",
        LegalBasis = [new LegalReference("《中华人民共和国食品安全法》（2021年修正）", "第一百二十四条", null, null, "……", true)],
        LegalReviewRequired = true,
        Discretion =
        [
            new DiscretionTier { Tier = "一般", Circumstances = "首次违法", Penalties = [new PenaltyRange { Kind = PenaltyKind.Fine, Minimum = 50000, Maximum = 70000, Unit = "元" }] },
            new DiscretionTier { Tier = "较重", Circumstances = "多次违法", Penalties = [new PenaltyRange { Kind = PenaltyKind.Fine, Minimum = 70000, Maximum = 100000, Unit = "元" }] },
        ],
    };

    private static GuardContext Context(Case c, string from, string to, CaseActor actor, DateOnly today,
        Dictionary<Guid, OfficerEntry>? certificates = null, Guid? reviewerOfficer = null, LawSettings? law = null)
    {
        var procedure = Procedures.For(c.Procedure);
        var transition = procedure.From(from).Single(t => t.To == to);
        var item = Item();
        return new GuardContext(new CaseFile(c), procedure, transition, today, ChinaTime.StartOfDayUtc(today), Calendar, law ?? LawSettings.National, item,
            EnforcementFields.Of(item), certificates ?? Certificates(D("2027-12-31")), actor, reviewerOfficer, null);
    }

    private static IReadOnlyList<Refusal> Check(Case c, string from, string to, CaseActor actor, DateOnly today,
        Dictionary<Guid, OfficerEntry>? certificates = null, Guid? reviewerOfficer = null, LawSettings? law = null) =>
        CaseEngine.Check(Context(c, from, to, actor, today, certificates, reviewerOfficer, law));
}
