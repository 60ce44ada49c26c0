using System.Net;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Accounts;

/// <summary>The administrators' pages, driven like a person would: forms with their anti-forgery tokens.</summary>
public abstract class AdminPagesTests(SanxiangApp app)
{
    private static Task<HttpResponseMessage> PostRolesAsync(HttpClient client, Guid id, params string[] roles) =>
        SanxiangApp.PostFormFieldsAsync(client, "/admin/roles", roles.Select(r => new KeyValuePair<string, string>("roles", r)), $"/admin/roles?id={id}");

    [Fact]
    public async Task The_system_administrator_disables_and_enables_an_account_and_a_disabled_account_cannot_sign_in()
    {
        var name = "dis" + Guid.NewGuid().ToString("N")[..8];
        var id = await app.CreateAccountAsync(name, "CGZ", Sanxiang.Core.Accounts.Roles.Officer);
        var admin = await app.SignInAsync("sysadmin");
        await TwoFactorTests.EnrolAsync(app, admin);

        var list = await admin.GetStringAsync("/admin/accounts");
        Assert.Contains(name, list, StringComparison.Ordinal);
        var disabled = await SanxiangApp.PostFormAsync(admin, "/admin/accounts", [], $"/admin/accounts?handler=Disable&id={id}");
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Contains($"已停用账号 {name}", await disabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var refused = await SanxiangApp.PostFormAsync(app.Client(), "/account/signin", new() { ["UserName"] = name, ["Password"] = SanxiangApp.Password });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("该账号已停用", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var enabled = await SanxiangApp.PostFormAsync(admin, "/admin/accounts", [], $"/admin/accounts?handler=Enable&id={id}");
        Assert.Contains($"已启用账号 {name}", await enabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.SignInAsync(name);

        var actions = await app.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Target == $"account:{name}" || e.UserName == name).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.AccountDisabled, actions);
        Assert.Contains(AuditActions.AccountEnabled, actions);
        Assert.Contains(AuditActions.SignInFailed, actions);

        // The roles page is the security administrator's, not the system administrator's.
        var roles = await admin.GetAsync("/admin/roles");
        Assert.Equal(HttpStatusCode.Redirect, roles.StatusCode);
        Assert.Contains("/account/denied", roles.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_security_administrator_sets_roles_on_the_page_and_the_three_duties_stay_apart()
    {
        var name = "rol" + Guid.NewGuid().ToString("N")[..8];
        var id = await app.CreateAccountAsync(name, "SFJ", Sanxiang.Core.Accounts.Roles.Officer);
        var secName = "sa" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateAccountAsync(secName, "SFJ", Sanxiang.Core.Accounts.Roles.SecurityAdministrator);
        var security = await app.SignInAsync(secName);
        await TwoFactorTests.EnrolAsync(app, security);

        var refused = await PostRolesAsync(security, id, "SystemAdministrator", "AuditAdministrator");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("三员分立", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ok = await PostRolesAsync(security, id, "AuditAdministrator");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("安全审计员", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var roles = await app.WithDbAsync((db, _) => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).ToListAsync());
        Assert.Equal(["AuditAdministrator"], roles);

        var own = await app.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == secName).Select(u => u.Id).SingleAsync());
        var self = await PostRolesAsync(security, own, "SecurityAdministrator", "SystemAdministrator");
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
    }
}

public sealed class AdminPagesTestsOnSqlite(SqliteApp app) : AdminPagesTests(app);

public sealed class AdminPagesTestsOnPostgres(PostgresApp app) : AdminPagesTests(app);
