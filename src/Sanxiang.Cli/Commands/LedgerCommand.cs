using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sanxiang.Core.Ledger;
using Sanxiang.Data;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Cli.Commands;

/// <summary><c>sanxiang ledger verify | prove --index N | check --checkpoint F --entry F --proof F --key F</c>.</summary>
public static class LedgerCommand
{
    public const string Usage = """
        用法：
          sanxiang ledger verify                 按存储的事件重新计算整棵树，核对每个检查点；发现篡改时指出第一处并以 1 退出
          sanxiang ledger prove --index N        输出第 N 条记录对最新检查点的包含证明（JSON）
          sanxiang ledger check --checkpoint 检查点文件 --entry 记录内容文件 --proof 证明文件 --key 公钥文件
                                                 离线验证：只用这四个文件，不连接数据库
        """;

    public static bool NeedsDatabase(string[] args) => args.FirstOrDefault() is "verify" or "prove";

    public static async Task<int> RunAsync(string[] args, IServiceProvider? services, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        switch (args.FirstOrDefault())
        {
            case "verify" when args.Length == 1:
                return await Verify(services!, configuration, stdout, stderr);
            case "prove" when args is [_, "--index", var text] && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index):
                return await Prove(services!, index, stdout, stderr);
            case "check":
                return await Check(args[1..], stdout, stderr);
            default:
                await stderr.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> Verify(IServiceProvider services, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        var db = services.GetRequiredService<SanxiangDbContext>();
        await DatabaseMigrator.MigrateAsync(db);
        var keys = LedgerKeys.LoadOrCreate(configuration);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var report = await LedgerVerifier.VerifyAsync(db, [keys.Ed25519, keys.Sm2]);
        if (!report.IsIntact)
        {
            await stderr.WriteLineAsync($"记录日志校验失败：{report.FirstProblem}");
            return 1;
        }

        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"记录日志完好：{report.Entries} 条记录，{report.Checkpoints} 个检查点全部核对一致（{started.Elapsed.TotalSeconds:0.00} 秒）。"));
        return 0;
    }

    private static async Task<int> Prove(IServiceProvider services, long index, TextWriter stdout, TextWriter stderr)
    {
        var db = services.GetRequiredService<SanxiangDbContext>();
        var checkpoint = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Id).FirstOrDefaultAsync();
        if (checkpoint is null)
        {
            await stderr.WriteLineAsync("记录日志还没有签名检查点。");
            return 1;
        }

        if (index >= checkpoint.Size)
        {
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"序号 {index} 超出最新检查点的范围（0 至 {checkpoint.Size - 1}）。"));
            return 1;
        }

        var (proof, leaf) = await new DbMerkleNodes(db).ComputeAsync(async r =>
            (await MerkleTree.InclusionProofAsync(r, index, checkpoint.Size), await r.GetNodeAsync(0, index)));
        await stdout.WriteLineAsync(JsonSerializer.Serialize(new
        {
            index,
            size = checkpoint.Size,
            leafHash = Convert.ToBase64String(leaf),
            rootHash = Convert.ToBase64String(checkpoint.RootHash),
            proof = proof.Select(Convert.ToBase64String),
        }));
        return 0;
    }

    private static async Task<int> Check(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var files = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            files[args[i]] = args[i + 1];
        }

        string[] needed = ["--checkpoint", "--entry", "--proof", "--key"];
        if (args.Length != 8 || needed.Any(n => !files.ContainsKey(n)))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        foreach (var path in files.Values.Where(p => !File.Exists(p)))
        {
            await stderr.WriteLineAsync($"文件“{path}”不存在。");
            return 2;
        }

        try
        {
            var verifiers = NoteVerifierKeys.ParseAll(await File.ReadAllTextAsync(files["--key"])).ToArray();
            if (verifiers.Length == 0)
            {
                await stderr.WriteLineAsync("公钥文件中没有 note 形式的验证公钥（名称+密钥ID+公钥）。");
                return 1;
            }

            var verdict = SignedNote.Verify(await File.ReadAllTextAsync(files["--checkpoint"]), verifiers);
            if (!verdict.IsValid)
            {
                await stderr.WriteLineAsync($"检查点签名无效：{verdict.Error}");
                return 1;
            }

            var checkpoint = Checkpoint.ParseBody(verdict.Body!);
            using var proofJson = JsonDocument.Parse(await File.ReadAllTextAsync(files["--proof"]));
            var root = proofJson.RootElement;
            var index = root.GetProperty("index").GetInt64();
            var size = root.GetProperty("size").GetInt64();
            var proof = root.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
            if (size != checkpoint.Size)
            {
                await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"证明针对大小为 {size} 的树，而检查点的大小是 {checkpoint.Size}。"));
                return 1;
            }

            var leaf = MerkleHash.Leaf(await File.ReadAllBytesAsync(files["--entry"]));
            if (!MerkleVerifier.VerifyInclusion(index, size, leaf, proof, checkpoint.RootHash))
            {
                await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"包含证明不成立：该记录内容不是签名检查点中的第 {index} 条。"));
                return 1;
            }

            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"valid：该记录是“{checkpoint.Origin}”日志第 {index} 条（共 {size} 条），检查点由 {string.Join("、", verdict.VerifiedBy)} 签名。"));
            return 0;
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            await stderr.WriteLineAsync($"文件格式有误：{e.Message}");
            return 1;
        }
    }
}
