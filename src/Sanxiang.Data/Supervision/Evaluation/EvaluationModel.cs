using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.Evaluation;
using Sanxiang.Data.Access;
using Sanxiang.Data.Accounts;

namespace Sanxiang.Data;

/// <summary>
/// The case-file evaluation's tables (issue 9). The evaluation is the supervisors' work, so its rows are not
/// <c>IAgencyOwned</c>: a file row carries the agency whose case it is and the evaluator's agency. An agency's users
/// read the files their agency's evaluators score (cross-evaluation) and, once the evaluation is finished, their own
/// agency's results; a file may be written by the county or by its evaluator's agency only.
/// </summary>
public sealed partial class SanxiangDbContext
{
    public DbSet<CaseFileEvaluation> CaseFileEvaluations => Set<CaseFileEvaluation>();
    public DbSet<EvaluatedFile> EvaluatedFiles => Set<EvaluatedFile>();

    private void ConfigureEvaluations(ModelBuilder builder)
    {
        builder.Entity<CaseFileEvaluation>(e =>
        {
            e.HasIndex(v => v.Number).IsUnique();
            e.Property(v => v.Number).HasMaxLength(40);
            e.Property(v => v.Title).HasMaxLength(100);
            e.Property(v => v.Status).HasMaxLength(16);
            e.Property(v => v.FormText).HasMaxLength(ScoringForm.MaxLength);
            e.Property(v => v.CreatedByName).HasMaxLength(100);
            e.Property(v => v.Commitment).HasMaxLength(64);
            e.Property(v => v.ListsSha256).HasMaxLength(64);
            e.Property(v => v.Summary).HasMaxLength(EvaluationScoring.MaxComment);
            e.Property(v => v.Revision).IsConcurrencyToken();
            // Internal to the platform: any signed-in agency may see that an evaluation exists; its files are filtered below.
            e.HasQueryFilter(v => ScopeReadsAll || ScopeAgencyId != null);
        });

        builder.Entity<EvaluatedFile>(e =>
        {
            e.HasIndex(f => new { f.EvaluationId, f.Order }).IsUnique();
            e.HasIndex(f => new { f.EvaluationId, f.CaseId }).IsUnique();
            e.HasIndex(f => f.EvaluatorId);
            e.Property(f => f.AgencyName).HasMaxLength(100);
            e.Property(f => f.CaseNumber).HasMaxLength(60);
            e.Property(f => f.CaseTitle).HasMaxLength(300);
            e.Property(f => f.EvaluatorName).HasMaxLength(100);
            e.Property(f => f.EvaluatorAgencyName).HasMaxLength(100);
            e.Property(f => f.Grade).HasMaxLength(8);
            e.Property(f => f.Score).HasPrecision(5, 1);
            e.Property(f => f.Revision).IsConcurrencyToken();
            e.HasOne<CaseFileEvaluation>().WithMany().HasForeignKey(f => f.EvaluationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(f => f.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(f => f.EvaluatorAgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Account>().WithMany().HasForeignKey(f => f.EvaluatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(f => ScopeReadsAll || (ScopeAgencyId != null && (f.EvaluatorAgencyId == ScopeAgencyId || (f.Released && f.AgencyId == ScopeAgencyId))));
        });
    }

    /// <summary>An evaluated file is written by the county (draw, release) or by its evaluator's agency (the scores), never deleted.</summary>
    private void CheckEvaluatedFileWrite(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        if (entry.State == EntityState.Deleted)
        {
            throw new InvalidOperationException("评查案卷记录不得删除。");
        }

        if (CurrentScope.Kind is AccessScopeKind.System or AccessScopeKind.County)
        {
            return;
        }

        if (entry.State == EntityState.Added || CurrentScope.Kind != AccessScopeKind.Agency
            || entry.Property(nameof(EvaluatedFile.EvaluatorAgencyId)).OriginalValue as Guid? != CurrentScope.AgencyId
            || entry.Property(nameof(EvaluatedFile.EvaluatorAgencyId)).IsModified || entry.Property(nameof(EvaluatedFile.Released)).IsModified)
        {
            throw new AgencyAccessDeniedException("无权修改不由本机关评查人员评查的案卷评分。");
        }
    }
}
