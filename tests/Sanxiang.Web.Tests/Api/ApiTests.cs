using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Api;

public abstract class ApiTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("title").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString());
        return problem;
    }

    [Fact]
    public async Task Public_agency_list_and_detail()
    {
        var client = app.Client();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/agencies", Ct);
        Assert.True(list.GetArrayLength() >= 10);
        var detail = await client.GetFromJsonAsync<JsonElement>("/api/v1/agencies/RSJ", Ct);
        Assert.Equal("安和县人力资源和社会保障局", detail.GetProperty("name").GetString());
        Assert.Contains(detail.GetProperty("items").EnumerateArray(), i => i.GetProperty("category").GetString() == "行政确认");
        Assert.DoesNotContain("mobile", detail.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Working_days_follow_the_official_calendar()
    {
        var client = app.Client();
        var due = await client.GetFromJsonAsync<JsonElement>("/api/v1/workdays/due?from=2026-09-30&days=7", Ct);
        Assert.Equal("2026-10-15", due.GetProperty("due").GetString());
        var adjusted = await client.GetFromJsonAsync<JsonElement>("/api/v1/workdays/2026-10-10", Ct);
        Assert.True(adjusted.GetProperty("isWorkday").GetBoolean());
        Assert.Contains("调休", adjusted.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_outside_the_calendar_is_refused_naming_the_year()
    {
        var problem = await Problem(await app.Client().GetAsync("/api/v1/workdays/2031-05-06", Ct), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("2031", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_query_and_unknown_route_get_problem_details()
    {
        var client = app.Client();
        var bad = await Problem(await client.GetAsync("/api/v1/workdays/due?from=2026-13-01&days=zero", Ct), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("from", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("days", out _));
        await Problem(await client.GetAsync("/api/v1/workdays/2026-02-30", Ct), HttpStatusCode.BadRequest);
        await Problem(await client.GetAsync("/api/v1/no-such-thing", Ct), HttpStatusCode.NotFound);
        await Problem(await client.GetAsync("/api/v1/officers", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Malformed_JSON_is_a_400_problem_and_changes_nothing()
    {
        var client = await app.SignInAsync("sthj.head");
        var before = await app.WithDbAsync((db, _) => Task.FromResult(db.Agencies.Single(a => a.Code == "STHJ").Phone));
        var response = await client.PutAsync("/api/v1/agencies/STHJ/contacts",
            new StringContent("{\"phone\": \"0797-", Encoding.UTF8, "application/json"), Ct);
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var invalid = await client.PutAsJsonAsync("/api/v1/agencies/STHJ/contacts", new { phone = "12345", postcode = "3429" }, Ct);
        var errors = (await Problem(invalid, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.True(errors.TryGetProperty("postcode", out _));
        Assert.Equal(before, await app.WithDbAsync((db, _) => Task.FromResult(db.Agencies.Single(a => a.Code == "STHJ").Phone)));
    }

    [Fact]
    public async Task Upload_is_stored_by_hash_and_oversized_or_form_uploads_are_refused()
    {
        var client = await app.SignInAsync("scjg.officer");
        var content = Sanxiang.Web.Tests.Evidence.EvidenceUploadTests.Jpeg(4096);
        var request = new ByteArrayContent(content);
        request.Headers.ContentType = new("image/jpeg");
        request.Headers.Add("X-File-Name", Uri.EscapeDataString("现场照片.jpg"));
        var created = await client.PostAsync("/api/v1/blobs", request, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var receipt = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        Assert.Equal(sha, receipt.GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(Sanxiang.Core.Ledger.Sm3.Hash(content)), receipt.GetProperty("sm3").GetString());
        Assert.Equal("现场照片.jpg", receipt.GetProperty("fileName").GetString());
        Assert.True(await app.WithDbAsync((db, _) => Task.FromResult(db.Blobs.Any(b => b.Sha256 == sha))));

        var big = new ByteArrayContent(new byte[1024 * 1024 + 10]);
        big.Headers.ContentType = new("video/mp4");
        var problem = await Problem(await client.PostAsync("/api/v1/blobs", big, Ct), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("上限", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A form without the anti-forgery token (what a cross-site page could post) is refused.
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", "a.jpg" } };
        await Problem(await client.PostAsync("/api/v1/blobs", form, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(1, await app.WithDbAsync((db, _) => Task.FromResult(db.Blobs.Count(b => b.Sha256 == sha))));
    }
}

public sealed class ApiTestsOnSqlite(SqliteApp app) : ApiTests(app);

public sealed class ApiTestsOnPostgres(PostgresApp app) : ApiTests(app);
