using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Tests.Workflow;

public sealed class WorkflowDefinitionTests
{
    public static TheoryData<ProcedureKind> Kinds => [.. Enum.GetValues<ProcedureKind>()];

    [Fact]
    public void Every_procedure_kind_has_exactly_one_definition()
    {
        Assert.Equal(Enum.GetValues<ProcedureKind>(), Procedures.All.Select(d => d.Procedure));
        Assert.Equal(Procedures.All.Count, Procedures.All.Select(d => d.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Definition_is_sound(ProcedureKind kind)
    {
        var d = Procedures.For(kind);
        Assert.Empty(d.Validate());

        // The same properties, asserted directly, so a bug in Validate cannot hide them.
        Assert.Equal(d.Steps.Count, d.Steps.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(d.Steps.Select(s => s.Code).ToHashSet(), d.Reachable().ToHashSet());
        foreach (var step in d.Steps.Where(s => !s.IsFinal))
        {
            Assert.Single(d.From(step.Code), t => !t.IsConditional);
        }

        Assert.All(d.Steps.Where(s => s.IsFinal), s => Assert.Empty(d.From(s.Code)));
        Assert.True(d.MainLine[^1].IsFinal, $"{d.Name}的主线没有走到终结环节");
        Assert.All(d.Steps, s => Assert.True(Roles.IsKnown(s.Role), s.Role));
        Assert.All(d.Transitions.Where(t => t.IsConditional), t => Assert.False(string.IsNullOrWhiteSpace(t.Condition)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_step_can_still_reach_the_end(ProcedureKind kind)
    {
        var d = Procedures.For(kind);
        foreach (var step in d.Steps)
        {
            var seen = new HashSet<string> { step.Code };
            var queue = new Queue<string>([step.Code]);
            var end = false;
            while (queue.TryDequeue(out var code))
            {
                end |= d.Step(code).IsFinal;
                foreach (var t in d.From(code).Where(t => seen.Add(t.To)))
                {
                    queue.Enqueue(t.To);
                }
            }

            Assert.True(end, $"{d.Name}：从“{step.Name}”无法到达终结环节");
        }
    }

    [Fact]
    public void Guard_identifiers_mean_one_thing_everywhere()
    {
        var guards = Procedures.All.SelectMany(d => d.Guards).ToList();
        Assert.NotEmpty(guards);
        foreach (var group in guards.GroupBy(g => g.Id))
        {
            Assert.Single(group.Select(g => g.Description).Distinct());
        }

        // Every guard a table names comes from the catalogue, so case handling can bind each identifier once.
        var catalogue = typeof(WorkflowGuards).GetFields().Select(f => (Guard)f.GetValue(null)!).ToList();
        Assert.Equal(catalogue.Count, catalogue.Select(g => g.Id).Distinct().Count());
        Assert.All(guards, g => Assert.Contains(g, catalogue));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Time_limits_count_days_as_their_law_says(ProcedureKind kind)
    {
        foreach (var step in Procedures.For(kind).Steps.Where(s => s.TimeLimit is not null))
        {
            var limit = step.TimeLimit!;
            if (limit.Unit != PeriodUnit.Hours)
            {
                Assert.Equal(StatutoryDays.UnitFor(limit.Basis.Law, limit.Amount), limit.Unit);
            }
        }
    }

    [Fact]
    public void Article_85_working_days_are_exactly_2_3_5_and_7_days_of_the_Penalty_Law()
    {
        Assert.Equal(PeriodUnit.WorkingDays, StatutoryDays.UnitFor(StatutoryDays.PenaltyLaw, 7));
        Assert.Equal(PeriodUnit.WorkingDays, StatutoryDays.UnitFor(StatutoryDays.PenaltyLaw, 5));
        Assert.Equal(PeriodUnit.CalendarDays, StatutoryDays.UnitFor(StatutoryDays.PenaltyLaw, 15));
        Assert.Equal(PeriodUnit.CalendarDays, StatutoryDays.UnitFor(StatutoryDays.PenaltyLaw, 90));
        Assert.Equal(PeriodUnit.WorkingDays, StatutoryDays.UnitFor(StatutoryDays.LicensingLaw, 20));
        Assert.Equal(PeriodUnit.WorkingDays, StatutoryDays.UnitFor(StatutoryDays.CoercionLaw, 10));
        Assert.Equal(PeriodUnit.CalendarDays, StatutoryDays.UnitFor(StatutoryDays.CoercionLaw, 30));
        Assert.Equal(PeriodUnit.CalendarDays, StatutoryDays.UnitFor("工伤保险条例", 5));
    }

    [Fact]
    public void General_procedure_follows_the_chain_and_limits_of_DOMAIN_md()
    {
        var d = Procedures.GeneralPenalty;
        Assert.Equal(["立案", "调查取证", "案件审查", "告知", "法制审核", "决定", "送达", "执行", "结案", "归档"], d.MainLine.Select(s => s.Name));
        Assert.Contains(d.Transitions, t => t is { From: "notify", To: "hearing", Condition: "当事人申请听证" });
        Assert.Contains(d.Transitions, t => t is { From: "review", To: "discuss", IsConditional: true });
        Assert.All(d.To("decide"), t => Assert.NotEqual("notify", t.From));

        AssertLimit(d.Step("decide"), 90, PeriodUnit.CalendarDays, "register", StepMoment.Completed, "第六十条");
        AssertLimit(d.Step("serve"), 7, PeriodUnit.WorkingDays, "decide", StepMoment.Completed, "第六十一条");
        AssertLimit(d.Step("execute"), 15, PeriodUnit.CalendarDays, "serve", StepMoment.Completed, "第六十七条");
        AssertLimit(d.Step("notify"), 5, PeriodUnit.WorkingDays, "notify", StepMoment.Entered, "第六十四条");
        AssertLimit(d.Step("preserve"), 7, PeriodUnit.WorkingDays, "preserve", StepMoment.Entered, "第五十六条");
        Assert.Equal("《行政处罚法》第六十条", d.Step("decide").TimeLimit!.Basis.ToString());

        // Separation of duties in the table itself: handling, review and decision are different roles.
        Assert.Equal(Roles.Reviewer, d.Step("review").Role);
        Assert.Equal(Roles.AgencyHead, d.Step("decide").Role);
        Assert.Contains(WorkflowGuards.ReviewPassed, d.Transitions.Single(t => t is { From: "review", To: "decide" }).Guards);
    }

    [Fact]
    public void Summary_procedure_names_the_amount_limits_and_the_two_day_remittance()
    {
        var d = Procedures.SummaryPenalty;
        Assert.Contains(WorkflowGuards.SummaryAmountLimit, d.From("identify")[0].Guards);
        Assert.Contains("二百元", WorkflowGuards.SummaryAmountLimit.Description, StringComparison.Ordinal);
        Assert.Contains("三千元", WorkflowGuards.SummaryAmountLimit.Description, StringComparison.Ordinal);
        AssertLimit(d.Step("collect"), 2, PeriodUnit.WorkingDays, "collect", StepMoment.Entered, "第七十一条");
    }

    [Fact]
    public void Seizure_lasts_30_days_extendable_once_by_30()
    {
        var limit = Procedures.CoerciveMeasure.Step("decide").TimeLimit!;
        AssertLimit(Procedures.CoerciveMeasure.Step("decide"), 30, PeriodUnit.CalendarDays, "implement", StepMoment.Completed, "第二十五条");
        Assert.Equal(new Extension(30, 1, limit.Extension!.Condition), limit.Extension);
        Assert.Equal("查封扣押之日起30日内（可延长30日）", limit.ChartText);
        Assert.Contains(WorkflowGuards.AudioVisualRecorded, Procedures.CoerciveMeasure.From("implement")[0].Guards);
        Assert.Equal(new TimeLimit(24, PeriodUnit.Hours, Procedures.CoerciveMeasure.Step("ratify").TimeLimit!.From, "向行政机关负责人报告并补办批准手续",
            new Citation(StatutoryDays.CoercionLaw, "第十九条"), Label: "24小时内报告并补办批准"), Procedures.CoerciveMeasure.Step("ratify").TimeLimit);
    }

    [Fact]
    public void Licensing_decides_within_20_working_days_extendable_once_by_10()
    {
        var decide = Procedures.Licensing.Step("decide");
        AssertLimit(decide, 20, PeriodUnit.WorkingDays, "receive", StepMoment.Completed, "第四十二条");
        Assert.Equal(10, decide.TimeLimit!.Extension!.Amount);
        Assert.Equal(1, decide.TimeLimit.Extension.Times);
        Assert.Equal("自受理之日起20个工作日内作出行政许可决定；二十日内不能作出决定的，经本行政机关负责人批准，并将延长期限的理由告知申请人，可延长一次，每次不超过10个工作日。",
            decide.TimeLimit.Sentence);
    }

    [Fact]
    public void Work_injury_determination_within_60_days_of_acceptance()
    {
        var decide = Procedures.Confirmation.Step("decide");
        AssertLimit(decide, 60, PeriodUnit.CalendarDays, "receive", StepMoment.Completed, "第二十条");
        Assert.Equal("工伤保险条例", decide.TimeLimit!.Basis.Law);
    }

    [Fact]
    public void Slugs_are_kebab_case_and_round_trip()
    {
        Assert.Equal("general-penalty", ProcedureKind.GeneralPenalty.Slug());
        Assert.Equal("coercive-measure", ProcedureKind.CoerciveMeasure.Slug());
        Assert.Equal("other", ProcedureKind.Other.Slug());
        foreach (var kind in Enum.GetValues<ProcedureKind>())
        {
            Assert.True(Procedures.TryParseSlug(kind.Slug(), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.False(Procedures.TryParseSlug("GeneralPenalty", out _));
        Assert.False(Procedures.TryParseSlug("1", out _));
        Assert.False(Procedures.TryParseSlug(null, out _));
    }

    [Fact]
    public void Validate_finds_each_kind_of_defect()
    {
        var d = Procedures.Other;
        Assert.Contains(Problems(d with { Steps = [.. d.Steps, d.Steps[1]] }), p => p.Contains("重复", StringComparison.Ordinal));
        Assert.Contains(Problems(d with { Steps = [.. d.Steps, new Step("orphan", "孤立环节", Roles.Officer, IsFinal: true)] }),
            p => p.Contains("无法到达", StringComparison.Ordinal));
        Assert.Contains(Problems(d with { Transitions = [.. d.Transitions.Where(t => t.From != "serve")] }),
            p => p.Contains("没有任何出口", StringComparison.Ordinal));
        Assert.Contains(Problems(d with { Transitions = [.. d.Transitions, new Transition("examine", "serve", "越级送达")] }),
            p => p.Contains("恰有一个无条件的出口", StringComparison.Ordinal));
        Assert.Contains(Problems(d with { Transitions = [.. d.Transitions, new Transition("serve", "nowhere", "去向不明", "条件")] }),
            p => p.Contains("不存在的环节", StringComparison.Ordinal));
        Assert.Contains(Problems(d with { Transitions = [.. d.Transitions, new Transition("archive", "open", "重新启动", "条件")] }),
            p => p.Contains("终结环节", StringComparison.Ordinal));
        Assert.Contains(Problems(d with { Start = "missing" }), p => p.Contains("起始环节", StringComparison.Ordinal));

        var wrongDays = Procedures.GeneralPenalty.Steps.Select(s => s.Code == "serve"
            ? s with { TimeLimit = s.TimeLimit! with { Unit = PeriodUnit.CalendarDays } } : s).ToList();
        Assert.Contains(Problems(Procedures.GeneralPenalty with { Steps = wrongDays }), p => p.Contains("应为工作日", StringComparison.Ordinal));

        var badGuard = new Guard("Not An Id", "说明");
        Assert.Contains(Problems(d with { Transitions = [.. d.Transitions.Select(t => t.From == "open" ? t with { Guards = [badGuard] } : t)] }),
            p => p.Contains("条件标识", StringComparison.Ordinal));
        Assert.Contains(Problems(d with { Steps = [.. d.Steps.Select(s => s.Code == "open" ? s with { Role = "Nobody" } : s)] }),
            p => p.Contains("不是平台角色", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Problems(WorkflowDefinition d)
    {
        var problems = d.Validate();
        Assert.NotEmpty(problems);
        return problems;
    }

    private static void AssertLimit(Step step, int amount, PeriodUnit unit, string from, StepMoment moment, string provision)
    {
        var limit = step.TimeLimit;
        Assert.NotNull(limit);
        Assert.Equal(amount, limit.Amount);
        Assert.Equal(unit, limit.Unit);
        Assert.Equal(from, limit.From.Step);
        Assert.Equal(moment, limit.From.Moment);
        Assert.Equal(provision, limit.Basis.Provision.Split('、')[0]);
    }
}
