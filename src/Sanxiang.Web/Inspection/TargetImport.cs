using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Tabular;
using Sanxiang.Data;
using Sanxiang.Data.Inspection;
using Sanxiang.Web.Registry;

namespace Sanxiang.Web.Inspection;

/// <summary>The outcome of a dry run or an import of the directory: every problem of the file, or the counts.</summary>
public sealed record TargetImportReport(bool Valid, bool Applied, int DataRows, int TotalProblems, IReadOnlyList<ImportProblemDto> Problems,
    int New, int Changed, int Unchanged);

/// <summary>The filters of the directory list, as the page's and the API's query parameters give them.</summary>
public sealed record TargetFilter(string? Industry, string? Area, string? Grade, string? Q);

/// <summary>
/// The inspection-target directory (检查对象名录库, PLT-2) on the web: who may read and import it, the filtered query,
/// the upload (one file, raw or multipart) and the import that checks the whole file first and writes only a file
/// without a single problem.
/// </summary>
public static class TargetImport
{
    public const int PageSize = 50;

    private static readonly string[] Readers = [Roles.Officer, Roles.UnitHead, Roles.AgencyHead, Roles.Supervisor];
    private static readonly string[] Importers = [Roles.UnitHead, Roles.AgencyHead];

    /// <summary>An agency's officers, unit heads and agency heads read their directory; supervisors read every agency's.</summary>
    public static bool MayRead(ClaimsPrincipal user) => Readers.Any(user.IsInRole);

    /// <summary>Only an agency's unit heads and agency heads import into its directory.</summary>
    public static bool MayImport(ClaimsPrincipal user) => Importers.Any(user.IsInRole) && user.FindFirstValue(Infrastructure.SanxiangClaims.AgencyId) is not null;

    public const string RefusedImport = "只有本机关的承办机构负责人或行政机关负责人可以导入检查对象名录；请联系他们上传文件。";

    /// <summary>The role the log records for an import (the first importing role the account holds).</summary>
    public static string? ActorRole(ClaimsPrincipal user) => Importers.FirstOrDefault(user.IsInRole);

    public static Guid? ActorId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The directory of one agency with the filters applied (the DbContext's scope still applies).</summary>
    public static IQueryable<InspectionTarget> Query(SanxiangDbContext db, Guid agencyId, TargetFilter filter)
    {
        var query = db.InspectionTargets.AsNoTracking().Where(t => t.AgencyId == agencyId);
        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            var industry = filter.Industry.Trim();
            query = query.Where(t => t.Industry == industry);
        }

        if (!string.IsNullOrWhiteSpace(filter.Area))
        {
            var area = filter.Area.Trim();
            query = query.Where(t => t.Area == area);
        }

        if (InspectionGrades.Parse(filter.Grade) is { } grade)
        {
            query = query.Where(t => t.Grade == grade);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            var code = q.ToUpperInvariant();
            query = query.Where(t => t.Name.Contains(q) || t.CreditCode.Contains(code));
        }

        return query;
    }

    /// <summary>A grade filter that is neither empty nor a grade, in Chinese; null when the filter is usable.</summary>
    public static string? CheckGrade(string? grade) =>
        string.IsNullOrWhiteSpace(grade) || InspectionGrades.Parse(grade) is not null
            ? null
            : $"信用风险分类“{grade}”无效：应为 A、B、C、D 之一。";

    /// <summary>How many targets of the agency's directory are in each grade (A to D, zeros included).</summary>
    public static async Task<IReadOnlyList<(string Grade, int Count)>> GradeCountsAsync(SanxiangDbContext db, Guid agencyId, CancellationToken ct)
    {
        var counts = await db.InspectionTargets.AsNoTracking().Where(t => t.AgencyId == agencyId)
            .GroupBy(t => t.Grade).Select(g => new { Grade = g.Key, Count = g.Count() }).ToListAsync(ct);
        return [.. InspectionGrades.All.Select(g => (g, counts.FirstOrDefault(c => c.Grade == g)?.Count ?? 0))];
    }

    /// <summary>
    /// Reads the request's file into memory: the first file part of a multipart/form-data body, or the raw body.
    /// Null when it is larger than <see cref="RegistryUploads.MaxBytes"/>; an empty stream when there is no file.
    /// </summary>
    public static async Task<MemoryStream?> ReadUploadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await RegistryUploads.ReadAsync(request, ct);
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return new MemoryStream();
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                return await RegistryUploads.CopyAsync(section.Body, ct);
            }
        }

        return new MemoryStream();
    }

    /// <summary>Checks the whole file against the layout; when it has no problem, counts (and with <paramref name="apply"/> writes) the rows.</summary>
    public static async Task<TargetImportReport> RunAsync(TargetDirectory directory, Guid agencyId, MemoryStream file, bool apply, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var sha256 = SHA256.HashData(file.GetBuffer().AsSpan(0, (int)file.Length));
        file.Position = 0;
        var result = InspectionLayouts.Targets.Read(file);
        var problems = result.Problems.Select(p => new ImportProblemDto(p.Row, p.ColumnHeader, p.Message, p.ToString())).ToList();
        if (!result.IsValid)
        {
            return new TargetImportReport(false, false, result.DataRowCount, result.TotalProblemCount, problems, 0, 0, 0);
        }

        var outcome = await directory.ImportAsync(agencyId, [.. result.Rows.Select(r => r.Value)], apply, ActorId(user), ActorRole(user), sha256, ct);
        return new TargetImportReport(true, outcome.Applied, result.DataRowCount, 0, problems, outcome.New, outcome.Changed, outcome.Unchanged);
    }

    /// <summary>The directory, or the template, as a file in the import layout.</summary>
    public static IResult File(IEnumerable<InspectionTarget>? rows, TabularFileFormat format, string name)
    {
        var output = new MemoryStream();
        if (rows is null)
        {
            InspectionLayouts.Targets.WriteTemplate(output, format);
        }
        else
        {
            InspectionLayouts.Targets.Write(output, format, rows);
        }

        return Results.File(output.ToArray(), TabularFileFormats.ContentType(format), name + TabularFileFormats.Extension(format));
    }
}
