namespace Sanxiang.Cli;

internal static class Entry
{
    private static Task<int> Main(string[] args) => SanxiangCommand.RunAsync(args, Console.Out, Console.Error, Console.In);
}
