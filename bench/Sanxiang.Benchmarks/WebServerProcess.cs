using System.Diagnostics;
using System.Net;

namespace Sanxiang.Benchmarks;

/// <summary>
/// The platform's own server (<c>Sanxiang.Web.dll</c>, Release) as a child process on a free loopback port, Testing
/// environment, demo county seeded with <paramref name="password"/>, logging at Warning; ready once <c>/healthz</c>
/// answers. The harnesses that measure over HTTP share it. Disposing kills the process tree.
/// </summary>
internal sealed class WebServerProcess : IDisposable
{
    private WebServerProcess(Process process, Uri address, TimeSpan ready) => (Process, Address, Ready) = (process, address, ready);

    public Process Process { get; }
    public Uri Address { get; }

    /// <summary>How long the server took from start to its first healthy answer.</summary>
    public TimeSpan Ready { get; }

    public static async Task<WebServerProcess> StartAsync(string web, string data, string password, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout)
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(web)!, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(web);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__DataDirectory"] = data;
        start.Environment["Demo__Seed"] = "true";
        start.Environment["Demo__Password"] = password;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("server: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var probeClient = new HttpClient { BaseAddress = address };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"server exited with {process.ExitCode}");
            }

            try
            {
                if ((await probeClient.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return new WebServerProcess(process, address, clock.Elapsed);
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < timeout)
            {
            }

            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }
}
