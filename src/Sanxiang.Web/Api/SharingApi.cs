using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Sharing;
using Sanxiang.Data;
using Sanxiang.Data.Audit;
using Sanxiang.Data.Sharing;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Registry;
using Sanxiang.Web.Sharing;

namespace Sanxiang.Web.Api;

public sealed record SharingClientRequest(string? Name);

public sealed record SharingRevokeRequest(string? Reason);

public sealed record SharingClientDto(Guid Id, string Name, string KeyPrefix, DateTimeOffset CreatedAtUtc, DateTimeOffset? LastUsedAtUtc,
    DateTimeOffset? RevokedAtUtc, string? RevokedReason);

/// <summary>A new client with its key: the only time the key is ever shown.</summary>
public sealed record SharingClientCreatedDto(Guid Id, string Name, string KeyPrefix, string Key, string Notice);

/// <summary>
/// Data sharing with the provincial platform (PLT-4, docs/data-sharing.md): the bulk export of the resource base as a
/// package, full or by change window, for the province's API key and the county's supervisors; the import of lists from
/// such a package (supervisors); the province's API clients (security administrators).
/// </summary>
public static class SharingApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var sharing = api.MapGroup("/sharing").WithTags("数据共享（省级平台）");
        sharing.MapGet("/export", Export).RequireAuthorization(SharingKeys.Policy)
            .WithSummary("导出数据共享包（ZIP：NDJSON 文件和 manifest.json）：执法主体、执法事项清单和执法人员名单的版本、公示的执法决定（含撤下的存根）、双随机抽查结果、按月统计")
            .WithDescription("省级平台用数据共享密钥（Authorization: Bearer sxk_…）或县司法局监督人员登录后调用。不带 changedSince 为全量；带 changedSince 为增量，"
                + "只含变更时间 t 满足 changedSince ≤ t < changedUntil 的记录（半开区间）。changedUntil 默认为服务器当前时间减去安全间隔，"
                + "由响应头 X-Sharing-Changed-Until 和 manifest.json 给出，就是下一次的 changedSince。每个客户端每小时限导出次数。")
            .Produces(200, contentType: "application/zip").ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        sharing.MapPost("/import", Import)
            .WithSummary("从数据共享包导入执法主体、执法事项清单和执法人员名单（县司法局监督人员；?apply=false 或不填为试导入：只检查，不写入）")
            .WithDescription("请求体为 ZIP 文件本身（Content-Type: application/zip）。先整包核验（ZIP、格式版本、各文件 SHA-256 和条数），再逐条按清单规则检查；"
                + "一处有问题就一条也不导入。导入时在一个事务中登记或更新执法主体，并为每份清单新建草稿版本，须另一名监督人员批准后生效。")
            .Accepts<IFormFile>("application/zip")
            .Produces<SharingImportReport>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413);

        var clients = sharing.MapGroup("/clients").RequireAuthorization(Policies.SecurityAdministrator);
        clients.MapGet("/", ListClients).WithSummary("数据共享客户端列表（安全管理员）").ProducesProblem(401).ProducesProblem(403);
        clients.MapPost("/", CreateClient).WithSummary("新建数据共享客户端并生成密钥（安全管理员；密钥只显示这一次）")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        clients.MapPost("/{id:guid}/revoke", RevokeClient).WithSummary("吊销数据共享客户端的密钥（安全管理员；立即生效）")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<IResult> Export(HttpContext http, SanxiangDbContext db, TimeProvider clock, IOptions<SharingSettings> settings,
        SharingLimits limits, AuditLog audit, string? changedSince, string? until)
    {
        var clientId = Guid.TryParse(http.User.FindFirstValue(SharingClaims.ClientId), out var c) ? c : (Guid?)null;
        var who = clientId is { } id ? "client:" + id : "account:" + http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!limits.TryAcquire(who))
        {
            http.Response.Headers.RetryAfter = "3600";
            return Problems.Result(http, 429, $"每个客户端每小时最多导出 {settings.Value.ExportsPerHour} 次数据共享包，请一小时后再试。增量导出只需使用上一个数据包的 changedUntil。");
        }

        var margin = TimeSpan.FromSeconds(Math.Max(0, settings.Value.SafetyMarginSeconds));
        var (window, problems) = SharingWindow.Parse(changedSince, until, clock.GetUtcNow(), margin);
        if (window is null)
        {
            return Problems.Result(http, 400, "导出时间段有误，请按提示修改后重试。", problems!.ToDictionary(p => p.Key, p => p.Value));
        }

        if (clientId is { } used)
        {
            await db.SharingClients.Where(x => x.Id == used).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastUsedAtUtc, clock.GetUtcNow()));
        }

        await audit.WriteAsync(SharingAudit.Export, AuditResult.Success, "sharing/export",
            window.IsFull ? $"全量，截至 {SharingPackage.Iso(window.Until)}" : $"增量 {SharingPackage.Iso(window.Since!.Value)} 至 {SharingPackage.Iso(window.Until)}");
        var generated = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        http.Response.Headers["X-Sharing-Changed-Until"] = SharingPackage.Iso(window.Until);
        var name = $"sharing-{(window.IsFull ? "full" : "incremental")}-{window.Until.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.zip";
        // The ZIP is written to a temporary file as the rows stream out of the database (ZipArchive writes its headers
        // synchronously, which a response body refuses), then sent from it: memory stays flat whatever the size.
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), "sanxiang-sharing-" + Guid.NewGuid().ToString("N") + ".zip"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await using (var writer = new SharingPackageWriter(temp))
            {
                await new SharingExport(db).WriteAsync(writer, window, today, http.RequestAborted);
                await writer.FinishAsync(new SharingManifest(SharingPackage.Format, SharingPackage.FormatVersion, settings.Value.Origin, generated,
                    window.Since, window.Until, (int)margin.TotalSeconds, writer.Files), http.RequestAborted);
            }

            temp.Position = 0;
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }

        return TypedResults.File(temp, "application/zip", name);
    }

    private static async Task<IResult> Import(bool? apply, HttpContext http, SanxiangDbContext db, Sanxiang.Data.Registry.RegistryLists lists,
        TimeProvider clock, AuditLog audit)
    {
        if (!http.User.IsInRole(Roles.Supervisor))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, "sharing/import", "非监督人员导入数据共享包");
            return Problems.Result(http, 403, "执法主体和清单由县司法局司法行政监督人员维护，只有监督人员可以导入数据共享包。");
        }

        await using var body = await RegistryUploads.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return Problems.Result(http, 413, $"数据共享包超过 {RegistryUploads.MaxBytes / 1024 / 1024} MB 的上限：请对方按执法主体分批导出。");
        }

        var report = await new SharingImport(db, lists, clock).RunAsync(body, apply == true, RegistryListsApi.Actor(http.User), ct: http.RequestAborted);
        await audit.WriteAsync(SharingAudit.Import, report.Valid ? AuditResult.Success : AuditResult.Failure, "sharing/import",
            $"{(apply == true ? "导入" : "试导入")} {report.PackageSha256[..16]}：{(report.Valid ? $"{report.Lists.Count} 份清单" : $"{report.TotalProblems} 处问题")}");
        if (apply == true && !report.Valid)
        {
            var problem = Problems.Create(http, 400, "导入失败：数据包有问题，未导入任何数据",
                $"共 {report.TotalProblems} 处问题。第一处：{report.Problems[0].Text}");
            problem.Extensions["report"] = report;
            return TypedResults.Problem(problem);
        }

        return TypedResults.Ok(report);
    }

    private static async Task<Ok<List<SharingClientDto>>> ListClients(SanxiangDbContext db) =>
        TypedResults.Ok(await db.SharingClients.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new SharingClientDto(c.Id, c.Name, c.KeyPrefix, c.CreatedAtUtc, c.LastUsedAtUtc, c.RevokedAtUtc, c.RevokedReason)).ToListAsync());

    private static async Task<IResult> CreateClient(SharingClientRequest request, HttpContext http, SanxiangDbContext db, TimeProvider clock, AuditLog audit)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return Problems.Result(http, 400, "请填写客户端名称（不超过 100 字），如 省行政执法综合管理监督信息系统。",
                new Dictionary<string, string[]> { ["name"] = ["客户端名称不能为空，且不超过 100 字。"] });
        }

        var (key, prefix, sha) = SharingKeys.Create();
        var client = new SharingClient
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            KeyPrefix = prefix,
            KeySha256 = sha,
            CreatedAtUtc = clock.GetUtcNow(),
            CreatedBy = Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!),
        };
        db.SharingClients.Add(client);
        await db.SaveChangesAsync();
        await audit.WriteAsync(SharingAudit.ClientCreated, AuditResult.Success, "sharing-client:" + client.Id, $"{name}（sxk_{prefix}）");
        return TypedResults.Created($"/api/v1/sharing/clients/{client.Id}", new SharingClientCreatedDto(client.Id, name, prefix, key,
            "密钥只显示这一次，平台只保存它的摘要值：请立即通过安全渠道交给省级平台；遗失后只能吊销并新建。"));
    }

    private static async Task<IResult> RevokeClient(Guid id, SharingRevokeRequest request, HttpContext http, SanxiangDbContext db, TimeProvider clock,
        AuditLog audit)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 200)
        {
            return Problems.Result(http, 400, "请说明吊销原因（不超过 200 字），如 密钥疑似泄露。",
                new Dictionary<string, string[]> { ["reason"] = ["吊销原因不能为空，且不超过 200 字。"] });
        }

        var client = await db.SharingClients.FirstOrDefaultAsync(c => c.Id == id);
        if (client is null)
        {
            return Problems.Result(http, 404, "数据共享客户端不存在。");
        }

        if (!client.IsActive)
        {
            return Problems.Result(http, 409, $"该客户端的密钥已于 {client.RevokedAtUtc:yyyy-MM-dd HH:mm} (UTC) 吊销。");
        }

        client.RevokedAtUtc = clock.GetUtcNow();
        client.RevokedBy = Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        client.RevokedReason = reason;
        await db.SaveChangesAsync();
        await audit.WriteAsync(SharingAudit.ClientRevoked, AuditResult.Success, "sharing-client:" + client.Id, $"{client.Name}：{reason}");
        return TypedResults.NoContent();
    }
}
