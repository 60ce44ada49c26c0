using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Cases;

/// <summary>
/// One general-procedure penalty case driven through the HTTP pipeline, shared by the case tests: the way from opening to
/// legal review and the decision (the instance members, which sign in and read the database of <paramref name="app"/>),
/// and the facts of each step and the step requests themselves (the static members).
/// </summary>
internal sealed class CaseScenario(SanxiangApp app)
{
    public const string Item = "360736-SCJG-CF-001";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string DaysAgo(int days) => Sanxiang.Core.ChinaTime.Today(TimeProvider.System).AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A real (tiny) JPEG: SOI, JFIF header, EOI.</summary>
    public static readonly byte[] Jpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");

    /// <summary>A case driven to the decision step through the API (registered, investigated, notified, reviewed).</summary>
    public async Task<(Guid Id, HttpClient Officer, HttpClient Head)> AtDecisionAsync(bool withEvidence = true)
    {
        var (id, officer, _, reviewer, head) = await InReviewAsync(withEvidence);
        await StepAsync(reviewer, id, "decide", Agreed());
        return (id, officer, head);
    }

    /// <summary>A case driven through the API into legal review (registered, investigated, notified, submitted), with the people who handle it.</summary>
    public async Task<(Guid Id, HttpClient Officer, HttpClient UnitHead, HttpClient Reviewer, HttpClient Head)> InReviewAsync(bool withEvidence = true,
        Dictionary<string, string?>? submission = null)
    {
        var (officer, officer2, unitHead, reviewer, head) = (await app.SignInAsync("scjg.officer"), await app.SignInAsync("scjg.officer2"),
            await app.SignInAsync("scjg.unithead"), await app.SignInAsync("scjg.reviewer"), await app.SignInAsync("scjg.head"));
        var id = await OpenAsync(officer);
        await DeclareAsync(officer, officer2, id);
        await StepAsync(unitHead, id, "investigate", new() { ["register.opinion"] = "同意立案" });
        if (withEvidence)
        {
            await UploadPhotoAsync(officer, id);
        }

        await StepAsync(officer, id, "examine", Investigation);
        await StepAsync(unitHead, id, "notify", Notice(DaysAgo(0)));
        await StepAsync(officer, id, "review", Submit(submission ?? new() { ["notice.statement-waived"] = "true" }));
        return (id, officer, unitHead, reviewer, head);
    }

    public async Task<Guid> OpenAsync(HttpClient officer, string? occurredOn = null, bool seriousHarm = false)
    {
        var (lead, second) = await OfficerIdsAsync();
        var response = await officer.PostAsJsonAsync("/api/v1/cases", Request([lead, second], occurredOn: occurredOn, seriousHarm: seriousHarm), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    public async Task DeclareAsync(HttpClient officer, HttpClient officer2, Guid id)
    {
        var (lead, second) = await OfficerIdsAsync();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/recusals", new { officerId = lead, conflict = false }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer2.PostAsJsonAsync($"/api/v1/cases/{id}/recusals", new { officerId = second, conflict = false }, Ct)).StatusCode);
    }

    public Task<(Guid Lead, Guid Second)> OfficerIdsAsync() => app.WithDbAsync(async (db, _) =>
    {
        var ids = await db.Users.Where(u => u.UserName == "scjg.officer" || u.UserName == "scjg.officer2").OrderBy(u => u.UserName)
            .Select(u => u.OfficerId!.Value).ToListAsync();
        return (ids[0], ids[1]);
    });

    public static object Request(Guid[] officers, string item = Item, string? creditCode = null, string? occurredOn = null, bool seriousHarm = false) => new
    {
        itemCode = item,
        cause = "涉嫌经营农药残留超过食品安全标准限量的食用农产品案",
        source = "监督检查",
        party = new
        {
            kind = "Organisation",
            name = "安和县鲜丰农贸有限公司",
            creditCode = creditCode ?? ValidCreditCode,
            representative = "王建华",
            address = "安和县城关镇人民路168号",
            phone = "0797-6320001",
        },
        occurredOn = occurredOn ?? DaysAgo(30),
        seriousHarm,
        officerIds = officers,
    };

    private static string ValidCreditCode => "91360736MA35R8QX1" + Sanxiang.Core.Validation.UnifiedSocialCreditCode.ComputeCheckCharacter("91360736MA35R8QX1");

    public static async Task UploadPhotoAsync(HttpClient officer, Guid id)
    {
        var photo = new ByteArrayContent(Jpeg);
        photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        var response = await officer.PostAsync($"/api/v1/cases/{id}/evidence?title={Uri.EscapeDataString("现场检查照片")}&place={Uri.EscapeDataString("当事人店内")}&proves={Uri.EscapeDataString("涉案食品陈列销售")}", photo, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<JsonElement> StepAsync(HttpClient client, Guid id, string to, Dictionary<string, string?> facts)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{id}/steps", new { to, facts }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"转入 {to} 失败：{body}");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(to, json.GetProperty("status").GetString());
        return json;
    }

    /// <summary>Asserts a 409 whose refusals include <paramref name="rule"/>; returns the response body.</summary>
    public static async Task<string> RefusedAsync(HttpClient client, Guid id, string to, Dictionary<string, string?> facts, string rule)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{id}/steps", new { to, facts }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"应被拒绝（{rule}），实际 {(int)response.StatusCode}：{body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var refusals = JsonDocument.Parse(body).RootElement.GetProperty("refusals");
        Assert.Contains(refusals.EnumerateArray(), r => r.GetProperty("rule").GetString() == rule);
        return body;
    }

    /// <summary>A submission for legal review: the facts of the step plus the handling unit's statement of responsibility (REV-7).</summary>
    public static Dictionary<string, string?> Submit(Dictionary<string, string?> facts) => new(facts) { ["review.responsibility"] = "true" };

    /// <summary>A reviewer's round that agrees: every matter answered 符合, the opinion 同意 (REV-3, REV-4).</summary>
    public static Dictionary<string, string?> Agreed(string? note = null)
    {
        var facts = ReviewPoints.ToDictionary(p => $"review.point.{p}", _ => (string?)"符合");
        facts["review.opinion"] = "同意";
        if (note is not null)
        {
            facts["review.note"] = note;
        }

        return facts;
    }

    private static readonly string[] ReviewPoints = ["body", "officers", "procedure", "facts", "law", "powers", "documents", "crime"];

    public static readonly Dictionary<string, string?> Investigation = new()
    {
        ["investigation.certificate-shown"] = "true",
        ["investigation.report"] = "经查，当事人于2026年10月销售的豇豆经抽检克百威含量0.12mg/kg，超过食品安全国家标准限量，货值金额480元，违法所得120元。",
    };

    public static Dictionary<string, string?> Notice(string servedOn) => new()
    {
        ["penalty.kinds"] = "罚款、没收违法所得",
        ["penalty.fine"] = "60000",
        ["penalty.confiscation"] = "120",
        ["penalty.tier"] = "一般",
        ["notice.served-on"] = servedOn,
        ["notice.rights-told"] = "true",
    };

    public static readonly Dictionary<string, string?> Decision = new()
    {
        ["decision.kind"] = "给予行政处罚",
        ["decision.facts"] = "当事人销售克百威含量超标的豇豆，有抽检报告、进货单据、现场检查笔录和询问笔录为证。",
        ["decision.basis"] = "依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项，决定没收违法所得120元，并处罚款60000元。",
        ["decision.performance"] = "自收到本决定书之日起十五日内，通过非税收入缴款系统缴纳罚没款。",
        ["decision.remedy"] = "如不服本决定，可在收到本决定书之日起六十日内向安和县人民政府申请行政复议，或者六个月内向安和县人民法院提起行政诉讼。",
    };
}
