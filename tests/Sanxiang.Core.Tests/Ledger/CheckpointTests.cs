using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Tests.Ledger;

public sealed class CheckpointTests
{
    [Fact]
    public void Body_is_origin_size_and_base64_root_each_on_its_line()
    {
        var root = Convert.FromBase64String("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
        var checkpoint = new Checkpoint("example.com/behind-the-sofa", 20852163, root);
        // The example of https://c2sp.org/tlog-checkpoint.
        Assert.Equal("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", checkpoint.Body);
        Assert.Equal(checkpoint, Checkpoint.ParseBody(checkpoint.Body));
        Assert.Equal("x\n0\n" + Convert.ToBase64String(MerkleHash.EmptyRoot) + "\n", new Checkpoint("x", 0, MerkleHash.EmptyRoot).Body);
    }

    [Theory]
    [InlineData("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=", "换行符结尾")]
    [InlineData("o\n1\n", "三行")]
    [InlineData("\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "来源")]
    [InlineData("o\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "前导零")]
    [InlineData("o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "前导零")]
    [InlineData("o\n+1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "前导零")]
    [InlineData("o\n99999999999999999999\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "前导零")]
    [InlineData("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2=\n", "base64")]
    [InlineData("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n", "base64")]
    [InlineData("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\nextension\n", "扩展行")]
    public void Bad_bodies_are_refused_with_a_Chinese_reason(string body, string reason)
    {
        var e = Assert.Throws<FormatException>(() => Checkpoint.ParseBody(body));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_refuses_what_it_could_not_write()
    {
        Assert.Throws<ArgumentException>(() => new Checkpoint("a\nb", 1, MerkleHash.EmptyRoot));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Checkpoint("a", -1, MerkleHash.EmptyRoot));
        Assert.Throws<ArgumentException>(() => new Checkpoint("a", 1, new byte[31]));
        var ok = new Checkpoint("a", 1, MerkleHash.EmptyRoot);
        Assert.Throws<ArgumentOutOfRangeException>(() => ok with { Size = -1 });
        Assert.Throws<ArgumentException>(() => ok with { Origin = "" });
        Assert.Equal(2, (ok with { Size = 2 }).Size);
    }
}
