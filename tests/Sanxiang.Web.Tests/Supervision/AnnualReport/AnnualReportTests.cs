using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.AnnualReport;
using Sanxiang.Data.Supervision.AnnualReport;
using Sanxiang.Web.Tests.Accounts;
using Sanxiang.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Sanxiang.Web.Tests.Supervision.AnnualReport;

/// <summary>
/// 行政执法数据年度报告 (issue 9 item 5) through the HTTP API and pages on both databases: the figures equal an
/// independent count of a planted year, access follows the agency and the role, every bad input is refused in Chinese
/// with nothing stored, publishing freezes the figures with their digest in the log, a correction supersedes, the portal
/// shows only what was published, and the DOCX, PDF and .xlsx open. Each test plants its own agency.
/// </summary>
public abstract class AnnualReportTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The last finished year in China Standard Time (the server's clock is the real one).</summary>
    private static int Year => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year - 1;

    private static readonly object Commentary = new
    {
        workSummary = "全年依法开展行政许可、行政检查和行政处罚，执法全过程记录，重大执法决定全部经法制审核。",
        problems = "个别决定公示超过期限；音像记录不够完整。",
        nextSteps = "落实公示专员审核责任；规范执法记录仪使用。",
    };

    private async Task<HttpClient> AccountAsync(string agencyCode, params string[] roles)
    {
        var name = "ar." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateAccountAsync(name, agencyCode, roles);
        var client = await app.SignInAsync(name);
        if (roles.Contains(Roles.Supervisor))
        {
            await TwoFactorTests.EnrolAsync(app, client);
        }

        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static long Figure(JsonElement figures, string key) =>
        figures.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray())
            .Single(f => f.GetProperty("key").GetString() == key).GetProperty("value").GetInt64();

    private static JsonElement FigureOf(JsonElement figures, string key) =>
        figures.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray())
            .Single(f => f.GetProperty("key").GetString() == key);

    private Task<int> ReportRowsAsync(Guid agencyId) => app.WithDbAsync((db, _) => db.AnnualReports.CountAsync(r => r.AgencyId == agencyId, Ct));

    [Fact]
    public async Task The_figures_equal_an_independent_count_of_the_planted_year()
    {
        var planted = await AnnualReportPlanting.PlantAsync(app, Year);
        var head = await AccountAsync(planted.Code, Roles.AgencyHead);
        var report = await JsonAsync(await head.GetAsync($"/api/v1/annual-reports/{planted.Code}/{Year}", Ct), HttpStatusCode.OK);
        var figures = report.GetProperty("figures");

        // The independent count, from the plan alone.
        var plan = planted.Cases;
        bool DecidedIn(AnnualReportPlanting.PlannedCase c) => c.Decided is { } d && d.Year == Year;
        bool OpenedIn(AnnualReportPlanting.PlannedCase c) => c.Opened.Year == Year;
        var penalties = plan.Where(c => DecidedIn(c) && (c.Outcome ?? (c.Procedure == ProcedureKind.SummaryPenalty ? "给予行政处罚" : null)) == "给予行政处罚").ToList();
        int WithAny(params string[] kinds) => penalties.Count(c => c.Kinds!.Split(',').Intersect(kinds).Any());
        var expected = new Dictionary<string, long>
        {
            ["licensing.applications"] = plan.Count(c => OpenedIn(c) && c.Procedure == ProcedureKind.Licensing),
            ["licensing.granted"] = plan.Count(c => DecidedIn(c) && c.Outcome == "准予许可"),
            ["licensing.refused"] = plan.Count(c => DecidedIn(c) && c.Outcome == "不予许可"),
            ["penalty.decisions"] = penalties.Count,
            ["penalty.summary"] = penalties.Count(c => c.Procedure == ProcedureKind.SummaryPenalty),
            ["penalty.general"] = penalties.Count(c => c.Procedure == ProcedureKind.GeneralPenalty),
            ["penalty.warning"] = WithAny("Warning", "CriticismNotice"),
            ["penalty.fine"] = WithAny("Fine"),
            ["penalty.fine-yuan"] = penalties.Sum(c => c.Fine ?? 0),
            ["penalty.confiscation"] = WithAny("ConfiscateIllegalGains", "ConfiscateIllegalProperty"),
            ["penalty.confiscation-yuan"] = penalties.Sum(c => c.Confiscated ?? 0),
            ["penalty.licence"] = WithAny("SuspendLicence", "LowerQualification", "RevokeLicence"),
            ["penalty.business"] = WithAny("RestrictBusiness", "SuspendProduction", "OrderClosure", "RestrictPractice"),
            ["penalty.detention"] = WithAny("Detention"),
            ["penalty.other"] = WithAny("Other"),
            ["penalty.none"] = plan.Count(c => DecidedIn(c) && c.Outcome == "不予行政处罚"),
            ["penalty.transferred"] = plan.Count(c => DecidedIn(c) && c.Outcome == "移送司法机关"),
            ["coercion.measures"] = plan.Count(c => OpenedIn(c) && c.Procedure == ProcedureKind.CoerciveMeasure),
            ["coercion.court"] = plan.Count(c => c.Court is { } d && d.Year == Year),
            ["inspection.cases"] = plan.Count(c => OpenedIn(c) && c.Procedure == ProcedureKind.Inspection),
            ["remedy.hearings"] = plan.Count(c => c.Hearing is { } d && d.Year == Year),
            ["publicity.on-time"] = planted.PublishedOnTime,
            ["publicity.late"] = planted.PublishedLate,
            ["publicity.exempt"] = planted.Exempt,
            ["publicity.due"] = planted.PublishedOnTime + planted.PublishedLate,
            ["officers.certified"] = planted.Officers,
            ["officers.reviewers"] = planted.Reviewers,
        };
        foreach (var (key, value) in expected)
        {
            Assert.True(value == Figure(figures, key), $"{key}：应为 {value}，报告为 {Figure(figures, key)}");
        }

        // The plan is not trivial: each figure above is tested against something other than zero where it can be.
        Assert.Equal(7, expected["penalty.decisions"]);
        Assert.Equal(85_200, expected["penalty.fine-yuan"]);
        Assert.Equal(0, Figure(figures, "penalty.other"));   // the corrected first value (Other) does not count
        Assert.False(FigureOf(figures, "remedy.reconsideration").GetProperty("recorded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, FigureOf(figures, "remedy.litigation").GetProperty("value").ValueKind);

        // The same figures on the workbench page.
        var page = await head.GetStringAsync($"/workbench/annual-reports/{planted.Code}/{Year}", Ct);
        Assert.Contains(WebUtility.HtmlEncode(planted.Name), page, StringComparison.Ordinal);
        Assert.Contains("85,200 元", page, StringComparison.Ordinal);
        Assert.Contains("本平台未记录", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_follows_the_agency_and_the_role()
    {
        var planted = await AnnualReportPlanting.PlantAsync(app, Year);
        var other = await AnnualReportPlanting.PlantAsync(app, Year);
        var path = $"/api/v1/annual-reports/{planted.Code}/{Year}";

        // Anonymous: no workbench API, no page.
        var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(path + "/publish", Commentary, Ct)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/workbench/annual-reports/{planted.Code}/{Year}", Ct)).StatusCode);

        // Another agency's head: refused with a Chinese reason, on the API and the page; nothing stored.
        var stranger = await AccountAsync(other.Code, Roles.AgencyHead);
        var denied = await JsonAsync(await stranger.GetAsync(path, Ct), HttpStatusCode.Forbidden);
        Assert.Contains("只能查看和编制本机关", denied.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await JsonAsync(await stranger.PutAsJsonAsync(path + "/draft", Commentary, Ct), HttpStatusCode.Forbidden);
        await JsonAsync(await stranger.PostAsJsonAsync(path + "/publish", Commentary, Ct), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/workbench/annual-reports/{planted.Code}/{Year}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/v1/annual-reports/{planted.Code}/{Year}/report.docx", Ct)).StatusCode);
        await JsonAsync(await stranger.GetAsync($"/api/v1/annual-reports/NOSUCH/{Year}", Ct), HttpStatusCode.NotFound);

        // An officer is not a reader; the overview is the supervisors'.
        var officer = await AccountAsync(planted.Code, Roles.Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(path, Ct)).StatusCode);
        var head = await AccountAsync(planted.Code, Roles.AgencyHead);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync($"/api/v1/annual-reports?year={Year}", Ct)).StatusCode);

        // The clerk of the agency writes; the supervisor reads every agency but writes none.
        var clerk = await AccountAsync(planted.Code, Roles.PublicityClerk);
        await JsonAsync(await clerk.PutAsJsonAsync(path + "/draft", Commentary, Ct), HttpStatusCode.OK);
        var supervisor = await AccountAsync("SFJ", Roles.Supervisor);
        var read = await JsonAsync(await supervisor.GetAsync(path, Ct), HttpStatusCode.OK);
        Assert.Equal(planted.Name, read.GetProperty("agencyName").GetString());
        await JsonAsync(await supervisor.PostAsJsonAsync(path + "/publish", Commentary, Ct), HttpStatusCode.Forbidden);
        Assert.Equal(1, await ReportRowsAsync(planted.AgencyId));
        Assert.Equal(0, await ReportRowsAsync(other.AgencyId));
        var supervisorPage = await supervisor.GetStringAsync($"/workbench/annual-reports/{planted.Code}/{Year}", Ct);
        Assert.DoesNotContain("data-testid=\"annual-form\"", supervisorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_refused_in_Chinese_and_nothing_is_stored()
    {
        var planted = await AnnualReportPlanting.PlantAsync(app, Year);
        var head = await AccountAsync(planted.Code, Roles.AgencyHead);
        var root = $"/api/v1/annual-reports/{planted.Code}";

        async Task<JsonElement> Refused(HttpResponseMessage response, HttpStatusCode status, string text)
        {
            var problem = await JsonAsync(response, status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var messages = problem.GetProperty("detail").GetString() + string.Concat(problem.TryGetProperty("errors", out var errors)
                ? errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()) : []);
            Assert.Contains(text, messages, StringComparison.Ordinal);
            return problem;
        }

        await Refused(await head.GetAsync($"{root}/abcd", Ct), HttpStatusCode.BadRequest, "报告年度");
        await Refused(await head.GetAsync($"{root}/{Year + 1}", Ct), HttpStatusCode.BadRequest, "尚未结束");
        await Refused(await head.GetAsync($"{root}/{Year + 2}", Ct), HttpStatusCode.BadRequest, "尚未开始");
        await Refused(await head.PostAsJsonAsync($"{root}/{Year + 1}/publish", Commentary, Ct), HttpStatusCode.BadRequest, "尚未结束");
        await Refused(await head.PostAsJsonAsync($"{root}/2010/publish", Commentary, Ct), HttpStatusCode.BadRequest, "不能早于");

        var tooLong = await Refused(await head.PutAsJsonAsync($"{root}/{Year}/draft",
            new { workSummary = new string('字', AnnualReportRules.MaxLength + 1), problems = "<script>alert(1)</script>", nextSteps = "计划" }, Ct),
            HttpStatusCode.BadRequest, "不超过 3000 个字");
        var errors = tooLong.GetProperty("errors");
        Assert.Contains("不超过 3000 个字", errors.GetProperty("workSummary")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("“存在问题”只能填写纯文本", errors.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("nextSteps", out _));

        var empty = await Refused(await head.PostAsJsonAsync($"{root}/{Year}/publish", new { workSummary = "总结", problems = "", nextSteps = (string?)null }, Ct),
            HttpStatusCode.BadRequest, "不能为空");
        Assert.True(empty.GetProperty("errors").TryGetProperty("problems", out _));
        Assert.True(empty.GetProperty("errors").TryGetProperty("nextSteps", out _));
        await Refused(await head.PostAsJsonAsync($"{root}/{Year}/publish", new { workSummary = "总结", problems = "问题", nextSteps = "计划", correctionReason = "更正" }, Ct),
            HttpStatusCode.BadRequest, "尚未公布，无需填写更正原因");
        Assert.Equal(0, await ReportRowsAsync(planted.AgencyId));

        // The page shows the problem by field and keeps what was typed, encoded.
        var page = await SanxiangApp.PostFormAsync(head, $"/workbench/annual-reports/{planted.Code}/{Year}",
            new() { ["WorkSummary"] = "总结", ["Problems"] = "<img src=x onerror=alert(1)>", ["NextSteps"] = "计划" }, $"/workbench/annual-reports/{planted.Code}/{Year}?handler=Save");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-testid=\"error-problems\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Equal(0, await ReportRowsAsync(planted.AgencyId));
    }

    [Fact]
    public async Task Publishing_freezes_the_figures_records_the_digest_and_a_correction_supersedes()
    {
        var planted = await AnnualReportPlanting.PlantAsync(app, Year);
        var head = await AccountAsync(planted.Code, Roles.AgencyHead);
        var root = $"/api/v1/annual-reports/{planted.Code}/{Year}";

        // A draft first: not public, but in the log (its digest, not its text).
        await JsonAsync(await head.PutAsJsonAsync(root + "/draft", Commentary, Ct), HttpStatusCode.OK);
        var drafted = await app.WithDbAsync((db, _) => db.LedgerEntries.Where(e => e.AgencyId == planted.AgencyId && e.Kind == AnnualReports.DraftSavedKind)
            .Select(e => new { e.IsPublic, e.Payload }).ToListAsync(Ct));
        var draftEntry = Assert.Single(drafted);
        Assert.False(draftEntry.IsPublic);
        var draftPayload = System.Text.Encoding.UTF8.GetString(draftEntry.Payload);
        Assert.Contains("\"sha256\"", draftPayload, StringComparison.Ordinal);
        Assert.Contains(Year.ToString(System.Globalization.CultureInfo.InvariantCulture), draftPayload, StringComparison.Ordinal);
        Assert.Contains(planted.Name, draftPayload, StringComparison.Ordinal); // Chinese is stored as it is, so the next line means something
        Assert.DoesNotContain("音像记录", draftPayload, StringComparison.Ordinal);
        var anonymous = app.Client();
        var list = await JsonAsync(await anonymous.GetAsync($"/api/v1/public/annual-reports?agency={planted.Code}", Ct), HttpStatusCode.OK);
        Assert.Equal(0, list.GetArrayLength());
        Assert.DoesNotContain(planted.Name, await anonymous.GetStringAsync("/annual-reports", Ct), StringComparison.Ordinal);

        var published = await JsonAsync(await head.PostAsJsonAsync(root + "/publish", Commentary, Ct), HttpStatusCode.Created);
        var v1 = published.GetProperty("versions")[0];
        Assert.Equal("已公布", v1.GetProperty("status").GetString());
        var id = v1.GetProperty("id").GetGuid();
        var sha = v1.GetProperty("contentSha256").GetString()!;
        Assert.Equal(7, Figure(v1.GetProperty("figures"), "penalty.decisions"));
        // Published after 31 January of the next year or not, as the real date says.
        var onTime = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime) <= AnnualReportRules.DueOn(Year);
        Assert.Equal(onTime, published.GetProperty("onTime").GetBoolean());

        // Publishing twice is refused; nothing changes.
        var twice = await JsonAsync(await head.PostAsJsonAsync(root + "/publish", Commentary, Ct), HttpStatusCode.Conflict);
        Assert.Contains("不能重复公布", twice.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await ReportRowsAsync(planted.AgencyId));

        // The log holds the digest, and the digest is that of the published content.
        var leaf = v1.GetProperty("ledgerIndex").GetInt64();
        var entries = await JsonAsync(await anonymous.GetAsync($"/api/v1/ledger/entries?start={leaf}&end={leaf + 1}", Ct), HttpStatusCode.OK);
        var entry = entries.ValueKind == JsonValueKind.Array ? entries[0] : entries.GetProperty("entries")[0];
        Assert.Equal(AnnualReports.PublishedKind, entry.GetProperty("kind").GetString());
        var payload = JsonDocument.Parse(entry.GetProperty("payload").GetString()!).RootElement.GetProperty("facts");
        Assert.Equal(sha, payload.GetProperty("content").GetProperty("sha256").GetString());
        Assert.Equal(Year, payload.GetProperty("year").GetInt32());
        var stored = await app.WithDbAsync((db, _) => db.AnnualReports.SingleAsync(r => r.Id == id, Ct));
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(AnnualReportContent.Canonical(stored, stored.Figures()!))));

        // Later data changes the live figures but not the published ones.
        await app.WithDbAsync(async (db, _) =>
        {
            var item = await db.EnforcementItems.IgnoreQueryFilters().FirstAsync(i => i.AgencyId == planted.AgencyId, Ct);
            var caseId = Guid.NewGuid();
            var @case = new Case
            {
                Id = caseId, AgencyId = planted.AgencyId, Number = "安年补" + Guid.NewGuid().ToString("N")[..6], Year = Year, Sequence = 99, ItemId = item.Id, ItemCode = item.Code,
                ItemName = item.Name, Procedure = ProcedureKind.GeneralPenalty, Status = "archive", Cause = "补录案件", Source = "监督检查",
                Party = new CaseParty { Kind = PartyKind.Organisation, Name = "安和县补录商行", Address = "安和县" }, OccurredOn = new(Year, 5, 1), OpenedOn = new(Year, 5, 2),
                CreatedAtUtc = DateTimeOffset.UtcNow,
            };
            @case.Facts.Add(new CaseFact { Id = Guid.NewGuid(), CaseId = caseId, Sequence = 1, Key = FactKeys.DecisionKind.Key, Value = "给予行政处罚", Step = "decide", RecordedAtUtc = DateTimeOffset.UtcNow });
            @case.Steps.Add(new CaseStepRecord { Id = Guid.NewGuid(), CaseId = caseId, Sequence = 1, From = "decide", To = "archive", Action = "办理", On = new(Year, 6, 1), AtUtc = DateTimeOffset.UtcNow });
            db.Cases.Add(@case);
            // Its publication task, as case handling makes one for every decision (another test checks that).
            db.PublicationTasks.Add(new Sanxiang.Core.Publication.PublicationTask
            {
                Id = Guid.NewGuid(), AgencyId = planted.AgencyId, CaseId = caseId, CaseNumber = @case.Number, Kind = Sanxiang.Core.Publication.PublicationTaskKind.Publish,
                Procedure = ProcedureKind.GeneralPenalty, Category = Sanxiang.Core.Publication.PublicationCategory.Penalty, DecidedOn = new(Year, 6, 1), WorkingDays = 7,
                DueOn = new(Year, 6, 10), Status = Sanxiang.Core.Publication.PublicationStatus.Exempt, CreatedAtUtc = DateTimeOffset.UtcNow, ClosedAtUtc = DateTimeOffset.UtcNow,
                Exemption = Sanxiang.Core.Publication.PublicationRules.ExemptionGrounds[3] + "：年度报告统计测试案件",
            });
            return await db.SaveChangesAsync(Ct);
        });
        var after = await JsonAsync(await head.GetAsync(root, Ct), HttpStatusCode.OK);
        Assert.Equal(8, Figure(after.GetProperty("figures"), "penalty.decisions"));
        var frozen = await JsonAsync(await anonymous.GetAsync($"/api/v1/public/annual-reports/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal(7, Figure(frozen.GetProperty("figures"), "penalty.decisions"));
        Assert.Equal(sha, frozen.GetProperty("contentSha256").GetString());

        // A correction needs a reason; with it, version 2 supersedes version 1, which stays visible as 已更正.
        var corrected = await JsonAsync(await head.PostAsJsonAsync(root + "/publish",
            new { workSummary = "全年依法开展行政执法工作（更正）。", problems = "个别决定公示超过期限。", nextSteps = "按时公示。", correctionReason = "补录一件漏报的行政处罚案件。" }, Ct),
            HttpStatusCode.Created);
        var versions = corrected.GetProperty("versions");
        Assert.Equal(2, versions.GetArrayLength());
        Assert.Equal(2, versions[0].GetProperty("version").GetInt32());
        Assert.Equal("已公布", versions[0].GetProperty("status").GetString());
        Assert.Equal(8, Figure(versions[0].GetProperty("figures"), "penalty.decisions"));
        Assert.Equal("已更正", versions[1].GetProperty("status").GetString());
        Assert.Equal(sha, versions[1].GetProperty("contentSha256").GetString());
        Assert.Equal(versions[0].GetProperty("id").GetGuid(), versions[1].GetProperty("supersededById").GetGuid());
        var leaf2 = versions[0].GetProperty("ledgerIndex").GetInt64();
        var entries2 = await JsonAsync(await anonymous.GetAsync($"/api/v1/ledger/entries?start={leaf2}&end={leaf2 + 1}", Ct), HttpStatusCode.OK);
        var entry2 = entries2.ValueKind == JsonValueKind.Array ? entries2[0] : entries2.GetProperty("entries")[0];
        Assert.Equal(AnnualReports.CorrectedKind, entry2.GetProperty("kind").GetString());
        Assert.Contains(sha, entry2.GetProperty("payload").GetString(), StringComparison.Ordinal);

        // The portal: both versions listed, the old one marked, the page of each.
        var publicList = await JsonAsync(await anonymous.GetAsync($"/api/v1/public/annual-reports?agency={planted.Code}&year={Year}", Ct), HttpStatusCode.OK);
        Assert.Equal(2, publicList.GetArrayLength());
        var oldPage = await anonymous.GetStringAsync($"/annual-reports/{id}", Ct);
        Assert.Contains("本报告已更正", oldPage, StringComparison.Ordinal);
        Assert.Contains(sha, oldPage, StringComparison.Ordinal);
        var newPage = await anonymous.GetStringAsync($"/annual-reports/{versions[0].GetProperty("id").GetGuid()}", Ct);
        Assert.Contains("补录一件漏报的行政处罚案件。", newPage, StringComparison.Ordinal);
        Assert.Contains("全年依法开展行政执法工作（更正）。", newPage, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(planted.Name), await anonymous.GetStringAsync($"/annual-reports?year={Year}", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/annual-reports/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_page_publishes_and_the_downloads_open()
    {
        var planted = await AnnualReportPlanting.PlantAsync(app, Year);
        var clerk = await AccountAsync(planted.Code, Roles.PublicityClerk);
        var page = $"/workbench/annual-reports/{planted.Code}/{Year}";
        var fields = new Dictionary<string, string>
        {
            ["WorkSummary"] = "本局全年依法履行行政执法职责。\n第二段：执法全过程记录。", ["Problems"] = "公示及时性有待提高。", ["NextSteps"] = "加强执法人员培训。",
        };
        var saved = await SanxiangApp.PostFormAsync(clerk, page, fields, page + "?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("草稿已保存", await clerk.GetStringAsync(saved.Headers.Location!.ToString(), Ct), StringComparison.Ordinal);

        // The draft's downloads (current figures) open too.
        var draftDocx = await clerk.GetByteArrayAsync($"/api/v1/annual-reports/{planted.Code}/{Year}/report.docx", Ct);
        Assert.Contains(planted.Name, DocxXml(draftDocx), StringComparison.Ordinal);

        var publishedResponse = await SanxiangApp.PostFormAsync(clerk, page, fields, page + "?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, publishedResponse.StatusCode);
        var id = await app.WithDbAsync((db, _) => db.AnnualReports.Where(r => r.AgencyId == planted.AgencyId && r.Status == AnnualReportStatus.Published).Select(r => r.Id).SingleAsync(Ct));

        var anonymous = app.Client();
        var portal = await anonymous.GetStringAsync($"/annual-reports/{id}", Ct);
        Assert.Contains("第二段：执法全过程记录。", portal, StringComparison.Ordinal);
        Assert.Contains("本平台未记录", portal, StringComparison.Ordinal);

        // DOCX: a zip whose word/document.xml names the agency.
        var docx = await anonymous.GetAsync($"/api/v1/public/annual-reports/{id}/report.docx", Ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var docxText = DocxXml(await docx.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(planted.Name, docxText, StringComparison.Ordinal);
        Assert.Contains("工作总结", docxText, StringComparison.Ordinal);

        // PDF: starts with %PDF and has pages with the title.
        var pdfBytes = await anonymous.GetByteArrayAsync($"/api/v1/public/annual-reports/{id}/report.pdf", Ct);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdfBytes, 0, 4));
        using (var pdf = PdfDocument.Open(pdfBytes))
        {
            Assert.True(pdf.NumberOfPages >= 2);
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains("行政执法数据报告", text, StringComparison.Ordinal);
        }

        // xlsx: read back with the tabular engine's reader, every figure present.
        var xlsx = await anonymous.GetByteArrayAsync($"/api/v1/public/annual-reports/{id}/figures.xlsx", Ct);
        var read = AnnualReportDocument.Layout.Read(new MemoryStream(xlsx));
        Assert.True(read.IsValid, string.Join("; ", read.Problems.Select(p => p.ToString())));
        var rows = read.Rows.Select(r => r.Value).ToList();
        Assert.Contains(rows, r => r.Key == "penalty.fine-yuan" && r.Value == "85,200" && r.Unit == "元");
        Assert.Contains(rows, r => r.Key == "remedy.reconsideration" && r.Value == "本平台未记录");
    }

    [Fact]
    public async Task The_supervisor_sees_every_agency_standing_and_the_county_total()
    {
        var published = await AnnualReportPlanting.PlantAsync(app, Year);
        var silent = await AnnualReportPlanting.PlantAsync(app, Year);
        var head = await AccountAsync(published.Code, Roles.AgencyHead);
        await JsonAsync(await head.PostAsJsonAsync($"/api/v1/annual-reports/{published.Code}/{Year}/publish", Commentary, Ct), HttpStatusCode.Created);

        var supervisor = await AccountAsync("SFJ", Roles.Supervisor);
        var overview = await JsonAsync(await supervisor.GetAsync($"/api/v1/annual-reports?year={Year}", Ct), HttpStatusCode.OK);
        var agencies = overview.GetProperty("agencies").EnumerateArray().ToDictionary(a => a.GetProperty("agencyCode").GetString()!);
        var afterDue = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime) > AnnualReportRules.DueOn(Year);
        Assert.Equal(afterDue ? "逾期公布" : "按时公布", agencies[published.Code].GetProperty("standing").GetString());
        Assert.Equal(afterDue ? "逾期未公布" : "尚未公布", agencies[silent.Code].GetProperty("standing").GetString());

        // The county total adds up the published reports' frozen figures (other tests publish too: at least ours is in it).
        var total = overview.GetProperty("total");
        Assert.True(overview.GetProperty("totalOf").GetInt32() >= 1);
        Assert.True(Figure(total, "penalty.decisions") >= 7);
        Assert.True(Figure(total, "penalty.fine-yuan") >= 85_200);
        Assert.True(Figure(total, "officers.certified") >= 3);
        Assert.False(FigureOf(total, "remedy.litigation").GetProperty("recorded").GetBoolean());

        var page = await supervisor.GetStringAsync($"/workbench/annual-reports?year={Year}", Ct);
        Assert.Contains(WebUtility.HtmlEncode(published.Name), page, StringComparison.Ordinal);
        Assert.Contains("全县合计", page, StringComparison.Ordinal);

        // The OpenAPI document describes the endpoints.
        var openapi = await app.Client().GetStringAsync("/openapi/v1.json", Ct);
        foreach (var path in new[] { "/api/v1/annual-reports", "/api/v1/annual-reports/{agency}/{year}", "/api/v1/annual-reports/{agency}/{year}/publish",
                     "/api/v1/annual-reports/{agency}/{year}/draft", "/api/v1/public/annual-reports", "/api/v1/public/annual-reports/{id}/report.pdf" })
        {
            Assert.Contains($"\"{path}\"", openapi, StringComparison.Ordinal);
        }
    }

    private static string DocxXml(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

public sealed class AnnualReportTestsOnSqlite(SqliteApp app) : AnnualReportTests(app);

public sealed class AnnualReportTestsOnPostgres(PostgresApp app) : AnnualReportTests(app);
