using Sanxiang.Core.Validation;

namespace Sanxiang.Cli.Commands;

/// <summary><c>sanxiang validate uscc CODE</c> / <c>sanxiang validate id NUMBER</c>: check a party's identifier.</summary>
public static class ValidateCommand
{
    public const string Usage =
        """
        用法：
          sanxiang validate uscc <统一社会信用代码>   校验 18 位统一社会信用代码（GB 32100-2015）
          sanxiang validate id <公民身份号码>         校验公民身份号码（GB 11643-1999，18 位或旧式 15 位）
        """;

    /// <summary>Prints "valid" (exit 0) or "invalid: reason" (exit 1); bad usage prints help on stderr (exit 2).</summary>
    /// <param name="args">The arguments after "validate".</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (args.Length == 0)
        {
            stderr.WriteLine("缺少要校验的类型（uscc 或 id）。");
            stderr.Write(Usage);
            return 2;
        }

        Func<string, CheckResult>? validate = args[0] switch
        {
            "uscc" => UnifiedSocialCreditCode.Validate,
            "id" => number => CitizenIdNumber.Validate(number),
            _ => null,
        };
        if (validate is null)
        {
            stderr.WriteLine($"未知的校验类型“{args[0]}”：只支持 uscc（统一社会信用代码）和 id（公民身份号码）。");
            stderr.Write(Usage);
            return 2;
        }

        if (args.Length != 2)
        {
            stderr.WriteLine(args.Length < 2
                ? $"缺少要校验的{Noun(args[0])}。"
                : $"参数过多：一次只能校验一个{Noun(args[0])}（含空格的号码请加引号）。");
            stderr.Write(Usage);
            return 2;
        }

        var result = validate(args[1]);
        if (result.IsValid)
        {
            stdout.WriteLine("valid");
            return 0;
        }

        stdout.WriteLine($"invalid: {result.Reason}");
        return 1;
    }

    private static string Noun(string kind) => kind == "uscc" ? "统一社会信用代码" : "公民身份号码";
}
