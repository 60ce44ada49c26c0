using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Evidence;

/// <summary>
/// The real Sanxiang.Web on Kestrel, as a child process (<c>dotnet Sanxiang.Web.dll</c> from this test's output folder)
/// on a free loopback port, with its own data folder and database: what the in-memory test server cannot show —
/// a socket cut half-way, and the server process's own peak memory (VmHWM in /proc/PID/status).
/// </summary>
public abstract class KestrelApp : IAsyncLifetime
{
    private Process? _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private string? _admin;
    private string? _database;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("sanxiang-kestrel-").FullName;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public string Password { get; } = "Kk!" + Guid.NewGuid().ToString("N")[..14] + "9aZ";

    public abstract string Provider { get; }

    public string? ConnectionString { get; private set; }

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The server is not running.");

    /// <summary>Evidence:MaxFileBytes of this server.</summary>
    public const long MaxFileBytes = 3L * 1024 * 1024 * 1024;

    /// <summary>Evidence:IdleTimeoutSeconds of this server: short, so that a stalled upload is given up within the test.</summary>
    public const int IdleTimeoutSeconds = 3;

    public string IncomingDirectory => Path.Combine(DataDirectory, "blobs", "incoming");

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        if (ConnectionString is null)
        {
            return;
        }

        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(File.Exists(hostPath) ? hostPath : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sanxiang.Web.dll"));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Database__Provider"] = Provider;
        start.Environment["ConnectionStrings__Sanxiang"] = ConnectionString;
        start.Environment["Storage__DataDirectory"] = DataDirectory;
        start.Environment["Demo__Seed"] = "true";
        start.Environment["Demo__Password"] = Password;
        start.Environment["Evidence__MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Evidence__IdleTimeoutSeconds"] = IdleTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_NOLOGO"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Sanxiang.Web exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(180))
            {
                throw new InvalidOperationException($"Sanxiang.Web did not answer /healthz within 180 s:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    public void RequireAvailable()
    {
        if (ConnectionString is not null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true 但未配置 SANXIANG_TEST_POSTGRES");
        }

        Assert.Skip($"未配置 SANXIANG_TEST_POSTGRES，跳过 {Provider} 测试");
    }

    /// <summary>A client signed in through the real sign-in page; its cookies are in <paramref name="cookies"/>.</summary>
    public async Task<HttpClient> SignInAsync(string userName, CookieContainer cookies)
    {
        RequireAvailable();
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };
        var response = await SanxiangApp.PostFormAsync(client, "/account/signin", new() { ["UserName"] = userName, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Rows in the Blobs table, read straight from the server's database.</summary>
    public async Task<long> BlobRowsAsync()
    {
        await using DbConnection connection = Provider == "Sqlite" ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Blobs\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A line of /proc/PID/status of the server, in kB (VmHWM: peak resident set; VmRSS: now).</summary>
    public long StatusKb(string field)
    {
        var line = File.ReadLines($"/proc/{ProcessId}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Resets the server's peak RSS to its current RSS (Linux: write 5 to /proc/PID/clear_refs).</summary>
    public bool ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{ProcessId}/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
                }
            }
            catch (InvalidOperationException)
            {
            }

            _process.Dispose();
        }

        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        for (var attempt = 0; attempt < 5 && Directory.Exists(DataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(200);
            }
        }

        GC.SuppressFinalize(this);
    }

    private async Task<string?> CreateDatabaseAsync()
    {
        if (Provider == "Sqlite")
        {
            return $"Data Source={Path.Combine(DataDirectory, "sanxiang.db")}";
        }

        _admin = Environment.GetEnvironmentVariable("SANXIANG_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_admin))
        {
            return null;
        }

        _database = "sanxiang_k_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\" ENCODING 'UTF8'", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class SqliteKestrelApp : KestrelApp
{
    public override string Provider => "Sqlite";
}

public sealed class PostgresKestrelApp : KestrelApp
{
    public override string Provider => "Postgres";
}
