namespace Sanxiang.Core.Documents;

/// <summary>
/// A document as its template lays it out, before it is rendered to DOCX or PDF: the two renderers draw the same blocks,
/// so the Word file and the printed PDF say the same thing.
/// </summary>
/// <param name="AgencyName">The issuing agency's full name, printed above the title (文书抬头).</param>
/// <param name="Title">The document's title, e.g. 行政处罚决定书.</param>
/// <param name="Number">The document number (文书字号), e.g. 安市监罚〔2026〕15号.</param>
/// <param name="Blocks">The body, in order.</param>
/// <param name="Seal">The agency's name and the date at the end (落款), where the seal goes; null for internal forms.</param>
public sealed record DocumentContent(string AgencyName, string Title, string Number, IReadOnlyList<DocumentBlock> Blocks, SealBlock? Seal)
{
    /// <summary>All the text of the document in reading order (for tests and for a plain-text view).</summary>
    public IEnumerable<string> Text()
    {
        yield return AgencyName;
        yield return Title;
        yield return Number;
        foreach (var block in Blocks)
        {
            foreach (var text in block.AllText())
            {
                yield return text;
            }
        }

        if (Seal is not null)
        {
            yield return Seal.AgencyName;
            yield return Seal.DateText;
        }
    }
}

/// <summary>One part of a document's body.</summary>
public abstract record DocumentBlock
{
    public abstract IEnumerable<string> AllText();
}

/// <summary>
/// A paragraph of running text. <paramref name="Indent"/>: the first line is indented by two characters, as official
/// documents are; salutations (当事人名称：) and list lines are not.
/// </summary>
public sealed record ParagraphBlock(string Text, bool Indent = true, bool Bold = false) : DocumentBlock
{
    public override IEnumerable<string> AllText() => [Text];
}

/// <summary>Labelled values, one per line, without a frame: 当事人：…… 统一社会信用代码：……</summary>
public sealed record FieldsBlock(IReadOnlyList<DocumentField> Fields) : DocumentBlock
{
    public override IEnumerable<string> AllText() => Fields.SelectMany(f => new[] { f.Label, f.Value });
}

public sealed record DocumentField(string Label, string Value);

/// <summary>
/// A form in a framed grid (审批表, 送达回证, 结案报告): each row holds one or two labelled cells; a row whose value is
/// long spans the width.
/// </summary>
public sealed record GridBlock(IReadOnlyList<GridRow> Rows) : DocumentBlock
{
    public override IEnumerable<string> AllText() => Rows.SelectMany(r => r.Cells.SelectMany(c => new[] { c.Label, c.Value }));
}

public sealed record GridRow(IReadOnlyList<DocumentField> Cells, bool Tall = false)
{
    public static GridRow One(string label, string value, bool tall = false) => new([new DocumentField(label, value)], tall);

    public static GridRow Two(string label1, string value1, string label2, string value2) =>
        new([new DocumentField(label1, value1), new DocumentField(label2, value2)]);
}

/// <summary>A table with a header row (证据清单, 先行登记保存物品清单).</summary>
public sealed record TableBlock(string? Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : DocumentBlock
{
    public override IEnumerable<string> AllText() => [.. (Caption is null ? [] : new[] { Caption }), .. Header, .. Rows.SelectMany(r => r)];
}

/// <summary>Lines where people sign by hand on the printed copy: 被询问人（签名）：　　　　年　月　日</summary>
public sealed record SignatureBlock(IReadOnlyList<string> Lines) : DocumentBlock
{
    public override IEnumerable<string> AllText() => Lines;
}

/// <summary>The closing of a document addressed to the party: the agency's name, 印章, and the date in Chinese.</summary>
public sealed record SealBlock(string AgencyName, DateOnly Date)
{
    public string DateText => DocumentDates.Chinese(Date);
}

public static class DocumentDates
{
    /// <summary>2026年11月27日 — Arabic figures, as GB/T 9704-2012 (7.3.5.1) prescribes for the date of issue.</summary>
    public static string Chinese(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>2026年11月27日9时30分, in China Standard Time.</summary>
    public static string Chinese(DateTimeOffset instant)
    {
        var t = ChinaTime.ToChina(instant);
        return $"{t.Year}年{t.Month}月{t.Day}日{t.Hour}时{t.Minute:00}分";
    }
}
