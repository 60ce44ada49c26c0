using System.IO.Compression;
using Sanxiang.Core.Archive;

namespace Sanxiang.Core.Tests.Archive;

/// <summary>
/// Every bag of the Library of Congress BagIt conformance suite (Archive/bagit-conformance-suite, see its SOURCE.md):
/// valid/ passes, warning/ passes with at least one warning, invalid/, linux-only/ and windows-only/ fail.
/// </summary>
public sealed class BagItConformanceTests
{
    public static readonly string SuiteRoot = Path.Combine(AppContext.BaseDirectory, "Archive", "bagit-conformance-suite");

    public static TheoryData<string, string> Bags()
    {
        var data = new TheoryData<string, string>();
        foreach (var versionDir in Directory.GetDirectories(SuiteRoot).Order(StringComparer.Ordinal))
        {
            foreach (var kindDir in Directory.GetDirectories(versionDir).Order(StringComparer.Ordinal))
            {
                foreach (var bag in Directory.GetDirectories(kindDir).Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetFileName(kindDir), Path.GetRelativePath(SuiteRoot, bag).Replace('\\', '/'));
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_suite_is_all_there()
    {
        // 60 bags at 9ab48705: a checkout that lost some (a .gitignore, a filter) must not pass by running fewer.
        Assert.Equal(60, Bags().Count);
        Assert.True(File.Exists(Path.Combine(SuiteRoot, "v0.97", "warning", "special-system-files", "data", ".DS_Store")));
    }

    [Theory]
    [MemberData(nameof(Bags))]
    public void Bag_validates_as_the_suite_expects(string kind, string bag)
    {
        using var source = BagSource.Open(Path.Combine(SuiteRoot, bag));
        var result = BagValidator.Validate(source);
        var report = string.Join("\n", result.Issues.Select(i => $"{i.Severity} {i.Code} {i.Message}"));
        switch (kind)
        {
            case "valid":
                Assert.True(result.IsValid, $"{bag} 应通过：\n{report}");
                break;
            case "warning":
                Assert.True(result.IsValid, $"{bag} 应通过：\n{report}");
                Assert.NotEmpty(result.Warnings);
                break;
            case "invalid" or "linux-only" or "windows-only":
                Assert.False(result.IsValid, $"{bag} 应不通过：\n{report}");
                Assert.Contains(result.Errors, e => e.Code == ExpectedError(bag));
                break;
            default:
                Assert.Fail($"未知的类别 {kind}");
                break;
        }
    }

    /// <summary>The rule each invalid bag is there to test: failing for another reason would be passing by luck.</summary>
    private static string ExpectedError(string bag) => bag.Split('/')[^1] switch
    {
        "baginfo-missing-encoding" or "invalid-version-number" or "bagit-with-invalid-whitespace" => BagValidator.BagitFormat,
        "bom-in-bagit.txt" => BagValidator.BagitBom,
        "corrupt-data-file" => BagValidator.PayloadDigestMismatch,
        "corrupt-tag-file" => BagValidator.TagDigestMismatch,
        "extra-file-in-bag" or "notAllManifestsListAllFiles" => BagValidator.PayloadNotInManifest,
        "missing-baginfo" => BagValidator.TagFileMissing,
        "missing-bagit.txt" => BagValidator.BagitMissing,
        "same-filename-listed-twice-with-different-hashes" or "same-filename-listed-twice-with-the-same-hash" => BagValidator.ManifestDuplicate,
        var name when name.EndsWith("-for-fetch", StringComparison.Ordinal) => BagValidator.FetchPathUnsafe,
        var name when name.StartsWith("out-of-scope", StringComparison.Ordinal) => BagValidator.ManifestPathUnsafe,
        var name => throw new InvalidOperationException($"没有为 {name} 写明预期的错误。"),
    };

    [Fact]
    public void Zipped_bags_validate_like_folders()
    {
        foreach (var bag in new[] { "v1.0/valid/basicBag", "v0.97/invalid/corrupt-data-file" })
        {
            var folder = Path.Combine(SuiteRoot, bag);
            using var zipStream = new MemoryStream();
            using (var zip = new System.IO.Compression.ZipArchive(zipStream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
                {
                    zip.CreateEntryFromFile(file, "bag/" + Path.GetRelativePath(folder, file).Replace('\\', '/'));
                }
            }

            zipStream.Position = 0;
            using var zipped = new ZipBagSource(zipStream, leaveOpen: true, "bag.zip");
            using var plain = BagSource.Open(folder);
            Assert.Equal(BagValidator.Validate(plain).Issues.Select(i => i.Code), BagValidator.Validate(zipped).Issues.Select(i => i.Code));
        }
    }
}
