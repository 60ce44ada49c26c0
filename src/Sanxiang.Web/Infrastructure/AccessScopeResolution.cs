using System.Security.Claims;
using Sanxiang.Core.Accounts;
using Sanxiang.Data.Access;

namespace Sanxiang.Web.Infrastructure;

/// <summary>
/// Builds the data-access scope of the current request from the signed-in account's claims. Code that runs outside a
/// request (start-up, seeding) sets <see cref="Override"/> explicitly before it resolves a DbContext.
/// </summary>
public sealed class HttpAccessScopeProvider(IHttpContextAccessor http) : IAccessScopeProvider
{
    public AccessScope? Override { get; set; }

    public AccessScope Current => Override ?? FromUser(http.HttpContext?.User);

    public static AccessScope FromUser(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(SanxiangClaims.AgencyId), out var agencyId))
        {
            return AccessScope.Nobody;
        }

        return user.IsInRole(Roles.Supervisor) ? AccessScope.County(agencyId) : AccessScope.Agency(agencyId);
    }
}

public static class SanxiangClaims
{
    public const string AgencyId = "sx:agency";
    public const string AgencyName = "sx:agency_name";
    public const string DisplayName = "sx:display_name";

    /// <summary>The officer (执法人员) the account is, when it is one: case handling checks who acted on a case by it.</summary>
    public const string OfficerId = "sx:officer";

    /// <summary>Present while an account that must use two-factor sign-in has not yet enrolled.</summary>
    public const string TwoFactorEnrolmentPending = "sx:2fa_pending";

    public static Guid? Officer(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(OfficerId), out var id) ? id : null;

    public static Guid? Agency(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(AgencyId), out var id) ? id : null;
}
