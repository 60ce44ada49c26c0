using BenchmarkDotNet.Running;

if (args is ["ledger-load", ..])
{
    return await Sanxiang.Benchmarks.Storage.LedgerStorageLoad.RunAsync(args[1..]);
}

if (args is ["tabular-load", ..])
{
    return Sanxiang.Benchmarks.Tabular.TabularLoad.Run(args[1..]);
}

if (args is ["archive-load", ..])
{
    return Sanxiang.Benchmarks.Archive.ArchiveLoad.Run(args[1..]);
}

if (args is ["evidence-load", ..])
{
    return await Sanxiang.Benchmarks.Evidence.EvidenceUploadLoad.RunAsync(args[1..]);
}

if (args is ["review-queue", ..])
{
    return await Sanxiang.Benchmarks.Cases.ReviewQueueLoad.RunAsync(args[1..]);
}

if (args is ["case-api", ..])
{
    return await Sanxiang.Benchmarks.Cases.CaseApiLoad.RunAsync(args[1..]);
}

if (args is ["dashboard", ..])
{
    return await Sanxiang.Benchmarks.Supervision.DashboardLoad.RunAsync(args[1..]);
}

if (args is ["decision-search", ..])
{
    return await Sanxiang.Benchmarks.Publication.DecisionSearchLoad.RunAsync(args[1..]);
}

if (args is ["redaction", ..])
{
    return Sanxiang.Benchmarks.Publication.RedactionThroughput.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Sanxiang.Benchmarks -- --filter '*Name*'</c> for BenchmarkDotNet,
/// or <c>-- ledger-load …</c> for the timed storage harness, <c>-- tabular-load …</c> for the spreadsheet import harness,
/// <c>-- archive-load …</c> for sealing and checking a case file with a large evidence file,
/// <c>-- evidence-load …</c> for evidence upload throughput against the disk and the hashes,
/// <c>-- case-api …</c> for cases opened and stepped per second through the HTTP API on SQLite and PostgreSQL,
/// <c>-- review-queue …</c> for the reviewers' workbench over many reviewed cases,
/// <c>-- decision-search …</c> for the public decision search at a million published decisions on SQLite and PostgreSQL,
/// <c>-- redaction …</c> for the redaction engine's throughput over the annotated corpus.
/// </summary>
public partial class Program;
