using System.IO.Compression;
using System.Text;
using Sanxiang.Core.Tabular;

namespace Sanxiang.Core.Tests.Tabular;

/// <summary>
/// Workbooks written part by part as other programs write them, not through the Open XML SDK: the XML of an Excel 365
/// file (default namespace, mc:Ignorable extensions, row spans, phonetic runs, _x000D_ escapes, the Chinese built-in date
/// format 31) and of a minimal generator (no cell references, inline strings). LibreOffice is not installed on these
/// machines, so a file converted by it is not among the tests.
/// </summary>
public sealed class HandWrittenXlsxTests
{
    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
        """;

    private const string RootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """;

    private const string WorkbookRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
        """;

    private const string ExcelWorkbook = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="28127"/><workbookPr defaultThemeVersion="166925"/><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15"><x15ac:absPath url="C:\Users\clerk\Desktop\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent><xr:revisionPtr revIDLastSave="0" documentId="8_{00000000-0000-0000-0000-000000000000}" xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/><bookViews><workbookView xWindow="-110" yWindow="-110" windowWidth="25820" windowHeight="15500" xr2:uid="{00000000-0000-0000-0000-000000000000}"/></bookViews><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>
        """;

    private const string ExcelStyles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><numFmts count="1"><numFmt numFmtId="176" formatCode="[$-F800]dddd\,\ mmmm\ dd\,\ yyyy"/></numFmts><fonts count="1" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf><xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>
        """;

    private static string SharedStrings(params string[] items) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" + items.Length +
        "\" uniqueCount=\"" + items.Length + "\">" + string.Concat(items) + "</sst>";

    private static byte[] Package(string workbook, string styles, string sharedStrings, string sheet)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in new[]
                     {
                         ("[Content_Types].xml", ContentTypes), ("_rels/.rels", RootRels), ("xl/workbook.xml", workbook),
                         ("xl/_rels/workbook.xml.rels", WorkbookRels), ("xl/styles.xml", styles), ("xl/sharedStrings.xml", sharedStrings),
                         ("xl/worksheets/sheet1.xml", sheet),
                     })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
        }

        return stream.ToArray();
    }

    private static string Headers => string.Concat(SampleLayout.Headers.Select(h => "<si><t>" + h + "</t><phoneticPr fontId=\"1\" type=\"noConversion\"/></si>"));

    [Fact]
    public void A_workbook_as_excel_365_saves_it()
    {
        // Shared strings 0-9: the headers. 10: a number; 11: a name with a phonetic run (which must not be read);
        // 12: rich text; 13: 有效; 14: 是; 15: a note with a line break Excel saved as _x000D_\n.
        var strings = SharedStrings(
            Headers,
            "<si><t>FJ-0001</t></si>",
            "<si><t>张三</t><rPh sb=\"0\" eb=\"2\"><t>zhāng sān</t></rPh><phoneticPr fontId=\"1\" type=\"noConversion\"/></si>",
            "<si><r><rPr><b/><sz val=\"11\"/><rFont val=\"等线\"/><charset val=\"134\"/></rPr><t>市场监管</t></r><r><rPr><sz val=\"11\"/><rFont val=\"等线\"/></rPr><t xml:space=\"preserve\">、 食品安全</t></r></si>",
            "<si><t>有效</t></si>",
            "<si><t>是</t></si>",
            "<si><t xml:space=\"preserve\">第一行_x000D_\n第二行</t></si>");
        var headerCells = string.Concat(Enumerable.Range(0, 10).Select(i => $"<c r=\"{XlsxFixture.Letters(i)}1\" t=\"s\"><v>{i}</v></c>"));
        var sheet = $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" xr:uid="{00000000-0001-0000-0000-000000000000}"><dimension ref="A1:J2"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="14" x14ac:dyDescent="0.3"/><cols><col min="1" max="1" width="12.6640625" style="2" customWidth="1"/></cols><sheetData><row r="1" spans="1:10" x14ac:dyDescent="0.3">{headerCells}</row><row r="2" spans="1:10" x14ac:dyDescent="0.3"><c r="A2" s="2" t="s"><v>10</v></c><c r="B2" t="s"><v>11</v></c><c r="C2" t="s"><v>12</v></c><c r="D2" t="s"><v>13</v></c><c r="E2" s="1"><v>45292</v></c><c r="F2" s="3"><v>46022</v></c><c r="G2"><v>5000</v></c><c r="H2"><f>1+2</f><v>3</v></c><c r="I2" t="s"><v>14</v></c><c r="J2" t="s"><v>15</v></c></row><row r="3" spans="1:10" x14ac:dyDescent="0.3"><c r="A3" s="2"/><c r="E3" s="1"/></row></sheetData><phoneticPr fontId="1" type="noConversion"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>
            """;

        var result = SampleLayout.Read(Package(ExcelWorkbook, ExcelStyles, strings, sheet));

        Assert.True(result.IsValid, SampleLayout.Problems(result));
        var row = Assert.Single(result.Rows).Value;
        Assert.Equal("张三", row.Name);
        Assert.Equal(["市场监管", "食品安全"], row.Fields);
        Assert.Equal(new DateOnly(2024, 1, 1), row.ValidFrom); // built-in format 31, yyyy"年"m"月"d"日" in Chinese Excel
        Assert.Equal(new DateOnly(2025, 12, 31), row.ValidTo); // custom [$-F800] long date
        Assert.Equal(500_000, row.MaxFineFen);
        Assert.Equal(3, row.Count);
        Assert.Equal("第一行\n第二行", row.Note);
    }

    [Fact]
    public void A_workbook_from_a_minimal_generator_without_cell_references()
    {
        const string Workbook = """
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="导出" sheetId="1" r:id="rId1"/></sheets></workbook>
            """;
        const string Styles = """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>""";
        string Inline(string text) => "<c t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
        var sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + "<row>" + string.Concat(SampleLayout.Headers.Select(Inline)) + "</row>"
                    + "<row>" + Inline("FJ-0001") + Inline("张三") + Inline("市场监管") + Inline("有效") + Inline("2024-01-01") + "<c/><c/><c/>" + Inline("否") + "</row>"
                    + "<row/>"
                    + "<row>" + Inline("FJ-0002") + Inline("李四") + Inline("消防") + Inline("吊销") + Inline("2024-01-01") + "<c/><c/><c/>" + Inline("是") + "</row>"
                    + "</sheetData></worksheet>";

        var result = SampleLayout.Read(Package(Workbook, Styles, SharedStrings(), sheet));

        Assert.Equal([new ImportProblem(4, "状态", "“吊销”不是可选的值：应为 有效、暂停、注销 之一。")], result.Problems);
    }
}
