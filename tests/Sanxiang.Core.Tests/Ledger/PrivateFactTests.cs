using System.Security.Cryptography;
using System.Text;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Tests.Ledger;

public class PrivateFactTests
{
    [Fact]
    public void The_commitment_verifies_the_value_and_nothing_else()
    {
        var fact = PrivateFact.Commit("11010519491231002X");
        Assert.StartsWith("sha256:", fact.Commitment, StringComparison.Ordinal);
        Assert.Equal(32, fact.Salt.Length);
        Assert.True(PrivateFact.Verify("11010519491231002X", fact.Salt, fact.Commitment));
        Assert.True(PrivateFact.Verify(" 11010519491231002X ", fact.Salt, fact.Commitment.ToUpperInvariant().Replace("SHA256:", "sha256:", StringComparison.Ordinal)));
        Assert.False(PrivateFact.Verify("110105194912310029", fact.Salt, fact.Commitment));
        Assert.False(PrivateFact.Verify("11010519491231002X", new byte[32], fact.Commitment));
        Assert.False(PrivateFact.Verify("11010519491231002X", fact.Salt[..16], fact.Commitment));
    }

    [Fact]
    public void The_same_value_gives_unrelated_commitments_so_the_log_cannot_be_searched_for_a_known_ID_number()
    {
        var a = PrivateFact.Commit("张三");
        var b = PrivateFact.Commit("张三");
        Assert.NotEqual(a.Commitment, b.Commitment);
        // Nor is it the plain hash a dictionary attack would look for.
        var plain = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("张三")));
        Assert.NotEqual(plain, a.Commitment);
    }

    [Fact]
    public void The_value_is_normalised_so_composed_and_decomposed_text_commit_alike()
    {
        var composed = "é";
        var decomposed = "e\u0301";
        var fact = PrivateFact.Commit(composed);
        Assert.True(PrivateFact.Verify(decomposed, fact.Salt, fact.Commitment));
    }
}
