using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Workflow;

/// <summary>
/// One procedure as data: its steps (states) and the transitions between them, with the guards each transition must pass.
/// Case handling enforces this table and the published flow chart is drawn from it (PUB-3), so the two cannot drift apart.
/// Step codes are what a case stores as its status: plain strings an auditor can read in the database.
/// </summary>
/// <param name="Procedure">The procedure kind an enforcement item names.</param>
/// <param name="Name">Chinese name, e.g. 行政处罚一般程序.</param>
/// <param name="Basis">The laws the procedure follows, in Chinese, for the chart's subtitle and the portal.</param>
/// <param name="Start">Code of the step a new case starts in.</param>
/// <param name="Steps">The steps in reading order (the main line first is customary, not required).</param>
/// <param name="Transitions">Every permitted move between steps; anything not listed here is refused.</param>
public sealed record WorkflowDefinition(
    ProcedureKind Procedure,
    string Name,
    string Basis,
    string Start,
    IReadOnlyList<Step> Steps,
    IReadOnlyList<Transition> Transitions)
{
    /// <summary>The step with this code; throws for an unknown code (a bug in the caller, not user input).</summary>
    public Step Step(string code) =>
        Steps.FirstOrDefault(s => s.Code == code) ?? throw new KeyNotFoundException($"{Name}没有环节“{code}”。");

    public bool HasStep(string code) => Steps.Any(s => s.Code == code);

    /// <summary>The transitions out of a step: its main exit first, then the conditional ones in table order.</summary>
    public IReadOnlyList<Transition> From(string code) =>
        [.. Transitions.Where(t => t.From == code).OrderBy(t => t.IsConditional)];

    public IReadOnlyList<Transition> To(string code) => [.. Transitions.Where(t => t.To == code)];

    /// <summary>
    /// The main line: from the start, follow each step's unconditional exit until a final step. Steps off this line are
    /// taken only when a condition holds (drawn beside the line, e.g. [听证], [集体讨论]).
    /// </summary>
    public IReadOnlyList<Step> MainLine
    {
        get
        {
            var line = new List<Step>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var code = Start;
            while (HasStep(code) && seen.Add(code))
            {
                line.Add(Step(code));
                var main = Transitions.FirstOrDefault(t => t.From == code && !t.IsConditional);
                if (main is null)
                {
                    break;
                }

                code = main.To;
            }

            return line;
        }
    }

    /// <summary>Every guard the table names, once each, in table order.</summary>
    public IReadOnlyList<Guard> Guards => [.. Transitions.SelectMany(t => t.Guards).DistinctBy(g => g.Id)];

    /// <summary>
    /// Checks the table's shape and returns each problem in Chinese (empty when the table is sound): unique step codes,
    /// transitions between known steps, every step reachable from the start, every non-final step with exactly one
    /// unconditional exit (its main line) and no exit from a final step, time limits that count from a known step and
    /// use the day count the law prescribes.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var duplicate in Steps.GroupBy(s => s.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"环节代码“{duplicate.Key}”重复 {duplicate.Count()} 次。");
        }

        foreach (var duplicate in Steps.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"环节名称“{duplicate.Key}”重复 {duplicate.Count()} 次。");
        }

        foreach (var step in Steps)
        {
            if (!StepCode.IsValid(step.Code))
            {
                problems.Add($"环节代码“{step.Code}”不合规：只能使用小写字母、数字和连字符，以字母开头。");
            }

            if (string.IsNullOrWhiteSpace(step.Name))
            {
                problems.Add($"环节“{step.Code}”没有中文名称。");
            }

            if (!Accounts.Roles.IsKnown(step.Role))
            {
                problems.Add($"环节“{step.Name}”的承办角色“{step.Role}”不是平台角色。");
            }

            if (step.TimeLimit is { } limit)
            {
                if (limit.Amount <= 0)
                {
                    problems.Add($"环节“{step.Name}”的时限必须为正数。");
                }

                if (!HasStep(limit.From.Step))
                {
                    problems.Add($"环节“{step.Name}”的时限起算环节“{limit.From.Step}”不存在。");
                }

                if (limit.Unit != PeriodUnit.Hours && StatutoryDays.UnitFor(limit.Basis.Law, limit.Amount) != limit.Unit)
                {
                    problems.Add($"环节“{step.Name}”的时限{limit.Amount}日按{limit.Basis}应为{StatutoryDays.UnitFor(limit.Basis.Law, limit.Amount).Chinese()}。");
                }

                if (limit.Extension is { } extension && (extension.Amount <= 0 || extension.Times <= 0 ||
                    StatutoryDays.UnitFor(limit.Basis.Law, extension.Amount) != limit.Unit && limit.Unit != PeriodUnit.Hours))
                {
                    problems.Add($"环节“{step.Name}”的延长期限不合规。");
                }
            }
        }

        if (!HasStep(Start))
        {
            problems.Add($"起始环节“{Start}”不存在。");
        }

        foreach (var t in Transitions)
        {
            if (!HasStep(t.From) || !HasStep(t.To))
            {
                problems.Add($"流转“{t.Action}”（{t.From} → {t.To}）连接了不存在的环节。");
            }

            if (t.From == t.To)
            {
                problems.Add($"流转“{t.Action}”从环节“{t.From}”回到自身。");
            }

            if (string.IsNullOrWhiteSpace(t.Action))
            {
                problems.Add($"流转 {t.From} → {t.To} 没有中文动作名称。");
            }

            if (t.Condition is { } condition && string.IsNullOrWhiteSpace(condition))
            {
                problems.Add($"流转“{t.Action}”标为附条件，但条件为空。");
            }
        }

        foreach (var duplicate in Transitions.GroupBy(t => (t.From, t.To)).Where(g => g.Count() > 1))
        {
            problems.Add($"从“{duplicate.Key.From}”到“{duplicate.Key.To}”的流转重复 {duplicate.Count()} 次。");
        }

        foreach (var step in Steps)
        {
            var exits = Transitions.Where(t => t.From == step.Code).ToList();
            if (step.IsFinal && exits.Count > 0)
            {
                problems.Add($"终结环节“{step.Name}”不应再有流转。");
            }
            else if (!step.IsFinal && exits.Count == 0)
            {
                problems.Add($"环节“{step.Name}”不是终结环节，却没有任何出口。");
            }
            else if (!step.IsFinal && exits.Count(t => !t.IsConditional) != 1)
            {
                problems.Add($"环节“{step.Name}”应当恰有一个无条件的出口（主线），现有 {exits.Count(t => !t.IsConditional)} 个。");
            }
        }

        if (HasStep(Start))
        {
            var reached = Reachable();
            foreach (var step in Steps.Where(s => !reached.Contains(s.Code)))
            {
                problems.Add($"环节“{step.Name}”从起始环节无法到达。");
            }
        }

        if (!Steps.Any(s => s.IsFinal))
        {
            problems.Add("没有终结环节。");
        }

        foreach (var guard in Guards)
        {
            if (!GuardId.IsValid(guard.Id))
            {
                problems.Add($"条件标识“{guard.Id}”不合规：应为以点分隔的小写英文词，例如 officers.two-certified。");
            }
        }

        foreach (var clash in Transitions.SelectMany(t => t.Guards).GroupBy(g => g.Id, StringComparer.Ordinal)
                     .Where(g => g.Select(x => x.Description).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            problems.Add($"条件标识“{clash.Key}”对应了不同的说明。");
        }

        return problems;
    }

    /// <summary>Codes of the steps that can be reached from the start.</summary>
    public IReadOnlySet<string> Reachable()
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { Start };
        var queue = new Queue<string>([Start]);
        while (queue.TryDequeue(out var code))
        {
            foreach (var t in Transitions.Where(t => t.From == code))
            {
                if (reached.Add(t.To))
                {
                    queue.Enqueue(t.To);
                }
            }
        }

        return reached;
    }
}

/// <summary>One step of a procedure: what is being done, by whom, within what time.</summary>
/// <param name="Code">Stable identifier stored as a case's status (lower-case, hyphenated English).</param>
/// <param name="Name">Chinese name shown to officers and the public.</param>
/// <param name="Role">The platform role (<see cref="Accounts.Roles"/>) that acts in this step.</param>
/// <param name="TimeLimit">The statutory time limit of the step, or null where national law sets none.</param>
/// <param name="IsFinal">True for the step a case ends in.</param>
/// <param name="Note">What the step consists of, in Chinese (for the accessible text version and officers' help).</param>
public sealed record Step(string Code, string Name, string Role, TimeLimit? TimeLimit = null, bool IsFinal = false, string? Note = null)
{
    public string RoleName => Accounts.Roles.Chinese(Role);
}

/// <summary>A permitted move from one step to another.</summary>
/// <param name="From">Code of the step the case is in.</param>
/// <param name="To">Code of the step the case moves to.</param>
/// <param name="Action">What is done, in Chinese (e.g. 批准立案); recorded in the log with the move.</param>
/// <param name="Condition">
/// Null for a step's main exit; otherwise the Chinese condition under which this branch is taken
/// (e.g. 当事人申请听证). The chart labels the arrow with it.
/// </param>
/// <param name="Guards">Preconditions checked before the move; each refusal names the guard's description.</param>
public sealed record Transition(string From, string To, string Action, string? Condition = null, IReadOnlyList<Guard>? Guards = null)
{
    public IReadOnlyList<Guard> Guards { get; init; } = Guards ?? [];

    public bool IsConditional => Condition is not null;
}

/// <summary>
/// A named precondition of a transition. The table holds only its identifier and Chinese description; case handling binds
/// each identifier to code (a dictionary from <see cref="Id"/> to a check), so the table does not change when the check is written.
/// </summary>
/// <param name="Id">Stable dotted identifier, e.g. <c>officers.two-certified</c>.</param>
/// <param name="Description">What must hold, in Chinese; a refusal quotes it.</param>
public sealed record Guard(string Id, string Description);

/// <summary>How a statutory period is counted.</summary>
public enum PeriodUnit
{
    /// <summary>Calendar days: the first day is not counted; a period ending on a rest day ends on the next working day.</summary>
    CalendarDays,

    /// <summary>Working days under the State Council calendar (statutory holidays and rest days not counted).</summary>
    WorkingDays,

    /// <summary>Hours (e.g. the 24 hours to report an on-the-spot coercive measure).</summary>
    Hours,
}

/// <summary>A statutory time limit of a step.</summary>
/// <param name="Amount">Number of days (or hours).</param>
/// <param name="Unit">Calendar or working days, as the law counts them (see <see cref="StatutoryDays"/>).</param>
/// <param name="From">The step and moment the period is counted from.</param>
/// <param name="What">What must be done within the period, in Chinese (e.g. 作出行政处罚决定).</param>
/// <param name="Basis">The provision that sets the period.</param>
/// <param name="Extension">How far and how often the period may be extended, if the law allows it.</param>
/// <param name="Label">The chart's short text where the computed one (start and period) would not say what the period is for.</param>
public sealed record TimeLimit(int Amount, PeriodUnit Unit, PeriodStart From, string What, Citation Basis, Extension? Extension = null,
    string? Label = null)
{
    /// <summary>The period in Chinese: 90日, 7个工作日, 24小时.</summary>
    public string Period => Format(Amount, Unit);

    /// <summary>The short form on a chart box: 立案之日起90日内（可延长30日）.</summary>
    public string ChartText => Label ??
        $"{From.Chinese}起{Period}内" + (Extension is { } e ? $"（可延长{Format(e.Amount, Unit)}）" : "");

    /// <summary>The full sentence for the text version: 自立案之日起90日内作出行政处罚决定；经……批准，可延长一次，不超过30日。</summary>
    public string Sentence =>
        $"自{From.Chinese}起{Period}内{What}" + (Extension is { } e
            ? $"；{e.Condition}，可延长{(e.Times == 1 ? "一次" : $"{e.Times}次")}，每次不超过{Format(e.Amount, Unit)}"
            : "") + "。";

    private static string Format(int amount, PeriodUnit unit) => unit switch
    {
        PeriodUnit.CalendarDays => $"{amount}日",
        PeriodUnit.WorkingDays => $"{amount}个工作日",
        PeriodUnit.Hours => $"{amount}小时",
    };
}

/// <summary>Where a period starts: when the case entered or completed a step.</summary>
/// <param name="Step">Code of the step.</param>
/// <param name="Moment">Entering the step (e.g. the day the notice was served) or completing it (e.g. the day of registration).</param>
/// <param name="Chinese">The start in Chinese as the law says it, e.g. 立案之日.</param>
public sealed record PeriodStart(string Step, StepMoment Moment, string Chinese);

public enum StepMoment
{
    Entered,
    Completed,
}

/// <summary>An extension a law allows: up to <paramref name="Times"/> times by <paramref name="Amount"/>, under a condition.</summary>
public sealed record Extension(int Amount, int Times, string Condition);

/// <summary>A provision of law: 《行政处罚法》第六十条.</summary>
/// <param name="Law">Short name of the law without book-title marks, e.g. 行政处罚法.</param>
/// <param name="Provision">Article (and paragraph) in Chinese, e.g. 第六十条.</param>
public sealed record Citation(string Law, string Provision)
{
    public override string ToString() => $"《{Law}》{Provision}";
}

public static class PeriodUnitNames
{
    public static string Chinese(this PeriodUnit unit) => unit switch
    {
        PeriodUnit.CalendarDays => "日（自然日）",
        PeriodUnit.WorkingDays => "工作日",
        PeriodUnit.Hours => "小时",
    };
}

internal static class StepCode
{
    public static bool IsValid(string code) =>
        code.Length is > 0 and <= 40 && char.IsAsciiLetterLower(code[0]) &&
        code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}

internal static class GuardId
{
    public static bool IsValid(string id) =>
        id.Split('.') is { Length: >= 2 } parts && parts.All(p => p.Length > 0 && StepCode.IsValid(p));
}
