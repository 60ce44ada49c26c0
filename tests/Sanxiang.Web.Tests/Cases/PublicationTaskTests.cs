using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Publication;
using Sanxiang.Web.Tests.Infrastructure;
using static Sanxiang.Web.Tests.Cases.CaseScenario;

namespace Sanxiang.Web.Tests.Cases;

/// <summary>
/// PUB-5 through the HTTP pipeline: the decision itself creates its publication task with the due date in working days
/// and a log entry; a refused decision or a return to review creates none; the clerk's queue shows it with the decision's
/// number, not to officers nor to another agency's clerk; the demo's summary-procedure penalties are closed by the rule.
/// </summary>
public abstract class PublicationTaskTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CaseScenario Scenario => new(app);

    [Fact]
    public async Task The_decision_creates_its_publication_task_in_working_days_and_the_clerks_queue_shows_it()
    {
        var (id, officer, head) = await Scenario.AtDecisionAsync();
        async Task<List<PublicationTask>> TasksAsync() => await app.WithDbAsync((db, _) => db.PublicationTasks.Where(t => t.CaseId == id).ToListAsync());

        // Refused (a fine other than the one reviewed) and sent back to review: no task.
        await RefusedAsync(head, id, "serve", new Dictionary<string, string?>(Decision) { ["penalty.fine"] = "65000" }, "review.gate");
        Assert.Empty(await TasksAsync());
        await StepAsync(head, id, "serve", Decision);

        var task = Assert.Single(await TasksAsync());
        var today = Sanxiang.Core.ChinaTime.Today(TimeProvider.System);
        var calendar = await app.WithDbAsync((db, _) => Sanxiang.Data.Calendar.CalendarStore.LoadAsync(db));
        Assert.Equal((PublicationStatus.Pending, PublicationCategory.Penalty, today, 7, calendar.AddWorkdays(today, 7)),
            (task.Status, task.Category, task.DecidedOn, task.WorkingDays, task.DueOn));
        var entry = await app.WithDbAsync((db, _) => db.LedgerEntries.SingleAsync(e => e.CaseId == id && e.Kind == "publication-due"));
        var facts = JsonDocument.Parse(entry.Payload).RootElement.GetProperty("facts");
        Assert.Equal(task.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), facts.GetProperty("dueOn").GetString());

        // The clerk's queue: the case, its decision's number and the days left; not for officers, nor another agency's clerk.
        var number = await app.WithDbAsync((db, _) => db.IssuedDocuments.Where(d => d.CaseId == id && d.Kind == Sanxiang.Core.Documents.DocumentKind.PenaltyDecision)
            .Select(d => d.Number).SingleAsync());
        var queue = await (await app.SignInAsync("scjg.clerk")).GetStringAsync("/workbench/publications", Ct);
        var row = queue[queue.IndexOf(task.CaseNumber, StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains(number, row, StringComparison.Ordinal);
        Assert.Contains("个工作日", row, StringComparison.Ordinal);
        var denied = await officer.GetAsync("/workbench/publications", Ct);
        Assert.Equal(HttpStatusCode.Found, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(task.CaseNumber, await (await app.SignInAsync("zhzf.head")).GetStringAsync("/workbench/publications", Ct), StringComparison.Ordinal);

        // The preview: the decision's served text with the proposed redactions; the representative's name masked, the
        // company's name and the officers' names (published by law) kept; another agency's account finds nothing.
        var preview = await (await app.SignInAsync("scjg.clerk")).GetStringAsync($"/workbench/publications/{task.Id}", Ct);
        Assert.Contains(number, preview, StringComparison.Ordinal);
        var published = preview[preview.IndexOf("data-testid=\"redaction-result-fulltext\"", StringComparison.Ordinal)..];
        Assert.Contains("安和县鲜丰农贸有限公司", published, StringComparison.Ordinal);
        Assert.Contains("王某某", published, StringComparison.Ordinal);
        Assert.DoesNotContain("王建华", published, StringComparison.Ordinal);
        var officers = await app.WithDbAsync((db, _) => db.CaseOfficers.Where(o => o.CaseId == id).Select(o => o.Name).ToListAsync());
        var original = preview[preview.IndexOf("data-testid=\"redaction-original-fulltext\"", StringComparison.Ordinal)..preview.IndexOf("data-testid=\"redaction-result-fulltext\"", StringComparison.Ordinal)];
        Assert.All(officers, name => Assert.Equal(original.Contains(name, StringComparison.Ordinal), published.Contains(name, StringComparison.Ordinal)));
        Assert.Contains("<mark class=\"redaction\"", preview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("zhzf.head")).GetAsync($"/workbench/publications/{task.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_demo_counties_decisions_have_their_tasks_and_summary_penalties_are_closed_by_the_named_rule()
    {
        var (decided, summaries, tasks) = await app.WithDbAsync(async (db, _) =>
        {
            var decidedCases = await db.Cases.Where(c => c.Steps.Any(s => s.From == "decide" && s.To != "review" && s.To != "discuss")).Select(c => new { c.Id, c.Procedure }).ToListAsync();
            var all = await db.PublicationTasks.ToListAsync();
            return (decidedCases.Select(c => c.Id).ToHashSet(), decidedCases.Count(c => c.Procedure == Sanxiang.Core.Registry.ProcedureKind.SummaryPenalty), all);
        });
        Assert.NotEmpty(decided);
        Assert.All(decided, id => Assert.Contains(tasks, t => t.CaseId == id));
        var exempt = tasks.Where(t => t.Procedure == Sanxiang.Core.Registry.ProcedureKind.SummaryPenalty).ToList();
        Assert.True(summaries > 0 && exempt.Count >= summaries);
        Assert.All(exempt, t =>
        {
            Assert.Equal(PublicationStatus.Exempt, t.Status);
            Assert.StartsWith("适用简易程序当场作出的行政处罚决定不予公示", t.Exemption, StringComparison.Ordinal);
            Assert.NotNull(t.ClosedAtUtc);
        });
        var page = await (await app.SignInAsync("zhzf.head")).GetStringAsync("/workbench/publications", Ct);
        Assert.Contains("不予公示", page[page.IndexOf("data-testid=\"publication-exempt\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}

public sealed class PublicationTaskTestsOnSqlite(SqliteApp app) : PublicationTaskTests(app);

public sealed class PublicationTaskTestsOnPostgres(PostgresApp app) : PublicationTaskTests(app);
