using System.Net;
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
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }

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
            Assert.Contains("核验执法证件的次数过多", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // The rest of the portal is not limited.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lists/items")).StatusCode);
        }
        finally
        {
            await StopAsync(factory, file);
        }
    }
}
