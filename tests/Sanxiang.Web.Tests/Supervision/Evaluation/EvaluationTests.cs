using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.Evaluation;
using Sanxiang.Data.Supervision.Evaluation;
using Sanxiang.Web.Tests.Accounts;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Supervision.Evaluation;

/// <summary>
/// 案卷评查 (issue 9 item 3) through the HTTP API on both databases: set-up refuses bad periods and forms with nothing
/// stored; the draw commits before it reveals and re-runs from its export; no evaluator gets a file of their own agency;
/// the pre-check flags match an independent look at each case; scoring, refusals, finishing; agencies see their own
/// results only; the report opens.
/// </summary>
public abstract class EvaluationTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private async Task<HttpClient> SupervisorAsync()
    {
        var name = "sfj.ev" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateAccountAsync(name, "SFJ", Roles.Supervisor);
        var client = await app.SignInAsync(name);
        await TwoFactorTests.EnrolAsync(app, client);
        return client;
    }

    private async Task<(Guid Id, HttpClient Client)> ReviewerAsync(string agency)
    {
        var name = agency.ToLowerInvariant() + ".ev" + Guid.NewGuid().ToString("N")[..6];
        var id = await app.CreateAccountAsync(name, agency, Roles.Reviewer);
        return (id, await app.SignInAsync(name));
    }

    private static object Request(IReadOnlyList<Guid> evaluators, string? form = null, DateOnly? from = null, DateOnly? to = null, string title = "本年度行政执法案卷评查（测试）")
    {
        var today = ChinaTime.Today(TimeProvider.System);
        return new
        {
            title,
            periodFrom = from ?? new DateOnly(today.Year, 1, 1),
            periodTo = to ?? today,
            perAgency = 2,
            dueOn = today.AddDays(20),
            form = form ?? ScoringForm.DefaultText,
            evaluators,
        };
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private Task<int> EvaluationCountAsync() => app.WithDbAsync((db, _) => db.CaseFileEvaluations.CountAsync(Ct));

    /// <summary>The log's evaluation events only: other test classes write to the same log at the same time.</summary>
    private Task<int> EvaluationLogCountAsync() =>
        app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.Kind.StartsWith("evaluation-"), Ct));

    [Fact]
    public async Task An_evaluation_is_drawn_verifiably_scored_across_agencies_finished_and_released_to_each_agency()
    {
        var supervisor = await SupervisorAsync();
        var (a, reviewerA) = await ReviewerAsync("SCJG");
        var (b, reviewerB) = await ReviewerAsync("ZHZF");
        var created = await OkAsync(await supervisor.PostAsJsonAsync("/api/v1/evaluations", Request([a, b]), Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(EvaluationStatuses.Draft, created.GetProperty("status").GetString());
        Assert.Matches(@"^评查〔\d{4}〕\d+号$", created.GetProperty("number").GetString());

        var drawn = await OkAsync(await supervisor.PostAsync($"/api/v1/evaluations/{id}/draw", null, Ct));
        Assert.Equal(EvaluationStatuses.Scoring, drawn.GetProperty("status").GetString());
        var files = drawn.GetProperty("files").EnumerateArray().ToList();
        Assert.NotEmpty(files);

        // Cross-evaluation: nobody scores a file of their own agency.
        var scjg = await app.WithDbAsync((db, _) => db.Agencies.Where(x => x.Code == "SCJG" || x.Code == "ZHZF").ToDictionaryAsync(x => x.Code, x => x.Id, Ct));
        Assert.All(files, f => Assert.NotEqual(f.GetProperty("agencyId").GetGuid(), f.GetProperty("evaluatorId").GetGuid() == a ? scjg["SCJG"] : scjg["ZHZF"]));
        Assert.All(files, f => Assert.Contains(f.GetProperty("evaluatorId").GetGuid(), new[] { a, b }));

        // The export re-runs to the same files, the commitment entry precedes the checkpoint, and the seed hashes to it.
        var export = JsonNode.Parse(await (await supervisor.GetAsync($"/api/v1/evaluations/{id}/export", Ct)).Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.Empty(EvaluationDraw.Verify(export));
        Assert.Equal(files.Select(f => f.GetProperty("caseNumber").GetString()), export["result"]!.AsArray().Select(r => (string?)r!["case"]));
        var index = (long)export["commitmentLedgerIndex"]!;
        var size = (long)export["checkpoint"]!["size"]!;
        Assert.True(index < size);
        var (committed, revealed, root) = await app.WithDbAsync(async (db, _) =>
        {
            var entry = await db.LedgerEntries.SingleAsync(e => e.Index == index, Ct);
            var reveal = await db.LedgerEntries.Where(e => e.Kind == CaseFileEvaluations.DrawnKind && e.Index > index).OrderBy(e => e.Index).Select(e => e.Payload).FirstAsync(Ct);
            var checkpoint = await db.LedgerCheckpoints.SingleAsync(c => c.Size == size, Ct);
            return (JsonNode.Parse(entry.Payload)!, JsonNode.Parse(reveal)!, checkpoint.RootHash);
        });
        Assert.Equal((string?)export["commitment"], (string?)committed["facts"]!["commitment"]);
        Assert.Equal(DrawExport.Commitment(Convert.FromHexString((string)export["seed"]!)), (string?)committed["facts"]!["commitment"]);
        Assert.Equal((string?)export["seed"], (string?)revealed["facts"]!["seed"]);
        Assert.Equal(Convert.ToBase64String(root), (string?)export["checkpoint"]!["root"]);

        // The command line re-runs it offline; a changed result is caught.
        var file = Path.Combine(Path.GetTempPath(), $"evaluation-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, export.ToJsonString(), Ct);
            var (code, output) = await CliAsync("evaluation", "verify", file);
            Assert.True(code == 0, output);
            Assert.Contains("与公布的结果一致", output, StringComparison.Ordinal);
            var tampered = (JsonObject)export.DeepClone();
            tampered["result"]![0]!["evaluator"] = Guid.NewGuid().ToString("D");
            await File.WriteAllTextAsync(file, tampered.ToJsonString(), Ct);
            Assert.Equal(1, (await CliAsync("evaluation", "verify", file)).Code);
        }
        finally
        {
            File.Delete(file);
        }

        // Each agency pool gives min(2, its closed files in the period), counted independently.
        var lists = EvaluationLists.FromJson(export["lists"]!.AsObject());
        var today = ChinaTime.Today(TimeProvider.System);
        foreach (var pool in lists.Pools)
        {
            Assert.Equal(Math.Min(2, pool.Cases.Count), files.Count(f => pool.Cases.Contains(f.GetProperty("caseNumber").GetString()!)));
        }

        // The pre-check flags agree with an independent look at each case.
        foreach (var f in files)
        {
            var caseId = f.GetProperty("caseId").GetGuid();
            var (officers, evidence, procedure) = await app.WithDbAsync(async (db, _) =>
            {
                var c = await db.Cases.Include(x => x.Officers).Include(x => x.Evidence).SingleAsync(x => x.Id == caseId, Ct);
                return (c.Officers.Count(o => !o.Recused), c.Evidence.Count, c.Procedure);
            });
            var checks = f.GetProperty("flags").EnumerateArray().Select(x => x.GetProperty("check").GetString()).ToList();
            Assert.Equal(officers < 2, checks.Contains("officers"));
            Assert.Equal(evidence == 0 && procedure != ProcedureKind.SummaryPenalty, checks.Contains("evidence"));
            Assert.All(f.GetProperty("flags").EnumerateArray().Where(x => x.GetProperty("check").GetString() is "officers" or "evidence"),
                x => Assert.StartsWith("V", x.GetProperty("veto").GetString(), StringComparison.Ordinal));
        }

        // The evaluator downloads the sealed package of another agency's case; the read is in that case's log.
        foreach (var f in files)
        {
            var client = f.GetProperty("evaluatorId").GetGuid() == a ? reviewerA : reviewerB;
            var caseId = f.GetProperty("caseId").GetGuid();
            var sealedPackage = await app.WithDbAsync((db, _) => db.Cases.Where(c => c.Id == caseId).Select(c => c.ArchiveSha256).SingleAsync(Ct));
            var package = await client.GetAsync($"/workbench/evaluations/{id}/files/{f.GetProperty("id").GetGuid()}?handler=archive", Ct);
            if (sealedPackage is null)
            {
                Assert.Equal(HttpStatusCode.Conflict, package.StatusCode);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, package.StatusCode);
            Assert.Equal(sealedPackage, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await package.Content.ReadAsByteArrayAsync(Ct))));
            Assert.True(await app.WithDbAsync((db, _) => db.LedgerEntries.AnyAsync(e => e.CaseId == caseId && e.Kind == "archive-read", Ct)));
            var outsider = f.GetProperty("evaluatorId").GetGuid() == a ? reviewerB : reviewerA;
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/workbench/evaluations/{id}/files/{f.GetProperty("id").GetGuid()}?handler=archive", Ct)).StatusCode);
            break;
        }

        // Finishing before every file is scored is refused, naming how many wait.
        var early = await supervisor.PostAsJsonAsync($"/api/v1/evaluations/{id}/finish", new { summary = (string?)null }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains($"还有 {files.Count} 件案卷未评分", await early.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Another agency's evaluator does not even see the file; nothing stored.
        var first = files[0];
        var stranger = first.GetProperty("evaluatorId").GetGuid() == a ? reviewerB : reviewerA;
        var refused = await stranger.PostAsJsonAsync($"/api/v1/evaluations/files/{first.GetProperty("id").GetGuid()}/score", new FileMarks([], [], null), Web, Ct);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        // A bad deduction: 400 with the point named, nothing stored.
        var owner = first.GetProperty("evaluatorId").GetGuid() == a ? reviewerA : reviewerB;
        var bad = await owner.PostAsJsonAsync($"/api/v1/evaluations/files/{first.GetProperty("id").GetGuid()}/score",
            new FileMarks([new ItemMark("1", 9, "超过分值")], Answers(first, holds: false), null), Web, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("扣分应在 0 至 4 分之间", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync((db, _) => db.EvaluatedFiles.Where(x => x.Id == first.GetProperty("id").GetGuid()).Select(x => x.Score).SingleAsync(Ct)));

        // Every file scored by its evaluator: the first with a veto that holds, the others with deductions.
        foreach (var (f, n) in files.Select((f, n) => (f, n)))
        {
            var client = f.GetProperty("evaluatorId").GetGuid() == a ? reviewerA : reviewerB;
            var vetoes = Answers(f, holds: false).ToList();
            if (n == 0)
            {
                vetoes = [.. vetoes.Where(v => v.Code != "V5"), new VetoMark("V5", true, "处罚决定适用的条款与认定的违法行为不对应。")];
            }

            var scored = await OkAsync(await client.PostAsJsonAsync($"/api/v1/evaluations/files/{f.GetProperty("id").GetGuid()}/score",
                new FileMarks([new ItemMark("4", 1, "文号不连续"), new ItemMark("12", 2.5m, "未写明款项")], vetoes, "总体规范。"), Web, Ct));
            Assert.Equal(96.5m, scored.GetProperty("score").GetDecimal());
            Assert.Equal(n == 0 ? EvaluationGrades.Fail : EvaluationGrades.Excellent, scored.GetProperty("grade").GetString());
        }

        var finished = await OkAsync(await supervisor.PostAsJsonAsync($"/api/v1/evaluations/{id}/finish", new { summary = "请各机关对照问题逐件整改。" }, Ct));
        Assert.Equal(EvaluationStatuses.Finished, finished.GetProperty("status").GetString());
        var ranking = finished.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal(files.Select(f => f.GetProperty("agencyId").GetGuid()).Distinct().Count(), ranking.Count);
        var vetoedAgency = first.GetProperty("agencyId").GetGuid();
        var own = files.Where(f => f.GetProperty("agencyId").GetGuid() == vetoedAgency).ToList();
        Assert.Equal(decimal.Round(96.5m * (own.Count - 1) / own.Count, 1, MidpointRounding.AwayFromZero),
            ranking.Single(r => r.GetProperty("agencyId").GetGuid() == vetoedAgency).GetProperty("average").GetDecimal());
        Assert.Equal(1, ranking.Min(r => r.GetProperty("rank").GetInt32()));

        // Scoring after finishing is refused.
        var late = await (first.GetProperty("evaluatorId").GetGuid() == a ? reviewerA : reviewerB).PostAsJsonAsync(
            $"/api/v1/evaluations/files/{first.GetProperty("id").GetGuid()}/score", new FileMarks([], Answers(first, false), null), Web, Ct);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        // The SCJG head sees only files of SCJG or scored by SCJG's evaluators, and marks only of released SCJG files.
        var headName = "scjg.evh" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateAccountAsync(headName, "SCJG", Roles.AgencyHead);
        var head = await app.SignInAsync(headName);
        var seen = await OkAsync(await head.GetAsync($"/api/v1/evaluations/{id}", Ct));
        Assert.All(seen.GetProperty("files").EnumerateArray(), f => Assert.True(f.GetProperty("agencyId").GetGuid() == scjg["SCJG"] || f.GetProperty("evaluatorId").GetGuid() == a));
        Assert.All(seen.GetProperty("ranking").EnumerateArray(), r => Assert.Equal(scjg["SCJG"], r.GetProperty("agencyId").GetGuid()));
        Assert.All(seen.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("agencyId").GetGuid() != scjg["SCJG"]),
            f => Assert.Equal(JsonValueKind.Null, f.GetProperty("marks").ValueKind));

        // The report: the county's for the supervisor, with every file's case number.
        var docx = await supervisor.GetAsync($"/api/v1/evaluations/{id}/report.docx", Ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var text = DocxText(await docx.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("关于本年度行政执法案卷评查（测试）情况的通报", text, StringComparison.Ordinal);
        Assert.All(files, f => Assert.Contains(f.GetProperty("caseNumber").GetString()!, text, StringComparison.Ordinal));
        Assert.Contains("处罚决定适用的条款与认定的违法行为不对应", text, StringComparison.Ordinal);
        var pdf = await supervisor.GetAsync($"/api/v1/evaluations/{id}/report.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync(Ct))[..4]), StringComparison.Ordinal);
    }

    /// <summary>Every flagged veto answered (dismissed with a reason, or holding).</summary>
    private static List<VetoMark> Answers(JsonElement file, bool holds) =>
        file.GetProperty("flags").EnumerateArray().Where(x => x.GetProperty("veto").ValueKind == JsonValueKind.String)
            .Select(x => x.GetProperty("veto").GetString()!).Distinct().Select(v => new VetoMark(v, holds, "经查阅案卷，预检提示的情形不影响执法行为的合法性。")).ToList();

    [Fact]
    public async Task Bad_set_ups_are_refused_with_a_reason_and_nothing_stored()
    {
        var supervisor = await SupervisorAsync();
        var (a, _) = await ReviewerAsync("SCJG");
        var officer = await app.CreateAccountAsync("scjg.evo" + Guid.NewGuid().ToString("N")[..6], "SCJG", Roles.Officer);
        var today = ChinaTime.Today(TimeProvider.System);
        var before = await EvaluationCountAsync();
        var ledger = await EvaluationLogCountAsync();
        var cases = new (object Body, string Expected)[]
        {
            (Request([a], from: today.AddDays(-10), to: today.AddDays(-20)), "早于开始日期"),
            (Request([a], to: today.AddDays(5)), "还没有到"),
            (Request([a], form: ScoringForm.DefaultText.Replace("= 卷面 20", "= 卷面 25", StringComparison.Ordinal)), "部分“卷面”为 25 分，其下评查要点合计 20 分"),
            (Request([a], form: "= 卷面 20\n- 封面 20\n= 内容 70\n- 事实 70"), "各部分合计 90 分"),
            (Request([officer]), "不是监督人员或法制审核人员"),
            (Request([]), "请至少指定一名评查人员"),
            (Request([a], title: "<script>alert(1)</script>评查"), "尖括号"),
            (Request([a], form: new string('否', 20_001)), "不能超过 20000 个字符"),
        };
        foreach (var (body, expected) in cases)
        {
            var response = await supervisor.PostAsJsonAsync("/api/v1/evaluations", body, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Equal(before, await EvaluationCountAsync());
        Assert.Equal(ledger, await EvaluationLogCountAsync());
    }

    [Fact]
    public async Task A_period_without_closed_files_cannot_be_drawn_and_leaves_no_commitment_and_a_draw_happens_once()
    {
        var supervisor = await SupervisorAsync();
        var (a, _) = await ReviewerAsync("SCJG");
        var empty = await OkAsync(await supervisor.PostAsJsonAsync("/api/v1/evaluations",
            Request([a], from: new DateOnly(2019, 1, 1), to: new DateOnly(2019, 6, 30), title: "2019年上半年行政执法案卷评查"), Ct), HttpStatusCode.Created);
        var id = empty.GetProperty("id").GetGuid();
        var refused = await supervisor.PostAsync($"/api/v1/evaluations/{id}/draw", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("没有已归档结案的案卷", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var stored = await app.WithDbAsync((db, _) => db.CaseFileEvaluations.SingleAsync(v => v.Id == id, Ct));
        Assert.Null(stored.Seed);
        Assert.Null(stored.Commitment);
        Assert.Equal(EvaluationStatuses.Draft, stored.Status);

        var (b, _) = await ReviewerAsync("ZHZF");
        var real = await OkAsync(await supervisor.PostAsJsonAsync("/api/v1/evaluations", Request([a, b]), Ct), HttpStatusCode.Created);
        var realId = real.GetProperty("id").GetGuid();
        await OkAsync(await supervisor.PostAsync($"/api/v1/evaluations/{realId}/draw", null, Ct));
        var files = await app.WithDbAsync((db, _) => db.EvaluatedFiles.CountAsync(f => f.EvaluationId == realId, Ct));
        var again = await supervisor.PostAsync($"/api/v1/evaluations/{realId}/draw", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("每次评查只抽取一次", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(files, await app.WithDbAsync((db, _) => db.EvaluatedFiles.CountAsync(f => f.EvaluationId == realId, Ct)));
    }

    [Fact]
    public async Task Only_supervisors_set_up_and_draw_and_strangers_see_nothing()
    {
        var headName = "scjg.evx" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateAccountAsync(headName, "SCJG", Roles.AgencyHead);
        var head = await app.SignInAsync(headName);
        var (a, reviewer) = await ReviewerAsync("SCJG");
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsJsonAsync("/api/v1/evaluations", Request([a]), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync("/api/v1/evaluations", Request([a]), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/evaluations", Ct)).StatusCode);

        var supervisor = await SupervisorAsync();
        var created = await OkAsync(await supervisor.PostAsJsonAsync("/api/v1/evaluations", Request([a]), Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        // Not drawn yet: no files, so an agency's users do not see it at all.
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/api/v1/evaluations/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync($"/api/v1/evaluations/{id}/draw", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/workbench/evaluations/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/workbench/evaluations/{id}", Ct)).StatusCode);
        Assert.Contains("抽取案卷并分配评查人员", await supervisor.GetStringAsync($"/workbench/evaluations/{id}", Ct), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> CliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Sanxiang.Cli.SanxiangCommand.RunAsync(args, stdout, stderr, TextReader.Null);
        return (code, stdout.ToString() + stderr);
    }

    private static string DocxText(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = WordprocessingDocument.Open(stream, false);
        return string.Concat(doc.MainDocumentPart!.Document!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text));
    }
}

public sealed class EvaluationTestsOnSqlite(SqliteApp app) : EvaluationTests(app);

public sealed class EvaluationTestsOnPostgres(PostgresApp app) : EvaluationTests(app);
