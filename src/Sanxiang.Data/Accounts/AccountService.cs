using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;

namespace Sanxiang.Data.Accounts;

/// <summary>Creating accounts and changing their roles: the one place where the role rules (三员分立) are applied.</summary>
public sealed class AccountService(SanxiangDbContext db, UserManager<Account> users, RoleManager<IdentityRole<Guid>> roles, TimeProvider clock)
{
    /// <summary>Makes sure every role of <see cref="Roles.All"/> exists. Safe to run on every start.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"无法创建角色 {role}：{Describe(result)}");
                }
            }
        }
    }

    /// <summary>Creates an account. Returns the Chinese reasons it was refused, or none; nothing is written on refusal.</summary>
    public async Task<(Account? Account, IReadOnlyList<string> Errors)> CreateAsync(
        string userName, string displayName, string agencyCode, IReadOnlyCollection<string> accountRoles, string password, Guid? officerId = null)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add("请填写姓名。");
        }

        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == agencyCode);
        if (agency is null)
        {
            errors.Add($"执法主体代码“{agencyCode}”不存在。");
        }

        if (accountRoles.Count == 0)
        {
            errors.Add("至少需要一个角色。");
        }
        else if (Roles.CheckRoleSet(accountRoles) is { } roleError)
        {
            errors.Add(roleError);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var account = new Account
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            DisplayName = displayName.Trim(),
            AgencyId = agency!.Id,
            OfficerId = officerId,
            CreatedAtUtc = clock.GetUtcNow(),
            LockoutEnabled = true,
        };

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(e => e.Description).ToList());
        }

        var added = await users.AddToRolesAsync(account, accountRoles.Distinct());
        if (!added.Succeeded)
        {
            return (null, added.Errors.Select(e => e.Description).ToList());
        }

        if (tx is not null)
        {
            await tx.CommitAsync();
        }
        return (account, []);
    }

    /// <summary>Replaces an account's roles with <paramref name="newRoles"/>, all or nothing.</summary>
    public async Task<IReadOnlyList<string>> SetRolesAsync(Account account, IReadOnlyCollection<string> newRoles)
    {
        if (newRoles.Count == 0)
        {
            return ["至少需要一个角色。"];
        }

        if (Roles.CheckRoleSet(newRoles) is { } roleError)
        {
            return [roleError];
        }

        var current = await users.GetRolesAsync(account);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var removed = await users.RemoveFromRolesAsync(account, current.Except(newRoles));
        var added = removed.Succeeded ? await users.AddToRolesAsync(account, newRoles.Except(current).Distinct()) : removed;
        if (!added.Succeeded)
        {
            return added.Errors.Select(e => e.Description).ToList();
        }

        if (tx is not null)
        {
            await tx.CommitAsync();
        }
        return [];
    }

    /// <summary>A random password that meets the policy: 20 characters from four classes.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "!@#%^&*-_=+";
        var all = lower + upper + digits + symbols;
        var chars = new char[20];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static string Describe(IdentityResult result) => string.Join("；", result.Errors.Select(e => e.Description));
}
