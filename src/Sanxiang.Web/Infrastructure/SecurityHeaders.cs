namespace Sanxiang.Web.Infrastructure;

/// <summary>
/// Security headers on every response. The content security policy allows no inline script and nothing from
/// another origin: every asset is served by the platform itself.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The policy of a response that the platform's own pages may show in a frame (a document's PDF previewed on the case
    /// page): framing by the same origin only, and the browser's PDF viewer (a plugin document) allowed.
    /// </summary>
    public const string SameOriginFramePolicy = "default-src 'none'; object-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private static readonly object SameOriginFraming = new();

    /// <summary>Lets the platform's own pages frame this response (every other response may not be framed at all).</summary>
    public static void AllowSameOriginFraming(HttpContext context) => context.Items[SameOriginFraming] = true;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var framed = context.Items.ContainsKey(SameOriginFraming);
            headers.ContentSecurityPolicy = framed ? SameOriginFramePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = framed ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.User.Identity?.IsAuthenticated == true)
            {
                // Internal pages must not be kept by shared caches or the browser's back button after sign-out.
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next();
    });
}
