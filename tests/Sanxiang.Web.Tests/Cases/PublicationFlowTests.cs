using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sanxiang.Core.Ledger;
using Sanxiang.Core.Publication;
using Sanxiang.Web.Tests.Infrastructure;
using static Sanxiang.Web.Tests.Cases.CaseScenario;

namespace Sanxiang.Web.Tests.Cases;

/// <summary>
/// PUB-5..11 through the HTTP pipeline, on both databases: the clerk confirms the redaction (keeping, dropping and adding
/// spans) and publishes; the entry is on the portal at its permanent address with its content digest in a public log
/// entry; the public search finds it by full text, party, number and filters, and answers bad input with Chinese
/// problems; a correction supersedes it visibly; a decision revoked on reconsideration is withdrawn within 3 days to a
/// stub; expiry and credit repair take entries down by rule, each recorded.
/// </summary>
public abstract class PublicationFlowTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CaseScenario Scenario => new(app);

    /// <summary>A decision whose facts carry a token only this case has, a witness's name and her phone number.</summary>
    private async Task<(Guid Case, PublicationTask Task, string Token)> DecidedAsync()
    {
        var token = "批次" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        var (id, _, head) = await Scenario.AtDecisionAsync();
        await StepAsync(head, id, "serve", new Dictionary<string, string?>(Decision)
        {
            ["decision.facts"] = $"当事人销售克百威含量超标的豇豆（进货{token}），证人李秀英（联系电话13812345678）证实了销售经过，有抽检报告、进货单据、现场检查笔录和询问笔录为证。",
        });
        var task = await app.WithDbAsync((db, _) => db.PublicationTasks.SingleAsync(t => t.CaseId == id));
        return (id, task, token);
    }

    private static async Task<JsonElement> DraftAsync(HttpClient clerk, Guid task)
    {
        var response = await clerk.GetAsync($"/api/v1/publications/{task}/draft", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static List<string> AllSpanIds(JsonElement draft) =>
        [.. draft.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("proposed").EnumerateArray()).Select(p => p.GetProperty("id").GetString()!)];

    private static async Task<JsonElement> PublishAsync(HttpClient clerk, Guid task, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await clerk.PostAsJsonAsync($"/api/v1/publications/{task}/publish", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync("/api/v1/public/decisions?" + query, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{query} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    [Fact]
    public async Task The_clerk_confirms_the_redaction_and_publishes_and_the_public_finds_and_checks_the_entry()
    {
        var (_, task, token) = await DecidedAsync();
        var clerk = await app.SignInAsync("scjg.clerk");
        var draft = await DraftAsync(clerk, task.Id);
        var facts = draft.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "facts");
        var proposals = facts.GetProperty("proposed").EnumerateArray().ToList();
        Assert.Contains(proposals, p => p.GetProperty("original").GetString() == "李秀英" && p.GetProperty("replacement").GetString() == "李某某");
        Assert.Contains(proposals, p => p.GetProperty("original").GetString() == "13812345678" && p.GetProperty("replacement").GetString() == "138****5678");
        Assert.Contains(draft.GetProperty("sections").EnumerateArray(), s => s.GetProperty("key").GetString() == "fulltext");

        // A stale preview, an unknown span and an addition not in the text are refused; nothing is published.
        await PublishAsync(clerk, task.Id, new { digest = "0123", keep = AllSpanIds(draft) }, HttpStatusCode.Conflict);
        var refused = await PublishAsync(clerk, task.Id, new { digest = draft.GetProperty("digest").GetString(), keep = new[] { "facts:9999:3" }, added = new[] { "不存在的文字甲乙丙" } },
            HttpStatusCode.BadRequest);
        Assert.Contains("不在本次预览中", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("找不到", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.PublishedDecisions.CountAsync(p => p.TaskId == task.Id)));

        // Officers and other agencies' clerks may not publish.
        var officer = await app.SignInAsync("scjg.officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/publications/{task.Id}/publish", new { digest = "x" }, Ct)).StatusCode);

        // Keep everything but the phone number, and add the batch token by hand.
        var phone = proposals.Single(p => p.GetProperty("original").GetString() == "13812345678").GetProperty("id").GetString();
        var entry = await PublishAsync(clerk, task.Id, new
        {
            digest = draft.GetProperty("digest").GetString(),
            keep = AllSpanIds(draft).Where(i => i != phone).ToList(),
            added = new[] { token },
        });
        var id = entry.GetProperty("id").GetInt64();
        Assert.Equal($"/decisions/{id}", entry.GetProperty("url").GetString());
        var stored = await app.WithDbAsync((db, _) => db.PublishedDecisions.SingleAsync(p => p.Id == id));
        Assert.Contains("李某某", stored.Facts, StringComparison.Ordinal);
        Assert.Contains("13812345678", stored.Facts, StringComparison.Ordinal);
        Assert.DoesNotContain(token, stored.Facts + stored.FullText, StringComparison.Ordinal);
        Assert.DoesNotContain("王建华", stored.FullText, StringComparison.Ordinal);
        Assert.Contains("安和县鲜丰农贸有限公司", stored.FullText, StringComparison.Ordinal);
        Assert.Equal("安和县鲜丰农贸有限公司", stored.PartyName);
        Assert.Equal(PublicationStatus.Published, (await app.WithDbAsync((db, _) => db.PublicationTasks.SingleAsync(t => t.Id == task.Id))).Status);

        // The digest: in the entry, in the public log entry, and recomputed from the content the API gives.
        var json = await (await app.Client().GetAsync($"/api/v1/public/decisions/{id}", Ct)).Content.ReadAsStringAsync(Ct);
        var content = JsonNode.Parse(json)!["content"]!;
        Assert.Equal(stored.ContentSha256, Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(content))));
        var leaf = await app.WithDbAsync((db, _) => db.LedgerEntries.SingleAsync(e => e.Index == stored.LedgerIndex));
        Assert.True(leaf.IsPublic);
        Assert.Equal("decision-published", leaf.Kind);
        Assert.Equal(stored.ContentSha256, JsonDocument.Parse(leaf.Payload).RootElement.GetProperty("facts").GetProperty("content").GetProperty("sha256").GetString());

        // The public finds it by a phrase of the full text, by the masked witness, by number, by party with filters.
        var visitor = app.Client();
        Assert.Contains(id, Ids(await SearchAsync(visitor, "q=" + Uri.EscapeDataString(stored.DocumentNumber!))));
        // A number typed with look-alike brackets as the keyword is the exact number.
        Assert.Equal([id], Ids(await SearchAsync(visitor, "q=" + Uri.EscapeDataString(stored.DocumentNumber!.Replace('〔', '[').Replace('〕', ']')))));
        Assert.Contains(id, Ids(await SearchAsync(visitor, "q=" + Uri.EscapeDataString("李某某") + "&pageSize=100")));
        Assert.Contains(id, Ids(await SearchAsync(visitor, "number=" + Uri.EscapeDataString(stored.DocumentNumber!))));
        Assert.Contains(id, Ids(await SearchAsync(visitor, $"party={Uri.EscapeDataString("鲜丰农贸")}&category=Penalty&agency=SCJG&pageSize=100")));
        Assert.Contains(id, Ids(await SearchAsync(visitor, $"code={stored.CreditCode}&from={stored.DecidedOn:yyyy-MM-dd}&to={stored.DecidedOn:yyyy-MM-dd}&pageSize=100")));
        Assert.Empty(Ids(await SearchAsync(visitor, "q=" + Uri.EscapeDataString(token))));
        Assert.Empty(Ids(await SearchAsync(visitor, $"number={Uri.EscapeDataString(stored.DocumentNumber!)}&category=Licensing")));
        // The category by its Chinese name, as the open data takes it.
        Assert.Contains(id, Ids(await SearchAsync(visitor, $"number={Uri.EscapeDataString(stored.DocumentNumber!)}&category={Uri.EscapeDataString("行政处罚")}")));

        // The page: found by full text without script, the entry at its address with its leaf and proof link.
        var results = await visitor.GetStringAsync("/decisions?q=" + Uri.EscapeDataString(stored.DocumentNumber!), Ct);
        Assert.Contains($"href=\"/decisions/{id}\"", results, StringComparison.Ordinal);
        var page = await visitor.GetStringAsync($"/decisions/{id}", Ct);
        Assert.Contains("李某某", page, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/ledger/proof/inclusion?index={stored.LedgerIndex}", page, StringComparison.Ordinal);
        Assert.Contains(stored.ContentSha256, page, StringComparison.Ordinal);
        Assert.DoesNotContain("王建华", page, StringComparison.Ordinal);

        // Published twice: refused; the queue no longer lists it as pending.
        var again = await DraftAsync(clerk, task.Id);
        await PublishAsync(clerk, task.Id, new { digest = again.GetProperty("digest").GetString(), keep = AllSpanIds(again) }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_correction_supersedes_visibly_and_a_revoked_decision_is_withdrawn_to_a_stub_within_three_days()
    {
        var (caseId, task, _) = await DecidedAsync();
        var clerk = await app.SignInAsync("scjg.clerk");
        var draft = await DraftAsync(clerk, task.Id);
        var first = (await PublishAsync(clerk, task.Id, new { digest = draft.GetProperty("digest").GetString(), keep = AllSpanIds(draft) })).GetProperty("id").GetInt64();

        // Correction: a new version; the old one stays at its address, superseded, linked; the search shows the new one.
        var second = await PublishAsync(clerk, task.Id, new
        {
            digest = draft.GetProperty("digest").GetString(),
            keep = AllSpanIds(draft),
            added = new[] { "李秀英" },
            correctionReason = "原公示漏隐去证人姓名，予以更正",
        });
        var secondId = second.GetProperty("id").GetInt64();
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        var old = await app.WithDbAsync((db, _) => db.PublishedDecisions.SingleAsync(p => p.Id == first));
        Assert.Equal((PublishedState.Superseded, secondId), (old.State, old.SupersededById));
        var visitor = app.Client();
        var oldPage = await visitor.GetStringAsync($"/decisions/{first}", Ct);
        Assert.Contains("原公示漏隐去证人姓名，予以更正", oldPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/decisions/{secondId}\"", oldPage, StringComparison.Ordinal);
        var number = Uri.EscapeDataString(old.DocumentNumber!);
        Assert.Equal([secondId], Ids(await SearchAsync(visitor, "number=" + number)));
        Assert.Equal("decision-corrected", (await app.WithDbAsync((db, _) => db.LedgerEntries.SingleAsync(e => e.Index == old.StateLedgerIndex))).Kind);

        // The decision is revoked on reconsideration: a withdrawal task due in 3 days (a rest day at the end moves it on).
        var head = await app.SignInAsync("scjg.head");
        var bad = await head.PostAsJsonAsync($"/api/v1/cases/{caseId}/decision-change", new { ground = "不知道", document = "", on = "2099-01-01" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var today = Sanxiang.Core.ChinaTime.Today(TimeProvider.System);
        var change = await head.PostAsJsonAsync($"/api/v1/cases/{caseId}/decision-change",
            new { ground = "行政处罚决定被依法撤销", document = "安和县人民政府行政复议决定书（安府复决字〔2026〕3号）", on = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, Ct);
        Assert.Equal(HttpStatusCode.Created, change.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsJsonAsync($"/api/v1/cases/{caseId}/decision-change",
            new { ground = "行政处罚决定被依法撤销", document = "同上", on = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, Ct)).StatusCode);
        var withdrawal = await app.WithDbAsync((db, _) => db.PublicationTasks.SingleAsync(t => t.CaseId == caseId && t.Kind == PublicationTaskKind.Withdraw));
        var calendar = await app.WithDbAsync((db, _) => Sanxiang.Data.Calendar.CalendarStore.LoadAsync(db));
        Assert.Equal(Sanxiang.Core.Cases.LegalPeriods.End(calendar, today, 3, Sanxiang.Core.Workflow.PeriodUnit.CalendarDays).Due, withdrawal.DueOn);
        Assert.Equal(secondId, withdrawal.PublishedDecisionId);
        var queue = await clerk.GetStringAsync("/workbench/publications", Ct);
        Assert.Contains("data-testid=\"withdrawal-queue\"", queue, StringComparison.Ordinal);

        // The clerk withdraws from the queue's form: the content leaves, the stub says when and why, the log has it.
        var response = await SanxiangApp.PostFormAsync(clerk, "/workbench/publications", [], $"/workbench/publications?handler=Withdraw&task={withdrawal.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var withdrawn = await app.WithDbAsync((db, _) => db.PublishedDecisions.SingleAsync(p => p.Id == secondId));
        Assert.Equal(PublishedState.Withdrawn, withdrawn.State);
        Assert.Null(withdrawn.FullText);
        Assert.Equal("", withdrawn.PartyName);
        var stub = await visitor.GetStringAsync($"/decisions/{secondId}", Ct);
        Assert.Contains("行政处罚决定被依法撤销", stub, StringComparison.Ordinal);
        Assert.DoesNotContain("安和县鲜丰农贸有限公司", stub, StringComparison.Ordinal);
        Assert.Empty(Ids(await SearchAsync(visitor, "number=" + number)));
        var leaf = await app.WithDbAsync((db, _) => db.LedgerEntries.SingleAsync(e => e.Index == withdrawn.StateLedgerIndex));
        Assert.Equal("decision-withdrawn", leaf.Kind);
        var leafFacts = JsonDocument.Parse(leaf.Payload).RootElement.GetProperty("facts");
        Assert.Equal(withdrawn.ContentSha256, leafFacts.GetProperty("content").GetProperty("sha256").GetString());
        Assert.True(leafFacts.GetProperty("onTime").GetBoolean());
        Assert.Equal(PublicationStatus.Withdrawn, (await app.WithDbAsync((db, _) => db.PublicationTasks.SingleAsync(t => t.Id == withdrawal.Id))).Status);
    }

    [Fact]
    public async Task Expiry_and_credit_repair_take_entries_down_by_rule_and_a_decision_not_yet_published_is_not_published()
    {
        var (_, task, _) = await DecidedAsync();
        var clerk = await app.SignInAsync("scjg.clerk");
        var draft = await DraftAsync(clerk, task.Id);
        var id = (await PublishAsync(clerk, task.Id, new { digest = draft.GetProperty("digest").GetString(), keep = AllSpanIds(draft) })).GetProperty("id").GetInt64();
        var entry = await app.WithDbAsync((db, _) => db.PublishedDecisions.SingleAsync(p => p.Id == id));
        Assert.Equal(entry.PublishedOn.AddMonths(12).AddDays(-1), entry.PublicUntil);
        Assert.Equal(entry.PublishedOn.AddMonths(3), entry.RepairableFrom);

        // Credit repair before the minimum period: refused with the day it becomes possible.
        var early = await clerk.PostAsJsonAsync($"/api/v1/publications/entries/{id}/credit-repair", new { reason = "当事人已履行处罚决定并完成信用修复（安和县发展和改革委员会信用修复决定）" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("最短公示期", await early.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Expiry the day after the period: taken down by the platform, recorded, a stub left. (The period is moved back
        // in the database rather than the clock forward, so that no other test's entry expires with it.)
        var today = Sanxiang.Core.ChinaTime.Today(TimeProvider.System);
        await app.WithDbAsync(async (db, _) =>
        {
            var row = await db.PublishedDecisions.SingleAsync(p => p.Id == id);
            row.PublicUntil = today.AddDays(-1);
            return await db.SaveChangesAsync();
        });
        var expired = await app.WithDbAsync((db, sp) => sp.GetRequiredService<Sanxiang.Data.Publication.Publishing>().ExpireAsync(today));
        Assert.True(expired >= 1);
        entry = await app.WithDbAsync((db, _) => db.PublishedDecisions.SingleAsync(p => p.Id == id));
        Assert.Equal(PublishedState.Expired, entry.State);
        Assert.Contains("届满", entry.StateReason, StringComparison.Ordinal);
        Assert.Equal("publication-expired", (await app.WithDbAsync((db, _) => db.LedgerEntries.SingleAsync(e => e.Index == entry.StateLedgerIndex))).Kind);
        Assert.Contains("公示期满", await app.Client().GetStringAsync($"/decisions/{id}", Ct), StringComparison.Ordinal);

        // Credit repair once the minimum period has passed (moved back here), from the clerk's list: a stub with the reason.
        var (_, repairTask, _) = await DecidedAsync();
        var repairDraft = await DraftAsync(clerk, repairTask.Id);
        var repairId = (await PublishAsync(clerk, repairTask.Id, new { digest = repairDraft.GetProperty("digest").GetString(), keep = AllSpanIds(repairDraft) })).GetProperty("id").GetInt64();
        await app.WithDbAsync(async (db, _) =>
        {
            var row = await db.PublishedDecisions.SingleAsync(p => p.Id == repairId);
            row.RepairableFrom = row.PublishedOn.AddDays(-1);
            return await db.SaveChangesAsync();
        });
        var repaired = await SanxiangApp.PostFormAsync(clerk, "/workbench/publications",
            new() { ["reason"] = "当事人已履行处罚决定并完成信用修复（安发改信修〔2026〕21号）。" }, $"/workbench/publications?handler=CreditRepair&id={repairId}");
        Assert.Equal(HttpStatusCode.OK, repaired.StatusCode);
        Assert.Contains("信用修复", await repaired.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var repairedEntry = await app.WithDbAsync((db, _) => db.PublishedDecisions.SingleAsync(p => p.Id == repairId));
        Assert.Equal(PublishedState.Repaired, repairedEntry.State);
        Assert.Equal("publication-repaired", (await app.WithDbAsync((db, _) => db.LedgerEntries.SingleAsync(e => e.Index == repairedEntry.StateLedgerIndex))).Kind);

        // A decision revoked before publication: its pending task is closed on that ground, no withdrawal to do.
        var (caseId, pending, _) = await DecidedAsync();
        var head = await app.SignInAsync("scjg.head");
        var change = await head.PostAsJsonAsync($"/api/v1/cases/{caseId}/decision-change",
            new { ground = "行政处罚决定被确认违法", document = "安和县人民法院行政判决书（（2026）赣0736行初5号）", on = Sanxiang.Core.ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, Ct);
        Assert.Equal(HttpStatusCode.Created, change.StatusCode);
        var closed = await app.WithDbAsync((db, _) => db.PublicationTasks.SingleAsync(t => t.Id == pending.Id));
        Assert.Equal(PublicationStatus.Exempt, closed.Status);
        Assert.Contains("行政处罚决定被确认违法", closed.Exemption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clerk_may_decide_not_to_publish_on_a_named_ground_with_a_reason()
    {
        var (_, task, _) = await DecidedAsync();
        var clerk = await app.SignInAsync("scjg.clerk");
        var bad = await clerk.PostAsJsonAsync($"/api/v1/publications/{task.Id}/exempt", new { ground = "领导同意", reason = "短" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await SanxiangApp.PostFormAsync(clerk, $"/workbench/publications/{task.Id}",
            new() { ["ground"] = "当事人为未成年人", ["reason"] = "当事人系未满十八周岁的未成年人，依法不予公开其行政处罚信息。" }, $"/workbench/publications/{task.Id}?handler=Exempt");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var closed = await app.WithDbAsync((db, _) => db.PublicationTasks.SingleAsync(t => t.Id == task.Id));
        Assert.Equal((PublicationStatus.Exempt, "当事人为未成年人：当事人系未满十八周岁的未成年人，依法不予公开其行政处罚信息。"), (closed.Status, closed.Exemption));
        Assert.Single(await app.WithDbAsync((db, _) => db.LedgerEntries.Where(e => e.CaseId == task.CaseId && e.Kind == "publication-exempt").ToListAsync()));
    }

    [Fact]
    public async Task Timeliness_figures_reach_the_supervisor_and_the_agency_on_the_page_in_csv_and_in_the_api()
    {
        var (_, task, _) = await DecidedAsync();
        var clerk = await app.SignInAsync("scjg.clerk");
        var draft = await DraftAsync(clerk, task.Id);
        await PublishAsync(clerk, task.Id, new { digest = draft.GetProperty("digest").GetString(), keep = AllSpanIds(draft) });
        var expected = await app.WithDbAsync(async (db, _) =>
        {
            var tasks = await db.PublicationTasks.Where(t => t.DecidedOn == task.DecidedOn && t.Kind == PublicationTaskKind.Publish).Select(t => t.Id).ToListAsync();
            return await db.PublishedDecisions.CountAsync(p => p.Version == 1 && tasks.Contains(p.TaskId) && p.PublishedOn <= task.DueOn);
        });

        await app.CreateAccountAsync("sfj.sup.pubstat", "SFJ", Sanxiang.Core.Accounts.Roles.Supervisor);
        var supervisor = await app.SignInAsync("sfj.sup.pubstat");
        await Sanxiang.Web.Tests.Accounts.TwoFactorTests.EnrolAsync(app, supervisor);
        var day = task.DecidedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var json = JsonDocument.Parse(await supervisor.GetStringAsync($"/api/v1/publications/statistics?from={day}&to={day}", Ct)).RootElement;
        Assert.Equal(expected, json.GetProperty("county").GetProperty("onTime").GetInt32());
        Assert.Contains(json.GetProperty("byAgency").EnumerateArray(), a => a.GetProperty("name").GetString() == "安和县市场监督管理局" && a.GetProperty("fullTextRate").GetDouble() == 1.0);
        var page = await supervisor.GetStringAsync($"/workbench/publications/statistics?from={day}&to={day}", Ct);
        Assert.Contains("data-testid=\"publication-statistics\"", page, StringComparison.Ordinal);
        var csv = await supervisor.GetAsync($"/workbench/publications/statistics?handler=csv&from={day}&to={day}", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("全文公开率", await csv.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A reversed period: 400 on the page, in the CSV (problem+json) and in the API; an officer may not read the figures.
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/workbench/publications/statistics?from=2026-05-01&to=2026-04-01", Ct)).StatusCode);
        var badCsv = await supervisor.GetAsync("/workbench/publications/statistics?handler=csv&from=2026-05-01&to=2026-04-01", Ct);
        Assert.Equal("application/problem+json", badCsv.Content.Headers.ContentType?.MediaType);
        var badApi = await supervisor.GetAsync("/api/v1/publications/statistics?from=2026-05-01&to=2026-04-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badApi.StatusCode);
        Assert.Contains("起始日期不能晚于截止日期", await badApi.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("scjg.officer")).GetAsync("/api/v1/publications/statistics", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("没收违法所得", 7)]
    [InlineData("行政处罚决定书", 5)]
    [InlineData("餐饮", 4)]
    [InlineData("鲜丰农贸", 3)]
    [InlineData("建设工程规划许可证", 10)]
    public async Task Every_page_of_a_search_is_the_newest_matches_whether_found_newest_first_or_by_the_trigram_index(string word, int pageSize)
    {
        // What the search must answer, computed without it: every public entry whose text has the word, newest first.
        var expected = await app.WithDbAsync(async (db, _) => (await db.PublishedDecisions.Where(p => p.State == PublishedState.Public).ToListAsync())
            .Where(p => string.Join(" ", p.PartyName, p.CreditCode, p.DocumentNumber, p.CaseNumber, p.Cause, p.Facts, p.Result, p.FullText).Contains(word, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Id).Select(p => p.Id).ToList());
        var visitor = app.Client();
        var found = new List<long>();
        for (var page = 1; page <= 4; page++)
        {
            var result = await SearchAsync(visitor, $"q={Uri.EscapeDataString(word)}&pageSize={pageSize}&page={page}");
            Assert.Equal(Math.Min(expected.Count, DecisionSearchCap), result.GetProperty("total").GetInt32());
            Assert.Equal(0, result.GetProperty("searchedNewest").GetInt32());
            found.AddRange(Ids(result));
            Assert.Equal(expected.Count > page * pageSize, result.GetProperty("hasNext").GetBoolean());
        }

        Assert.Equal(expected.Take(4 * pageSize), found);
    }

    private const int DecisionSearchCap = Sanxiang.Data.Publication.DecisionSearch.CountCap;

    [Theory]
    [InlineData("q=' OR 1=1 --")]
    [InlineData("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("q=%22%20OR%20NEAR(a%20b)%20*")]
    [InlineData("q=%25_%5C")]
    [InlineData("party=%3Cb%3E&number=x'--")]
    [InlineData("page=400")]
    public async Task Hostile_queries_get_an_empty_or_clear_answer_never_an_error(string query)
    {
        var visitor = app.Client();
        var api = await visitor.GetAsync("/api/v1/public/decisions?" + query, Ct);
        Assert.True(api.StatusCode == HttpStatusCode.OK, await api.Content.ReadAsStringAsync(Ct));
        var page = await visitor.GetAsync("/decisions?" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("to", "from=2026-05-01&to=2026-04-01", "颠倒")]
    [InlineData("page", "page=0", "页码")]
    [InlineData("page", "page=abc", "页码")]
    [InlineData("from", "from=2026-13-45", "格式")]
    [InlineData("category", "category=Tax", "类别")]
    [InlineData("agency", "agency=NOPE", "执法主体")]
    [InlineData("pageSize", "pageSize=5000", "每页")]
    public async Task Bad_parameters_get_400_with_a_Chinese_reason_on_the_api_and_the_page(string field, string query, string words)
    {
        var visitor = app.Client();
        var response = await visitor.GetAsync("/api/v1/public/decisions?" + query, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Contains(words, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        if (field != "pageSize")
        {
            var page = await visitor.GetAsync("/decisions?" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains(words, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_ten_thousand_character_query_is_answered_clearly()
    {
        var visitor = app.Client();
        var q = Uri.EscapeDataString(new string('食', 10_000));
        var response = await visitor.GetAsync("/api/v1/public/decisions?q=" + q, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不超过 100 字", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var page = await visitor.GetAsync("/decisions?q=" + q, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }
}

public sealed class PublicationFlowTestsOnSqlite(SqliteApp app) : PublicationFlowTests(app);

public sealed class PublicationFlowTestsOnPostgres(PostgresApp app) : PublicationFlowTests(app);
