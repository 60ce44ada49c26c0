using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Sanxiang.Web.Tests.Infrastructure;

/// <summary>Settings that need a host of their own: Production start-up and the sign-in rate limit.</summary>
public sealed class HostSettingsTests
{
    private static async Task<(WebApplicationFactory<Program> Factory, string File)> StartAsync(string environment, params (string Key, string Value)[] settings)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sanxiang-host-{Guid.NewGuid():N}.db");
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Sanxiang", $"Data Source={file}");
            b.UseSetting("Storage:DataDirectory", file + ".data");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        _ = factory.Server;
        await Task.CompletedTask;
        return (factory, file);
    }

    private static async Task StopAsync(WebApplicationFactory<Program> factory, string file)
    {
        await factory.DisposeAsync();
        SqliteApp.Delete(file);

        if (Directory.Exists(file + ".data"))
        {
            Directory.Delete(file + ".data", recursive: true);
        }
    }

    [Fact]
    public async Task A_production_start_migrates_but_never_creates_demo_data_or_accounts()
    {
        var (factory, file) = await StartAsync("Production");
        try
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync();
            foreach (var table in new[] { "Agencies", "Officers", "AspNetUsers" })
            {
                await using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM {table}";
                Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
            }

            await using var roles = connection.CreateCommand();
            roles.CommandText = "SELECT COUNT(*) FROM AspNetRoles";
            Assert.Equal(9L, (long)(await roles.ExecuteScalarAsync())!);
        }
        finally
        {
            await StopAsync(factory, file);
        }
    }

    [Fact]
    public async Task Production_refuses_to_start_when_told_to_seed_the_demo()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sanxiang-host-{Guid.NewGuid():N}.db");
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Sanxiang", $"Data Source={file}");
            b.UseSetting("Storage:DataDirectory", file + ".data");
            b.UseSetting("Demo:Seed", "true");
        });
        var e = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("生产环境不得创建演示数据", e.ToString(), StringComparison.Ordinal);
        await factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(file);
        if (Directory.Exists(file + ".data"))
        {
            Directory.Delete(file + ".data", recursive: true);
        }
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_in_Chinese()
    {
        var (factory, file) = await StartAsync("Testing", ("Security:SignInAttemptsPerMinute", "3"));
        try
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                var response = await SanxiangApp.PostFormAsync(client, "/account/signin", new() { ["UserName"] = "nobody", ["Password"] = "Wrong!password1" });
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.Contains("登录尝试过于频繁", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                    Assert.Equal("60", response.Headers.RetryAfter?.ToString());
                }
            }

            Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        }
        finally
        {
            await StopAsync(factory, file);
        }
    }

    [Fact]
    public async Task Certificate_look_ups_beyond_the_limit_get_429_in_Chinese_against_enumeration()
    {
        var (factory, file) = await StartAsync("Testing", ("Security:CertificateLookupsPerMinute", "3"));
        try
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                statuses.Add((await client.GetAsync($"/verify/certificate/3607360100{i}")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
            Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
            var again = await client.GetAsync("/api/v1/registry/certificates/36073601006");
            Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
            Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
            Assert.Contains("核验执法证件的次数过多", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            // The rest of the portal is not limited.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lists/items")).StatusCode);
        }
        finally
        {
            await StopAsync(factory, file);
        }
    }

    [Fact]
    public async Task Public_searches_and_open_data_downloads_beyond_their_limits_get_429_in_Chinese_and_entry_pages_do_not_count()
    {
        var (factory, file) = await StartAsync("Testing", ("Security:PublicSearchesPerMinute", "3"), ("Security:OpenDataDownloadsPerMinute", "2"));
        try
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            // The empty form is not a search; three searches pass, over the page and the API together; the fourth is refused.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/decisions")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/decisions?q=" + Uri.EscapeDataString("食品安全"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/public/decisions?party=" + Uri.EscapeDataString("超市"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/decisions?page=1")).StatusCode);
            var page = await client.GetAsync("/decisions?q=" + Uri.EscapeDataString("餐饮"));
            Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
            Assert.Equal("60", page.Headers.RetryAfter?.ToString());
            Assert.Contains("检索执法决定超过 3 次", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var api = await client.GetAsync("/api/v1/public/decisions?q=" + Uri.EscapeDataString("餐饮"));
            Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
            using (var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()))
            {
                Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
                Assert.Contains("请一分钟后再试", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            // An entry's own page and the empty form still answer: they are not searches.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/decisions")).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/public/decisions/1")).StatusCode);

            // Downloads have their own allowance: two pass, the third (a feed) is refused.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/public/open-data/decisions.json")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/public/double-publicity/penalties.csv")).StatusCode);
            var feed = await client.GetAsync("/feeds/decisions.atom");
            Assert.Equal(HttpStatusCode.TooManyRequests, feed.StatusCode);
            Assert.Contains("下载开放数据、抽查数据或订阅源超过 2 次", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // The random-inspection data and draw checks share that allowance; the plan list page does not count.
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/public/inspection/plans")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/inspections/statistics")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync($"/inspections/{Guid.NewGuid()}/verify")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inspections")).StatusCode);
        }
        finally
        {
            await StopAsync(factory, file);
        }
    }
}
