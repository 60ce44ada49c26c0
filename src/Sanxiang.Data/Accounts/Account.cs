using Microsoft.AspNetCore.Identity;

namespace Sanxiang.Data.Accounts;

/// <summary>An internal account. Every account belongs to one agency (DOMAIN.md "Who uses it").</summary>
public sealed class Account : IdentityUser<Guid>
{
    public Guid AgencyId { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>The registry entry of the person, when the account holder is an enforcement officer.</summary>
    public Guid? OfficerId { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }
    public bool Disabled { get; set; }
}
