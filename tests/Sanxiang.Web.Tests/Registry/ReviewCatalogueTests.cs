using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Sanxiang.Web.Tests.Accounts;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Registry;

/// <summary>
/// The legal-review catalogue's criteria (REV-2, issue 6) are part of the versioned item list: a draft that changes an
/// item's criteria shows the change, is approved as a new version (effective tomorrow, so today's list stays as other
/// tests read it), and the public item page, the diff and the canonical JSON carry the new criteria from that day on.
/// </summary>
public abstract class ReviewCatalogueTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Code = "360736-ZRZY-CF-001";

    private static string Tomorrow => Sanxiang.Core.ChinaTime.Today(TimeProvider.System).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_draft_changing_an_items_criteria_is_approved_as_a_new_version_and_the_item_page_shows_them()
    {
        var drafter = await SupervisorAsync("sfj.sup.catalogue");
        var created = await drafter.PostAsJsonAsync("/api/v1/registry/agencies/ZRZY/versions/items/drafts",
            new { effectiveFrom = Tomorrow, reason = "Other", reasonText = "明确非法占用土地处罚事项的法制审核标准。" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        try
        {
            // Today the item is in the catalogue as a whole.
            var today = new HtmlParser().ParseDocument(await app.Client().GetStringAsync($"/agencies/ZRZY/items/{Code}", Ct));
            Assert.Contains("本事项的全部执法决定", today.QuerySelector("[data-testid=review-catalogue-entry]")!.TextContent, StringComparison.Ordinal);

            // The draft's copy of the item, with criteria added, goes back through the API (kinds by Chinese name or code).
            var rows = (await drafter.GetFromJsonAsync<JsonObject>($"/api/v1/registry/drafts/{draft}", Ct))!["rows"]!.AsArray();
            var item = rows.Single(r => (string?)r!["code"] == Code)!.AsObject();
            Assert.Null(item["legalReviewCriteria"]);
            item["legalReviewCriteria"] = new JsonObject
            {
                ["finePerson"] = 10_000,
                ["fineOrganisation"] = 100_000,
                ["penaltyKinds"] = new JsonArray("吊销许可证件", "SuspendProduction"),
            };
            var bad = JsonNode.Parse(item.ToJsonString())!.AsObject();
            bad["legalReviewCriteria"]!["penaltyKinds"] = new JsonArray("吊销执照");
            var refused = await drafter.PutAsJsonAsync($"/api/v1/registry/drafts/{draft}/items/{Code}", bad, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("吊销执照", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("legalReviewCriteria")[0].GetString(), StringComparison.Ordinal);
            var put = await drafter.PutAsJsonAsync($"/api/v1/registry/drafts/{draft}/items/{Code}", item, Ct);
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

            // The draft page shows the change in its diff.
            var page = new HtmlParser().ParseDocument(await drafter.GetStringAsync($"/workbench/registry/drafts/{draft}", Ct));
            Assert.Contains("修改 1 条", page.QuerySelector("[data-testid=draft-diff-summary]")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("对法人或者其他组织罚没10万元以上", page.QuerySelector("[data-testid=draft-items]")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(page.QuerySelectorAll(".diff-new"), e => e.TextContent.Contains("对自然人罚没1万元以上、对法人或者其他组织罚没10万元以上，或者吊销许可证件、责令停产停业的", StringComparison.Ordinal));

            // Another supervisor approves: a new version whose diff against the last names the criteria.
            var approver = await SupervisorAsync("sfj.sup.catalogue.approver");
            var approved = await approver.PostAsync($"/api/v1/registry/drafts/{draft}/approve", null, Ct);
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            var number = (await approved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetInt32();
            var diff = await app.Client().GetFromJsonAsync<JsonElement>($"/api/v1/registry/agencies/ZRZY/versions/items/diff?from={number - 1}&to={number}", Ct);
            var changed = Assert.Single(diff.GetProperty("changed").EnumerateArray());
            Assert.Equal(Code, changed.GetProperty("key").GetString());
            Assert.Contains("法制审核标准", changed.ToString(), StringComparison.Ordinal);

            // The public item page shows the criteria from the effective day on, and the day's JSON carries them.
            var then = new HtmlParser().ParseDocument(await app.Client().GetStringAsync($"/agencies/ZRZY/items/{Code}?date={Tomorrow}", Ct));
            Assert.Equal("列入重大执法决定法制审核目录：对自然人罚没1万元以上、对法人或者其他组织罚没10万元以上，或者吊销许可证件、责令停产停业的，作出决定前须经法制审核。",
                then.QuerySelector("[data-testid=review-catalogue-entry]")!.TextContent.Trim());
            var json = Encoding.UTF8.GetString(await app.Client().GetByteArrayAsync($"/agencies/ZRZY/items.json?version={number}", Ct));
            Assert.Contains("\"legalReviewCriteria\":{\"fineOrganisation\":100000,\"finePerson\":10000,\"penaltyKinds\":[\"RevokeLicence\",\"SuspendProduction\"]}", json, StringComparison.Ordinal);
            var stillToday = new HtmlParser().ParseDocument(await app.Client().GetStringAsync($"/agencies/ZRZY/items/{Code}", Ct));
            Assert.Contains("本事项的全部执法决定", stillToday.QuerySelector("[data-testid=review-catalogue-entry]")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            // Nothing left behind when the test fails before the approval (a discard of an approved version is refused).
            await drafter.PostAsync($"/api/v1/registry/drafts/{draft}/discard", null, Ct);
        }
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

public sealed class ReviewCatalogueTestsOnSqlite(SqliteApp app) : ReviewCatalogueTests(app);

public sealed class ReviewCatalogueTestsOnPostgres(PostgresApp app) : ReviewCatalogueTests(app);
