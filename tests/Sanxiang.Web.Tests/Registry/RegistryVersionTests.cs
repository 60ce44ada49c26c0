using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Web.Tests.Accounts;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Registry;

/// <summary>
/// Changing a list (PUB-2): draft → approved → effective, through the API, with the bad inputs the issue names. Each
/// test works on its own agency's list and leaves no draft behind; new versions take effect in the future, so the lists
/// in force today (which other tests read) do not change.
/// </summary>
public abstract class RegistryVersionTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Tomorrow => Sanxiang.Core.ChinaTime.Today(TimeProvider.System).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object NewItem(string name) => new
    {
        name,
        category = "Penalty",
        procedure = "GeneralPenalty",
        legalBasis = new[] { new { law = "《农药管理条例》", article = "第五十五条", paragraph = "第一款", item = "第（三）项", text = "农药经营者经营假农药的，由县级以上地方人民政府农业农村主管部门责令停止经营，没收违法所得……", quoted = true } },
        legalReviewRequired = true,
        discretion = new[] { new { tier = "一般", circumstances = "首次违法且货值较小的", penalties = new[] { new { kind = "Fine", minimum = 5000, maximum = 20000, unit = "元" } } } },
        serviceGuide = new { where = "安和县农业农村局法规股", materials = new[] { "身份证明" }, timeLimit = "自立案之日起九十日内", fees = "不收费", complaint = "0797-6321234" },
    };

    [Fact]
    public async Task A_new_item_goes_draft_approved_effective_and_is_recorded_in_the_log()
    {
        var head = await app.SignInAsync("nync.head");
        var created = await head.PostAsJsonAsync("/api/v1/registry/agencies/NYNC/versions/items/drafts",
            new { effectiveFrom = Tomorrow, reason = "LawChanged", reasonText = "《农药管理条例》修订，新增经营假农药的处罚事项。" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        // The draft starts as a copy of the list in force, and the public does not see it.
        var copy = await head.GetFromJsonAsync<JsonElement>($"/api/v1/registry/drafts/{draft}", Ct);
        var before = copy.GetProperty("rows").GetArrayLength();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync($"/api/v1/registry/drafts/{draft}", Ct)).StatusCode);

        var put = await head.PutAsJsonAsync($"/api/v1/registry/drafts/{draft}/items/360736-NYNC-CF-099", NewItem("对农药经营者经营假农药的行政处罚（测试）"), Ct);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        // The agency head may not approve; a supervisor may.
        var denied = await head.PostAsync($"/api/v1/registry/drafts/{draft}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var supervisor = await SupervisorAsync("sfj.sup.approver");
        var approved = await supervisor.PostAsync($"/api/v1/registry/drafts/{draft}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var version = await approved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var number = version.GetProperty("number").GetInt32();
        var sha = version.GetProperty("sha256").GetString()!;
        Assert.True(number >= 2);

        // Recorded: the log holds the approval with the content hash.
        Assert.True(await app.WithDbAsync((db, _) => db.LedgerEntries.AnyAsync(e => e.Kind == "registry-version-approved" && e.IsPublic)));
        var payloads = await app.WithDbAsync((db, _) => db.LedgerEntries.Where(e => e.Kind == "registry-version-approved").Select(e => e.Payload).ToListAsync());
        Assert.Contains(payloads, p => Encoding.UTF8.GetString(p).Contains(sha, StringComparison.Ordinal));

        // Not in force today; in force tomorrow; and the diff names the new item.
        var todayCodes = await app.Client().GetFromJsonAsync<JsonElement>("/api/v1/registry/items?agency=NYNC", Ct);
        Assert.DoesNotContain(todayCodes.EnumerateArray(), i => i.GetProperty("code").GetString() == "360736-NYNC-CF-099");
        var tomorrow = await app.Client().GetFromJsonAsync<JsonElement>($"/api/v1/registry/items?agency=NYNC&date={Tomorrow}", Ct);
        Assert.Equal(before + 1, tomorrow.GetArrayLength());
        var diff = await app.Client().GetFromJsonAsync<JsonElement>($"/api/v1/registry/agencies/NYNC/versions/items/diff?from={number - 1}&to={number}", Ct);
        Assert.Equal("360736-NYNC-CF-099", diff.GetProperty("added")[0].GetProperty("key").GetString());

        // An approved version is frozen: the API refuses, and so does the data layer underneath it.
        var again = await head.PutAsJsonAsync($"/api/v1/registry/drafts/{draft}/items/360736-NYNC-CF-099", NewItem("改名"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已批准", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await app.WithDbAsync(async (db, _) =>
        {
            var row = await db.EnforcementItems.FirstAsync(i => i.VersionId == draft && i.Code == "360736-NYNC-CF-099");
            row.Name = "悄悄改名";
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
            Assert.Contains("不得修改", refused.Message, StringComparison.Ordinal);
            return 0;
        });
        await app.WithDbAsync(async (db, _) =>
        {
            // Only the owned JSON value changes (the legal text), not a column of the row itself.
            var row = await db.EnforcementItems.FirstAsync(i => i.VersionId == draft && i.Code == "360736-NYNC-CF-099");
            row.LegalBasis[0] = row.LegalBasis[0] with { Text = "悄悄改过的条文" };
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
            Assert.Contains("不得修改", refused.Message, StringComparison.Ordinal);
            return 0;
        });
    }

    [Fact]
    public async Task Bad_drafts_are_refused_with_the_field_named_and_nothing_half_written()
    {
        var head = await app.SignInAsync("nyzf.head");
        var past = await head.PostAsJsonAsync("/api/v1/registry/agencies/NYZF/versions/items/drafts",
            new { effectiveFrom = "2025-01-01", reason = "Correction", reasonText = "更正" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var problem = await past.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("不能追溯生效", problem.GetProperty("errors").GetProperty("effectiveFrom")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync((db, _) => db.RegistryVersions.AnyAsync(v => v.Status == VersionStatus.Draft && v.ReasonText == "更正")));

        var noReason = await head.PostAsJsonAsync("/api/v1/registry/agencies/NYZF/versions/items/drafts", new { effectiveFrom = Tomorrow, reason = "Whatever", reasonText = "x" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("法律法规立改废", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var created = await head.PostAsJsonAsync("/api/v1/registry/agencies/NYZF/versions/items/drafts",
            new { effectiveFrom = Tomorrow, reason = "法律法规立改废", reasonText = "测试：无依据的事项应被拒绝。" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        try
        {
            var second = await head.PostAsJsonAsync("/api/v1/registry/agencies/NYZF/versions/items/drafts",
                new { effectiveFrom = Tomorrow, reason = "Other", reasonText = "第二份草稿" }, Ct);
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Contains("已有一份草稿", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            var rows = (await head.GetFromJsonAsync<JsonElement>($"/api/v1/registry/drafts/{draft}", Ct)).GetProperty("rows").GetArrayLength();
            var noBasis = await head.PutAsJsonAsync($"/api/v1/registry/drafts/{draft}/items/360736-NYZF-CF-098",
                new { name = "没有依据的事项", category = "Penalty", procedure = "GeneralPenalty", legalBasis = Array.Empty<object>() }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, noBasis.StatusCode);
            var errors = (await noBasis.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
            Assert.Contains("实施依据", errors.GetProperty("legalBasis")[0].GetString(), StringComparison.Ordinal);

            var badCategory = await head.PutAsJsonAsync($"/api/v1/registry/drafts/{draft}/items/360736-NYZF-CF-098",
                new { name = "类别错误", category = "Fine", procedure = "GeneralPenalty" }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
            Assert.Contains("行政处罚", await badCategory.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            var badCode = await head.PutAsJsonAsync($"/api/v1/registry/drafts/{draft}/items/{Uri.EscapeDataString("编码 有空格")}", NewItem("x"), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
            Assert.Equal(rows, (await head.GetFromJsonAsync<JsonElement>($"/api/v1/registry/drafts/{draft}", Ct)).GetProperty("rows").GetArrayLength());

            // Another agency's head cannot touch this draft, nor create one for NYZF.
            var other = await app.SignInAsync("scjg.head");
            Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/registry/drafts/{draft}/items/360736-NYZF-CF-097", NewItem("越权"), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("/api/v1/registry/agencies/NYZF/versions/officers/drafts",
                new { effectiveFrom = Tomorrow, reason = "StaffChange", reasonText = "越权" }, Ct)).StatusCode);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await head.PostAsync($"/api/v1/registry/drafts/{draft}/discard", null, Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task A_certificate_number_of_another_agency_and_self_approval_are_refused()
    {
        var supervisor = await SupervisorAsync("sfj.sup.drafter");
        var created = await supervisor.PostAsJsonAsync("/api/v1/registry/agencies/ZRZY/versions/officers/drafts",
            new { effectiveFrom = Tomorrow, reason = "StaffChange", reasonText = "新增执法人员。" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        try
        {
            var officer = new
            {
                name = "测试员",
                gender = "女",
                certificateNumber = "36073601006",
                issuer = "省人民政府",
                fields = new[] { "自然资源" },
                validFrom = "2026-01-01",
                validTo = "2031-01-01",
            };
            var added = await supervisor.PostAsJsonAsync($"/api/v1/registry/drafts/{draft}/officers", officer, Ct);
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);

            var self = await supervisor.PostAsync($"/api/v1/registry/drafts/{draft}/approve", null, Ct);
            Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
            Assert.Contains("起草人不能批准", await self.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            var other = await SupervisorAsync("sfj.sup.checker");
            var duplicate = await other.PostAsync($"/api/v1/registry/drafts/{draft}/approve", null, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
            Assert.Contains("安和县市场监督管理局", await duplicate.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(VersionStatus.Draft, await app.WithDbAsync((db, _) => db.RegistryVersions.Where(v => v.Id == draft).Select(v => v.Status).SingleAsync()));
        }
        finally
        {
            await supervisor.PostAsync($"/api/v1/registry/drafts/{draft}/discard", null, Ct);
        }
    }

    [Fact]
    public async Task A_supervisor_registers_an_agency_and_a_bad_credit_code_or_a_missing_entrusting_organ_is_refused()
    {
        var supervisor = await SupervisorAsync("sfj.sup.agencies");
        object Agency(string code, string uscc, string kind, string? entrustedBy) => new
        {
            code, name = "安和县文化市场综合行政执法大队" + code, shortName = "县文化执法大队", caseNumberPrefix = "安文执", uscc, kind, entrustedBy,
            level = "县级", jurisdiction = "安和县行政区域", duties = "受县文化广电旅游局委托，实施文化市场行政处罚。", legalBasis = "《中华人民共和国行政处罚法》第二十条。",
            address = "安和县文化路1号", phone = "0797-6320000", reconsiderationOrgan = "安和县人民政府", competentCourt = "安和县人民法院",
        };

        var badUscc = await supervisor.PostAsJsonAsync("/api/v1/registry/agencies", Agency("WHZF", "12360736MB0000000X", "EntrustedOrganisation", "SCJG"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badUscc.StatusCode);
        var errors = (await badUscc.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("统一社会信用代码", errors.GetProperty("uscc")[0].GetString(), StringComparison.Ordinal);

        var uscc = Sanxiang.Core.Validation.UnifiedSocialCreditCode.ComputeCheckCharacter("12360736MB1234567") is var c ? "12360736MB1234567" + c : "";
        var noOrgan = await supervisor.PostAsJsonAsync("/api/v1/registry/agencies", Agency("WHZF", uscc, "EntrustedOrganisation", null), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noOrgan.StatusCode);
        Assert.Contains("委托", await noOrgan.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync((db, _) => db.Agencies.AnyAsync(a => a.Code == "WHZF")));

        var created = await supervisor.PostAsJsonAsync("/api/v1/registry/agencies", Agency("WHZF", uscc, "受委托组织", "SCJG"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("/agencies/WHZF", Ct)).StatusCode);
        var duplicate = await supervisor.PostAsJsonAsync("/api/v1/registry/agencies", Agency("WHZF2", uscc, "EntrustedOrganisation", "SCJG"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("已登记为", await duplicate.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var head = await app.SignInAsync("scjg.head");
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PutAsJsonAsync("/api/v1/registry/agencies/SCJG/profile", Agency("SCJG", uscc, "StatutoryOrgan", null), Ct)).StatusCode);
    }

    /// <summary>A supervisor account of its own for this test (supervisors must enrol TOTP at first sign-in).</summary>
    private async Task<HttpClient> SupervisorAsync(string userName)
    {
        await app.CreateAccountAsync(userName, "SFJ", Sanxiang.Core.Accounts.Roles.Supervisor);
        var client = await app.SignInAsync(userName);
        await TwoFactorTests.EnrolAsync(app, client);
        return client;
    }
}

public sealed class RegistryVersionTestsOnSqlite(SqliteApp app) : RegistryVersionTests(app);

public sealed class RegistryVersionTestsOnPostgres(PostgresApp app) : RegistryVersionTests(app);
