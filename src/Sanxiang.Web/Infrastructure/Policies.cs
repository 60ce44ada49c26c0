namespace Sanxiang.Web.Infrastructure;

public static class Policies
{
    public const string Internal = "internal";
    public const string SystemAdministrator = "system-administrator";
    public const string SecurityAdministrator = "security-administrator";
    public const string AuditAdministrator = "audit-administrator";
}
