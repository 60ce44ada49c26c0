using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Ledger;
using Sanxiang.Tests.Documents;

namespace Sanxiang.Benchmarks.Documents;

/// <summary>
/// What issuing one document costs besides the database: laying it out, rendering DOCX and PDF (the PDF embeds font
/// subsets), hashing and sealing. The PDF time is what the numbering lock is held for (decision 0008). Needs the Debian
/// packages fonts-arphic-uming and fonts-wqy-zenhei (test.sh installs them).
/// <code>dotnet run -c Release --project bench/Sanxiang.Benchmarks -- --filter '*DocumentBenchmarks*' --job short</code>
/// </summary>
[MemoryDiagnoser]
public class DocumentBenchmarks
{
    private DocumentContent _decision = null!;
    private DocumentContent _receipt = null!;
    private DocumentPrint _print = null!;
    private byte[] _pdf = null!;
    private readonly DocumentFacts _facts = SampleFacts.Complete();
    private readonly Sm2NoteKey _seal = Sm2NoteKey.Generate("BENCH/seal");

    [GlobalSetup]
    public void Setup()
    {
        var body = TrueTypeFace.Extract(File.ReadAllBytes("/usr/share/fonts/truetype/arphic/uming.ttc"), 0, out var p1) ?? throw new InvalidOperationException(p1);
        var title = TrueTypeFace.Extract(File.ReadAllBytes("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0, out var p2) ?? throw new InvalidOperationException(p2);
        DocumentPdf.UseFonts(body, title);
        _decision = DocumentTemplates.Build(DocumentKind.PenaltyDecision, SampleFacts.Complete(), "安市监罚〔2026〕15号");
        _receipt = DocumentTemplates.Build(DocumentKind.ServiceReceipt, SampleFacts.Complete(), "安市监送〔2026〕15号");
        var modules = Enumerable.Range(0, 41).Select(r => Enumerable.Range(0, 41).Select(c => (r * 7 + c * 3) % 5 == 0).ToArray()).ToArray();
        _print = new DocumentPrint("https://zwgk.example.gov.cn/verify/document/x", modules, [0x89, 0x50, 0x4E, 0x47]);
        _pdf = DocumentPdf.Render(_decision, _print, DateTimeOffset.UnixEpoch);
    }

    [Benchmark]
    public DocumentContent Layout_decision() => DocumentTemplates.Build(DocumentKind.PenaltyDecision, _facts, "安市监罚〔2026〕15号");

    [Benchmark]
    public byte[] Docx_decision() => DocumentDocx.Render(_decision, _print);

    [Benchmark]
    public byte[] Pdf_decision() => DocumentPdf.Render(_decision, _print, DateTimeOffset.UnixEpoch);

    [Benchmark]
    public byte[] Pdf_service_receipt() => DocumentPdf.Render(_receipt, _print, DateTimeOffset.UnixEpoch);

    [Benchmark]
    public byte[] Hash_and_seal_pdf() => _seal.Sign(SHA256.HashData(_pdf));
}
