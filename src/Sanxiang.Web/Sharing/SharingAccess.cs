using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sanxiang.Data;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Sharing;

/// <summary>Settings of the data-sharing export and import (configuration section <c>Sharing</c>).</summary>
public sealed class SharingSettings
{
    /// <summary>An export's window ends this many seconds before the server's time, so no unit of work still committing is missed.</summary>
    public int SafetyMarginSeconds { get; set; } = 30;

    /// <summary>Exports per client (API key or supervisor account) per hour.</summary>
    public int ExportsPerHour { get; set; } = 60;

    /// <summary>The name of this platform in the manifest (e.g. 安和县行政执法信息平台).</summary>
    public string Origin { get; set; } = "三项制度行政执法信息平台";
}

public static class SharingClaims
{
    /// <summary>The sharing client (<see cref="Sanxiang.Data.Sharing.SharingClient"/>) a request authenticated with a key is.</summary>
    public const string ClientId = "sx:sharing_client";
}

/// <summary>
/// API keys of the sharing clients: <c>sxk_</c>, a 12-character prefix that finds the row, and 43 characters of a
/// 256-bit random secret (base64url). Only the SHA-256 of the whole key is stored.
/// </summary>
public static class SharingKeys
{
    public const string Scheme = "SharingKey";
    public const string Policy = "sharing-export";
    private const string Marker = "sxk_";

    public static (string Key, string Prefix, byte[] Sha256) Create()
    {
        var prefix = Base64Url(RandomNumberGenerator.GetBytes(9));
        var key = Marker + prefix + "_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (key, prefix, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool TryPrefix(string key, out string prefix)
    {
        prefix = "";
        if (key.Length is < 20 or > 80 || !key.StartsWith(Marker, StringComparison.Ordinal) || key[16] != '_')
        {
            return false;
        }

        prefix = key.Substring(Marker.Length, 12);
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Authenticates <c>Authorization: Bearer sxk_…</c> against the active sharing clients. A key that does not match is
/// audited; the challenge only sets 401 and <c>WWW-Authenticate</c> (the cookie scheme after it writes the problem).
/// </summary>
public sealed class SharingKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SanxiangDbContext db, AuditLog audit) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header["Bearer ".Length..].Trim();
        var client = SharingKeys.TryPrefix(key, out var prefix)
            ? await db.SharingClients.AsNoTracking().FirstOrDefaultAsync(c => c.KeyPrefix == prefix, Context.RequestAborted)
            : null;
        if (client is null || !client.IsActive || !CryptographicOperations.FixedTimeEquals(client.KeySha256, SharingKeys.Hash(key)))
        {
            // Never the key itself in the log: only its public prefix.
            await audit.WriteAsync(SharingAudit.KeyRejected, AuditResult.Denied, Request.Path,
                client is { IsActive: false } ? $"已吊销的数据共享密钥（{client.Name}）" : "无效的数据共享密钥", userName: prefix.Length > 0 ? "sxk_" + prefix : null);
            return AuthenticateResult.Fail("数据共享密钥无效或已吊销。");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(SharingClaims.ClientId, client.Id.ToString()),
            new Claim(ClaimTypes.Name, "数据共享客户端：" + client.Name),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"sanxiang-sharing\"";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}

/// <summary>How many exports each client may run per hour (an API key and a supervisor's account each count alone).</summary>
public sealed class SharingLimits(IOptions<SharingSettings> settings, TimeProvider clock) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, settings.Value.ExportsPerHour),
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public TimeProvider Clock { get; } = clock;

    public bool TryAcquire(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

public static class SharingAudit
{
    public const string Export = "sharing-export";
    public const string Import = "sharing-import";
    public const string ClientCreated = "sharing-client-created";
    public const string ClientRevoked = "sharing-client-revoked";
    public const string KeyRejected = "sharing-key-rejected";
}
