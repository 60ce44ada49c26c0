using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Sanxiang.Core.Accounts;

namespace Sanxiang.Web.Sharing;

/// <summary>The services and the authorization policy of data sharing, registered from Program.cs.</summary>
public static class SharingSetup
{
    public static void AddSharing(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SharingSettings>(configuration.GetSection("Sharing"));
        services.AddSingleton<SharingLimits>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, SharingKeyHandler>(SharingKeys.Scheme, null);
    }

    /// <summary>
    /// The export: the provincial platform's key, or a supervisor's sign-in (with its two factors, enforced before this).
    /// The key's scheme comes first, so that its challenge only sets 401 and the cookie's writes the problem after it.
    /// </summary>
    public static void ExportPolicy(AuthorizationPolicyBuilder p)
    {
        ArgumentNullException.ThrowIfNull(p);
        p.AddAuthenticationSchemes(SharingKeys.Scheme, IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx => ctx.User.IsInRole(Roles.Supervisor) || ctx.User.HasClaim(c => c.Type == SharingClaims.ClientId));
    }
}
