using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sanxiang.Data;
using Sanxiang.Data.Access;
using Sanxiang.Web.Infrastructure;

[assembly: AssemblyFixture(typeof(Sanxiang.Web.Tests.Infrastructure.SqliteApp))]
[assembly: AssemblyFixture(typeof(Sanxiang.Web.Tests.Infrastructure.PostgresApp))]

namespace Sanxiang.Web.Tests.Infrastructure;

/// <summary>
/// One platform per database for the whole test run, through the real HTTP pipeline (WebApplicationFactory), seeded with
/// the demo county. Tests create what they change under unique names, so they do not need a reset between them.
/// </summary>
public abstract partial class SanxiangApp : IAsyncLifetime
{
    /// <summary>The password of every demo account in the test hosts (Demo:Password is honoured only in Testing).</summary>
    public static readonly string Password = "Tt!" + Guid.NewGuid().ToString("N")[..14] + "9aZ";

    private WebApplicationFactory<Program>? _factory;
    private string? _unavailable;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sanxiang-tests-" + Guid.NewGuid().ToString("N"));

    public abstract string Provider { get; }

    /// <summary>The platform's data folder (blobs, keys) for this test run.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>Connection string of the database this app uses, or null when the provider is not configured here.</summary>
    public string? ConnectionString { get; private set; }

    protected abstract Task<string?> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        if (ConnectionString is null)
        {
            _unavailable = $"未配置 SANXIANG_TEST_POSTGRES，跳过 {Provider} 测试";
            return;
        }

        Directory.CreateDirectory(_dataDirectory);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", Provider);
            b.UseSetting("ConnectionStrings:Sanxiang", ConnectionString);
            b.UseSetting("Storage:DataDirectory", _dataDirectory);
            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("Demo:Password", Password);
            b.UseSetting("Security:SignInAttemptsPerMinute", "100000");
            b.UseSetting("Security:CertificateLookupsPerMinute", "100000");
            b.UseSetting("Security:PublicSearchesPerMinute", "100000");
            b.UseSetting("Security:OpenDataDownloadsPerMinute", "100000");
            b.UseSetting("Security:MaxUploadBytes", "1048576");
            b.UseSetting("Evidence:MaxFileBytes", "1048576");
            b.UseSetting("Evidence:MaxBytesByKind:Photo", "524288");
            b.UseSetting("Sharing:SafetyMarginSeconds", "1");
        });
        _ = _factory.Server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (ConnectionString is not null)
        {
            await DropDatabaseAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the test where this database is not configured; fails instead in CI, where nothing may be skipped.</summary>
    public void RequireAvailable()
    {
        if (_unavailable is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true 但 " + _unavailable);
        }

        Assert.Skip(_unavailable);
    }

    public HttpClient Client()
    {
        RequireAvailable();
        return _factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <summary>
    /// An anonymous client that the server sees at <paramref name="address"/>, with cookies: for the per-address limits
    /// (each test that files complaints uses its own address, so the shared host's limits hold between tests).
    /// </summary>
    public HttpClient ClientFrom(IPAddress address)
    {
        RequireAvailable();
        var handler = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler
        {
            InnerHandler = _factory!.Server.CreateHandler(ctx => ctx.Connection.RemoteIpAddress = address),
        };
        return new HttpClient(handler) { BaseAddress = _factory.ClientOptions.BaseAddress };
    }

    /// <summary>Signs in through the real sign-in page (anti-forgery token included) and returns the signed-in client.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string? password = null)
    {
        var client = Client();
        var response = await PostFormAsync(client, "/account/signin", new() { ["UserName"] = userName, ["Password"] = password ?? Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{userName} 登录失败：{(int)response.StatusCode}");
        return client;
    }

    /// <summary>Loads the page, takes its anti-forgery token and posts the form (to <paramref name="action"/>, or back to the page).</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? action = null) =>
        PostFormFieldsAsync(client, path, fields, action);

    /// <summary>As <see cref="PostFormAsync"/>, for forms that repeat a field name (check boxes).</summary>
    public static async Task<HttpResponseMessage> PostFormFieldsAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"{path} 页面没有防伪令牌");
        var form = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(action ?? path, new FormUrlEncodedContent(form));
    }

    /// <summary>Runs <paramref name="work"/> with a DbContext of the platform, unrestricted (for arranging and checking data).</summary>
    public async Task<T> WithDbAsync<T>(Func<SanxiangDbContext, IServiceProvider, Task<T>> work)
    {
        RequireAvailable();
        await using var scope = _factory!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HttpAccessScopeProvider>().Override = AccessScope.System;
        return await work(scope.ServiceProvider.GetRequiredService<SanxiangDbContext>(), scope.ServiceProvider);
    }

    /// <summary>Creates an account with the demo password through the platform's own account service.</summary>
    public Task<Guid> CreateAccountAsync(string userName, string agencyCode, params string[] roles) =>
        WithDbAsync(async (_, sp) =>
        {
            var (account, errors) = await sp.GetRequiredService<Sanxiang.Data.Accounts.AccountService>()
                .CreateAsync(userName, "测试账号", agencyCode, roles, Password);
            Assert.Empty(errors);
            return account!.Id;
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class SqliteApp : SanxiangApp
{
    private string? _file;

    public override string Provider => "Sqlite";

    protected override Task<string?> CreateDatabaseAsync()
    {
        _file = Path.Combine(Path.GetTempPath(), $"sanxiang-test-{Guid.NewGuid():N}.db");
        return Task.FromResult<string?>($"Data Source={_file}");
    }

    protected override Task DropDatabaseAsync()
    {
        Delete(_file!);
        return Task.CompletedTask;
    }

    /// <summary>Closes the pooled connections and deletes a SQLite database file with its WAL and shared-memory files.</summary>
    internal static void Delete(string file)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }
    }
}

public sealed class PostgresApp : SanxiangApp
{
    private string? _admin;
    private string? _database;

    public override string Provider => "Postgres";

    protected override async Task<string?> CreateDatabaseAsync()
    {
        _admin = Environment.GetEnvironmentVariable("SANXIANG_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_admin))
        {
            return null;
        }

        _database = "sanxiang_t_" + Guid.NewGuid().ToString("N");
        return await CreateAsync(_admin, _database);
    }

    protected override Task DropDatabaseAsync() => DropAsync(_admin!, _database!);

    /// <summary>Creates database <paramref name="name"/> on the server of <paramref name="admin"/>; returns its connection string.</summary>
    internal static async Task<string> CreateAsync(string admin, string name)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops database <paramref name="name"/>, closing its connections.</summary>
    internal static async Task DropAsync(string admin, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
