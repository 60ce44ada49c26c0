using System.Buffers.Binary;

namespace Sanxiang.Core.Documents;

/// <summary>
/// One face out of a font file, as a standalone TrueType font that PDFsharp can embed. PDFsharp reads TrueType outlines
/// (the <c>glyf</c> table) only: OpenType fonts with CFF outlines (Noto Sans CJK, Source Han) are refused here with a
/// reason rather than producing a PDF without text. A TrueType collection (.ttc) holds several faces sharing tables;
/// the chosen face's tables are copied into a file of their own.
/// </summary>
public static class TrueTypeFace
{
    /// <summary>The face at <paramref name="index"/> as a standalone .ttf, or null with the reason it cannot be used.</summary>
    public static byte[]? Extract(ReadOnlySpan<byte> file, int index, out string? problem)
    {
        problem = null;
        try
        {
            var offset = 0;
            if (file.Length >= 12 && file[..4].SequenceEqual("ttcf"u8))
            {
                var count = BinaryPrimitives.ReadUInt32BigEndian(file[8..]);
                if (index < 0 || index >= count)
                {
                    problem = $"字体集合中只有 {count} 个字形（索引 {index} 超出范围）。";
                    return null;
                }

                offset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(file[(12 + 4 * index)..]));
            }
            else if (index != 0)
            {
                problem = "单个字体文件只有一个字形（索引应为 0）。";
                return null;
            }

            var version = BinaryPrimitives.ReadUInt32BigEndian(file[offset..]);
            var tables = BinaryPrimitives.ReadUInt16BigEndian(file[(offset + 4)..]);
            var records = new List<(uint Tag, uint Checksum, int Offset, int Length)>(tables);
            for (var t = 0; t < tables; t++)
            {
                var r = file[(offset + 12 + 16 * t)..];
                records.Add((BinaryPrimitives.ReadUInt32BigEndian(r), BinaryPrimitives.ReadUInt32BigEndian(r[4..]),
                    checked((int)BinaryPrimitives.ReadUInt32BigEndian(r[8..])), checked((int)BinaryPrimitives.ReadUInt32BigEndian(r[12..]))));
            }

            if (version == 0x4F54544F || records.Any(r => r.Tag == Tag("CFF ") || r.Tag == Tag("CFF2")))
            {
                problem = "该字体的字形为 CFF（PostScript）轮廓，PDFsharp 只能嵌入 TrueType（glyf）轮廓的字体。";
                return null;
            }

            if (!records.Any(r => r.Tag == Tag("glyf")) || !records.Any(r => r.Tag == Tag("cmap")))
            {
                problem = "该文件不是可用的 TrueType 字体（缺少 glyf 或 cmap 表）。";
                return null;
            }

            if (offset == 0)
            {
                return file.ToArray();
            }

            var headerLength = 12 + 16 * records.Count;
            var total = headerLength + records.Sum(r => (r.Length + 3) & ~3);
            var output = new byte[total];
            file.Slice(offset, 12).CopyTo(output);
            var position = headerLength;
            for (var t = 0; t < records.Count; t++)
            {
                var (tag, checksum, from, length) = records[t];
                var record = output.AsSpan(12 + 16 * t);
                BinaryPrimitives.WriteUInt32BigEndian(record, tag);
                BinaryPrimitives.WriteUInt32BigEndian(record[4..], checksum);
                BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)position);
                BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)length);
                file.Slice(from, length).CopyTo(output.AsSpan(position));
                position += (length + 3) & ~3;
            }

            return output;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException or IndexOutOfRangeException)
        {
            problem = "字体文件已损坏或格式不正确。";
            return null;
        }
    }

    private static uint Tag(string tag) => BinaryPrimitives.ReadUInt32BigEndian(System.Text.Encoding.ASCII.GetBytes(tag));
}
