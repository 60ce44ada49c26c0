using System.Text;
using Sanxiang.Core.Archive;

namespace Sanxiang.Core.Tests.Archive;

public sealed class BagWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sanxiang-bag-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Names_with_percent_CR_LF_spaces_and_Chinese_are_written_encoded_and_read_back()
    {
        var writer = new BagWriter(new DirectoryBagTarget(_dir));
        string[] names = ["100%.txt", "line\nbreak.txt", "cr\rhere.txt", "现场 照片/说明 1.txt", "%7Eliteral.txt"];
        foreach (var name in names)
        {
            writer.AddPayload(name, Encoding.UTF8.GetBytes(name));
        }

        writer.Finish([("Source-Organization", "安和县\n市场监督管理局")], new DateOnly(2026, 11, 27), "sanxiang-sm3.txt");

        var manifest = File.ReadAllText(Path.Combine(_dir, "manifest-sha256.txt"));
        Assert.Contains("  data/100%25.txt\n", manifest, StringComparison.Ordinal);
        Assert.Contains("  data/line%0Abreak.txt\n", manifest, StringComparison.Ordinal);
        Assert.Contains("  data/cr%0Dhere.txt\n", manifest, StringComparison.Ordinal);
        Assert.Contains("  data/现场 照片/说明 1.txt\n", manifest, StringComparison.Ordinal);
        Assert.Contains("  data/%257Eliteral.txt\n", manifest, StringComparison.Ordinal);
        Assert.Contains("Source-Organization: 安和县 市场监督管理局\n", File.ReadAllText(Path.Combine(_dir, "bag-info.txt")), StringComparison.Ordinal);

        using var source = BagSource.Open(_dir);
        var result = BagValidator.Validate(source);
        Assert.True(result.IsValid, string.Join("\n", result.Issues.Select(i => i.Message)));
        Assert.Empty(result.Issues);
        Assert.Equal(names.Select(n => "data/" + n).Order(StringComparer.Ordinal), result.Manifests["sha256"].Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"{names.Sum(n => Encoding.UTF8.GetByteCount(n))}.5", result.InfoValue("payload-oxum"));
    }

    [Fact]
    public void A_name_that_differs_only_in_case_or_normalisation_is_refused()
    {
        var writer = new BagWriter(new DirectoryBagTarget(_dir));
        writer.AddPayload("Photo.png", [1]);
        Assert.Throws<ArgumentException>(() => writer.AddPayload("photo.PNG", [2]));
        writer.AddPayload("Nu\u0301n\u0303ez", [3]);
        Assert.Throws<ArgumentException>(() => writer.AddPayload("Núñez", [4]));
        Assert.Throws<ArgumentException>(() => writer.AddPayload("../escape", [5]));
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_not_written_into()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "x"), "x");
        Assert.Throws<IOException>(() => new DirectoryBagTarget(_dir));
    }

    [Theory]
    [InlineData("a%25b%0d%0A%7E", "a%b\r\n%7E")]
    [InlineData("%", "%")]
    [InlineData("%2", "%2")]
    [InlineData("%test2.txt", "%test2.txt")]
    public void Only_the_three_encodings_of_RFC_8493_are_decoded(string encoded, string decoded)
    {
        Assert.Equal(decoded, BagPath.Decode(encoded));
        Assert.Equal(decoded, BagPath.Decode(BagPath.Encode(decoded)));
    }

    [Fact]
    public void Continuation_lines_of_bag_info_are_joined_and_labels_are_case_insensitive()
    {
        using var source = BagSource.Open(Path.Combine(BagItConformanceTests.SuiteRoot, "v0.97", "valid", "bag-in-a-bag"));
        var result = BagValidator.Validate(source);
        Assert.Equal("Uncompressed greyscale TIFF images from the Yoshimuri papers collection.", result.InfoValue("external-description"));
    }
}
