using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;

namespace Sanxiang.Web.Areas.Portal.Pages;

/// <summary>A browsable reference drawn server-side from the same OpenAPI document the API serves; no script needed.</summary>
public sealed class ApiDocsModel([FromKeyedServices("v1")] IOpenApiDocumentProvider documents) : PageModel
{
    public sealed record Operation(string Tag, string Method, string Path, string? Summary, bool Public, IReadOnlyList<string> Parameters, IReadOnlyList<string> Responses);

    public string Description { get; private set; } = "";
    public List<Operation> Operations { get; } = [];

    public async Task OnGetAsync()
    {
        var doc = await documents.GetOpenApiDocumentAsync(HttpContext.RequestAborted);
        Description = doc.Info?.Description ?? "";
        foreach (var (path, item) in doc.Paths)
        {
            foreach (var (method, op) in item.Operations ?? [])
            {
                var tag = op.Tags?.FirstOrDefault()?.Name ?? "其他";
                var parameters = (op.Parameters ?? []).Select(p => $"{p.Name}（{(p.In?.ToString() ?? "").ToLowerInvariant()}{(p.Required ? "，必填" : "")}）").ToList();
                if (op.RequestBody?.Content is { Count: > 0 } content)
                {
                    parameters.Add($"请求正文（{string.Join("、", content.Keys)}）");
                }

                var responses = (op.Responses ?? []).Select(r => r.Key).ToList();
                Operations.Add(new Operation(tag, method.ToString().ToUpperInvariant(), path, op.Summary,
                    Public: IsAnonymous(path, method.ToString()), parameters, responses));
            }
        }
    }

    private bool IsAnonymous(string path, string method)
    {
        var sources = HttpContext.RequestServices.GetRequiredService<EndpointDataSource>();
        return sources.Endpoints.OfType<RouteEndpoint>().Any(e =>
            string.Equals(("/" + e.RoutePattern.RawText?.Trim('/')), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase) ?? false)
            && e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null);
    }
}
