using Microsoft.AspNetCore.Identity;

namespace Sanxiang.Data.Accounts;

/// <summary>Identity's messages, in the Chinese a user of the platform reads.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败，请稍后重试。" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用。" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效：只能包含小写字母、数字、点、短横线和下划线。" };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"电子邮箱“{email}”已被使用。" };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"电子邮箱“{email}”格式不正确。" };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 个字符。" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码必须包含数字。" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码必须包含小写字母。" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "密码必须包含大写字母。" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "密码必须包含至少一个符号（如 ! @ # %）。" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少需要 {uniqueChars} 个不同的字符。" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码不正确。" };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"该账号已具有角色“{Core.Accounts.Roles.Chinese(role)}”。" };
    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = $"该账号不具有角色“{Core.Accounts.Roles.Chinese(role)}”。" };
    public override IdentityError InvalidRoleName(string? role) => new() { Code = nameof(InvalidRoleName), Description = $"角色名“{role}”无效。" };
    public override IdentityError DuplicateRoleName(string role) => new() { Code = nameof(DuplicateRoleName), Description = $"角色“{role}”已存在。" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "数据已被他人修改，请刷新后重试。" };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "验证码无效或已过期。" };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "该账号未启用锁定。" };
    public override IdentityError LoginAlreadyAssociated() => new() { Code = nameof(LoginAlreadyAssociated), Description = "该外部登录已关联其他账号。" };
    public override IdentityError RecoveryCodeRedemptionFailed() => new() { Code = nameof(RecoveryCodeRedemptionFailed), Description = "恢复码无效。" };
}
