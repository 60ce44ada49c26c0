using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Ledger;
using Sanxiang.Data;
using Sanxiang.Data.Ledger;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Api;

public sealed record LedgerEntryDto(long Index, string LeafHash, string Kind, DateTimeOffset RecordedAtUtc, string? Payload);

public sealed record InclusionProofDto(long Index, long Size, string LeafHash, string RootHash, IReadOnlyList<string> Proof);

public sealed record ConsistencyProofDto(long From, long To, string FromRoot, string ToRoot, IReadOnlyList<string> Proof);

public sealed record CheckpointDto(long Id, long Size, string RootHash, DateTimeOffset SignedAtUtc, string Note);

/// <summary>
/// The public face of the record log (REC-5): signed checkpoints, entries, inclusion and consistency proofs and the
/// verifier keys — everything a citizen or a journalist needs to check the log with nothing but the published key.
/// </summary>
public static class LedgerApi
{
    public const int MaxEntries = 1000;

    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        var plain = app.MapGroup("/ledger").WithTags("执法记录日志").AllowAnonymous();
        plain.MapGet("/checkpoint", LatestCheckpoint).WithSummary("最新的签名检查点（C2SP signed note，text/plain）").ProducesProblem(404);
        plain.MapGet("/checkpoints", Checkpoints).WithSummary("全部检查点（自 from 起，最多 1000 个）").ProducesValidationProblem();
        plain.MapGet("/keys", Keys).WithSummary("验证公钥：note vkey 形式和 PEM（Ed25519、SM2）");

        var g = api.MapGroup("/ledger").WithTags("执法记录日志").AllowAnonymous();
        g.MapGet("/entries", Entries).WithSummary("记录条目：叶子哈希，公开事件附带内容（start 含，end 不含，最多 1000 条）").ProducesValidationProblem();
        g.MapGet("/proof/inclusion", Inclusion).WithSummary("包含证明（RFC 9162 §2.1.3），size 缺省为最新检查点").ProducesValidationProblem();
        g.MapGet("/proof/consistency", Consistency).WithSummary("一致性证明（RFC 9162 §2.1.4）").ProducesValidationProblem();
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> LatestCheckpoint(SanxiangDbContext db, HttpContext http)
    {
        var note = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Id).Select(c => c.Note).FirstOrDefaultAsync();
        return note is null
            ? TypedResults.Problem(Problems.Create(http, 404, detail: "记录日志还没有签名检查点。"))
            : TypedResults.Text(note, "text/plain; charset=utf-8");
    }

    private static async Task<Results<Ok<List<CheckpointDto>>, ProblemHttpResult>> Checkpoints(string? from, SanxiangDbContext db, HttpContext http)
    {
        long start = 0;
        if (from is not null && (!long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out start)))
        {
            return Invalid(http, "from", "from 应为非负整数（检查点编号）。");
        }

        var rows = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.Id >= start).OrderBy(c => c.Id).Take(MaxEntries).ToListAsync();
        return TypedResults.Ok(rows.Select(c => new CheckpointDto(c.Id, c.Size, Convert.ToBase64String(c.RootHash), c.SignedAtUtc, c.Note)).ToList());
    }

    private static ContentHttpResult Keys(LedgerKeys keys)
    {
        var text = new StringBuilder()
            .Append("# 安和县执法全过程记录日志的验证公钥。\n# note 形式（C2SP signed-note vkey）：\n")
            .Append(keys.Ed25519.VerifierKey).Append('\n')
            .Append(keys.Sm2.VerifierKey).Append('\n')
            .Append("# Ed25519 公钥（PEM）：\n").Append(keys.Ed25519.PublicKeyPem.TrimEnd()).Append('\n')
            .Append("# SM2 公钥（PEM，GB/T 32918，签名使用 SM3 与用户标识 1234567812345678）：\n").Append(keys.Sm2.PublicKeyPem.TrimEnd()).Append('\n');
        return TypedResults.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    private static async Task<Results<Ok<List<LedgerEntryDto>>, ProblemHttpResult>> Entries(string? start, string? end, SanxiangDbContext db, HttpContext http)
    {
        var size = await Size(db);
        if (!TryIndex(start, out var s) || !TryIndex(end, out var e))
        {
            return Invalid(http, start is null || !TryIndex(start, out _) ? "start" : "end", "start 和 end 应为非负整数。");
        }

        if (s > e || e > size || e - s > MaxEntries)
        {
            return Invalid(http, "end", Invariant($"应满足 0 ≤ start ≤ end ≤ {size}（日志当前大小），且一次最多 {MaxEntries} 条。"));
        }

        var rows = await db.LedgerEntries.AsNoTracking().Where(x => x.Index >= s && x.Index < e).OrderBy(x => x.Index).ToListAsync();
        return TypedResults.Ok(rows.Select(x => new LedgerEntryDto(x.Index, Convert.ToBase64String(x.LeafHash), x.Kind, x.RecordedAtUtc,
            x.IsPublic ? Encoding.UTF8.GetString(x.Payload) : null)).ToList());
    }

    private static async Task<Results<Ok<InclusionProofDto>, ProblemHttpResult>> Inclusion(string? index, string? size, SanxiangDbContext db, HttpContext http)
    {
        if (!TryIndex(index, out var i))
        {
            return Invalid(http, "index", "index 应为非负整数（记录序号，从 0 起）。");
        }

        long n;
        if (size is null)
        {
            var latest = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Id).Select(c => (long?)c.Size).FirstOrDefaultAsync();
            if (latest is null)
            {
                return TypedResults.Problem(Problems.Create(http, 404, detail: "记录日志还没有签名检查点。"));
            }

            n = latest.Value;
        }
        else if (!TryIndex(size, out n))
        {
            return Invalid(http, "size", "size 应为正整数（树的大小）。");
        }

        var current = await Size(db);
        if (n < 1 || n > current || i >= n)
        {
            return Invalid(http, "index", Invariant($"应满足 0 ≤ index < size ≤ {current}（日志当前大小）。"));
        }

        var (proof, leaf, root) = await new DbMerkleNodes(db).ComputeAsync(async r =>
            (await MerkleTree.InclusionProofAsync(r, i, n), await r.GetNodeAsync(0, i), await MerkleTree.RootAsync(r, n)));
        return TypedResults.Ok(new InclusionProofDto(i, n, Convert.ToBase64String(leaf), Convert.ToBase64String(root), proof.Select(Convert.ToBase64String).ToList()));
    }

    private static async Task<Results<Ok<ConsistencyProofDto>, ProblemHttpResult>> Consistency(string? from, string? to, SanxiangDbContext db, HttpContext http)
    {
        if (!TryIndex(from, out var a) || !TryIndex(to, out var b))
        {
            return Invalid(http, from is null || !TryIndex(from, out _) ? "from" : "to", "from 和 to 应为正整数（两个树的大小）。");
        }

        var current = await Size(db);
        if (a < 1 || a > b || b > current)
        {
            return Invalid(http, "from", Invariant($"应满足 1 ≤ from ≤ to ≤ {current}（日志当前大小）。"));
        }

        var (proof, rootA, rootB) = await new DbMerkleNodes(db).ComputeAsync(async r =>
            (await MerkleTree.ConsistencyProofAsync(r, a, b), await MerkleTree.RootAsync(r, a), await MerkleTree.RootAsync(r, b)));
        return TypedResults.Ok(new ConsistencyProofDto(a, b, Convert.ToBase64String(rootA), Convert.ToBase64String(rootB),
            proof.Select(Convert.ToBase64String).ToList()));
    }

    private static Task<long> Size(SanxiangDbContext db) => db.LedgerState.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Size).SingleAsync();

    private static bool TryIndex(string? text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static ProblemHttpResult Invalid(HttpContext http, string field, string message) =>
        TypedResults.Problem(Problems.Create(http, 400, "参数有误", message, new Dictionary<string, string[]> { [field] = [message] }));

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
