using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Supervision.Patrol;
using Sanxiang.Data.Supervision.Patrol;
using Sanxiang.Web.Tests.Accounts;
using Sanxiang.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Sanxiang.Web.Tests.Supervision.Patrol;

/// <summary>
/// 网上巡查 (issue 9 item 2) through the HTTP API on both databases: the four planted problems are found and nothing else,
/// a clean quarter gives no automatic finding, a future quarter is refused with nothing stored, the sample is
/// reproducible from the seed in the log, the agency answers and the supervisor returns and confirms, one agency never
/// sees another's findings, and the report opens as DOCX and PDF with the findings in it. Each test plants its own agency
/// and scopes its patrol to it, so the shared demo data stays out of the counts.
/// </summary>
public abstract class PatrolTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Quarter Past = new(2025, 2);

    private async Task<HttpClient> SupervisorAsync()
    {
        var name = "sfj.pt" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateAccountAsync(name, "SFJ", Roles.Supervisor);
        var client = await app.SignInAsync(name);
        await TwoFactorTests.EnrolAsync(app, client);
        return client;
    }

    private static async Task<JsonElement> StartAsync(HttpClient supervisor, Quarter quarter, string code)
    {
        var response = await supervisor.PostAsJsonAsync("/api/v1/patrols", new { quarter = quarter.Code, agencies = new[] { code } }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static List<JsonElement> Findings(JsonElement patrol) => [.. patrol.GetProperty("findings").EnumerateArray()];

    [Fact]
    public async Task The_four_planted_problems_are_found_and_nothing_else()
    {
        var planted = await PatrolPlanting.PlantAsync(app, Past, problems: true);
        var patrol = await StartAsync(await SupervisorAsync(), Past, planted.Code);

        var findings = Findings(patrol);
        Assert.Equal(4, findings.Count);
        var byKind = findings.ToDictionary(f => f.GetProperty("kind").GetString()!);
        Assert.Equal(planted.Entries["late"], byKind[nameof(PatrolFindingKind.LatePublication)].GetProperty("entryId").GetInt64());
        Assert.Contains("逾期", byKind[nameof(PatrolFindingKind.LatePublication)].GetProperty("found").GetString(), StringComparison.Ordinal);
        Assert.Equal(planted.Entries["nofulltext"], byKind[nameof(PatrolFindingKind.MissingFullText)].GetProperty("entryId").GetInt64());
        var leak = byKind[nameof(PatrolFindingKind.Unredacted)];
        Assert.Equal(planted.Entries["phone"], leak.GetProperty("entryId").GetInt64());
        Assert.Contains("139****1234", leak.GetProperty("found").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("13907961234", leak.GetProperty("found").GetString(), StringComparison.Ordinal);
        var stranger = byKind[nameof(PatrolFindingKind.OfficerNotInRegistry)];
        Assert.Equal(planted.Entries["stranger"], stranger.GetProperty("entryId").GetInt64());
        Assert.Contains("孙强", stranger.GetProperty("entry").GetString(), StringComparison.Ordinal);
        Assert.All(findings, f => Assert.Equal(PatrolWorkflow.Open, f.GetProperty("status").GetString()));
        Assert.All(findings, f => Assert.Equal(planted.AgencyId, f.GetProperty("agencyId").GetGuid()));
        Assert.Equal("关于2025年第二季度行政执法公示网上巡查情况的通报", patrol.GetProperty("title").GetString());
        Assert.False(patrol.GetProperty("partial").GetBoolean());
    }

    [Fact]
    public async Task A_clean_quarter_gives_no_automatic_finding_and_samples_every_entry_when_few()
    {
        var planted = await PatrolPlanting.PlantAsync(app, Past, problems: false, clean: 4);
        var patrol = await StartAsync(await SupervisorAsync(), Past, planted.Code);
        Assert.Empty(Findings(patrol));
        Assert.Equal(4, patrol.GetProperty("samples").GetArrayLength());
        var agency = Assert.Single(patrol.GetProperty("agencies").EnumerateArray());
        Assert.Equal(4, agency.GetProperty("entries").GetInt32());
        Assert.Equal(4, agency.GetProperty("tasksDue").GetInt32());
        Assert.Equal(2, agency.GetProperty("officers").GetInt32());
    }

    [Fact]
    public async Task A_future_quarter_is_refused_with_a_reason_and_nothing_stored_and_the_same_quarter_twice_while_open()
    {
        var planted = await PatrolPlanting.PlantAsync(app, Past, problems: false, clean: 1);
        var supervisor = await SupervisorAsync();
        var today = await app.WithDbAsync((_, sp) => Task.FromResult(ChinaTime.Today(sp.GetRequiredService<TimeProvider>())));
        var current = Quarter.Of(today);
        var n = current.Year * 4 + current.Number;
        var future = new Quarter(n / 4, n % 4 + 1);
        var before = await app.WithDbAsync(async (db, _) => (await db.OnlinePatrols.CountAsync(Ct), await db.LedgerEntries.CountAsync(e => e.Kind == "patrol-started", Ct)));

        var refused = await supervisor.PostAsJsonAsync("/api/v1/patrols", new { quarter = future.Code, agencies = new[] { planted.Code } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString();
        Assert.Contains($"{future.Chinese}", detail, StringComparison.Ordinal);
        Assert.Contains("尚未开始", detail, StringComparison.Ordinal);
        var bad = await supervisor.PostAsJsonAsync("/api/v1/patrols", new { quarter = "2026Q7" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(async (db, _) => (await db.OnlinePatrols.CountAsync(Ct), await db.LedgerEntries.CountAsync(e => e.Kind == "patrol-started", Ct))));

        // The current quarter may be patrolled up to today, and the report says so; a second patrol of it is refused while one is open.
        var partial = await StartAsync(supervisor, current, planted.Code);
        Assert.True(partial.GetProperty("partial").GetBoolean());
        Assert.Equal(today, DateOnly.Parse(partial.GetProperty("periodTo").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var again = await supervisor.PostAsJsonAsync("/api/v1/patrols", new { quarter = current.Code, agencies = new[] { planted.Code } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("未完结", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var docx = await supervisor.GetByteArrayAsync($"/api/v1/patrols/{partial.GetProperty("id").GetGuid()}/report.docx", Ct);
        Assert.Contains("本季度尚未结束", DocxText(docx), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_is_recomputed_from_the_seed_in_the_log()
    {
        var planted = await PatrolPlanting.PlantAsync(app, Past, problems: true, clean: 6);
        var patrol = await StartAsync(await SupervisorAsync(), Past, planted.Code);
        var id = patrol.GetProperty("id").GetString()!;
        var seed = await app.WithDbAsync(async (db, _) =>
        {
            var payloads = await db.LedgerEntries.Where(e => e.Kind == "patrol-started").Select(e => e.Payload).ToListAsync(Ct);
            return payloads.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("facts")).Single(f => f.GetProperty("patrol").GetString() == id).GetProperty("seed").GetString()!;
        });
        Assert.Equal(patrol.GetProperty("seed").GetString(), seed);
        var sampled = patrol.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("entryId").GetInt64()).Order().ToList();
        Assert.Equal(PatrolSampling.Size, sampled.Count);
        Assert.Equal(PatrolSampling.Draw(seed, planted.AgencyId, planted.Entries.Values), sampled);
    }

    [Fact]
    public async Task The_agency_answers_the_supervisor_returns_and_confirms_and_another_agency_sees_nothing()
    {
        var planted = await PatrolPlanting.PlantAsync(app, Past, problems: true, clean: 1);
        var supervisor = await SupervisorAsync();
        var patrol = await StartAsync(supervisor, Past, planted.Code);
        var id = patrol.GetProperty("id").GetGuid();

        // Sending is refused until every sampled entry is checked; one sampled entry with a problem becomes a finding.
        var early = await supervisor.PostAsJsonAsync($"/api/v1/patrols/{id}/send", new { answerWorkingDays = 10 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("未记录人工核查结果", await early.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var first = true;
        foreach (var s in patrol.GetProperty("samples").EnumerateArray())
        {
            var r = await supervisor.PostAsJsonAsync($"/api/v1/patrols/samples/{s.GetProperty("id").GetGuid()}",
                new { problem = first, note = first ? "公示摘要的处罚依据未写明条款项。" : null }, Ct);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            first = false;
        }

        var sent = JsonDocument.Parse(await (await supervisor.PostAsJsonAsync($"/api/v1/patrols/{id}/send", new { answerWorkingDays = 10 }, Ct)).Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(PatrolWorkflow.Sent, sent.GetProperty("status").GetString());
        var findings = Findings(sent);
        Assert.Equal(5, findings.Count);
        Assert.Single(findings, f => f.GetProperty("kind").GetString() == nameof(PatrolFindingKind.SampleProblem));
        var due = sent.GetProperty("answerDueOn").GetString()!;
        Assert.All(findings, f => Assert.Equal(due, f.GetProperty("answerDueOn").GetString()));

        // Another agency's head sees neither the patrol nor the finding.
        var other = await app.SignInAsync("scjg.head");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/patrols/{id}", Ct)).StatusCode);
        var foreign = await other.PostAsJsonAsync($"/api/v1/patrols/findings/{findings[0].GetProperty("id").GetGuid()}/answer", new { text = "已整改完毕，请审核。已整改完毕。" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain(planted.Name, await other.GetStringAsync("/api/v1/patrols", Ct), StringComparison.Ordinal);

        var headName = "tp.head" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateAccountAsync(headName, planted.Code, Roles.AgencyHead);
        var head = await app.SignInAsync(headName);
        var mine = JsonDocument.Parse(await head.GetStringAsync($"/api/v1/patrols/{id}", Ct)).RootElement;
        Assert.Equal(5, Findings(mine).Count);
        var shortAnswer = await head.PostAsJsonAsync($"/api/v1/patrols/findings/{findings[0].GetProperty("id").GetGuid()}/answer", new { text = "已改" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, shortAnswer.StatusCode);
        Assert.Contains("至少 10 个字", await shortAnswer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var notYours = await head.PostAsJsonAsync($"/api/v1/patrols/findings/{findings[0].GetProperty("id").GetGuid()}/confirm", new { text = "" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);

        foreach (var f in findings)
        {
            var r = await head.PostAsJsonAsync($"/api/v1/patrols/findings/{f.GetProperty("id").GetGuid()}/answer",
                new { text = "已撤下原公示信息，更正后重新公示，并组织公示专员学习隐去规则。" }, Ct);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var fid = findings[0].GetProperty("id").GetGuid();
        var returned = await supervisor.PostAsJsonAsync($"/api/v1/patrols/findings/{fid}/return", new { text = "未说明重新公示的公示编号，请补充。" }, Ct);
        Assert.Equal(PatrolWorkflow.Returned, JsonDocument.Parse(await returned.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("status").GetString());
        var closeEarly = await supervisor.PostAsync($"/api/v1/patrols/{id}/close", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, closeEarly.StatusCode);
        var again = await head.PostAsJsonAsync($"/api/v1/patrols/findings/{fid}/answer", new { text = "已重新公示，公示编号见决定公示页，已核对无误。" }, Ct);
        Assert.Equal(2, JsonDocument.Parse(await again.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("rounds").GetInt32());

        // Overdue answers counted for the dashboard: the returned one, on a day past the deadline, had it not been answered again.
        var figures = await app.WithDbAsync((db, _) => PatrolFigures.LoadAsync(db, DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture).AddDays(1), Ct));
        Assert.Equal(5, Assert.Single(figures, f => f.AgencyId == planted.AgencyId).OpenFindings);
        Assert.Equal(0, Assert.Single(figures, f => f.AgencyId == planted.AgencyId).OverdueAnswers);

        foreach (var f in findings)
        {
            var r = await supervisor.PostAsJsonAsync($"/api/v1/patrols/findings/{f.GetProperty("id").GetGuid()}/confirm", new { text = "经复查已整改。" }, Ct);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var closed = JsonDocument.Parse(await (await supervisor.PostAsync($"/api/v1/patrols/{id}/close", null, Ct)).Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(PatrolWorkflow.Closed, closed.GetProperty("status").GetString());
        Assert.All(Findings(closed), f => Assert.Equal(PatrolWorkflow.Confirmed, f.GetProperty("status").GetString()));
        var kinds = await app.WithDbAsync(async (db, _) => await db.LedgerEntries.Where(e => e.Kind.StartsWith("patrol-")).Select(e => e.Kind).Distinct().ToListAsync(Ct));
        Assert.Superset(new HashSet<string> { "patrol-started", "patrol-sample-checked", "patrol-sent", "patrol-finding-answered", "patrol-finding-returned", "patrol-finding-confirmed", "patrol-closed" },
            kinds.ToHashSet());
    }

    [Fact]
    public async Task An_unanswered_finding_past_its_deadline_is_overdue_on_the_dashboard_figures()
    {
        var planted = await PatrolPlanting.PlantAsync(app, Past, problems: true, clean: 0);
        var supervisor = await SupervisorAsync();
        var patrol = await StartAsync(supervisor, Past, planted.Code);
        var id = patrol.GetProperty("id").GetGuid();
        foreach (var s in patrol.GetProperty("samples").EnumerateArray())
        {
            await supervisor.PostAsJsonAsync($"/api/v1/patrols/samples/{s.GetProperty("id").GetGuid()}", new { problem = false }, Ct);
        }

        var sent = JsonDocument.Parse(await (await supervisor.PostAsJsonAsync($"/api/v1/patrols/{id}/send", new { answerWorkingDays = 3 }, Ct)).Content.ReadAsStringAsync(Ct)).RootElement;
        var due = DateOnly.Parse(sent.GetProperty("answerDueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var onDue = await app.WithDbAsync((db, _) => PatrolFigures.LoadAsync(db, due, Ct));
        Assert.Equal(0, Assert.Single(onDue, f => f.AgencyId == planted.AgencyId).OverdueAnswers);
        var after = await app.WithDbAsync((db, _) => PatrolFigures.LoadAsync(db, due.AddDays(1), Ct));
        var mine = Assert.Single(after, f => f.AgencyId == planted.AgencyId);
        Assert.Equal(4, mine.OverdueAnswers);
        Assert.Equal(4, mine.AwaitingAnswer);
    }

    [Fact]
    public async Task The_report_opens_as_DOCX_and_PDF_with_every_finding_and_its_answer()
    {
        var planted = await PatrolPlanting.PlantAsync(app, Past, problems: true, clean: 0);
        var supervisor = await SupervisorAsync();
        var patrol = await StartAsync(supervisor, Past, planted.Code);
        var id = patrol.GetProperty("id").GetGuid();
        foreach (var s in patrol.GetProperty("samples").EnumerateArray())
        {
            await supervisor.PostAsJsonAsync($"/api/v1/patrols/samples/{s.GetProperty("id").GetGuid()}", new { problem = false }, Ct);
        }

        var sent = JsonDocument.Parse(await (await supervisor.PostAsJsonAsync($"/api/v1/patrols/{id}/send", new { }, Ct)).Content.ReadAsStringAsync(Ct)).RootElement;
        var headName = "tp.head" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateAccountAsync(headName, planted.Code, Roles.AgencyHead);
        var head = await app.SignInAsync(headName);
        var answered = Findings(sent)[0];
        await head.PostAsJsonAsync($"/api/v1/patrols/findings/{answered.GetProperty("id").GetGuid()}/answer", new { text = "已补充公示决定书全文并明确专人复核。" }, Ct);

        var docx = DocxText(await supervisor.GetByteArrayAsync($"/api/v1/patrols/{id}/report.docx", Ct));
        Assert.Contains("关于2025年第二季度行政执法公示网上巡查情况的通报", docx, StringComparison.Ordinal);
        Assert.Contains(planted.Name, docx, StringComparison.Ordinal);
        Assert.Contains("已补充公示决定书全文并明确专人复核。", docx, StringComparison.Ordinal);
        foreach (var f in Findings(sent))
        {
            Assert.Contains(f.GetProperty("found").GetString()!, docx, StringComparison.Ordinal);
        }

        var pdfResponse = await supervisor.GetAsync($"/api/v1/patrols/{id}/report.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
        using var pdf = PdfDocument.Open(await pdfResponse.Content.ReadAsByteArrayAsync(Ct));
        var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("网上巡查情况的通报", text, StringComparison.Ordinal);
        Assert.Contains("未公示全文", text, StringComparison.Ordinal);
        Assert.Contains("已补充公示决定书全文", text, StringComparison.Ordinal);

        // The agency's copy holds only its own findings; another agency gets 404.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("scjg.head")).GetAsync($"/api/v1/patrols/{id}/report.docx", Ct)).StatusCode);
        Assert.Contains(planted.Name, DocxText(await head.GetByteArrayAsync($"/api/v1/patrols/{id}/report.docx", Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_county_has_one_finished_patrol_with_answered_findings_and_its_pages_show_them()
    {
        var (patrol, findings) = await app.WithDbAsync(async (db, _) =>
        {
            var p = await db.OnlinePatrols.Where(x => x.Seed == Sanxiang.Data.Seed.DemoCaseSeeder.DemoPatrolSeed).SingleAsync(Ct);
            return (p, await db.PatrolFindings.Where(f => f.PatrolId == p.Id).ToListAsync(Ct));
        });
        Assert.Equal(PatrolWorkflow.Closed, patrol.Status);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True(f.Status == PatrolWorkflow.Confirmed && f.Answer is { Length: > 10 }, $"第 {f.Number} 号：{f.Status}"));
        Assert.Contains(findings, f => f.Kind == PatrolFindingKind.SampleProblem);

        var supervisor = await SupervisorAsync();
        var page = await supervisor.GetStringAsync($"/workbench/patrols/{patrol.Id}", Ct);
        Assert.Contains(patrol.Title, page, StringComparison.Ordinal);
        Assert.Contains("已确认整改", page, StringComparison.Ordinal);
        var list = await supervisor.GetStringAsync("/workbench/patrols", Ct);
        Assert.Contains(patrol.Quarter.Chinese, list, StringComparison.Ordinal);
    }

    private static string DocxText(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = WordprocessingDocument.Open(stream, false);
        return string.Concat(doc.MainDocumentPart!.Document!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text));
    }
}

public sealed class PatrolTestsOnSqlite(SqliteApp app) : PatrolTests(app);

public sealed class PatrolTestsOnPostgres(PostgresApp app) : PatrolTests(app);
