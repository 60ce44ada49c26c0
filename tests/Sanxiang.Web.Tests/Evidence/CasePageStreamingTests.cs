using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sanxiang.Web.Tests.Evidence;

/// <summary>
/// The case page's evidence form on the real server (Kestrel): a 40 MiB video goes through. Had the page or model
/// binding read the form (Request.Form, IFormFile) the form reader's 1 MB part limit (FormOptions) would have refused it
/// (tried: reading the form in the handler breaks this test), and without the intake raising the request's limit,
/// Kestrel's 30 MB default would have; the stored file's SHA-256 is the client's.
/// </summary>
public sealed partial class CasePageStreamingTests(SqliteKestrelApp app) : IClassFixture<SqliteKestrelApp>
{
    private const long Size = 40L * 1024 * 1024;

    [Fact]
    public async Task A_40_MiB_video_is_streamed_through_the_case_page_form()
    {
        var ct = TestContext.Current.CancellationToken;
        using var officer = await app.SignInAsync("scjg.officer", new CookieContainer());
        var form = await officer.GetStringAsync("/workbench/cases/new", ct);
        var ids = OfficerBox().Matches(form).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        var mine = ids[OfficerBox().Matches(form).ToList().FindIndex(m => m.Groups[2].Success)];
        var opened = await officer.PostAsJsonAsync("/api/v1/cases", new
        {
            itemCode = "360736-SCJG-CF-001",
            cause = "涉嫌销售超过保质期的食品案",
            source = "监督检查",
            party = new { kind = "Organisation", name = "安和县鲜丰农贸有限公司", creditCode = "91360736MA35R8QX11", representative = "王建华", address = "安和县城关镇人民路168号" },
            occurredOn = DateTime.UtcNow.AddHours(8).AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            officerIds = new[] { mine, ids.First(i => i != mine) },
        }, ct);
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync(ct));
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        var page = await officer.GetStringAsync($"/workbench/cases/{id}", ct);
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        var video = new GeneratedContent(Size, seed: 7);
        video.Headers.Remove("X-File-Name");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("执法记录仪录像"), "title" },
            { new StringContent("Video"), "kind" },
            { new StringContent("安和县城关镇人民路168号店内"), "place" },
            { new StringContent("现场检查全过程"), "proves" },
        };
        upload.Add(video, "file", "body-camera.mp4");
        var response = await officer.PostAsync($"/workbench/cases/{id}/evidence", upload, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} {Regex.Match(body, "<ul>.*?</ul>", RegexOptions.Singleline).Value}\n{app.Output[^Math.Min(app.Output.Length, 2000)..]}");

        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", ct);
        var evidence = detail.GetProperty("evidence").EnumerateArray().Single();
        Assert.Equal(video.Sha256, evidence.GetProperty("sha256").GetString());
        Assert.Equal(Size, evidence.GetProperty("size").GetInt64());
        Assert.Equal("Video", evidence.GetProperty("kind").GetString());
        Assert.Empty(Directory.EnumerateFiles(app.IncomingDirectory));
    }

    [GeneratedRegex("name=\"OfficerIds\" value=\"([0-9a-f-]{36})\"( checked)?")]
    private static partial Regex OfficerBox();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
