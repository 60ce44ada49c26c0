using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Accounts;

/// <summary>An account sees and changes only its own agency's data; supervisors see the whole county.</summary>
public abstract class AgencyScopeTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An officer listed in the agency's list in force today (other tests add officers to future versions).</summary>
    private Task<(Guid Id, Guid AgencyId)> OfficerOf(string agencyCode) => app.WithDbAsync(async (db, _) =>
        await (from o in Sanxiang.Data.Registry.PublicViews.OfficerEntriesInForce(db, Sanxiang.Core.ChinaTime.Today(TimeProvider.System))
               join a in db.Agencies on o.AgencyId equals a.Id
               where a.Code == agencyCode
               orderby o.CertificateNumber
               select new ValueTuple<Guid, Guid>(o.OfficerId, o.AgencyId)).FirstAsync());

    [Fact]
    public async Task An_officer_lists_only_the_officers_of_the_own_agency()
    {
        var client = await app.SignInAsync("scjg.officer");
        var officers = await client.GetFromJsonAsync<JsonElement>("/api/v1/officers", Ct);
        var codes = officers.EnumerateArray().Select(o => o.GetProperty("agencyCode").GetString()).Distinct().ToList();
        Assert.Equal(["SCJG"], codes);
        Assert.All(officers.EnumerateArray(), o => Assert.True(o.TryGetProperty("mobile", out _)));
    }

    [Fact]
    public async Task An_officer_of_agency_A_gets_404_for_an_officer_of_agency_B()
    {
        var own = await OfficerOf("SCJG");
        var other = await OfficerOf("STHJ");
        var client = await app.SignInAsync("scjg.officer");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/officers/{own.Id}", Ct)).StatusCode);
        var response = await client.GetAsync($"/api/v1/officers/{other.Id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var otherName = await app.WithDbAsync((db, _) => db.OfficerEntries.IgnoreQueryFilters().Where(o => o.OfficerId == other.Id).Select(o => o.Name).FirstAsync());
        Assert.DoesNotContain(otherName, body, StringComparison.Ordinal);
        Assert.Contains("不属于您所在的执法主体", body, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e =>
            e.UserName == "scjg.officer" && e.Action == AuditActions.AccessDenied && e.Target == $"officer:{other.Id}")));
    }

    [Fact]
    public async Task A_supervisor_reads_the_whole_county()
    {
        var other = await OfficerOf("STHJ");
        var client = await EnrolledClient("sfj.supervisor");
        var officers = await client.GetFromJsonAsync<JsonElement>("/api/v1/officers", Ct);
        Assert.True(officers.EnumerateArray().Select(o => o.GetProperty("agencyCode").GetString()).Distinct().Count() >= 9);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/officers/{other.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_agency_head_changes_own_contacts_but_gets_403_on_another_agency_and_is_audited()
    {
        var client = await app.SignInAsync("yjgl.head");
        var phone = "0797-62" + Random.Shared.Next(10000, 99999);
        var ok = await client.PutAsJsonAsync("/api/v1/agencies/YJGL/contacts", new { phone, officeHours = "工作日 8:00-12:00，14:30-17:30" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(phone, await app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == "YJGL").Select(a => a.Phone).SingleAsync()));

        var before = await app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == "ZRZY").Select(a => a.Phone).SingleAsync());
        var denied = await client.PutAsJsonAsync("/api/v1/agencies/ZRZY/contacts", new { phone }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == "ZRZY").Select(a => a.Phone).SingleAsync()));
        Assert.True(await app.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e =>
            e.UserName == "yjgl.head" && e.Action == AuditActions.AccessDenied && e.Target == "agency:ZRZY/contacts")));
    }

    [Fact]
    public async Task The_data_layer_itself_refuses_a_write_to_another_agency()
    {
        var other = await OfficerOf("ZHZF");
        var own = await app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == "SCJG").Select(a => a.Id).SingleAsync());
        await app.WithDbAsync(async (_, sp) =>
        {
            var options = sp.GetService(typeof(Microsoft.EntityFrameworkCore.DbContextOptions<Sanxiang.Data.SanxiangDbContext>))
                as Microsoft.EntityFrameworkCore.DbContextOptions<Sanxiang.Data.SanxiangDbContext>;
            await using var scoped = new Sanxiang.Data.SanxiangDbContext(options!,
                new Sanxiang.Data.Access.FixedAccessScope(Sanxiang.Data.Access.AccessScope.Agency(own)));
            Assert.Null(await scoped.Officers.FirstOrDefaultAsync(o => o.Id == other.Id));
            var officer = await scoped.Officers.IgnoreQueryFilters().FirstAsync(o => o.Id == other.Id);
            officer.Mobile = "13900000000";
            await Assert.ThrowsAsync<Sanxiang.Data.Access.AgencyAccessDeniedException>(() => scoped.SaveChangesAsync());
            return 0;
        });
        Assert.NotEqual("13900000000", await app.WithDbAsync((db, _) => db.Officers.Where(o => o.Id == other.Id).Select(o => o.Mobile).SingleAsync()));
    }

    [Fact]
    public async Task An_officer_cannot_open_the_administrators_pages_and_the_denial_is_audited()
    {
        var client = await app.SignInAsync("zhzf.officer");
        var response = await client.GetAsync("/admin/accounts", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var api = await client.GetAsync("/api/v1/accounts", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.True(await app.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e =>
            e.UserName == "zhzf.officer" && e.Action == AuditActions.AccessDenied && e.Target == "/admin/accounts")));
    }

    private async Task<HttpClient> EnrolledClient(string userName)
    {
        var client = await app.SignInAsync(userName);
        await TwoFactorTests.EnrolAsync(app, client);
        return client;
    }
}

public sealed class AgencyScopeTestsOnSqlite(SqliteApp app) : AgencyScopeTests(app);

public sealed class AgencyScopeTestsOnPostgres(PostgresApp app) : AgencyScopeTests(app);
