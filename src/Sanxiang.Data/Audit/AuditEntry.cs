namespace Sanxiang.Data.Audit;

/// <summary>
/// One line of the security audit log: who, when (UTC), from where, what, result.
/// Append-only for the application: the DbContext refuses updates and deletes, and database triggers
/// (see the migrations) refuse them for anyone who bypasses it.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset AtUtc { get; set; }
    public Guid? AccountId { get; set; }
    public string? UserName { get; set; }
    public string? RemoteAddress { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public AuditResult Result { get; set; }
    public string? Detail { get; set; }
}

public enum AuditResult
{
    Success,
    Failure,
    Denied,
}

public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignInLockedOut = "sign-in-locked-out";
    public const string SignOut = "sign-out";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string AccessDenied = "access-denied";
    public const string RolesChanged = "roles-changed";
    public const string AccountCreated = "account-created";
    public const string AgencyContactsChanged = "agency-contacts-changed";
    public const string CalendarImported = "calendar-imported";
    public const string AccountDisabled = "account-disabled";
    public const string AccountEnabled = "account-enabled";
    public const string AccountUnlocked = "account-unlocked";

    public static string Chinese(string action) => action switch
    {
        SignIn => "登录",
        SignInFailed => "登录失败",
        SignInLockedOut => "账号锁定",
        SignOut => "退出",
        TwoFactorEnabled => "启用双因素认证",
        AccessDenied => "拒绝访问",
        RolesChanged => "权限变更",
        AccountCreated => "创建账号",
        AgencyContactsChanged => "修改联系方式",
        CalendarImported => "导入工作日历",
        AccountDisabled => "停用账号",
        AccountEnabled => "启用账号",
        AccountUnlocked => "解锁账号",
        _ => action,
    };
}
