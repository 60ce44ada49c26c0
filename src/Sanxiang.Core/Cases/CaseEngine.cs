using Sanxiang.Core.Accounts;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Cases;

/// <summary>The legal-review requirement (REV-2) as the gate of a case sees it: the reasons of <see cref="Review.ReviewRequirement"/>.</summary>
public static class ReviewRules
{
    public static IReadOnlyList<string> Reasons(GuardContext c) =>
        [.. Review.ReviewRequirement.Matches(c.File, c.Procedure.Procedure, c.Item, c.Law).Select(m => m.Reason)];
}

/// <summary>
/// The one way a case changes step: find the transition in the procedure table, check who is acting, run its guards, and
/// move. Refusals are returned, never thrown: the caller shows each with its rule and reason, and the case stays as it was.
/// </summary>
public static class CaseEngine
{
    public const string SealedRule = "case.sealed";
    public const string TransitionRule = "case.transition";
    public const string RoleRule = "case.role";
    public const string HandlerRule = "case.handler";

    /// <summary>The refusal of any change to a sealed case.</summary>
    public static readonly Refusal Sealed = new(SealedRule, "已归档封存的案卷不得修改", "本案已归档封存，不能再办理；如需更正，请另行记录并引用本案。");

    public static WorkflowDefinition ProcedureOf(Case @case) => Procedures.For(@case.Procedure);

    /// <summary>The transitions out of the case's current step, main exit first.</summary>
    public static IReadOnlyList<Transition> Available(Case @case) => ProcedureOf(@case).From(@case.Status);

    /// <summary>Everything that stops <paramref name="context"/>'s transition, in the order a person should fix it.</summary>
    public static IReadOnlyList<Refusal> Check(GuardContext context)
    {
        var basic = BasicRefusal(context.Case, context.Procedure, context.Transition.From, context.Transition.To, context.Actor);
        return basic is not null ? [basic] : CaseGuards.Check(context);
    }

    /// <summary>The rules before any guard: the case is open, the move exists from where the case is, the actor may act in this step.</summary>
    public static Refusal? BasicRefusal(Case @case, WorkflowDefinition procedure, string from, string to, CaseActor actor)
    {
        if (@case.IsSealed)
        {
            return Sealed;
        }

        if (@case.Status != from || procedure.From(from).All(t => t.To != to))
        {
            var here = procedure.HasStep(@case.Status) ? procedure.Step(@case.Status).Name : @case.Status;
            var target = procedure.HasStep(to) ? $"“{procedure.Step(to).Name}”" : $"“{to}”";
            var exits = procedure.From(@case.Status).Select(t => $"“{procedure.Step(t.To).Name}”").Distinct().ToList();
            return new Refusal(TransitionRule, "案件只能按法定程序的顺序办理",
                $"本案当前处于“{here}”环节，不能转入{target}" + (exits.Count > 0 ? $"；可以转入：{string.Join("、", exits)}。" : "；本案已办结。"));
        }

        var step = procedure.Step(from);
        var allowed = step.Role switch
        {
            Roles.Officer => actor.Is(Roles.Officer) || actor.Is(Roles.UnitHead),
            Roles.UnitHead => actor.Is(Roles.UnitHead) || actor.Is(Roles.AgencyHead),
            _ => actor.Is(step.Role),
        };
        if (!allowed)
        {
            return new Refusal(RoleRule, "各环节由法定的承办角色办理", $"“{step.Name}”环节由{step.RoleName}办理，当前账号无此权限。");
        }

        if (step.Role == Roles.Officer && !actor.Is(Roles.UnitHead))
        {
            var mine = actor.OfficerId is { } me ? @case.Officers.FirstOrDefault(o => o.OfficerId == me) : null;
            if (mine is null)
            {
                return new Refusal(HandlerRule, "执法人员只办理指派给本人的案件", "您不是本案的承办人员，不能办理本环节。");
            }

            if (mine.Recused)
            {
                return new Refusal(HandlerRule, "已回避的人员不得参与案件办理", "您已在本案中回避，不能办理本环节（《行政处罚法》第四十三条）。");
            }
        }

        return null;
    }

    /// <summary>Moves the case (the caller has checked that <see cref="Check"/> returned nothing) and returns the record of the move.</summary>
    public static CaseStepRecord Apply(Case @case, Transition transition, CaseActor actor, string actorRole, DateOnly today, DateTimeOffset now)
    {
        var record = new CaseStepRecord
        {
            Id = Guid.CreateVersion7(now),
            CaseId = @case.Id,
            Sequence = @case.Steps.Count == 0 ? 1 : @case.Steps.Max(s => s.Sequence) + 1,
            From = transition.From,
            To = transition.To,
            Action = transition.Action,
            On = today,
            AtUtc = now,
            ActorId = actor.AccountId,
            ActorRole = actorRole,
        };
        @case.Steps.Add(record);
        @case.Status = transition.To;
        @case.Revision++;
        if (transition.From == ProcedureOf(@case).Start && @case.RegisteredOn is null)
        {
            @case.RegisteredOn = today;
        }

        return record;
    }
}
