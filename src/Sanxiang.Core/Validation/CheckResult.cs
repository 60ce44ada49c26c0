namespace Sanxiang.Core.Validation;

/// <summary>The outcome of checking an identifier.</summary>
/// <param name="IsValid">Whether it passed every check.</param>
/// <param name="Reason">Null when valid; otherwise, in Chinese, what is wrong and where (position, character, expected check character).</param>
public sealed record CheckResult(bool IsValid, string? Reason)
{
    internal static CheckResult Valid { get; } = new(true, null);

    internal static CheckResult Invalid(string reason) => new(false, reason);
}
