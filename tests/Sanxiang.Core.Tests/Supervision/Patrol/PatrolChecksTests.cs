using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.Patrol;

namespace Sanxiang.Core.Tests.Supervision.Patrol;

/// <summary>
/// Issue 9 (PLT-3): each automatic check of the online patrol finds its planted problem and nothing on clean data. The
/// snapshot is what the portal shows for one agency in 2026 Q3, and the registry and tasks behind it.
/// </summary>
public sealed class PatrolChecksTests
{
    private static readonly Guid Agency = Guid.Parse("0b0e5c3a-9a41-4f43-9f3e-5f3f9f0f0001");
    private static readonly Quarter Q3 = new(2026, 3);
    private static readonly DateOnly Today = new(2026, 10, 20);
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    private static readonly RegistryCertificate Li = new("李明", "36073620001", new(2024, 1, 1), new(2029, 12, 31), CertificateStatus.Valid, new(2026, 1, 1), null);
    private static readonly RegistryCertificate Zhao = new("赵红", "36073620002", new(2024, 1, 1), new(2029, 12, 31), CertificateStatus.Valid, new(2026, 1, 1), null);

    /// <summary>A decision text as the clerk published it: the party masked, the officers and the agency's phone kept.</summary>
    internal static string CleanText(string officers = "李明（执法证号：36073620001）、赵红（执法证号：36073620002）") =>
        "安和县市场监督管理局\n行政处罚决定书\n安市监罚〔2026〕21号\n当事人：王某\n住址：安和县城关镇****\n"
        + "经查，当事人经营毒死蜱残留量超过食品安全国家标准限量的芹菜，货值金额共计680元，违法所得150元，有抽样检验报告、进货凭证和询问笔录为证。\n"
        + $"本案执法人员：{officers}。\n"
        + "依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项，决定没收违法所得150元，并处罚款60000元。\n"
        + "如不服本决定，可以在收到本决定书之日起六十日内向安和县人民政府申请行政复议，也可以在六个月内向安和县人民法院提起行政诉讼。\n"
        + "联系电话：0796-8221234\n安和县市场监督管理局\n2026年8月3日";

    internal static PortalEntry Entry(long id, string? fullText = null, string? facts = null, ProcedureKind procedure = ProcedureKind.GeneralPenalty,
        DateOnly? decided = null, DateOnly? published = null) => new(
        id, "行政处罚决定书", $"安市监罚〔2026〕{id}号", $"安市监立〔2026〕{id}号", procedure, PartyKind.Person, "王某",
        facts ?? "当事人经营毒死蜱残留量超过食品安全国家标准限量的芹菜。", "没收违法所得150元，并处罚款60000元。",
        fullText ?? (procedure == ProcedureKind.GeneralPenalty ? CleanText() : null), decided ?? new(2026, 8, 3), published ?? new(2026, 8, 6), PublishedState.Public);

    internal static DueTask Task(string caseNumber, DateOnly decided, DateOnly due, DateOnly? published, PublicationStatus status = PublicationStatus.Published) =>
        new(Guid.NewGuid(), PublicationTaskKind.Publish, caseNumber, ProcedureKind.GeneralPenalty, decided, due, status, published, null, published is null ? null : 7, null);

    internal static AgencySnapshot Clean(
        IReadOnlyList<PortalEntry>? entries = null, IReadOnlyList<DueTask>? tasks = null, IReadOnlyList<PortalOfficer>? officers = null,
        bool itemList = true, bool officerList = true, bool fullName = false) => new(
        Agency, "安和县市场监督管理局", Q3.First, Q3.Last, Today, itemList, officerList,
        officers ?? [new PortalOfficer("李明", "36073620001", new(2029, 12, 31), CertificateStatus.Valid), new PortalOfficer("赵红", "36073620002", new(2029, 12, 31), CertificateStatus.Valid)],
        [Li, Zhao],
        tasks ?? [Task("安市监立〔2026〕7号", new(2026, 8, 3), new(2026, 8, 12), new(2026, 8, 6))],
        entries ?? [Entry(7), Entry(8, published: new(2026, 9, 1))],
        ["0796-8221234", "12315"],
        ["安和县市场监督管理局", "安和县人民政府", "安和县人民法院"],
        fullName);

    [Fact]
    public void Clean_data_gives_no_finding_at_all()
    {
        Assert.Empty(PatrolChecks.All(Clean(), Calendar));
    }

    [Fact]
    public void A_late_publication_is_found_with_the_working_days_late()
    {
        // Decided Friday 7 August, due 18 August (7 working days), published Monday 24 August: 4 working days late.
        var s = Clean(tasks: [Task("安市监立〔2026〕9号", new(2026, 8, 7), new(2026, 8, 18), new(2026, 8, 24))]);
        var f = Assert.Single(PatrolChecks.Timeliness(s, Calendar));
        Assert.Equal(PatrolFindingKind.LatePublication, f.Kind);
        Assert.Contains("逾期 4 个工作日", f.Found, StringComparison.Ordinal);
        Assert.Contains("安市监立〔2026〕9号", f.Entry, StringComparison.Ordinal);
        Assert.Contains("第四十八条", f.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_on_the_due_day_or_exempted_or_due_after_the_quarter_is_not_a_finding()
    {
        var s = Clean(tasks:
        [
            Task("a", new(2026, 8, 7), new(2026, 8, 18), new(2026, 8, 18)),
            Task("b", new(2026, 8, 7), new(2026, 8, 18), null, PublicationStatus.Exempt),
            Task("c", new(2026, 9, 28), new(2026, 10, 15), new(2026, 10, 19)),
        ]);
        Assert.Empty(PatrolChecks.Timeliness(s, Calendar));
    }

    [Fact]
    public void A_decision_never_published_past_its_deadline_is_found()
    {
        var s = Clean(tasks: [Task("安市监立〔2026〕11号", new(2026, 9, 1), new(2026, 9, 10), null, PublicationStatus.Pending)]);
        var f = Assert.Single(PatrolChecks.Timeliness(s, Calendar));
        Assert.Equal(PatrolFindingKind.UnpublishedOverdue, f.Kind);
        Assert.Equal(PatrolSeverity.Serious, f.Severity);
    }

    [Fact]
    public void A_general_procedure_penalty_without_full_text_is_found_and_a_licence_without_one_is_not()
    {
        var missing = Entry(12) with { FullText = null };
        var licence = Entry(13, procedure: ProcedureKind.Licensing);
        var found = PatrolChecks.FullText(Clean(entries: [Entry(7), missing, licence])).ToList();
        var f = Assert.Single(found);
        Assert.Equal(PatrolFindingKind.MissingFullText, f.Kind);
        Assert.Equal(12, f.EntryId);
        Assert.Contains("PUB-6", f.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unredacted_mobile_number_and_id_number_are_found_without_repeating_them()
    {
        var leaking = Entry(14, facts: "当事人王某（联系电话13907961234）经营超标芹菜。", fullText: CleanText().Replace("住址：安和县城关镇****", "公民身份号码：360736199001011236", StringComparison.Ordinal));
        var f = Assert.Single(PatrolChecks.Redaction(Clean(entries: [Entry(7), leaking])));
        Assert.Equal(PatrolFindingKind.Unredacted, f.Kind);
        Assert.Contains("手机号码", f.Found, StringComparison.Ordinal);
        Assert.Contains("139****1234", f.Found, StringComparison.Ordinal);
        Assert.DoesNotContain("13907961234", f.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agency_phone_officers_masked_names_and_a_party_published_in_full_by_policy_are_not_findings()
    {
        var fullName = Entry(15, fullText: CleanText().Replace("当事人：王某", "当事人：王大伟", StringComparison.Ordinal)) with { PartyName = "王大伟" };
        Assert.Empty(PatrolChecks.Redaction(Clean(entries: [Entry(7), fullName], fullName: true)));
        // Without that policy the same name is a finding.
        Assert.Single(PatrolChecks.Redaction(Clean(entries: [fullName], fullName: false)));
    }

    [Fact]
    public void An_officer_named_in_a_decision_but_not_in_the_registry_is_found()
    {
        var stranger = Entry(16, fullText: CleanText("李明（执法证号：36073620001）、孙强（执法证号：36073629999）"));
        var f = Assert.Single(PatrolChecks.Officers(Clean(entries: [Entry(7), stranger])));
        Assert.Equal(PatrolFindingKind.OfficerNotInRegistry, f.Kind);
        Assert.Contains("孙强", f.Entry, StringComparison.Ordinal);
        Assert.Contains("名单中没有该证号", f.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void An_officer_under_another_holders_number_or_not_yet_listed_on_the_decision_day_is_found()
    {
        var wrongName = Entry(17, fullText: CleanText("李明（执法证号：36073620001）、孙强（执法证号：36073620002）"));
        Assert.Contains("持证人是赵红", Assert.Single(PatrolChecks.Officers(Clean(entries: [wrongName]))).Found, StringComparison.Ordinal);

        var early = Entry(18, decided: new(2025, 12, 1));
        Assert.Equal(2, PatrolChecks.Officers(Clean(entries: [early])).Count());
    }

    [Fact]
    public void Missing_lists_and_a_long_expired_certificate_still_listed_are_found()
    {
        var s = Clean(itemList: false, officerList: false,
            officers: [new PortalOfficer("李明", "36073620001", new(2029, 12, 31), CertificateStatus.Valid), new PortalOfficer("钱进", "36073620003", new(2026, 5, 31), CertificateStatus.Valid)]);
        var found = PatrolChecks.Lists(s).ToList();
        Assert.Equal(3, found.Count);
        Assert.Equal(2, found.Count(f => f.Kind == PatrolFindingKind.ListMissing));
        Assert.Contains("钱进", Assert.Single(found, f => f.Kind == PatrolFindingKind.ListNotCurrent).Entry, StringComparison.Ordinal);

        // Expired within the grace period (renewal under way): not yet a finding.
        var recent = Clean(officers: [new PortalOfficer("钱进", "36073620003", new(2026, 9, 10), CertificateStatus.Valid)]);
        Assert.Empty(PatrolChecks.Lists(recent));
    }

    [Fact]
    public void A_withdrawal_after_three_days_or_not_done_is_found()
    {
        var late = new DueTask(Guid.NewGuid(), PublicationTaskKind.Withdraw, "安市监立〔2026〕5号", ProcedureKind.GeneralPenalty, new(2026, 8, 10), new(2026, 8, 13),
            PublicationStatus.Withdrawn, null, new(2026, 8, 17), 5, "行政复议决定撤销");
        var undone = late with { TaskId = Guid.NewGuid(), CaseNumber = "安市监立〔2026〕6号", Status = PublicationStatus.Pending, WithdrawnOn = null };
        var inTime = late with { TaskId = Guid.NewGuid(), CaseNumber = "安市监立〔2026〕8号", WithdrawnOn = new(2026, 8, 13) };
        var found = PatrolChecks.Withdrawals(Clean(tasks: [late, undone, inTime])).ToList();
        Assert.Equal(2, found.Count);
        Assert.All(found, f => Assert.Equal(PatrolFindingKind.LateWithdrawal, f.Kind));
        Assert.Contains("超期 4 日", found[0].Found, StringComparison.Ordinal);
        Assert.Contains("仍在公示", found[1].Found, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_is_reproducible_from_the_seed_independent_of_order_and_takes_all_when_few()
    {
        var ids = Enumerable.Range(1, 40).Select(i => (long)i).ToList();
        var a = PatrolSampling.Draw("00112233445566778899aabbccddeeff", Agency, ids);
        var b = PatrolSampling.Draw("00112233445566778899aabbccddeeff", Agency, Enumerable.Reverse(ids));
        Assert.Equal(a, b);
        Assert.Equal(PatrolSampling.Size, a.Count);
        Assert.NotEqual(a, PatrolSampling.Draw("ffeeddccbbaa99887766554433221100", Agency, ids));
        Assert.Equal([3L, 9L], PatrolSampling.Draw("00", Agency, [9L, 3L]));
    }

    [Fact]
    public void Quarters_parse_and_name_as_the_notice_does()
    {
        var q = Assert.IsType<Quarter>(Quarter.Parse("2026q3", out _));
        Assert.Equal("2026年第三季度", q.Chinese);
        Assert.Equal(new DateOnly(2026, 7, 1), q.First);
        Assert.Equal(new DateOnly(2026, 9, 30), q.Last);
        Assert.Null(Quarter.Parse("2026Q5", out var error));
        Assert.Contains("2026Q3", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PatrolWorkflow.Open, PatrolWorkflow.Answer, "AgencyHead", PatrolWorkflow.Answered)]
    [InlineData(PatrolWorkflow.Returned, PatrolWorkflow.Answer, "AgencyHead", PatrolWorkflow.Answered)]
    [InlineData(PatrolWorkflow.Answered, PatrolWorkflow.Confirm, "Supervisor", PatrolWorkflow.Confirmed)]
    [InlineData(PatrolWorkflow.Answered, PatrolWorkflow.Return, "Supervisor", PatrolWorkflow.Returned)]
    [InlineData(PatrolWorkflow.Open, PatrolWorkflow.Dismiss, "Supervisor", PatrolWorkflow.Dismissed)]
    public void Every_finding_move_of_the_table_is_allowed_to_its_role(string from, string trigger, string role, string to)
    {
        var move = PatrolWorkflow.Check(PatrolWorkflow.FindingTable, "该问题", from, trigger, [role], out var refusal);
        Assert.Null(refusal);
        Assert.Equal(to, move.To);
    }

    [Fact]
    public void Every_other_finding_move_is_refused_in_Chinese()
    {
        foreach (var from in PatrolWorkflow.FindingStatuses)
        {
            foreach (var trigger in new[] { PatrolWorkflow.Answer, PatrolWorkflow.Confirm, PatrolWorkflow.Return, PatrolWorkflow.Dismiss })
            {
                var allowed = PatrolWorkflow.FindingTable.Any(t => t.From == from && t.Trigger == trigger);
                PatrolWorkflow.Check(PatrolWorkflow.FindingTable, "该问题", from, trigger, ["AgencyHead", "Supervisor"], out var refusal);
                Assert.Equal(allowed, refusal is null);
                if (!allowed)
                {
                    Assert.Contains($"当前为“{from}”", refusal, StringComparison.Ordinal);
                }
            }
        }

        PatrolWorkflow.Check(PatrolWorkflow.FindingTable, "该问题", PatrolWorkflow.Answered, PatrolWorkflow.Confirm, ["AgencyHead"], out var wrongRole);
        Assert.Equal("“确认已整改”由司法行政监督人员办理。", wrongRole);
        PatrolWorkflow.Check(PatrolWorkflow.PatrolTable, "本次巡查", PatrolWorkflow.Closed, PatrolWorkflow.Send, ["Supervisor"], out var closed);
        Assert.Contains("已无可办理的操作", closed, StringComparison.Ordinal);
    }
}
