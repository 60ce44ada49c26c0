using BenchmarkDotNet.Running;

if (args is ["ledger-load", ..])
{
    return await Sanxiang.Benchmarks.Storage.LedgerStorageLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Sanxiang.Benchmarks -- --filter '*Name*'</c> for BenchmarkDotNet,
/// or <c>-- ledger-load …</c> for the timed storage harness.
/// </summary>
public partial class Program;
