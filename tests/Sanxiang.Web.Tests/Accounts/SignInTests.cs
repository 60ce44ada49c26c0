using System.Net;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Accounts;

public abstract class SignInTests(SanxiangApp app)
{
    [Fact]
    public async Task Wrong_password_missing_field_and_lockout_each_get_a_Chinese_answer_and_an_audit_line()
    {
        var name = "lock" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateAccountAsync(name, "ZHZF", Sanxiang.Core.Accounts.Roles.Officer);

        var client = app.Client();
        var missing = await SanxiangApp.PostFormAsync(client, "/account/signin", new() { ["UserName"] = name });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("请输入密码", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        for (var i = 1; i <= 4; i++)
        {
            var wrong = await SanxiangApp.PostFormAsync(client, "/account/signin", new() { ["UserName"] = name, ["Password"] = "Wrong!password1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("用户名或密码不正确", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var locked = await SanxiangApp.PostFormAsync(client, "/account/signin", new() { ["UserName"] = name, ["Password"] = "Wrong!password1" });
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Contains("已锁定", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Even the right password does not open a locked account.
        var right = await SanxiangApp.PostFormAsync(client, "/account/signin", new() { ["UserName"] = name, ["Password"] = SanxiangApp.Password });
        Assert.Equal((HttpStatusCode)423, right.StatusCode);

        var actions = await app.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.UserName == name).Select(e => e.Action).ToListAsync());
        Assert.Equal(4, actions.Count(a => a == AuditActions.SignInFailed));
        Assert.Contains(AuditActions.SignInLockedOut, actions);
        Assert.DoesNotContain(AuditActions.SignIn, actions);
    }

    [Fact]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused()
    {
        var client = app.Client();
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "scjg.officer",
            ["Password"] = SanxiangApp.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests(app);

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests(app);
