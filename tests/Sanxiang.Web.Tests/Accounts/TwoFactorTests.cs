using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Accounts;

public abstract partial class TwoFactorTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Completes TOTP enrolment for the signed-in client the way a person does: read the key, type the code.</summary>
    public static async Task<string> EnrolAsync(SanxiangApp app, HttpClient client)
    {
        var page = await client.GetStringAsync("/account/two-factor/setup");
        var key = KeyPattern().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(key), "绑定页面没有显示密钥");
        var response = await SanxiangApp.PostFormAsync(client, "/account/two-factor/setup", new() { ["Code"] = Sanxiang.E2E.Totp.Compute(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return key;
    }

    [GeneratedRegex("data-testid=\"totp-key\">([a-z2-7 ]+)<")]
    private static partial Regex KeyPattern();

    [Fact]
    public async Task An_administrator_must_enrol_TOTP_before_anything_else_and_then_signs_in_with_it()
    {
        var name = "sec" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateAccountAsync(name, "SFJ", Sanxiang.Core.Accounts.Roles.SecurityAdministrator);

        var client = await app.SignInAsync(name);
        var workbench = await client.GetAsync("/workbench", Ct);
        Assert.Equal(HttpStatusCode.Redirect, workbench.StatusCode);
        Assert.Equal("/account/two-factor/setup", workbench.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/me", Ct)).StatusCode);

        var wrong = await SanxiangApp.PostFormAsync(client, "/account/two-factor/setup", new() { ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("动态口令不正确", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var key = await EnrolAsync(app, client);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.True(me.GetProperty("twoFactorEnabled").GetBoolean());

        // The next sign-in asks for the code after the password.
        var again = app.Client();
        var first = await SanxiangApp.PostFormAsync(again, "/account/signin", new() { ["UserName"] = name, ["Password"] = SanxiangApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/two-factor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/v1/me", Ct)).StatusCode);
        var second = await SanxiangApp.PostFormAsync(again, "/account/two-factor", new() { ["Code"] = Sanxiang.E2E.Totp.Compute(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.True(await app.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.UserName == name && e.Action == AuditActions.TwoFactorEnabled)));
    }

    [Fact]
    public async Task The_security_administrator_cannot_give_one_account_two_administrator_duties()
    {
        var client = await app.SignInAsync("secadmin");
        await EnrolAsync(app, client);
        var target = await app.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "nync.officer").Select(u => u.Id).SingleAsync());

        var refused = await client.PutAsJsonAsync($"/api/v1/accounts/{target}/roles", new { roles = new[] { "SystemAdministrator", "AuditAdministrator" } }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("三员分立", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var mixed = await client.PutAsJsonAsync($"/api/v1/accounts/{target}/roles", new { roles = new[] { "SystemAdministrator", "Officer" } }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mixed.StatusCode);
        var unknown = await client.PutAsJsonAsync($"/api/v1/accounts/{target}/roles", new { roles = new[] { "Emperor" } }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);

        var ok = await client.PutAsJsonAsync($"/api/v1/accounts/{target}/roles", new { roles = new[] { "Officer", "UnitHead" } }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var roles = await app.WithDbAsync((db, _) => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == target select r.Name).ToListAsync());
        Assert.Equal(["Officer", "UnitHead"], roles.Order(StringComparer.Ordinal));
        Assert.True(await app.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RolesChanged && e.Target == "account:nync.officer" && e.Result == AuditResult.Success)));
        Assert.True(await app.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RolesChanged && e.Target == "account:nync.officer" && e.Result == AuditResult.Failure)));
    }
}

public sealed class TwoFactorTestsOnSqlite(SqliteApp app) : TwoFactorTests(app);

public sealed class TwoFactorTestsOnPostgres(PostgresApp app) : TwoFactorTests(app);
