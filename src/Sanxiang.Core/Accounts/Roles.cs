namespace Sanxiang.Core.Accounts;

/// <summary>
/// The roles of the platform (DOMAIN.md "Who uses it") and the administrator's duties split three ways
/// (三员分立, as classified-protection level 3 expects).
/// </summary>
public static class Roles
{
    public const string Officer = "Officer";
    public const string UnitHead = "UnitHead";
    public const string Reviewer = "Reviewer";
    public const string AgencyHead = "AgencyHead";
    public const string PublicityClerk = "PublicityClerk";
    public const string Supervisor = "Supervisor";
    public const string SystemAdministrator = "SystemAdministrator";
    public const string SecurityAdministrator = "SecurityAdministrator";
    public const string AuditAdministrator = "AuditAdministrator";

    public static readonly IReadOnlyList<string> All =
    [
        Officer, UnitHead, Reviewer, AgencyHead, PublicityClerk, Supervisor,
        SystemAdministrator, SecurityAdministrator, AuditAdministrator,
    ];

    /// <summary>The three administrator duties: no account may hold two of them.</summary>
    public static readonly IReadOnlyList<string> Administrators = [SystemAdministrator, SecurityAdministrator, AuditAdministrator];

    /// <summary>Roles that must sign in with a second factor by default.</summary>
    public static readonly IReadOnlyList<string> TwoFactorByDefault =
        [Supervisor, SystemAdministrator, SecurityAdministrator, AuditAdministrator];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    public static string Chinese(string role) => role switch
    {
        Officer => "执法人员",
        UnitHead => "承办机构负责人",
        Reviewer => "法制审核人员",
        AgencyHead => "行政机关负责人",
        PublicityClerk => "公示专员",
        Supervisor => "司法行政监督人员",
        SystemAdministrator => "系统管理员",
        SecurityAdministrator => "安全管理员",
        AuditAdministrator => "安全审计员",
        _ => role,
    };

    /// <summary>
    /// Checks a complete set of roles for one account. Returns a Chinese reason when the set breaks a rule, else null.
    /// </summary>
    public static string? CheckRoleSet(IReadOnlyCollection<string> roles)
    {
        foreach (var role in roles)
        {
            if (!IsKnown(role))
            {
                return $"未知角色“{role}”。可用角色：{string.Join("、", All.Select(Chinese))}。";
            }
        }

        var admin = roles.Where(r => Administrators.Contains(r)).Distinct().ToList();
        if (admin.Count > 1)
        {
            return $"三员分立：同一账号不得同时担任{string.Join("和", admin.Select(Chinese))}。";
        }

        if (admin.Count == 1 && roles.Distinct().Count() > 1)
        {
            return $"三员分立：{Chinese(admin[0])}账号不得兼任业务角色（{string.Join("、", roles.Where(r => r != admin[0]).Select(Chinese))}）。";
        }

        return null;
    }
}
