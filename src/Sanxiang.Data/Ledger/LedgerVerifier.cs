using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Data.Ledger;

public sealed record LedgerVerifyReport(bool IsIntact, long Entries, int Checkpoints, string? FirstProblem);

/// <summary>
/// Recomputes the whole log from the stored events and checks the stored tree and every stored checkpoint against it
/// (<c>sanxiang ledger verify</c>). It names the first thing that does not match.
/// </summary>
public static class LedgerVerifier
{
    private const int Batch = 4096;

    public static async Task<LedgerVerifyReport> VerifyAsync(SanxiangDbContext db, IReadOnlyList<INoteVerifier> keys, CancellationToken ct = default)
    {
        var tree = new InMemoryMerkleNodes();
        long expected = 0;
        var pending = new List<byte[]>(Batch);
        string? problem = null;

        await foreach (var e in db.LedgerEntries.AsNoTracking().OrderBy(x => x.Index)
                           .Select(x => new { x.Index, x.Payload, x.LeafHash }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Index != expected)
            {
                problem = e.Index > expected
                    ? Invariant($"第 {expected} 条记录缺失（下一条是第 {e.Index} 条）：记录被删除。")
                    : Invariant($"第 {e.Index} 条记录重复或顺序错乱。");
                break;
            }

            var leaf = MerkleHash.Leaf(e.Payload);
            if (!leaf.AsSpan().SequenceEqual(e.LeafHash))
            {
                problem = Invariant($"第 {e.Index} 条记录的内容与其登记的哈希不符：内容被改动。");
                break;
            }

            pending.Add(leaf);
            expected++;
            if (pending.Count == Batch)
            {
                await Flush();
            }
        }

        await Flush();
        var checkpoints = await db.LedgerCheckpoints.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        if (problem is not null)
        {
            return new LedgerVerifyReport(false, expected, checkpoints.Count, problem);
        }

        var stateSize = await db.LedgerState.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Size).SingleAsync(ct);
        if (stateSize != expected)
        {
            return new LedgerVerifyReport(false, expected, checkpoints.Count, Invariant($"登记的日志大小为 {stateSize}，实际记录为 {expected} 条。"));
        }

        foreach (var c in checkpoints)
        {
            var verdict = SignedNote.Verify(c.Note, [.. keys]);
            if (!verdict.IsValid || verdict.VerifiedBy.Count < keys.Count)
            {
                return Fail(Invariant($"检查点 #{c.Id}（大小 {c.Size}）的签名无效：{verdict.Error ?? "缺少签名"}"));
            }

            var body = Checkpoint.ParseBody(verdict.Body!);
            if (body.Size != c.Size || !body.RootHash.AsSpan().SequenceEqual(c.RootHash))
            {
                return Fail(Invariant($"检查点 #{c.Id} 的签名内容与登记的大小或根哈希不符：检查点被替换。"));
            }

            if (c.Size > expected)
            {
                return Fail(Invariant($"检查点 #{c.Id} 覆盖 {c.Size} 条记录，但日志只有 {expected} 条：记录被删除。"));
            }

            var root = await MerkleTree.RootAsync(tree, c.Size, ct);
            if (!root.AsSpan().SequenceEqual(c.RootHash))
            {
                return Fail(Invariant($"按现存记录重新计算的前 {c.Size} 条的根哈希与检查点 #{c.Id} 不符：已签署的记录被改动、删除或调换。"));
            }
        }

        await foreach (var n in db.LedgerNodes.AsNoTracking().OrderBy(x => x.Level).ThenBy(x => x.Index).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (n.Index >= tree.CountAt(n.Level) || !(await tree.GetNodeAsync(n.Level, n.Index, ct)).AsSpan().SequenceEqual(n.Hash))
            {
                return Fail(Invariant($"存储的树节点（层 {n.Level}，序号 {n.Index}）与重新计算的不符：证明将出错。"));
            }
        }

        return new LedgerVerifyReport(true, expected, checkpoints.Count, null);

        LedgerVerifyReport Fail(string message) => new(false, expected, checkpoints.Count, message);

        async Task Flush()
        {
            if (pending.Count == 0)
            {
                return;
            }

            foreach (var node in await MerkleTree.AppendBatchAsync(tree, expected - pending.Count, pending, ct))
            {
                tree.Add(node);
            }

            pending.Clear();
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
