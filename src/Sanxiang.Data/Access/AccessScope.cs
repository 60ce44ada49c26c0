namespace Sanxiang.Data.Access;

/// <summary>
/// Whose data the current caller may see and change. The DbContext reads it for its query filters and its
/// write check; the web layer builds it from the signed-in account, the CLI uses <see cref="System"/>.
/// </summary>
public sealed record AccessScope(AccessScopeKind Kind, Guid? AgencyId)
{
    /// <summary>Maintenance work (migrations, seeding, the admin command): everything.</summary>
    public static readonly AccessScope System = new(AccessScopeKind.System, null);

    /// <summary>Anonymous visitors: no internal data at all; public pages read explicit public projections.</summary>
    public static readonly AccessScope Nobody = new(AccessScopeKind.Nobody, null);

    public static AccessScope Agency(Guid agencyId) => new(AccessScopeKind.Agency, agencyId);

    /// <summary>The county judicial bureau's supervisors: read the whole county; write only the registry they keep.</summary>
    public static AccessScope County(Guid agencyId) => new(AccessScopeKind.County, agencyId);

    public bool ReadsAllAgencies => Kind is AccessScopeKind.System or AccessScopeKind.County;

    public bool MayWrite(Guid agencyId, bool registryData) => Kind switch
    {
        AccessScopeKind.System => true,
        AccessScopeKind.County => registryData || agencyId == AgencyId,
        AccessScopeKind.Agency => agencyId == AgencyId,
        AccessScopeKind.Nobody => false,
    };
}

public enum AccessScopeKind
{
    Nobody,
    Agency,
    County,
    System,
}

/// <summary>Supplies the scope of the current unit of work (one request, one CLI command).</summary>
public interface IAccessScopeProvider
{
    AccessScope Current { get; }
}

public sealed class FixedAccessScope(AccessScope scope) : IAccessScopeProvider
{
    public AccessScope Current { get; } = scope;
}

/// <summary>A write to another agency's data was attempted. The web layer turns it into 403 and audits it.</summary>
public sealed class AgencyAccessDeniedException(string message) : Exception(message);
