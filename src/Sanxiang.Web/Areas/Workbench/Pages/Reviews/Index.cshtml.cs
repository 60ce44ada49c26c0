using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Review;
using Sanxiang.Core.Tabular;
using Sanxiang.Core.Workflow;
using Sanxiang.Data;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Cases;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Workbench.Pages.Reviews;

/// <summary>
/// 法制审核工作台 (issue 6, item 7): the cases waiting for a legal review opinion, by deadline (the agency's review time
/// limit, 10 working days by default), with the round, who submitted and why review is required; the cases returned with
/// problems and not yet resubmitted; and the figures per reviewer and per agency over a period (reviewed, agreed at the
/// first round, problems by kind, average working days, late opinions). Reviewers, agency heads and supervisors (the
/// county) see it, each within the agencies they may read.
/// </summary>
public sealed class IndexModel(SanxiangDbContext db, CaseHandling handling, TimeProvider clock) : PageModel
{
    /// <summary>A case in review: its current round, the submitter, the deadline, why review is required, and whether the viewer may review it.</summary>
    public sealed record Waiting(Case Case, string AgencyName, int Round, DateOnly SubmittedOn, string SubmittedBy, Deadline? Due,
        IReadOnlyList<string> Reasons, string? MayNotReview);

    /// <summary>A case sent back with problems, waiting for the handling unit to answer and resubmit.</summary>
    public sealed record Returned(Case Case, string AgencyName, int Round, DateOnly ReturnedOn, string ReviewedBy, int Problems, string StepName);

    public List<Waiting> Queue { get; private set; } = [];
    public List<Returned> Back { get; private set; } = [];
    public ReviewStatisticsResult? Statistics { get; private set; }
    public bool CountyWide { get; private set; }
    public bool IsReviewer => User.IsInRole(Roles.Reviewer);
    public DateOnly Today { get; private set; }

    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }

    /// <summary>A problem with the period asked for, in Chinese.</summary>
    public string? PeriodProblem { get; private set; }

    private static readonly string[] Readers = [Roles.Reviewer, Roles.AgencyHead, Roles.Supervisor];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        CountyWide = db.Scope.ReadsAllAgencies;
        Today = ChinaTime.Today(clock);
        if (!Period(out var from, out var to))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (cases, agencies, names, calendar) = await LoadAsync(from, to, ct);
        var actor = Sanxiang.Web.Api.CasesApi.Actor(User);
        var waiting = cases.Where(c => c.Status == ReviewRounds.Step && !c.IsSealed).ToList();
        var why = await handling.ReviewReasonsAsync(waiting, ct);
        foreach (var c in waiting)
        {
            var rounds = ReviewRounds.All(c);
            var current = rounds[^1];
            var agency = agencies[c.AgencyId];
            var reasons = why[c.Id];
            Queue.Add(new Waiting(c, agency.ShortName, current.Number, current.SubmittedOn, Name(names, current.SubmittedBy),
                CaseDeadlines.ReviewDue(c, Procedures.For(c.Procedure), calendar, handling.LawFor(agency), Today),
                [.. reasons.Select(r => r.Reason)], IsReviewer ? CaseGuards.ReviewerConflict(c, new CaseFile(c), actor) : null));
        }

        Queue = [.. Queue.OrderBy(w => w.Due?.Due ?? DateOnly.MaxValue).ThenBy(w => w.SubmittedOn)];
        foreach (var c in cases.Where(c => c.Status != ReviewRounds.Step && !c.IsSealed))
        {
            if (ReviewRounds.All(c) is [.., { Opinion: "存在问题", ReviewedOn: { } on } last] && last.Outcome is not ("decide" or "discuss"))
            {
                Back.Add(new Returned(c, agencies[c.AgencyId].ShortName, last.Number, on, Name(names, last.ReviewedBy), last.Problems.Count,
                    Procedures.For(c.Procedure).Step(c.Status).Name));
            }
        }

        Back = [.. Back.OrderBy(b => b.ReturnedOn)];
        Statistics = Figures(cases, agencies, names, calendar, from, to);
        return Page();
    }

    /// <summary>The figures as a spreadsheet (UTF-8 CSV): one row per agency, then one per reviewer, then the total.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        Today = ChinaTime.Today(clock);
        if (!Period(out var from, out var to))
        {
            return new ObjectResult(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "统计期间有误", Detail = PeriodProblem })
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentTypes = { "application/problem+json" },
            };
        }

        var (cases, agencies, names, calendar) = await LoadAsync(from, to, ct);
        var result = Figures(cases, agencies, names, calendar, from, to);
        string[] headers =
        [
            "类别", "名称", "审核件次", "同意", "退回补正", "首次送审", "首次审核即同意", "首次审核通过率", .. ReviewStatisticsResult.Kinds.Select(k => $"问题：{k}"),
            "平均用时（工作日）", "超过时限", "待审核", "待审核已逾期",
        ];
        string?[] Row(string kind, ReviewTally t) =>
        [
            kind, t.Name, $"{t.Reviewed}", $"{t.Agreed}", $"{t.Returned}", $"{t.FirstRounds}", $"{t.FirstRoundAgreed}",
            t.FirstRoundAgreementRate is { } r ? r.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "",
            .. t.ProblemsByKind.Select(n => $"{n}"), t.AverageWorkingDays?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            $"{t.Late}", kind == "审核人员" ? "" : $"{t.Pending}", kind == "审核人员" ? "" : $"{t.PendingOverdue}",
        ];
        var output = new MemoryStream();
        CsvTableWriter.Write(output, headers,
            [.. result.ByAgency.Select(t => Row("执法主体", t)), .. result.ByReviewer.Select(t => Row("审核人员", t)), Row("合计", result.County)]);
        return File(output.ToArray(), "text/csv; charset=utf-8", $"法制审核统计_{from:yyyyMMdd}-{to:yyyyMMdd}.csv");
    }

    /// <summary>The period asked for; by default this year up to today. False (with <see cref="PeriodProblem"/>) when it makes no sense.</summary>
    private bool Period(out DateOnly from, out DateOnly to)
    {
        (from, to, PeriodProblem) = StatisticsPeriod.Check(From, To, Today);
        From = from;
        To = to;
        return PeriodProblem is null;
    }

    /// <summary>
    /// The cases the page speaks of — those in review or sent back now, and those with an opinion in the period — with
    /// their records, the agencies, account names and the calendar. Bounded by the period, not by all history.
    /// </summary>
    private async Task<(List<Case> Cases, Dictionary<Guid, Sanxiang.Core.Registry.Agency> Agencies, Dictionary<Guid, string> Names,
        Sanxiang.Core.Calendar.WorkdayCalendar Calendar)> LoadAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.Steps.Any(s => s.From == ReviewRounds.Step && s.On >= from && s.On <= to)
                || c.SealedAtUtc == null && (c.Status == ReviewRounds.Step || c.Steps.Any(s => s.From == ReviewRounds.Step && s.To == "examine")))
            .Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence).Include(c => c.Officers).AsSplitQuery().ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var actors = cases.SelectMany(c => c.Steps).Where(s => s.ActorId is not null).Select(s => s.ActorId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return (cases, agencies, names, await CalendarStore.LoadAsync(db, ct));
    }

    /// <summary>The period's figures per agency and reviewer, each case counted under its agency's rules.</summary>
    private ReviewStatisticsResult Figures(List<Case> cases, Dictionary<Guid, Sanxiang.Core.Registry.Agency> agencies, Dictionary<Guid, string> names,
        Sanxiang.Core.Calendar.WorkdayCalendar calendar, DateOnly from, DateOnly to) =>
        ReviewStatistics.Compute(cases.Select(c => new ReviewedCase(c, agencies[c.AgencyId].Code, agencies[c.AgencyId].ShortName, handling.LawFor(agencies[c.AgencyId]))),
            calendar, from, to, Today, id => Name(names, id));

    private static string Name(Dictionary<Guid, string> names, Guid? id) => id is { } v && names.TryGetValue(v, out var n) ? n : "—";
}
