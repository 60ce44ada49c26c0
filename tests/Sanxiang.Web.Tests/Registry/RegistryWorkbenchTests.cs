using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Web.Tests.Accounts;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Registry;

/// <summary>The clerk's and the supervisor's pages for changing a list: new draft, a new officer, approval.</summary>
public abstract class RegistryWorkbenchTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_head_drafts_a_staff_change_on_the_page_and_a_supervisor_approves_it_there()
    {
        var head = await app.SignInAsync("yjgl.head");
        var tomorrow = Sanxiang.Core.ChinaTime.Today(TimeProvider.System).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var created = await SanxiangApp.PostFormAsync(head, "/workbench/registry", new()
        {
            ["AgencyCode"] = "YJGL", ["List"] = "officers", ["EffectiveFrom"] = tomorrow, ["Reason"] = "StaffChange", ["ReasonText"] = "新招录执法人员一名。",
        }, "/workbench/registry?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var draftPage = created.Headers.Location!.OriginalString;

        // A bad certificate number: the page names the problem and nothing is added.
        var bad = await SanxiangApp.PostFormAsync(head, draftPage, Officer("钱志远", "3607 0000"), draftPage + "?handler=SaveOfficer");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("不允许的字符", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var ok = await SanxiangApp.PostFormAsync(head, draftPage, Officer("钱志远", "36073605099"), draftPage + "?handler=SaveOfficer");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var document = new HtmlParser().ParseDocument(await ok.Content.ReadAsStringAsync(Ct));
        Assert.Contains("新增 1 条", document.QuerySelector("[data-testid=draft-diff-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(document.QuerySelector("[data-testid=approve]"));

        await app.CreateAccountAsync("sfj.sup.page", "SFJ", Sanxiang.Core.Accounts.Roles.Supervisor);
        var supervisor = await app.SignInAsync("sfj.sup.page");
        await TwoFactorTests.EnrolAsync(app, supervisor);
        var list = await supervisor.GetStringAsync("/workbench/registry", Ct);
        Assert.Contains(draftPage, list, StringComparison.Ordinal);
        var approved = await SanxiangApp.PostFormAsync(supervisor, draftPage, [], draftPage + "?handler=Approve");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("已批准为第", await approved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Private data stays private: the mobile entered on the form is nowhere on the public pages.
        var page = await app.Client().GetStringAsync($"/agencies/YJGL?date={tomorrow}", Ct);
        Assert.Contains("钱志远", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", page, StringComparison.Ordinal);
        Assert.Equal("13912345678", await app.WithDbAsync((db, _) =>
            (from o in db.Officers join e in db.OfficerEntries on o.Id equals e.OfficerId where e.CertificateNumber == "36073605099" select o.Mobile).FirstAsync()));
    }

    [Fact]
    public async Task An_officer_may_not_open_the_registry_pages()
    {
        var officer = await app.SignInAsync("yjgl.officer");
        var response = await officer.GetAsync("/workbench/registry", Ct);
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/account/denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Officer(string name, string number) => new()
    {
        ["Officer.Name"] = name,
        ["Officer.Gender"] = "男",
        ["Officer.CertificateNumber"] = number,
        ["Officer.Issuer"] = "省人民政府",
        ["Officer.Fields"] = "安全生产、危险化学品",
        ["Officer.ValidFrom"] = "2026-11-01",
        ["Officer.ValidTo"] = "2031-10-31",
        ["Officer.Status"] = nameof(CertificateStatus.Valid),
        ["Officer.Mobile"] = "13912345678",
    };
}

public sealed class RegistryWorkbenchTestsOnSqlite(SqliteApp app) : RegistryWorkbenchTests(app);

public sealed class RegistryWorkbenchTestsOnPostgres(PostgresApp app) : RegistryWorkbenchTests(app);
