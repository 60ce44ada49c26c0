using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sanxiang.Data;
using Sanxiang.Data.Accounts;

namespace Sanxiang.Web.Infrastructure;

/// <summary>Puts the account's agency, name and two-factor obligation into the sign-in cookie.</summary>
public sealed class AccountClaimsFactory(
    UserManager<Account> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options,
    SanxiangDbContext db,
    IOptions<SecuritySettings> security)
    : UserClaimsPrincipalFactory<Account, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(SanxiangClaims.AgencyId, user.AgencyId.ToString()));
        identity.AddClaim(new Claim(SanxiangClaims.DisplayName, user.DisplayName));
        if (user.OfficerId is { } officer)
        {
            identity.AddClaim(new Claim(SanxiangClaims.OfficerId, officer.ToString()));
        }
        var agencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == user.AgencyId).Select(a => a.Name).FirstOrDefaultAsync();
        identity.AddClaim(new Claim(SanxiangClaims.AgencyName, agencyName ?? ""));

        if (!user.TwoFactorEnabled)
        {
            var accountRoles = await UserManager.GetRolesAsync(user);
            if (accountRoles.Any(security.Value.TwoFactorRoles.Contains))
            {
                identity.AddClaim(new Claim(SanxiangClaims.TwoFactorEnrolmentPending, "1"));
            }
        }

        return identity;
    }
}

/// <summary>Security settings (<c>Security:*</c>).</summary>
public sealed class SecuritySettings
{
    /// <summary>Roles that must sign in with TOTP; by default the supervisors and the three administrators.</summary>
    public HashSet<string> TwoFactorRoles { get; set; } = [.. Core.Accounts.Roles.TwoFactorByDefault];

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Certificate look-ups allowed per client address per minute (against enumerating the certificate numbers).</summary>
    public int CertificateLookupsPerMinute { get; set; } = 30;

    /// <summary>Public decision searches (portal and API) allowed per client address per minute (<see cref="Publication.PublicReadLimits"/>).</summary>
    public int PublicSearchesPerMinute { get; set; } = 60;

    /// <summary>Open-data, 双公示 and feed downloads allowed per client address per minute.</summary>
    public int OpenDataDownloadsPerMinute { get; set; } = 20;

    /// <summary>Largest file accepted by an upload other than evidence, in bytes (evidence files: <c>Evidence:*</c>, <see cref="Evidence.EvidenceSettings"/>).</summary>
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;
}
