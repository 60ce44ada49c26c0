using Microsoft.Playwright;

namespace Sanxiang.E2E;

/// <summary>
/// Records what a careful visitor's browser would complain about: console errors (this includes CSP refusals and
/// failed sub-resources), uncaught page errors, `securitypolicyviolation` events, failed requests and HTTP errors.
/// </summary>
public sealed class PageProblems
{
    // Init scripts run through the DevTools protocol, outside the page's CSP, before any page script.
    private const string CspListener = """
        window.__sanxiangCsp = [];
        document.addEventListener('securitypolicyviolation', e => window.__sanxiangCsp.push(
            e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    private readonly List<string> problems = [];
    private readonly Lock gate = new();

    private PageProblems()
    {
    }

    public static async Task<PageProblems> WatchAsync(IPage page)
    {
        var watcher = new PageProblems();
        await page.AddInitScriptAsync(CspListener);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" && (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)))
            {
                watcher.Add($"console {message.Type} on {page.Url}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => watcher.Add($"page error on {page.Url}: {error}");
        page.RequestFailed += (_, request) => watcher.Add($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                watcher.Add($"HTTP {response.Status} for {response.Request.Method} {response.Url}");
            }
        };
        return watcher;
    }

    /// <summary>Collects the CSP violations the page itself saw (call before leaving each page).</summary>
    public async Task CollectCspViolationsAsync(IPage page)
    {
        var violations = await page.EvaluateAsync<string[]>("() => window.__sanxiangCsp ?? []");
        foreach (var violation in violations)
        {
            Add($"CSP violation on {page.Url}: {violation}");
        }
    }

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (gate)
            {
                return [.. problems];
            }
        }
    }

    private void Add(string problem)
    {
        lock (gate)
        {
            problems.Add(problem);
        }
    }
}
