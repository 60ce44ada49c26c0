using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Data;
using Sanxiang.Data.Access;
using Sanxiang.Data.Audit;

namespace Sanxiang.Web.Infrastructure;

/// <summary>
/// Writes the security audit log. It uses a DbContext of its own so that an entry is written even when the request's
/// own unit of work failed (an access denied, a refused change).
/// </summary>
public sealed class AuditLog(DbContextOptions<SanxiangDbContext> options, IHttpContextAccessor http, TimeProvider clock, ILogger<AuditLog> logger)
{
    public async Task WriteAsync(string action, AuditResult result, string? target = null, string? detail = null,
        Guid? accountId = null, string? userName = null)
    {
        var context = http.HttpContext;
        var user = context?.User;
        var entry = new AuditEntry
        {
            AtUtc = clock.GetUtcNow(),
            AccountId = accountId ?? (Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null),
            UserName = Truncate(userName ?? user?.Identity?.Name, 256),
            RemoteAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Action = action,
            Target = Truncate(target, 256),
            Result = result,
            Detail = Truncate(detail, 2000),
        };

        await using var db = new SanxiangDbContext(options, new FixedAccessScope(AccessScope.System));
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
        logger.LogInformation("audit {Action} {Result} {User} {Target}", action, result, entry.UserName, entry.Target);
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
