using System.Text;

namespace Sanxiang.E2E;

/// <summary>The test's own authenticator must be right before it is trusted against the server.</summary>
public sealed class TotpTests
{
    [Theory]
    // RFC 6238 Appendix B, SHA-1 seed "12345678901234567890" (8-digit values; the 6-digit code is their last six digits).
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Matches_the_RFC_6238_test_vectors(long unixSeconds, string expected)
    {
        var key = Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal(expected, Totp.Hotp(key, unixSeconds / 30, 8));
        Assert.Equal(expected[2..], Totp.Hotp(key, unixSeconds / 30, 6));
    }

    [Fact]
    public void Decodes_the_grouped_lower_case_key_the_setup_page_shows()
    {
        // "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" is base32 of "12345678901234567890".
        var decoded = Totp.Base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq");
        Assert.Equal("12345678901234567890", Encoding.ASCII.GetString(decoded));
        Assert.Equal("287082", Totp.Compute("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));
    }
}
