using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Web.Tests.Infrastructure;
using static Sanxiang.Web.Tests.Cases.CaseScenario;

namespace Sanxiang.Web.Tests.Cases;

/// <summary>
/// Case handling through the HTTP pipeline (REC-1..4): a general-procedure penalty case from registration to archive, and
/// each legal rule blocking (409 with the rule and a Chinese reason, the case unchanged) and then allowing the step.
/// </summary>
public abstract class CaseHandlingTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Today => Sanxiang.Core.ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private CaseScenario Scenario => new(app);

    [Fact]
    public async Task A_general_procedure_case_goes_from_registration_to_archive_and_every_step_is_in_the_log()
    {
        var (officer, officer2, unitHead, reviewer, head) = (await app.SignInAsync("scjg.officer"), await app.SignInAsync("scjg.officer2"),
            await app.SignInAsync("scjg.unithead"), await app.SignInAsync("scjg.reviewer"), await app.SignInAsync("scjg.head"));
        var id = await Scenario.OpenAsync(officer);
        var opened = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct);
        Assert.Matches(@"^安市监立〔\d{4}〕\d+号$", opened.GetProperty("number").GetString());
        Assert.Equal("register", opened.GetProperty("status").GetString());

        await Scenario.DeclareAsync(officer, officer2, id);
        await StepAsync(unitHead, id, "investigate", new() { ["register.opinion"] = "经审查，符合立案条件，同意立案，由刘建国、欧阳志远承办。" });
        // Evidence: a photo taken on site, with what it proves; the file is hashed on arrival and every read is recorded.
        var photo = new ByteArrayContent(Jpeg);
        photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        var uploaded = await officer.PostAsync($"/api/v1/cases/{id}/evidence?title={Uri.EscapeDataString("现场货架照片")}&place={Uri.EscapeDataString("安和县城关镇人民路168号店内")}&proves={Uri.EscapeDataString("当事人陈列销售涉案豇豆")}", photo, Ct);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var evidence = await uploaded.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Jpeg)), evidence.GetProperty("sha256").GetString());
        var read = await officer.GetAsync($"/api/v1/cases/{id}/evidence/{evidence.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(Jpeg, await read.Content.ReadAsByteArrayAsync(Ct));
        var wrongType = new ByteArrayContent(Jpeg);
        wrongType.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-msdownload");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await officer.PostAsync($"/api/v1/cases/{id}/evidence?title=x&place=y&proves=z", wrongType, Ct)).StatusCode);
        var disguised = new ByteArrayContent(Jpeg);
        disguised.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("video/mp4");
        var mismatch = await officer.PostAsync($"/api/v1/cases/{id}/evidence?title=x&place=y&proves=z", disguised, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, mismatch.StatusCode);
        Assert.Contains("不符", await mismatch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.EvidenceFiles.CountAsync(e => e.CaseId == id)));

        // Evidence marked secret: the case's officers read it, a reviewer of the same agency may not.
        var secretPhoto = new ByteArrayContent([.. Jpeg, 0xFF, 0xD9]);
        secretPhoto.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        var secretUpload = await officer.PostAsync($"/api/v1/cases/{id}/evidence?title={Uri.EscapeDataString("举报人身份材料")}&place={Uri.EscapeDataString("县市场监管局")}&proves={Uri.EscapeDataString("案件线索来源")}&secret=true", secretPhoto, Ct);
        Assert.Equal(HttpStatusCode.Created, secretUpload.StatusCode);
        var secretId = (await secretUpload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/api/v1/cases/{id}/evidence/{secretId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/cases/{id}/evidence/{secretId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync($"/api/v1/cases/{id}/evidence?title=x&place=y&proves=z", photo, Ct)).StatusCode);

        // A document the case cannot yet fill is refused with what it lacks, and uses no number.
        var early = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/documents", new { kind = "PenaltyNotice" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("缺少", await early.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/documents", new { kind = "Nonsense" }, Ct)).StatusCode);
        // The registration approval form is numbered by its case: its number is the case number, and there is one.
        var caseNumber = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct)).GetProperty("number").GetString();
        Assert.Equal(caseNumber, await IssueAsync(officer, id, "RegistrationApproval", "立"));
        var again = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/documents", new { kind = "RegistrationApproval" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已经出具", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await StepAsync(officer, id, "examine", Investigation);
        await StepAsync(unitHead, id, "notify", Notice(Today));
        await IssueAsync(officer, id, "PenaltyNotice", "告");
        await StepAsync(officer, id, "review", Submit(new() { ["notice.statement"] = "当事人陈述系初次违法，已主动召回，请求从轻处罚；经复核，已按一般档次处理。" }));
        await StepAsync(reviewer, id, "decide", Agreed("主体合法，事实清楚，证据确凿，适用法律正确，程序合法。"));
        // A decision document is never issued on its own: the decision step issues it, numbered and sealed, in the same transaction.
        var beforeDecision = await head.PostAsJsonAsync($"/api/v1/cases/{id}/documents", new { kind = "PenaltyDecision" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, beforeDecision.StatusCode);
        Assert.Contains("作出决定", await beforeDecision.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await StepAsync(head, id, "serve", Decision);
        var decisions = (await head.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/documents", Ct)).EnumerateArray()
            .Where(d => d.GetProperty("kind").GetString() == "PenaltyDecision").ToList();
        Assert.Single(decisions);
        Assert.Matches(@"^安市监罚〔\d{4}〕\d+号$", decisions[0].GetProperty("number").GetString());
        var decisionStep = (await head.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/timeline", Ct)).EnumerateArray().ToList();
        // The step, its publication task (PUB-5) and its document: one act, in this order in the log.
        Assert.Equal(["case-step", "publication-due", "document-issued"], decisionStep[^3..].Select(e => e.GetProperty("kind").GetString()));
        await StepAsync(officer, id, "execute", Service(Today));
        await IssueAsync(officer, id, "ServiceReceipt", "送");
        await StepAsync(officer, id, "close", new() { ["execution.paid-on"] = Today, ["execution.paid"] = "60000" });
        var archived = await StepAsync(unitHead, id, "archive", new() { ["closing.report"] = "当事人已缴纳罚款60000元，没收的违法食品已销毁，案件执行完毕，建议结案。" });
        Assert.True(archived.GetProperty("sealed").GetBoolean());
        Assert.Empty(archived.GetProperty("next").EnumerateArray());

        // A sealed case refuses every change.
        var late = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/facts", new { facts = new Dictionary<string, string> { ["execution.note"] = "补记" } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("已归档封存", await late.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Sealed into its archive package, which passes the four-property check against the published keys.
        var check = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/archive/check", Ct);
        Assert.True(check.GetProperty("passed").GetBoolean(), check.ToString());
        var package = await officer.GetAsync($"/api/v1/cases/{id}/archive", Ct);
        Assert.Equal("application/zip", package.Content.Headers.ContentType?.MediaType);
        var zip = await package.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(archived.GetProperty("id").GetGuid(), id);
        using (var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip)))
        {
            Assert.Contains(archive.Entries, e => e.FullName.EndsWith("bagit.txt", StringComparison.Ordinal));
            Assert.Contains(archive.Entries, e => e.FullName.Contains("data/evidence/", StringComparison.Ordinal) && e.FullName.EndsWith(".jpg", StringComparison.Ordinal));
            // Registration form, notice, review opinion, decision, service receipt.
            Assert.Equal(5, archive.Entries.Count(e => e.FullName.Contains("data/documents/", StringComparison.Ordinal) && e.FullName.EndsWith(".pdf", StringComparison.Ordinal)));
        }

        // Every step is in the log, human-readable, each with its own leaf index.
        var timeline = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/timeline", Ct);
        var kinds = timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("case-opened", kinds[0]);
        Assert.Equal(9, kinds.Count(k => k == "case-step"));
        Assert.Equal(2, kinds.Count(k => k == "case-recusal-declared"));
        Assert.Contains("case-evidence-added", kinds);
        Assert.Contains("evidence-read", kinds);
        Assert.Contains("case-sealed", kinds);
        Assert.Contains("archive-read", kinds);
        var indexes = timeline.EnumerateArray().Select(e => e.GetProperty("index").GetInt64()).ToList();
        Assert.Equal(indexes.Count, indexes.Distinct().Count());
        Assert.Contains("安市监立", timeline[0].GetProperty("payload").GetString(), StringComparison.Ordinal);

        // Another agency cannot see the case.
        var other = await app.SignInAsync("sthj.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/cases/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Opening_a_case_refuses_one_officer_an_expired_or_suspended_certificate_a_bad_party_and_impossible_dates_and_writes_nothing()
    {
        var officer = await app.SignInAsync("scjg.officer");
        var (lead, second) = await Scenario.OfficerIdsAsync();
        var expired = await OfficerIdAsync("曾庆华");
        var suspended = await OfficerIdAsync("温家乐");
        var before = await app.WithDbAsync((db, _) => db.Cases.CountAsync());

        async Task<string> Refused(object body, HttpStatusCode status = HttpStatusCode.BadRequest)
        {
            var response = await officer.PostAsJsonAsync("/api/v1/cases", body, Ct);
            Assert.Equal(status, response.StatusCode);
            return await response.Content.ReadAsStringAsync(Ct);
        }

        Assert.Contains("两名以上承办人员", await Refused(Request([lead])), StringComparison.Ordinal);
        Assert.Contains("已过期", await Refused(Request([lead, expired])), StringComparison.Ordinal);
        Assert.Contains("暂扣", await Refused(Request([lead, suspended])), StringComparison.Ordinal);
        Assert.Contains("统一社会信用代码有误", await Refused(Request([lead, second], creditCode: "91360736MA35R8QX1X")), StringComparison.Ordinal);
        Assert.Contains("晚于今天", await Refused(Request([lead, second], occurredOn: "2099-01-01")), StringComparison.Ordinal);
        Assert.Contains("JSON", await Refused(Request([lead, second], occurredOn: "2026-02-30")), StringComparison.Ordinal);
        Assert.Contains("清单中没有", await Refused(Request([lead, second], item: "360736-SCJG-CF-999")), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync((db, _) => db.Cases.CountAsync()));

        // A reviewer or a publicity clerk does not open cases; a supervisor only reads.
        var clerk = await app.SignInAsync("scjg.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync("/api/v1/cases", Request([lead, second]), Ct)).StatusCode);
    }

    [Fact]
    public async Task Limitation_blocks_registration_of_an_act_older_than_two_years_and_allows_it_with_serious_harm()
    {
        var (officer, officer2, unitHead) = (await app.SignInAsync("scjg.officer"), await app.SignInAsync("scjg.officer2"), await app.SignInAsync("scjg.unithead"));
        var old = await Scenario.OpenAsync(officer, occurredOn: DaysAgo(800));
        await Scenario.DeclareAsync(officer, officer2, old);
        var refusal = await RefusedAsync(unitHead, old, "investigate", new() { ["register.opinion"] = "同意立案" }, "penalty.limitation");
        Assert.Contains("二年追责时效", refusal, StringComparison.Ordinal);

        var serious = await Scenario.OpenAsync(officer, occurredOn: DaysAgo(800), seriousHarm: true);
        await Scenario.DeclareAsync(officer, officer2, serious);
        await StepAsync(unitHead, serious, "investigate", new() { ["register.opinion"] = "同意立案" });
    }

    [Fact]
    public async Task Recusal_is_declared_and_honoured_a_recused_officer_can_neither_act_nor_be_assigned_again()
    {
        var (officer, officer2, unitHead) = (await app.SignInAsync("scjg.officer"), await app.SignInAsync("scjg.officer2"), await app.SignInAsync("scjg.unithead"));
        var id = await Scenario.OpenAsync(officer);
        var undeclared = await RefusedAsync(unitHead, id, "investigate", new() { ["register.opinion"] = "同意立案" }, "officers.recusal-honoured");
        Assert.Contains("尚未声明", undeclared, StringComparison.Ordinal);

        var (lead, second) = await Scenario.OfficerIdsAsync();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/recusals", new { officerId = lead, conflict = false }, Ct)).StatusCode);
        // An officer cannot declare for a colleague.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/recusals", new { officerId = second, conflict = true, reason = "亲属" }, Ct)).StatusCode);
        var recused = await officer2.PostAsJsonAsync($"/api/v1/cases/{id}/recusals", new { officerId = second, conflict = true, reason = "与当事人法定代表人系近亲属" }, Ct);
        Assert.Equal(HttpStatusCode.OK, recused.StatusCode);

        // Two officers are needed: with one recused, the investigation cannot end, and the recused officer cannot act or return.
        await StepAsync(unitHead, id, "investigate", new() { ["register.opinion"] = "同意立案" });
        var refusal = await RefusedAsync(officer, id, "examine", Investigation, "officers.two-certified");
        Assert.Contains("只有 1 名", refusal, StringComparison.Ordinal);
        var acting = await officer2.PostAsJsonAsync($"/api/v1/cases/{id}/steps", new { to = "examine", facts = Investigation }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, acting.StatusCode);
        Assert.Contains("回避", await acting.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var again = await unitHead.PostAsJsonAsync($"/api/v1/cases/{id}/officers", new { officerId = second }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Assigning another certified officer lets the step through.
        var third = await OfficerIdAsync("钟明辉");
        Assert.Equal(HttpStatusCode.OK, (await unitHead.PostAsJsonAsync($"/api/v1/cases/{id}/officers", new { officerId = third }, Ct)).StatusCode);
        // 钟明辉 has no account here: the head records the declaration.
        Assert.Equal(HttpStatusCode.OK, (await unitHead.PostAsJsonAsync($"/api/v1/cases/{id}/recusals", new { officerId = third, conflict = false }, Ct)).StatusCode);
        await StepAsync(officer, id, "examine", Investigation);
    }

    [Fact]
    public async Task Steps_out_of_order_and_a_second_decision_are_refused_and_leave_the_case_exactly_as_it_was()
    {
        var (officer, officer2, unitHead, reviewer, head) = (await app.SignInAsync("scjg.officer"), await app.SignInAsync("scjg.officer2"),
            await app.SignInAsync("scjg.unithead"), await app.SignInAsync("scjg.reviewer"), await app.SignInAsync("scjg.head"));
        var id = await Scenario.OpenAsync(officer);
        await Scenario.DeclareAsync(officer, officer2, id);
        await StepAsync(unitHead, id, "investigate", new() { ["register.opinion"] = "同意立案" });
        var before = await SnapshotAsync(id);
        var jump = await RefusedAsync(head, id, "serve", Decision, "case.transition");
        Assert.Contains("当前处于“调查取证”环节", jump, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(id));

        // A refused step with facts in it records none of them.
        var partial = await RefusedAsync(officer, id, "examine", new() { ["investigation.certificate-shown"] = "true" }, "investigation.report");
        Assert.Contains("调查终结报告", partial, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(id));

        await UploadPhotoAsync(officer, id);
        await StepAsync(officer, id, "examine", Investigation);
        await StepAsync(unitHead, id, "notify", Notice(Today));
        await StepAsync(officer, id, "review", Submit(new() { ["notice.statement-waived"] = "true" }));
        await StepAsync(reviewer, id, "decide", Agreed());
        await StepAsync(head, id, "serve", Decision);
        var decided = await SnapshotAsync(id);
        var second = await head.PostAsJsonAsync($"/api/v1/cases/{id}/steps", new { from = "decide", to = "serve", facts = Decision }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("当前处于“送达”环节", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(decided, await SnapshotAsync(id));
    }

    [Fact]
    public async Task The_notice_comes_before_the_decision_and_review_waits_for_the_hearing_window_of_a_heavy_penalty()
    {
        var (officer, officer2, unitHead) = (await app.SignInAsync("scjg.officer"), await app.SignInAsync("scjg.officer2"), await app.SignInAsync("scjg.unithead"));
        var id = await Scenario.OpenAsync(officer);
        await Scenario.DeclareAsync(officer, officer2, id);
        await StepAsync(unitHead, id, "investigate", new() { ["register.opinion"] = "同意立案" });
        await StepAsync(officer, id, "examine", Investigation);
        var noNotice = await RefusedAsync(unitHead, id, "notify", new() { ["penalty.kinds"] = "罚款", ["penalty.fine"] = "150000" }, "notice.served");
        Assert.Contains("告知书送达日期", noNotice, StringComparison.Ordinal);

        // 150,000 yuan to an organisation qualifies for a hearing: the party has five working days after service to ask.
        var notice = Notice(Today);
        notice["penalty.fine"] = "150000";
        notice["penalty.tier"] = "严重";
        await StepAsync(unitHead, id, "notify", notice);
        var early = await RefusedAsync(officer, id, "review", new() { ["notice.statement"] = "当事人对违法事实无异议。" }, "notice.statement-heard");
        Assert.Contains("听证申请期限尚未届满", early, StringComparison.Ordinal);

        // A timely request leads to a hearing; the notice must precede it by seven working days, chaired by a non-investigator.
        await StepAsync(officer, id, "hearing", new() { ["hearing.requested-on"] = Today });
        var chair = await OfficerIdAsync("钟明辉");
        var tooSoon = await RefusedAsync(officer, id, "review", new()
        {
            ["hearing.notice-served-on"] = Today, ["hearing.at"] = Today + " 09:30", ["hearing.place"] = "县市场监管局听证室",
            ["hearing.chair"] = chair.ToString(), ["hearing.record-signed"] = "true",
        }, "hearing.notice-seven-days");
        Assert.Contains("七个工作日之后", tooSoon, StringComparison.Ordinal);
        var hearing = new Dictionary<string, string?>
        {
            ["hearing.notice-served-on"] = DaysAgo(20), ["hearing.at"] = DaysAgo(2) + " 09:30", ["hearing.place"] = "县市场监管局听证室",
            ["hearing.chair"] = chair.ToString(), ["hearing.record-signed"] = "true",
        };
        // Submitted for review only with the handling unit's statement of responsibility (REV-7).
        Assert.Contains("送审承诺", await RefusedAsync(officer, id, "review", hearing, "review.submitted"), StringComparison.Ordinal);
        await StepAsync(officer, id, "review", Submit(hearing));
        var why = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct)).GetProperty("reviewRequiredBy").EnumerateArray()
            .Select(r => r.GetProperty("rule").GetString()).ToList();
        Assert.Contains("review.rule.after-hearing", why);
        Assert.Contains("review.rule.general-penalty", why);
    }

    [Fact]
    public async Task A_review_with_problems_goes_back_answered_point_by_point_and_agrees_in_a_second_round_each_round_with_its_opinion_document()
    {
        var (id, officer, unitHead, reviewer, head) = await Scenario.InReviewAsync();

        // The handler cannot review (the step belongs to the legal unit).
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/steps", new { to = "decide", facts = Agreed() }, Ct)).StatusCode);

        // An opinion with an unanswered matter, and "problems found" without a problem listed: refused.
        var partial = Agreed();
        partial.Remove("review.point.crime");
        Assert.Contains("是否涉嫌犯罪需要移送司法机关", await RefusedAsync(reviewer, id, "decide", partial, "review.passed"), StringComparison.Ordinal);
        var problems = Agreed();
        problems["review.point.facts"] = "存在问题";
        problems["review.point.facts.note"] = "货值金额的计算缺少进货单据佐证。";
        problems["review.opinion"] = "存在问题";
        Assert.Contains("逐条列明", await RefusedAsync(reviewer, id, "examine", problems, "review.returned"), StringComparison.Ordinal);
        problems["review.problems"] = "货值金额认定依据不足；补充进货单据和销售记录\n未载明当事人的陈述申辩权利告知方式；补充告知笔录";
        await StepAsync(reviewer, id, "examine", problems);

        // Resubmission must answer each problem.
        Assert.Contains("逐条答复", await RefusedAsync(unitHead, id, "review", Submit(new()), "review.submitted"), StringComparison.Ordinal);
        Assert.Contains("只答复了 1 条", await RefusedAsync(unitHead, id, "review", Submit(new() { ["review.responses"] = "已补充进货单据3份。" }), "review.submitted"),
            StringComparison.Ordinal);
        await StepAsync(unitHead, id, "review", Submit(new() { ["review.responses"] = "已补充进货单据3份和销售记录。\n已补充告知笔录，载明当面告知。" }));

        // Round 2 must answer every matter again (round 1's answers do not count), then agrees.
        Assert.Contains("尚未作答", await RefusedAsync(reviewer, id, "decide", new() { ["review.opinion"] = "同意" }, "review.passed"), StringComparison.Ordinal);
        await StepAsync(reviewer, id, "decide", Agreed("补正后事实清楚，证据充分。"));
        await StepAsync(head, id, "serve", Decision);

        var opinions = await app.WithDbAsync((db, _) => db.IssuedDocuments.Where(d => d.CaseId == id && d.Kind == Sanxiang.Core.Documents.DocumentKind.ReviewOpinion)
            .OrderBy(d => d.Sequence).Select(d => d.Number).ToListAsync());
        Assert.Equal(2, opinions.Count);
        Assert.All(opinions, n => Assert.Matches(@"^安市监法审〔\d{4}〕\d+号$", n));

        // Both rounds side by side on the case page, the first with its problems and the answers given to them.
        var page = await officer.GetStringAsync($"/workbench/cases/{id}", Ct);
        var rounds = page[page.IndexOf("data-testid=\"review-rounds\"", StringComparison.Ordinal)..];
        foreach (var expected in new[] { "第1轮", "第2轮", "货值金额认定依据不足", "补充进货单据和销售记录", "已补充告知笔录", "同意" })
        {
            Assert.Contains(expected, rounds, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_submission_is_frozen_in_the_log_the_queue_shows_its_deadline_and_evidence_added_during_the_review_needs_a_new_round()
    {
        var (id, officer, unitHead, reviewer, _) = await Scenario.InReviewAsync();
        var number = await app.WithDbAsync((db, _) => db.Cases.Where(c => c.Id == id).Select(c => c.Number).SingleAsync());

        // The submission's log entry carries the digest of what was submitted; it is what the case file recomputes.
        var (payload, @case) = await app.WithDbAsync(async (db, _) =>
        {
            var entries = await db.LedgerEntries.Where(e => e.CaseId == id && e.Kind == "case-step").OrderBy(e => e.Index).Select(e => e.Payload).ToListAsync();
            var c = await db.Cases.AsNoTracking().Include(x => x.Facts).Include(x => x.Steps).Include(x => x.Evidence).AsSplitQuery().SingleAsync(x => x.Id == id);
            return (JsonDocument.Parse(entries[^1]).RootElement.GetProperty("facts"), c);
        });
        Assert.Equal("review", payload.GetProperty("to").GetString());
        var submitted = Sanxiang.Core.Review.ReviewRounds.MaterialsAt(@case, @case.Steps.Single(s => s.To == "review").AtUtc);
        Assert.Equal(1, payload.GetProperty("materials").GetProperty("evidence").GetInt32());
        Assert.Equal(submitted.Sha256, payload.GetProperty("materials").GetProperty("sha256").GetString());

        // The reviewer's queue: the case, its round and ten working days from today; not for officers, nor for another agency.
        var queue = await reviewer.GetStringAsync("/workbench/reviews", Ct);
        var row = queue[queue.IndexOf(number, StringComparison.Ordinal)..];
        Assert.Contains("第 1 轮", row, StringComparison.Ordinal);
        Assert.Contains("剩余 10 个工作日", row, StringComparison.Ordinal);
        var denied = await officer.GetAsync("/workbench/reviews", Ct);
        Assert.Equal(HttpStatusCode.Found, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(number, await (await app.SignInAsync("zhzf.head")).GetStringAsync("/workbench/reviews", Ct), StringComparison.Ordinal);

        // A photo added while the review runs: the reviewer cannot agree to what was not submitted.
        await UploadPhotoAsync(officer, id);
        var refused = await RefusedAsync(reviewer, id, "decide", Agreed(), "review.passed");
        Assert.Contains("送审后，新增证据“现场检查照片”有变化", refused, StringComparison.Ordinal);
        var back = Agreed();
        back["review.point.facts"] = "存在问题";
        back["review.point.facts.note"] = "审核期间补充了现场照片，未随送审材料说明。";
        back["review.opinion"] = "存在问题";
        back["review.problems"] = "送审后补充的现场照片未说明证明对象；重新整理证据目录后送审";
        await StepAsync(reviewer, id, "examine", back);
        await StepAsync(unitHead, id, "review", Submit(new() { ["review.responses"] = "已重新整理证据目录，补充的照片证明涉案食品陈列位置。" }));
        await StepAsync(reviewer, id, "decide", Agreed("补正后证据充分，同意。"));

        // The figures of the year count both rounds for this reviewer; a reversed period is refused in Chinese.
        var csv = await reviewer.GetAsync("/workbench/reviews?handler=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var table = await csv.Content.ReadAsStringAsync(Ct);
        Assert.Contains("首次审核通过率", table, StringComparison.Ordinal);
        Assert.Contains("问题：案件事实是否清楚、证据是否合法充分", table, StringComparison.Ordinal);
        var bad = await reviewer.GetAsync("/workbench/reviews?from=2026-12-01&to=2026-01-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("统计期间的起始日期不能晚于截止日期。", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var badCsv = await reviewer.GetAsync("/workbench/reviews?handler=csv&from=2026-12-01&to=2026-01-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
        Assert.Equal("application/problem+json", badCsv.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_decision_is_blocked_after_ninety_days_until_an_approved_extension_and_outside_the_benchmark_without_a_reason()
    {
        var (id, _, head) = await Scenario.AtDecisionAsync();

        // Arrange: registration approved 100 days ago.
        await app.WithDbAsync((db, _) => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"CaseSteps\" SET \"On\" = {Sanxiang.Core.ChinaTime.Today(TimeProvider.System).AddDays(-100)} WHERE \"CaseId\" = {id} AND \"From\" = 'register'"));
        var late = await RefusedAsync(head, id, "serve", Decision, "decision.within-limit");
        Assert.Contains("已超过作出决定的法定期限", late, StringComparison.Ordinal);
        var extended = new Dictionary<string, string?>(Decision)
        {
            ["decision.extension-days"] = "30", ["decision.extension-approval"] = "局长于立案后第85日批准延长30日：需等待复检结果",
            ["penalty.fine"] = "95000",
        };
        var outside = await RefusedAsync(head, id, "serve", extended, "decision.within-benchmark");
        Assert.Contains("不在裁量基准“一般”档次的幅度内", outside, StringComparison.Ordinal);
        // The head wants the heavier fine: it goes back to the legal unit, which reviews the new amount and its reason.
        Assert.Contains("审核意见不再适用", outside, StringComparison.Ordinal);
        await StepAsync(head, id, "review", Submit(new() { ["penalty.fine"] = "95000", ["penalty.benchmark-reason"] = "当事人在责令改正后继续销售，依照本局裁量基准第八条从重处罚。" }));
        await StepAsync(await app.SignInAsync("scjg.reviewer"), id, "decide", Agreed("从重处罚理由充分，同意。"));
        extended.Remove("penalty.fine");
        await StepAsync(head, id, "serve", extended);
    }

    [Fact]
    public async Task Payment_after_the_due_day_needs_the_late_surcharge_and_electronic_service_needs_consent()
    {
        var (id, officer, head) = await Scenario.AtDecisionAsync();
        await StepAsync(head, id, "serve", Decision);
        var service = Service(Today);
        service["service.method"] = "电子送达";
        Assert.Contains("书面同意", await RefusedAsync(officer, id, "execute", service, "service.recorded"), StringComparison.Ordinal);
        service["service.electronic-consent"] = "true";
        await StepAsync(officer, id, "execute", service);

        // Arrange: served 40 days ago, so the fine fell due 25 days ago (at most the fine itself is added).
        await app.WithDbAsync(async (db, _) =>
        {
            var fact = await db.CaseFacts.Where(f => f.CaseId == id && f.Key == "service.served-on").Select(f => f.Id).SingleAsync();
            return await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"CaseFacts\" SET \"Value\" = {DaysAgo(40)} WHERE \"Id\" = {fact}");
        });
        var short1 = await RefusedAsync(officer, id, "close", new() { ["execution.paid-on"] = Today, ["execution.paid"] = "60000" }, "execution.performed");
        Assert.Contains("加处罚款", short1, StringComparison.Ordinal);
        await StepAsync(officer, id, "close", new() { ["execution.paid-on"] = Today, ["execution.paid"] = "120000" });
    }

    [Fact]
    public async Task A_penalty_changed_after_the_review_is_refused_at_the_decision_recorded_as_an_attempt_and_decided_after_a_new_review()
    {
        var (id, _, head) = await Scenario.AtDecisionAsync();
        var before = await app.WithDbAsync((db, _) => db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Status, c.Revision }).SingleAsync());
        var attempts = await app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.CaseId == id && e.Kind == "decision-refused"));
        // The decision posted straight to the API with another fine than the one reviewed.
        var decision = new Dictionary<string, string?>(Decision) { ["penalty.fine"] = "65000" };
        var refused = await RefusedAsync(head, id, "serve", decision, "review.gate");
        Assert.Contains("罚款金额（元）又有变化", refused, StringComparison.Ordinal);

        var after = await app.WithDbAsync((db, _) => db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Status, c.Revision }).SingleAsync());
        Assert.Equal(before, after);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.CaseFacts.CountAsync(f => f.CaseId == id && f.Key == "penalty.fine" && f.Value == "65000")));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.IssuedDocuments.CountAsync(d => d.CaseId == id && d.Kind == Sanxiang.Core.Documents.DocumentKind.PenaltyDecision)));
        Assert.Equal(attempts + 1, await app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.CaseId == id && e.Kind == "decision-refused")));

        // Back to the legal unit with the new amount; once agreed, the decision is made.
        await StepAsync(head, id, "review", Submit(new() { ["penalty.fine"] = "65000" }));
        await StepAsync(await app.SignInAsync("scjg.reviewer"), id, "decide", Agreed());
        await StepAsync(head, id, "serve", Decision);
    }

    [Fact]
    public async Task A_major_case_is_decided_by_a_quorum_of_heads_whose_recorded_conclusion_the_decision_must_follow()
    {
        var (id, _, _, reviewer, head) = await Scenario.InReviewAsync(submission: new() { ["notice.statement-waived"] = "true", ["review.flag.complex"] = "true" });
        var toDiscuss = Agreed("同意，案情复杂，建议提请集体讨论。");
        toDiscuss["discussion.required"] = "true";
        await StepAsync(reviewer, id, "discuss", toDiscuss);

        var discussion = new Dictionary<string, string?>
        {
            ["discussion.at"] = DaysAgo(0) + "T09:30", ["discussion.place"] = "局三楼会议室", ["discussion.chair"] = "王建设（局长）",
            ["discussion.participants"] = "王建设（局长）：同意按一般档次处罚。\n李国华（副局长）：同意。",
            ["discussion.recorder"] = "张敏", ["discussion.conclusion"] = "同意给予罚款60000元、没收违法所得的行政处罚。",
            ["discussion.decision"] = "给予行政处罚", ["discussion.fine"] = "60000",
        };
        Assert.Contains("3人以上参加", await RefusedAsync(head, id, "decide", discussion, "discussion.recorded"), StringComparison.Ordinal);
        discussion["discussion.participants"] += "\n赵志明（副局长）";
        Assert.Contains("“赵志明”的意见未记录", await RefusedAsync(head, id, "decide", discussion, "discussion.recorded"), StringComparison.Ordinal);
        discussion["discussion.participants"] += "：同意，建议加强后续监管。";
        await StepAsync(head, id, "decide", discussion);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.IssuedDocuments.CountAsync(d => d.CaseId == id && d.Kind == Sanxiang.Core.Documents.DocumentKind.DiscussionRecord)));

        // The decision must follow the conclusion.
        var other = new Dictionary<string, string?>(Decision) { ["decision.kind"] = "不予行政处罚" };
        Assert.Contains("决定应当与集体讨论的结论一致", await RefusedAsync(head, id, "serve", other, "discussion.followed"), StringComparison.Ordinal);
        await StepAsync(head, id, "serve", Decision);
    }

    [Fact]
    public async Task The_head_may_send_a_reviewed_case_to_collective_discussion_only_marking_it_as_major()
    {
        var (id, _, head) = await Scenario.AtDecisionAsync();
        Assert.Contains("无需集体讨论", await RefusedAsync(head, id, "discuss", new(), "discussion.required"), StringComparison.Ordinal);
        await StepAsync(head, id, "discuss", new() { ["discussion.required"] = "true" });
        Assert.Equal("discuss", (await head.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Registration_past_the_market_regulation_period_after_the_lead_needs_an_extension_or_a_reason()
    {
        var (officer, officer2, unitHead) = (await app.SignInAsync("scjg.officer"), await app.SignInAsync("scjg.officer2"), await app.SignInAsync("scjg.unithead"));
        var id = await Scenario.OpenAsync(officer);
        await Scenario.DeclareAsync(officer, officer2, id);
        var facts = new Dictionary<string, string?> { ["register.opinion"] = "同意立案", ["register.lead-on"] = DaysAgo(40) };
        var refused = await RefusedAsync(unitHead, id, "investigate", facts, "registration.within-limit");
        Assert.Contains("《市场监督管理行政处罚程序规定》第十八条", refused, StringComparison.Ordinal);
        facts["register.late-reason"] = "举报材料经邮寄转来，承办机构收到后即行核查，核查中需等待检验报告。";
        await StepAsync(unitHead, id, "investigate", facts);
    }

    [Fact]
    public async Task An_emergency_seizure_shows_its_24_hour_ratification_in_hours_on_the_case_and_the_workbench()
    {
        var officer = await app.SignInAsync("scjg.officer");
        var list = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={Uri.EscapeDataString("病死畜禽肉")}", Ct);
        var seizure = Assert.Single(list.EnumerateArray());
        var next = seizure.GetProperty("nextDeadline");
        Assert.Equal("ratify", next.GetProperty("step").GetString());
        Assert.Equal("小时", next.GetProperty("unit").GetString());
        Assert.Matches("^(剩余|已逾期) .*(小时|分钟)", next.GetProperty("daysLeftText").GetString());
        Assert.EndsWith("08:40:00+08:00", ChinaTimeText(next.GetProperty("dueAt").GetDateTimeOffset()), StringComparison.Ordinal);

        var page = await officer.GetStringAsync($"/workbench/cases/{seizure.GetProperty("id").GetGuid()}", Ct);
        Assert.Contains("08:40 届满（按小时计算", page, StringComparison.Ordinal);
        var workbench = await officer.GetStringAsync("/workbench", Ct);
        Assert.Contains("向行政机关负责人报告并补办批准手续", workbench, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisors_see_overdue_steps_of_every_agency_and_can_list_one_agencys_overdue_cases()
    {
        // A supervisor of its own (supervisors sign in with a second factor; enrolling the shared demo account would disturb other tests).
        var userName = $"sfj.cases{Random.Shared.Next(100000, 999999)}";
        await app.CreateAccountAsync(userName, "SFJ", Sanxiang.Core.Accounts.Roles.Supervisor);
        var supervisor = await app.SignInAsync(userName);
        await Sanxiang.Web.Tests.Accounts.TwoFactorTests.EnrolAsync(app, supervisor);
        var page = await supervisor.GetStringAsync("/workbench/cases", Ct);
        Assert.Contains("data-testid=\"overdue-overview\"", page, StringComparison.Ordinal);
        Assert.Matches("县市场监管局</td>\\s*<td data-label=\"在办案件\">\\d+</td>\\s*<td data-label=\"逾期案件\">\\s*<a class=\"status-expired\" href=\"/workbench/cases\\?overdue=true&amp;agency=SCJG\">\\d+ 件</a>", page);
        Assert.Contains("县综合执法局", page, StringComparison.Ordinal);

        // The list behind the link: only that agency's cases, each with an overdue period.
        var overduePage = await supervisor.GetStringAsync("/workbench/cases?overdue=true&agency=SCJG", Ct);
        var overdue = overduePage[overduePage.IndexOf("data-testid=\"case-list\"", StringComparison.Ordinal)..];
        var rows = System.Text.RegularExpressions.Regex.Matches(overdue, "<td data-label=\"执法主体\">([^<]+)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, agency => Assert.Equal("县市场监管局", agency));
        var deadlines = System.Text.RegularExpressions.Regex.Matches(overdue, "<td data-label=\"最近期限\">\\s*<span class=\"([a-z-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(rows.Count, deadlines.Count);
        Assert.All(deadlines, css => Assert.Equal("status-expired", css));

        // An officer sees no county overview, only the filter on their own cases.
        var officer = await app.SignInAsync("scjg.officer");
        Assert.DoesNotContain("overdue-overview", await officer.GetStringAsync("/workbench/cases", Ct), StringComparison.Ordinal);
    }

    private static string ChinaTimeText(DateTimeOffset at) =>
        Sanxiang.Core.ChinaTime.ToChina(at).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_decision_without_evidence_is_refused_and_with_evidence_issues_its_numbered_document_in_the_same_step()
    {
        var (id, officer, head) = await Scenario.AtDecisionAsync(withEvidence: false);
        var documentsBefore = await app.WithDbAsync((db, _) => db.IssuedDocuments.CountAsync(d => d.CaseId == id));
        var refused = await RefusedAsync(head, id, "serve", Decision, "decision.document-complete");
        Assert.Contains("证据", refused, StringComparison.Ordinal);
        Assert.Equal(documentsBefore, await app.WithDbAsync((db, _) => db.IssuedDocuments.CountAsync(d => d.CaseId == id)));
        Assert.Equal("decide", (await head.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct)).GetProperty("status").GetString());

        // A capture time without an offset is China time, whatever the server's zone.
        var photo = new ByteArrayContent(Jpeg);
        photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        var uploaded = await officer.PostAsync($"/api/v1/cases/{id}/evidence?title={Uri.EscapeDataString("抽样现场照片")}&place={Uri.EscapeDataString("当事人仓库")}&proves={Uri.EscapeDataString("抽样过程")}&capturedAt=2026-03-05T09:30", photo, Ct);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 1, 30, 0, TimeSpan.Zero), (await uploaded.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("capturedAtUtc").GetDateTimeOffset());

        // Evidence the review did not see: the decision waits for a new round on it.
        Assert.Contains("新增证据“抽样现场照片”", await RefusedAsync(head, id, "serve", Decision, "review.gate"), StringComparison.Ordinal);
        await StepAsync(head, id, "review", Submit(new()));
        await StepAsync(await app.SignInAsync("scjg.reviewer"), id, "decide", Agreed("补充的抽样现场照片证明抽样过程合法，同意。"));
        await StepAsync(head, id, "serve", Decision);
        var decision = await app.WithDbAsync((db, _) => db.IssuedDocuments.SingleAsync(d => d.CaseId == id && d.Kind == Sanxiang.Core.Documents.DocumentKind.PenaltyDecision));
        Assert.NotNull(decision.LedgerIndex);
        Assert.Equal(Sanxiang.Core.ChinaTime.Today(TimeProvider.System).Year, decision.Year);
    }

    [Fact]
    public async Task Cases_opened_at_once_get_distinct_gapless_numbers_each_logged_once_and_a_raced_step_is_taken_once()
    {
        var officer = await app.SignInAsync("scjg.officer");
        var (lead, second) = await Scenario.OfficerIdsAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => officer.PostAsJsonAsync("/api/v1/cases", Request([lead, second]), Ct)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = new List<Guid>();
        foreach (var r in responses)
        {
            ids.Add((await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        }

        var (sequences, opened) = await app.WithDbAsync(async (db, _) => (
            await db.Cases.Where(c => ids.Contains(c.Id)).Select(c => c.Sequence).OrderBy(x => x).ToListAsync(),
            await db.LedgerEntries.CountAsync(e => e.Kind == "case-opened" && e.CaseId != null && ids.Contains(e.CaseId.Value))));
        Assert.Equal(8, sequences.Distinct().Count());
        Assert.Equal(8, opened);
        // Gapless: the agency's committed numbers this year are exactly 1..N.
        var year = Sanxiang.Core.ChinaTime.Today(TimeProvider.System).Year;
        var all = await app.WithDbAsync((db, _) => db.Cases.Where(c => c.Number.StartsWith("安市监立") && c.Year == year).Select(c => c.Sequence).OrderBy(x => x).ToListAsync());
        Assert.Equal(Enumerable.Range(1, all.Count), all);

        // Two heads approving the same registration at once: one succeeds, the other is told the case just changed.
        var officer2 = await app.SignInAsync("scjg.officer2");
        await Scenario.DeclareAsync(officer, officer2, ids[0]);
        var (head1, head2) = (await app.SignInAsync("scjg.unithead"), await app.SignInAsync("scjg.head"));
        var raced = await Task.WhenAll(new[] { head1, head2 }.Select(h =>
            h.PostAsJsonAsync($"/api/v1/cases/{ids[0]}/steps", new { to = "investigate", facts = new Dictionary<string, string> { ["register.opinion"] = "同意立案" } }, Ct)));
        Assert.Equal(1, raced.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, raced.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.Kind == "case-step" && e.CaseId == ids[0])));
    }

    private static Dictionary<string, string?> Service(string on) => new()
    {
        ["service.method"] = "直接送达",
        ["service.served-on"] = on,
        ["service.recipient"] = "王某（法定代表人）",
    };

    private static async Task<string> IssueAsync(HttpClient client, Guid id, string kind, string word)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{id}/documents", new { kind }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"出具 {kind} 失败：{body}");
        Assert.Matches($@"^安市监{word}〔\d{{4}}〕\d+号$", JsonDocument.Parse(body).RootElement.GetProperty("number").GetString());
        var pdf = await client.GetAsync(JsonDocument.Parse(body).RootElement.GetProperty("pdf").GetString(), Ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("number").GetString()!;
    }

    /// <summary>Everything about a case that a refused request must leave unchanged.</summary>
    private Task<string> SnapshotAsync(Guid id) => app.WithDbAsync(async (db, _) =>
    {
        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == id);
        var facts = await db.CaseFacts.CountAsync(f => f.CaseId == id);
        var steps = await db.CaseSteps.CountAsync(s => s.CaseId == id);
        var log = await db.LedgerEntries.CountAsync(e => e.CaseId == id);
        return $"{c.Status}/{c.Revision}/{facts}/{steps}/{log}";
    });

    private Task<Guid> OfficerIdAsync(string name) =>
        app.WithDbAsync((db, _) => db.OfficerEntries.Where(o => o.Name == name).Select(o => o.OfficerId).FirstAsync());
}

public sealed class CaseHandlingTestsOnSqlite(SqliteApp app) : CaseHandlingTests(app);

public sealed class CaseHandlingTestsOnPostgres(PostgresApp app) : CaseHandlingTests(app);
