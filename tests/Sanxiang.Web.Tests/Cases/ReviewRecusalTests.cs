using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Web.Tests.Infrastructure;
using static Sanxiang.Web.Tests.Cases.CaseScenario;

namespace Sanxiang.Web.Tests.Cases;

/// <summary>
/// A legal reviewer with a conflict declares recusal (REV-5) through the HTTP pipeline: the declaration needs its reason,
/// only a reviewer makes it, once; it cannot be typed in as a fact; afterwards the reviewer's opinion is refused with
/// the reason, the queue marks the case, the case page shows the declaration, and the log holds it.
/// </summary>
public abstract class ReviewRecusalTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CaseScenario Scenario => new(app);

    [Fact]
    public async Task A_reviewer_who_declares_a_conflict_may_not_review_and_the_queue_and_the_case_say_so()
    {
        var (id, officer, _, reviewer, _) = await Scenario.InReviewAsync();
        async Task<HttpResponseMessage> Declare(HttpClient who, string? reason) =>
            await who.PostAsJsonAsync($"/api/v1/cases/{id}/review-recusal", new { reason }, Ct);

        // Bad declarations: no reason, not a reviewer, or the fact posted directly; nothing is written.
        var before = await LogCountAsync(id);
        var bare = await Declare(reviewer, "  ");
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("请写明应当回避的情形", await bare.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var notReviewer = await Declare(officer, "与当事人系同学");
        Assert.Equal(HttpStatusCode.Forbidden, notReviewer.StatusCode);
        Assert.Contains("由法制审核人员本人声明", await notReviewer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var typed = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/facts",
            new { facts = new Dictionary<string, string> { ["review.recusal"] = $"{Guid.NewGuid()} 他人：伪造的回避" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Contains("由平台在办理相应事项时记录，不能直接填写", await typed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await LogCountAsync(id));

        // The declaration, once.
        Assert.Equal(HttpStatusCode.OK, (await Declare(reviewer, "与当事人法定代表人系近亲属")).StatusCode);
        var again = await Declare(reviewer, "再次声明");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.CaseId == id && e.Kind == "review-recusal-declared")));

        // From now on the reviewer's opinion is refused with the reason; the queue and the case page say so.
        var refused = await RefusedAsync(reviewer, id, "decide", Agreed(), "review.reviewer-independent");
        Assert.Contains("您已声明回避本案的法制审核（与当事人法定代表人系近亲属）", refused, StringComparison.Ordinal);
        var number = await app.WithDbAsync((db, _) => db.Cases.Where(c => c.Id == id).Select(c => c.Number).SingleAsync());
        var queue = await reviewer.GetStringAsync("/workbench/reviews", Ct);
        var row = queue[queue.IndexOf(number, StringComparison.Ordinal)..];
        Assert.Contains("须回避", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        var page = await officer.GetStringAsync($"/workbench/cases/{id}", Ct);
        Assert.Contains("与当事人法定代表人系近亲属", page[page.IndexOf("data-testid=\"review-recusals\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        // The reviewer had the form before declaring (checked on a fresh case) and has it no more.
        Assert.DoesNotContain("review-recusal-form", await reviewer.GetStringAsync($"/workbench/cases/{id}", Ct), StringComparison.Ordinal);
        var (other, _, _, _, _) = await Scenario.InReviewAsync();
        Assert.Contains("review-recusal-form", await reviewer.GetStringAsync($"/workbench/cases/{other}", Ct), StringComparison.Ordinal);
    }

    private Task<int> LogCountAsync(Guid id) => app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.CaseId == id));
}

public sealed class ReviewRecusalTestsOnSqlite(SqliteApp app) : ReviewRecusalTests(app);

public sealed class ReviewRecusalTestsOnPostgres(PostgresApp app) : ReviewRecusalTests(app);
