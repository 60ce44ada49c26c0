using Sanxiang.Core.Accounts;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Supervision.Complaints;

namespace Sanxiang.Core.Tests.Supervision.Complaints;

/// <summary>The complaint procedure as a table: every (state, trigger) pair, who may take it, and the periods.</summary>
public sealed class ComplaintWorkflowTests
{
    private static readonly Guid AgencyA = Guid.NewGuid();
    private static readonly Guid AgencyB = Guid.NewGuid();
    private static readonly Guid Bureau = Guid.NewGuid();

    private static Complaint At(ComplaintStatus status, Guid? agency) => new()
    {
        TrackingNumber = "TS202611280001", QueryCodeHash = new string('0', 64), Subject = "测试", Content = "测试内容测试内容",
        Status = status, AgencyId = agency,
    };

    private static ComplaintActor Person(Guid agency, params string[] roles) => new(Guid.NewGuid(), roles, agency, "某人");

    /// <summary>The party the table names for a trigger, acting on a complaint of agency A.</summary>
    private static ComplaintActor Entitled(ComplaintTransition t) => t.By switch
    {
        ComplaintParty.Supervisor => Person(Bureau, Roles.Supervisor),
        ComplaintParty.AgencyStaff => Person(AgencyA, Roles.PublicityClerk),
        ComplaintParty.AgencyHeads => Person(AgencyA, Roles.AgencyHead),
        ComplaintParty.AgencyStaffOrSupervisor => Person(AgencyA, Roles.UnitHead),
    };

    public static TheoryData<ComplaintStatus, ComplaintTrigger> EveryPair()
    {
        var data = new TheoryData<ComplaintStatus, ComplaintTrigger>();
        foreach (var s in Enum.GetValues<ComplaintStatus>())
        {
            foreach (var t in Enum.GetValues<ComplaintTrigger>())
            {
                data.Add(s, t);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_state_and_trigger_is_allowed_exactly_when_the_table_lists_it(ComplaintStatus status, ComplaintTrigger trigger)
    {
        var t = ComplaintWorkflow.Of(trigger);
        var complaint = At(status, status == ComplaintStatus.Submitted ? null : AgencyA);
        if (t.By is ComplaintParty.AgencyStaff or ComplaintParty.AgencyHeads && complaint.AgencyId is null)
        {
            complaint.AgencyId = AgencyA;
        }

        var reasons = ComplaintWorkflow.Check(complaint, trigger, Entitled(t), "意见：已核实，依法处理。");
        var expected = status switch
        {
            ComplaintStatus.Submitted => trigger is ComplaintTrigger.Route or ComplaintTrigger.FollowUp,
            ComplaintStatus.Assigned => trigger is ComplaintTrigger.Route or ComplaintTrigger.Return or ComplaintTrigger.Accept or ComplaintTrigger.Reject
                or ComplaintTrigger.FollowUp,
            ComplaintStatus.Accepted => trigger is ComplaintTrigger.OpenCase or ComplaintTrigger.Answer or ComplaintTrigger.FollowUp,
            ComplaintStatus.CaseOpened => trigger is ComplaintTrigger.Answer or ComplaintTrigger.FollowUp,
            ComplaintStatus.Rejected or ComplaintStatus.Answered => trigger is ComplaintTrigger.Close,
            ComplaintStatus.Closed => false,
        };
        Assert.True(expected == (reasons.Count == 0), $"{status} × {trigger}: {string.Join(" ", reasons)}");
        if (!expected)
        {
            Assert.Contains(reasons, r => r.Contains(t.Name, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Another_agency_and_an_officer_may_never_act_and_a_supervisor_only_routes_follows_up_and_closes(ComplaintStatus status, ComplaintTrigger trigger)
    {
        var complaint = At(status, AgencyA);
        Assert.NotEmpty(ComplaintWorkflow.Check(complaint, trigger, Person(AgencyB, Roles.AgencyHead, Roles.UnitHead, Roles.PublicityClerk), "理由"));
        Assert.NotEmpty(ComplaintWorkflow.Check(complaint, trigger, Person(AgencyA, Roles.Officer, Roles.Reviewer), "理由"));
        var supervisor = ComplaintWorkflow.Check(complaint, trigger, Person(Bureau, Roles.Supervisor), "理由");
        if (trigger is not (ComplaintTrigger.Route or ComplaintTrigger.FollowUp or ComplaintTrigger.Close))
        {
            Assert.NotEmpty(supervisor);
        }
    }

    [Fact]
    public void The_clerk_registers_but_only_heads_answer_and_open_cases()
    {
        var accepted = At(ComplaintStatus.Accepted, AgencyA);
        Assert.NotEmpty(ComplaintWorkflow.Check(accepted, ComplaintTrigger.Answer, Person(AgencyA, Roles.PublicityClerk), "答复"));
        Assert.NotEmpty(ComplaintWorkflow.Check(accepted, ComplaintTrigger.OpenCase, Person(AgencyA, Roles.PublicityClerk), null));
        Assert.Empty(ComplaintWorkflow.Check(accepted, ComplaintTrigger.Answer, Person(AgencyA, Roles.UnitHead), "答复"));
        Assert.Empty(ComplaintWorkflow.Check(At(ComplaintStatus.Assigned, AgencyA), ComplaintTrigger.Accept, Person(AgencyA, Roles.PublicityClerk), null));
    }

    [Theory]
    [InlineData(ComplaintTrigger.Reject, "")]
    [InlineData(ComplaintTrigger.Return, "  ")]
    public void Reasons_are_required_where_the_citizen_or_the_bureau_must_be_told_why(ComplaintTrigger trigger, string note)
    {
        var reasons = ComplaintWorkflow.Check(At(ComplaintStatus.Assigned, AgencyA), trigger, Person(AgencyA, Roles.AgencyHead), note);
        Assert.Contains(reasons, r => r.StartsWith("请填写", StringComparison.Ordinal));
    }

    [Fact]
    public void Notes_with_markup_or_beyond_the_limit_are_refused()
    {
        var accepted = At(ComplaintStatus.Accepted, AgencyA);
        var head = Person(AgencyA, Roles.AgencyHead);
        Assert.Contains(ComplaintWorkflow.Check(accepted, ComplaintTrigger.Answer, head, "您好<script>alert(1)</script>"), r => r.Contains("脚本", StringComparison.Ordinal));
        Assert.Contains(ComplaintWorkflow.Check(accepted, ComplaintTrigger.Answer, head, new string('答', 2001)), r => r.Contains("2000", StringComparison.Ordinal));
    }

    [Fact]
    public void Periods_count_working_days_for_routing_and_acceptance_and_calendar_days_for_the_answer()
    {
        var calendar = WorkdayCalendar.Official;
        var periods = ComplaintPeriods.Default;
        var friday = new DateOnly(2026, 11, 27);
        Assert.Equal(new DateOnly(2026, 12, 2), periods.RoutingDue(calendar, friday));
        Assert.Equal(new DateOnly(2026, 12, 8), periods.AcceptanceDue(calendar, friday));
        Assert.Equal(new DateOnly(2027, 1, 26), periods.AnswerDue(calendar, friday));
    }

    [Fact]
    public void Acceptance_across_the_national_day_holiday_skips_it_as_the_calendar_says()
    {
        var calendar = WorkdayCalendar.Official;
        var start = new DateOnly(2026, 9, 29);
        // Independent count: walk day by day and count the days the calendar calls working days.
        var day = start;
        for (var left = 7; left > 0;)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkday(day))
            {
                left--;
            }
        }

        var due = ComplaintPeriods.Default.AcceptanceDue(calendar, start);
        Assert.Equal(day, due);
        Assert.True(due > new DateOnly(2026, 10, 8), $"国庆假期不计入工作日：{due}");
    }

    [Fact]
    public void Configured_periods_replace_the_defaults()
    {
        var periods = new ComplaintPeriods { AcceptanceWorkingDays = 5, AnswerDays = 30 };
        var friday = new DateOnly(2026, 11, 27);
        Assert.Equal(new DateOnly(2026, 12, 4), periods.AcceptanceDue(WorkdayCalendar.Official, friday));
        Assert.Equal(new DateOnly(2026, 12, 28), periods.AnswerDue(WorkdayCalendar.Official, friday));
    }

    [Theory]
    [InlineData("<script>alert('x')</script>", true)]
    [InlineData("请看 <a href=\"http://x\">这里</a>", true)]
    [InlineData("<img src=x onerror=alert(1)>", true)]
    [InlineData("javascript:alert(1)", true)]
    [InlineData("价格 3<5 元，重量 >2 斤", false)]
    [InlineData("超市在解放路 22 号，老板姓王。", false)]
    public void Markup_is_told_from_ordinary_text(string text, bool markup) => Assert.Equal(markup, ComplaintForm.ContainsMarkup(text));

    [Fact]
    public void A_complaint_needs_contact_details_and_a_report_may_be_anonymous()
    {
        var today = new DateOnly(2026, 11, 28);
        var complaint = new ComplaintInput("投诉", "", "超市销售过期食品", "在解放路超市买到过期酸奶，请求依法处理。", null, null, null, null, null, false);
        var problems = ComplaintForm.Check(complaint, today, agencyKnown: true);
        Assert.Contains(problems, p => p.Field == "name");
        Assert.Contains(problems, p => p.Field == "phone");
        Assert.Empty(ComplaintForm.Check(complaint with { Kind = "举报" }, today, agencyKnown: true));
        Assert.Contains(ComplaintForm.Check(complaint with { Kind = "举报", Phone = "12345" }, today, true), p => p.Field == "phone");
        Assert.Contains(ComplaintForm.Check(complaint with { Kind = "建议" }, today, true), p => p.Field == "kind");
        Assert.Contains(ComplaintForm.Check(complaint with { Kind = "举报", Content = new string('字', 1_048_576) }, today, true),
            p => p.Field == "content" && p.Message.Contains("1,048,576", StringComparison.Ordinal));
    }
}
