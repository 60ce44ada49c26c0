using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Web.Tests.Accounts;
using Sanxiang.Web.Tests.Infrastructure;
using static Sanxiang.Web.Tests.Cases.CaseScenario;

namespace Sanxiang.Web.Tests.Cases;

/// <summary>
/// The responsibility trail of a decision (REV-7) through the HTTP pipeline: a case returned by the review with problems,
/// resubmitted with answers, agreed, refused once at the decision gate and then decided shows both submitters with their
/// statements, both reviewers with their opinions and opinion documents, the head with the decision document and the
/// refused attempt — each link with leaves that are in the log — on the page and in the API alike; other agencies see
/// nothing of it.
/// </summary>
public abstract partial class ResponsibilityTrailTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private CaseScenario Scenario => new(app);

    [Fact]
    public async Task A_two_round_review_a_refused_attempt_and_the_decision_each_show_who_when_what_the_signed_document_and_the_log_leaves()
    {
        var (id, officer, unitHead, reviewer, head) = await Scenario.InReviewAsync();
        var returned = Agreed();
        returned["review.point.facts"] = "存在问题";
        returned["review.point.facts.note"] = "货值金额的计算缺少进货单据佐证。";
        returned["review.opinion"] = "存在问题";
        returned["review.problems"] = "货值金额认定依据不足；补充进货单据和销售记录\n未载明当事人的陈述申辩权利告知方式；补充告知笔录";
        await StepAsync(reviewer, id, "examine", returned);
        await StepAsync(unitHead, id, "review", Submit(new() { ["review.responses"] = "已补充进货单据3份和销售记录。\n已补充告知笔录，载明当面告知。" }));
        await StepAsync(reviewer, id, "decide", Agreed("补正后事实清楚，证据充分。"));
        // The head tries a fine other than the one reviewed: refused at the gate and recorded as an attempt.
        await RefusedAsync(head, id, "serve", new Dictionary<string, string?>(Decision) { ["penalty.fine"] = "65000" }, "review.gate");
        await StepAsync(head, id, "serve", Decision);

        var names = await app.WithDbAsync((db, _) => db.Users.AsNoTracking().Where(u => u.UserName!.StartsWith("scjg."))
            .ToDictionaryAsync(u => u.UserName!, u => (u.DisplayName, u.OfficerId)));
        var trail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/responsibility", Ct);
        Assert.Equal(id, trail.GetProperty("caseId").GetGuid());
        var links = trail.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(["送审", "审核", "送审", "审核", "决定"], links.Select(l => l.GetProperty("role").GetString()));
        string Person(JsonElement link) => link.GetProperty("person").GetProperty("name").GetString()!;

        // 送审 ×2: who, the statement of responsibility at each submission, the second with the answers to round 1's problems.
        Assert.Equal(names["scjg.officer"].DisplayName, Person(links[0]));
        Assert.Equal(names["scjg.unithead"].DisplayName, Person(links[2]));
        Assert.Equal([1, 2], new[] { links[0], links[2] }.Select(l => l.GetProperty("round").GetInt32()));
        Assert.All(new[] { links[0], links[2] }, l => Assert.Contains("真实性、准确性、完整性", l.GetProperty("statement").GetString(), StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, links[0].GetProperty("responses").ValueKind);
        Assert.Contains("已补充告知笔录", links[2].GetProperty("responses").GetString(), StringComparison.Ordinal);

        // 审核 ×2: the reviewer with their legal-review qualification, the opinion, the problems, the numbered and sealed opinion.
        var qualifications = await app.WithDbAsync((db, _) => db.OfficerEntries.AsNoTracking()
            .Where(o => o.OfficerId == names["scjg.reviewer"].OfficerId && o.LegalQualificationNumber != null).Select(o => o.LegalQualificationNumber!).ToListAsync());
        foreach (var (review, opinion) in new[] { (links[1], "存在问题"), (links[3], "同意") })
        {
            Assert.Equal(names["scjg.reviewer"].DisplayName, Person(review));
            Assert.Equal("法制审核人员", review.GetProperty("person").GetProperty("role").GetString());
            Assert.Contains(review.GetProperty("person").GetProperty("qualification").GetString(), qualifications);
            Assert.Equal(opinion, review.GetProperty("opinion").GetString());
            Assert.Matches(@"^安市监法审〔\d{4}〕\d+号$", review.GetProperty("document").GetProperty("number").GetString());
            Assert.Matches("^[0-9a-f]{16}$", review.GetProperty("document").GetProperty("sealDigest").GetString());
        }

        Assert.Equal(["货值金额认定依据不足", "未载明当事人的陈述申辩权利告知方式"],
            links[1].GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("problem").GetString()));
        Assert.Empty(links[3].GetProperty("problems").EnumerateArray());
        Assert.Equal("补正后事实清楚，证据充分。", links[3].GetProperty("statement").GetString());

        // 决定: the agency head, the decision document, and the refused attempt under it with the gate's reason.
        var decision = links[4];
        Assert.Equal(names["scjg.head"].DisplayName, Person(decision));
        Assert.Equal("行政机关负责人", decision.GetProperty("person").GetProperty("role").GetString());
        Assert.Matches(@"^安市监罚〔\d{4}〕\d+号$", decision.GetProperty("document").GetProperty("number").GetString());
        Assert.Contains("罚款60,000元", decision.GetProperty("statement").GetString(), StringComparison.Ordinal);
        var refusal = Assert.Single(decision.GetProperty("refusals").EnumerateArray());
        Assert.Equal(names["scjg.head"].DisplayName, refusal.GetProperty("person").GetProperty("name").GetString());
        Assert.Contains(refusal.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "review.gate");
        Assert.Equal("decision-refused", refusal.GetProperty("leaf").GetProperty("kind").GetString());

        // Every link is proved by leaves of this case in the log, with the hashes the log holds; each document by its own leaf.
        var leaves = links.SelectMany(l => l.GetProperty("leaves").EnumerateArray()).Append(refusal.GetProperty("leaf"))
            .Select(l => (Index: l.GetProperty("index").GetInt64(), Hash: l.GetProperty("leafHash").GetString())).ToList();
        Assert.All(links, l => Assert.NotEmpty(l.GetProperty("leaves").EnumerateArray()));
        Assert.All(links, l => Assert.Contains(l.GetProperty("leaves").EnumerateArray(), x => x.GetProperty("kind").GetString() == "case-step"));
        Assert.All(links.Where(l => l.GetProperty("role").GetString() != "送审"), l => Assert.Contains(l.GetProperty("leaves").EnumerateArray(),
            x => x.GetProperty("index").GetInt64() == l.GetProperty("document").GetProperty("ledgerIndex").GetInt64() && x.GetProperty("kind").GetString() == "document-issued"));
        var indexes = leaves.Select(l => l.Index).Distinct().ToList();
        var inLog = await app.WithDbAsync((db, _) => db.LedgerEntries.AsNoTracking().Where(e => indexes.Contains(e.Index))
            .Select(e => new { e.Index, e.LeafHash, e.CaseId }).ToListAsync());
        Assert.Equal(indexes.Count, inLog.Count);
        Assert.All(inLog, e => Assert.Equal(id, e.CaseId));
        Assert.All(leaves, l => Assert.Equal(Convert.ToHexStringLower(inLog.Single(e => e.Index == l.Index).LeafHash), l.Hash));

        // The page shows the same links in the same order, with the names, documents, the refusal and the leaves.
        var response = await officer.GetAsync($"/workbench/cases/{id}/responsibility", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(links.Select(l => l.GetProperty("role").GetString()), DataRole().Matches(page).Select(m => m.Groups[1].Value));
        foreach (var expected in new[]
        {
            names["scjg.officer"].DisplayName, names["scjg.unithead"].DisplayName, names["scjg.reviewer"].DisplayName, names["scjg.head"].DisplayName,
            "第1轮送审", "第2轮审核", "拒绝记录", "货值金额认定依据不足", "已补充告知笔录", decision.GetProperty("document").GetProperty("number").GetString()!,
            links[1].GetProperty("document").GetProperty("sealDigest").GetString()!, $"#{leaves[0].Index}",
        })
        {
            Assert.Contains(expected, page, StringComparison.Ordinal);
        }

        Assert.Contains($"/workbench/cases/{id}/responsibility", await officer.GetStringAsync($"/workbench/cases/{id}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_agency_sees_no_trail_an_administrator_is_refused_a_supervisor_sees_it_and_a_case_not_yet_submitted_has_an_empty_one()
    {
        var officer = await app.SignInAsync("scjg.officer");
        var id = await Scenario.OpenAsync(officer);
        var empty = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/responsibility", Ct);
        Assert.Empty(empty.GetProperty("links").EnumerateArray());
        Assert.Contains("data-testid=\"trail-empty\"", await officer.GetStringAsync($"/workbench/cases/{id}/responsibility", Ct), StringComparison.Ordinal);

        var other = await app.SignInAsync("sthj.officer");
        var api = await other.GetAsync($"/api/v1/cases/{id}/responsibility", Ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/workbench/cases/{id}/responsibility", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/cases/{Guid.NewGuid()}/responsibility", Ct)).StatusCode);

        var supervisorName = $"sfj.sup.trail.{Guid.NewGuid():N}"[..24];
        await app.CreateAccountAsync(supervisorName, "SFJ", Sanxiang.Core.Accounts.Roles.Supervisor);
        var supervisor = await app.SignInAsync(supervisorName);
        await TwoFactorTests.EnrolAsync(app, supervisor);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/v1/cases/{id}/responsibility", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/workbench/cases/{id}/responsibility", Ct)).StatusCode);

        // An administrator of the same agency handles accounts, not cases: the API refuses the role (三员分立).
        var adminName = $"scjg.adm.trail.{Guid.NewGuid():N}"[..24];
        await app.CreateAccountAsync(adminName, "SCJG", Sanxiang.Core.Accounts.Roles.SystemAdministrator);
        var admin = await app.SignInAsync(adminName);
        await TwoFactorTests.EnrolAsync(app, admin);
        var refused = await admin.GetAsync($"/api/v1/cases/{id}/responsibility", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var anonymous = await app.Client().GetAsync($"/api/v1/cases/{id}/responsibility", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [GeneratedRegex("data-testid=\"trail-link\" data-role=\"([^\"]+)\"")]
    private static partial Regex DataRole();
}

public sealed class ResponsibilityTrailTestsOnSqlite(SqliteApp app) : ResponsibilityTrailTests(app);

public sealed class ResponsibilityTrailTestsOnPostgres(PostgresApp app) : ResponsibilityTrailTests(app);
