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

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
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
