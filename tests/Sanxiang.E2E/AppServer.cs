using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sanxiang.E2E;

/// <summary>
/// The real Sanxiang.Web, built by the ordinary build, run as a child process (`dotnet Sanxiang.Web.dll`)
/// on a free loopback port with a throw-away SQLite database and data directory, seeded with the demo county.
/// </summary>
public sealed class AppServer : IDisposable
{
    // Start-up seeds the demo county (about fifty cases driven through their steps, each decision with its sealed PDF):
    // some 20 s on an idle 2-CPU machine, several times that when the machine is shared with other builds.
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(240);

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock outputLock = new();

    private AppServer(Process process, Uri baseAddress, string dataDirectory)
    {
        this.process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>What the server has written to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (outputLock)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the server and waits until GET /healthz answers 200. Retries on a port lost to a race.</summary>
    public static async Task<AppServer> StartAsync(string repositoryRoot, string configuration, string demoPassword)
    {
        var binDirectory = Path.Combine(repositoryRoot, "src", "Sanxiang.Web", "bin", configuration, "net10.0");
        var webDll = Path.Combine(binDirectory, "Sanxiang.Web.dll");
        if (!File.Exists(webDll))
        {
            throw new InvalidOperationException($"Sanxiang.Web.dll not found at {webDll}: build the solution ({configuration}) first.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var dataDirectory = Directory.CreateTempSubdirectory("sanxiang-e2e-").FullName;
            var server = Launch(repositoryRoot, binDirectory, webDll, dataDirectory, demoPassword);
            try
            {
                await server.WaitUntilHealthyAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                server.Dispose();
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    private static AppServer Launch(string repositoryRoot, string binDirectory, string webDll, string dataDirectory, string demoPassword)
    {
        var port = FreeLoopbackPort();
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var startInfo = new ProcessStartInfo(File.Exists(hostPath) ? hostPath : "dotnet")
        {
            WorkingDirectory = binDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(webDll);

        // Nothing from the caller's environment may redirect the server (another URL, database, environment, seed).
        var inherited = startInfo.Environment.Keys
            .Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("Demo__", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("Security__", StringComparison.OrdinalIgnoreCase))
            .ToList();
        foreach (var key in inherited)
        {
            startInfo.Environment.Remove(key);
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // The build output has no wwwroot (only `dotnet publish` copies it, and the static-web-assets manifest is
        // honoured in Development only), so without this the stylesheet and emblem would be 404 under Testing.
        startInfo.Environment["ASPNETCORE_WEBROOT"] = Path.Combine(repositoryRoot, "src", "Sanxiang.Web", "wwwroot");
        startInfo.Environment["Database__Provider"] = "Sqlite";
        startInfo.Environment["ConnectionStrings__Sanxiang"] = $"Data Source={Path.Combine(dataDirectory, "e2e.db")}";
        startInfo.Environment["Storage__DataDirectory"] = dataDirectory;
        startInfo.Environment["Demo__Seed"] = "true";
        startInfo.Environment["Demo__Password"] = demoPassword;
        // Every browser test signs in from 127.0.0.1 (the case test alone as six people): the per-address sign-in limit,
        // tested in Web.Tests, would otherwise refuse them when tests run side by side.
        startInfo.Environment["Security__SignInAttemptsPerMinute"] = "1000";
        startInfo.Environment["Security__PublicSearchesPerMinute"] = "1000";
        startInfo.Environment["Security__OpenDataDownloadsPerMinute"] = "1000";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var server = new AppServer(process, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            TryDeleteDirectory(dataDirectory);
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (outputLock)
        {
            // Bounded: a chatty server must not eat the test host's memory.
            if (output.Length < 1_000_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var lastProblem = "no answer yet";
        while (clock.Elapsed < StartupTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Sanxiang.Web exited with code {process.ExitCode} before /healthz answered.\n--- server output ---\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"/healthz answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException)
            {
                lastProblem = "/healthz timed out";
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException(
            $"Sanxiang.Web did not answer GET /healthz with 200 within {StartupTimeout.TotalSeconds:0} s ({lastProblem}).\n--- server output ---\n{Output}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(15));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }

        process.Dispose();
        TryDeleteDirectory(DataDirectory);
    }

    private static void TryDeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
