using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Review;

/// <summary>A case whose legal review is counted, with its agency and the agency's rules (for the review time limit).</summary>
public sealed record ReviewedCase(Case Case, string AgencyCode, string AgencyName, LawSettings Law);

/// <summary>
/// The figures of one reviewer, one agency or the county over a period (issue 6, item 7): rounds reviewed (an opinion given
/// in the period), agreed and returned; first rounds and how many of them were agreed at once; the matters found wanting,
/// by the checklist's eight kinds; the average working days from submission to opinion and the opinions given after the
/// time limit; and, for agencies, the rounds still waiting and how many of them are overdue today.
/// </summary>
public sealed record ReviewTally(string Key, string Name, int Reviewed, int Agreed, int Returned, int FirstRounds, int FirstRoundAgreed,
    IReadOnlyList<int> ProblemsByKind, double? AverageWorkingDays, int Late, int Pending, int PendingOverdue)
{
    /// <summary>首次审核通过率: the share of first rounds agreed at once; null without first rounds.</summary>
    public double? FirstRoundAgreementRate => FirstRounds == 0 ? null : (double)FirstRoundAgreed / FirstRounds;

    public int Problems => ProblemsByKind.Sum();
}

public sealed record ReviewStatisticsResult(DateOnly From, DateOnly To, IReadOnlyList<ReviewTally> ByReviewer, IReadOnlyList<ReviewTally> ByAgency,
    ReviewTally County)
{
    /// <summary>The kinds of <see cref="ReviewTally.ProblemsByKind"/>, in checklist order.</summary>
    public static IReadOnlyList<string> Kinds => Documents.ReviewTerms.StandardPointTitles;
}

public static class ReviewStatistics
{
    /// <summary>
    /// Counts every round whose opinion falls in [<paramref name="from"/>, <paramref name="to"/>] (China dates), read from
    /// the cases' records (<see cref="ReviewRounds.All"/>), so the figures are what the case pages show. Rounds still open
    /// are counted as pending for their agency whatever the period.
    /// </summary>
    /// <param name="reviewerName">The display name of a reviewer's account.</param>
    public static ReviewStatisticsResult Compute(IEnumerable<ReviewedCase> cases, WorkdayCalendar calendar, DateOnly from, DateOnly to, DateOnly today,
        Func<Guid, string> reviewerName)
    {
        var done = new List<(ReviewedCase Case, ReviewRoundView Round, int Days, bool Late)>();
        var pending = new List<(ReviewedCase Case, bool Overdue)>();
        foreach (var reviewed in cases)
        {
            foreach (var round in ReviewRounds.All(reviewed.Case))
            {
                if (round.ReviewedOn is not { } on)
                {
                    var due = CaseDeadlines.ReviewDue(reviewed.Case, Procedures.For(reviewed.Case.Procedure), calendar, reviewed.Law, today);
                    pending.Add((reviewed, due is { Overdue: true }));
                    continue;
                }

                if (on < from || on > to)
                {
                    continue;
                }

                var limit = LegalPeriods.End(calendar, round.SubmittedOn, reviewed.Law.ReviewWorkingDays, PeriodUnit.WorkingDays).Due;
                var days = on <= round.SubmittedOn ? 0 : LegalPeriods.DaysLeft(calendar, round.SubmittedOn, on, PeriodUnit.WorkingDays);
                done.Add((reviewed, round, days, on > limit));
            }
        }

        ReviewTally Tally(string key, string name, IReadOnlyCollection<(ReviewedCase Case, ReviewRoundView Round, int Days, bool Late)> rounds,
            IReadOnlyCollection<(ReviewedCase Case, bool Overdue)> waiting)
        {
            var kinds = new int[ReviewStatisticsResult.Kinds.Count];
            foreach (var (_, round, _, _) in rounds.Where(r => r.Round.Opinion == "存在问题"))
            {
                for (var i = 0; i < round.Points.Count && i < kinds.Length; i++)
                {
                    kinds[i] += round.Points[i].Answer == ReviewAnswer.HasProblem ? 1 : 0;
                }
            }

            return new ReviewTally(key, name, rounds.Count, rounds.Count(r => r.Round.Agreed), rounds.Count(r => r.Round.Opinion == "存在问题"),
                rounds.Count(r => r.Round.Number == 1), rounds.Count(r => r.Round.Number == 1 && r.Round.Agreed), kinds,
                rounds.Count == 0 ? null : Math.Round(rounds.Average(r => r.Days), 1), rounds.Count(r => r.Late),
                waiting.Count, waiting.Count(w => w.Overdue));
        }

        var byReviewer = done.Where(d => d.Round.ReviewedBy is not null).GroupBy(d => d.Round.ReviewedBy!.Value)
            .Select(g => Tally(g.Key.ToString(), reviewerName(g.Key), [.. g], []))
            .OrderByDescending(t => t.Reviewed).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        var agencies = done.Select(d => (d.Case.AgencyCode, d.Case.AgencyName)).Concat(pending.Select(p => (p.Case.AgencyCode, p.Case.AgencyName))).Distinct();
        var byAgency = agencies
            .Select(a => Tally(a.AgencyCode, a.AgencyName, [.. done.Where(d => d.Case.AgencyCode == a.AgencyCode)],
                [.. pending.Where(p => p.Case.AgencyCode == a.AgencyCode)]))
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        return new ReviewStatisticsResult(from, to, byReviewer, byAgency, Tally("", "合计", done, pending));
    }
}
