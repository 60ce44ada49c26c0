using System.Text;

namespace Sanxiang.Core.Archive;

/// <summary>
/// File paths as BagIt manifests and fetch.txt write them (RFC 8493 §2.1.3): relative to the bag's base directory, '/'
/// as the separator, and in version 1.0 only CR, LF and '%' percent-encoded (%0D, %0A, %25). Earlier versions had no
/// encoding, so "data/%7Etest1.txt" there is a file of that very name.
/// </summary>
public static class BagPath
{
    /// <summary>Percent-encodes CR, LF and '%', and nothing else, as version 1.0 requires of a writer.</summary>
    public static string Encode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.IndexOfAny(['%', '\r', '\n']) < 0)
        {
            return path;
        }

        var s = new StringBuilder(path.Length + 8);
        foreach (var c in path)
        {
            s.Append(c switch
            {
                '%' => "%25",
                '\r' => "%0D",
                '\n' => "%0A",
                _ => c.ToString(),
            });
        }

        return s.ToString();
    }

    /// <summary>
    /// Undoes <see cref="Encode"/> (hex digits in either case). Any other '%' sequence is left as it is: the RFC only
    /// defines these three, and a 0.97 bag may well hold a file called "%test2.txt".
    /// </summary>
    public static string Decode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.Contains('%', StringComparison.Ordinal))
        {
            return path;
        }

        var s = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '%' && i + 2 < path.Length)
            {
                var code = path.AsSpan(i + 1, 2);
                char? decoded = code switch
                {
                    "25" => '%',
                    "0D" or "0d" => '\r',
                    "0A" or "0a" => '\n',
                    _ => null,
                };
                if (decoded is { } d)
                {
                    s.Append(d);
                    i += 2;
                    continue;
                }
            }

            s.Append(path[i]);
        }

        return s.ToString();
    }

    /// <summary>
    /// Why a path taken from a manifest or fetch.txt may not be used, in Chinese, or null when it is a plain relative
    /// path inside the bag. Refused on every platform, whatever the platform it was written for: absolute paths ("/tmp",
    /// "C:\", UNC "\\server"), the backslash, home-directory shortcuts ("~", "~root"), "." and ".." segments, empty
    /// segments and control characters other than CR and LF (which version 1.0 can encode).
    /// </summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
        {
            return "路径为空";
        }

        if (path[0] == '/')
        {
            return "是绝对路径";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "含反斜杠“\\”（Windows 路径或 UNC 路径；BagIt 只用“/”分隔）";
        }

        if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
        {
            return "以盘符开头（Windows 绝对路径）";
        }

        if (path[0] == '~')
        {
            return "以“~”开头（用户主目录的简写，指向包外）";
        }

        foreach (var c in path)
        {
            if (char.IsControl(c) && c is not '\r' and not '\n')
            {
                return $"含控制字符 U+{(int)c:X4}";
            }
        }

        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "..":
                    return "含“..”（指向上一级目录，可能逃出包外）";
                case ".":
                    return "含“.”路径段";
                case "":
                    return "含空路径段（“//”或以“/”结尾）";
            }
        }

        return null;
    }
}
