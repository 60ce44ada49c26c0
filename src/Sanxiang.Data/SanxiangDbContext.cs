using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.Complaints;
using Sanxiang.Data.Access;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Audit;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Documents;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Supervision;

namespace Sanxiang.Data;

public sealed partial class SanxiangDbContext(DbContextOptions<SanxiangDbContext> options, IAccessScopeProvider scope, TimeProvider? clock = null,
    Sanxiang.Data.Cases.CaseOptions? caseOptions = null)
    : IdentityDbContext<Account, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    // Read on every query and every save, not once: the context may be created before the request is authenticated
    // (the cookie handler's security-stamp validator resolves the Identity stores, and with them this context).
    private AccessScope CurrentScope => scope.Current;

    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Officer> Officers => Set<Officer>();
    public DbSet<OfficerEntry> OfficerEntries => Set<OfficerEntry>();
    public DbSet<EnforcementItem> EnforcementItems => Set<EnforcementItem>();
    public DbSet<RegistryVersion> RegistryVersions => Set<RegistryVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<CalendarYearRecord> CalendarYears => Set<CalendarYearRecord>();
    public DbSet<BlobRecord> Blobs => Set<BlobRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<LedgerNode> LedgerNodes => Set<LedgerNode>();
    public DbSet<LedgerCheckpoint> LedgerCheckpoints => Set<LedgerCheckpoint>();
    public DbSet<LedgerState> LedgerState => Set<LedgerState>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseOfficer> CaseOfficers => Set<CaseOfficer>();
    public DbSet<CaseFact> CaseFacts => Set<CaseFact>();
    public DbSet<CaseStepRecord> CaseSteps => Set<CaseStepRecord>();
    public DbSet<CaseEvidence> EvidenceFiles => Set<CaseEvidence>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<Sanxiang.Core.Publication.PublicationTask> PublicationTasks => Set<Sanxiang.Core.Publication.PublicationTask>();
    public DbSet<Sanxiang.Core.Publication.PublishedDecision> PublishedDecisions => Set<Sanxiang.Core.Publication.PublishedDecision>();
    public DbSet<DocumentCounter> DocumentCounters => Set<DocumentCounter>();
    public DbSet<InspectionTarget> InspectionTargets => Set<InspectionTarget>();
    public DbSet<InspectorRecusal> InspectorRecusals => Set<InspectorRecusal>();
    public DbSet<InspectionPlan> InspectionPlans => Set<InspectionPlan>();
    public DbSet<InspectionTask> InspectionTasks => Set<InspectionTask>();
    public DbSet<PlanParticipant> PlanParticipants => Set<PlanParticipant>();
    public DbSet<Sanxiang.Core.Supervision.CaseSummary> CaseSummaries => Set<Sanxiang.Core.Supervision.CaseSummary>();
    public DbSet<Sanxiang.Core.Supervision.CaseSummaryRound> CaseSummaryRounds => Set<Sanxiang.Core.Supervision.CaseSummaryRound>();
    public DbSet<Sanxiang.Core.Supervision.CaseSummaryDeadline> CaseSummaryDeadlines => Set<Sanxiang.Core.Supervision.CaseSummaryDeadline>();
    public DbSet<Sanxiang.Core.Supervision.CaseCount> CaseCounts => Set<Sanxiang.Core.Supervision.CaseCount>();
    public DbSet<Sanxiang.Core.Supervision.Patrol.OnlinePatrol> OnlinePatrols => Set<Sanxiang.Core.Supervision.Patrol.OnlinePatrol>();
    public DbSet<Sanxiang.Core.Supervision.Patrol.PatrolAgency> PatrolAgencies => Set<Sanxiang.Core.Supervision.Patrol.PatrolAgency>();
    public DbSet<Sanxiang.Core.Supervision.Patrol.PatrolFinding> PatrolFindings => Set<Sanxiang.Core.Supervision.Patrol.PatrolFinding>();
    public DbSet<Sanxiang.Core.Supervision.Patrol.PatrolSample> PatrolSamples => Set<Sanxiang.Core.Supervision.Patrol.PatrolSample>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<ComplaintCounter> ComplaintCounters => Set<ComplaintCounter>();
    public DbSet<UsedComplaintChallenge> UsedComplaintChallenges => Set<UsedComplaintChallenge>();

    private const int DocumentNumberMaxLength = Sanxiang.Core.Documents.DocumentNumber.MaxLength;

    private readonly List<LedgerEvent> _pendingEvents = [];

    /// <summary>The roll-up deltas of the save under way (<see cref="ApplyCaseSummariesAsync"/>).</summary>
    private Sanxiang.Core.Supervision.CaseCountSums _countDeltas = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Sanxiang.Data.Cases.CaseOptions _caseOptions = caseOptions ?? new Sanxiang.Data.Cases.CaseOptions();

    /// <summary>
    /// The one entry point for the full-process record: the event is appended to the Merkle log by the next
    /// <see cref="SaveChangesAsync(bool, CancellationToken)"/>, in the same transaction as the changes it records.
    /// </summary>
    public void Record(LedgerEvent ledgerEvent) => _pendingEvents.Add(ledgerEvent);

    /// <summary>
    /// Forgets the events recorded since the last successful save: for a caller that gives up a failed unit of work (a
    /// retried number, a lost concurrency race) and clears the change tracker, so the retry does not log twice.
    /// </summary>
    public void DiscardPendingRecords() => _pendingEvents.Clear();

    /// <summary>Raised after a unit of work that recorded events has committed (the checkpoint signer listens).</summary>
    public static event Action? LedgerAppended;

    public AccessScope Scope => CurrentScope;

    /// <summary>
    /// A second context with this one's options — its own connection from the pool — and the caller's scope as it is
    /// now, for reading independent parts of one answer at the same time. It shares nothing with this context, not even
    /// a transaction: a caller reading inside one uses this context alone. The caller disposes it.
    /// </summary>
    public SanxiangDbContext Sibling() =>
        new((DbContextOptions<SanxiangDbContext>)Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>(this),
            new FixedAccessScope(CurrentScope), clock, caseOptions);

    // Read by the query filters below on every query (EF parameterises context members).
    private bool ScopeReadsAll => CurrentScope.ReadsAllAgencies;
    private Guid? ScopeAgencyId => CurrentScope.AgencyId;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        if (Database.IsSqlite())
        {
            // Provider quirk (SQLite): it has no date-time type, and EF cannot compare or ORDER BY a DateTimeOffset
            // stored as text. All our instants are UTC, so store them as a sortable 64-bit number.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Account>(e =>
        {
            e.Property(a => a.DisplayName).HasMaxLength(64);
            e.HasOne<Agency>().WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Officer>().WithMany().HasForeignKey(a => a.OfficerId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(a => a.AgencyId);
        });

        builder.Entity<Agency>(e =>
        {
            e.HasIndex(a => a.Code).IsUnique();
            e.HasIndex(a => a.Uscc).IsUnique();
            e.Property(a => a.Code).HasMaxLength(16);
            e.Property(a => a.Name).HasMaxLength(100);
            e.Property(a => a.ShortName).HasMaxLength(50);
            e.Property(a => a.CaseNumberPrefix).HasMaxLength(20);
            e.Property(a => a.Uscc).HasMaxLength(18);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.Level).HasMaxLength(16);
            e.HasOne<Agency>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(a => a.EntrustedById).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Officer>(e =>
        {
            e.HasIndex(o => o.AgencyId);
            e.Property(o => o.Mobile).HasMaxLength(20);
            e.HasOne<Agency>().WithMany().HasForeignKey(o => o.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(o => ScopeReadsAll || o.AgencyId == ScopeAgencyId);
        });

        builder.Entity<RegistryVersion>(e =>
        {
            e.HasIndex(v => new { v.AgencyId, v.Kind, v.Number }).IsUnique();
            e.HasIndex(v => new { v.Kind, v.Status, v.EffectiveFrom });
            e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(v => v.Reason).HasConversion<string>().HasMaxLength(16);
            e.Property(v => v.ReasonText).HasMaxLength(500);
            e.Property(v => v.ContentSha256).HasMaxLength(32);
            e.HasOne<Agency>().WithMany().HasForeignKey(v => v.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<RegistryVersion>().WithMany().HasForeignKey(v => v.BasedOnId).OnDelete(DeleteBehavior.Restrict);
            // Approved versions are public; drafts and discarded ones are the agency's (and the supervisor's) business.
            e.HasQueryFilter(v => v.Status == VersionStatus.Approved || ScopeReadsAll || v.AgencyId == ScopeAgencyId);
        });

        builder.Entity<OfficerEntry>(e =>
        {
            e.HasIndex(o => new { o.VersionId, o.CertificateNumber }).IsUnique();
            e.HasIndex(o => new { o.VersionId, o.OfficerId }).IsUnique();
            e.HasIndex(o => o.CertificateNumber);
            e.HasIndex(o => o.OfficerId);
            e.HasIndex(o => o.AgencyId);
            e.Property(o => o.Name).HasMaxLength(32);
            e.Property(o => o.Gender).HasMaxLength(4);
            e.Property(o => o.Position).HasMaxLength(64);
            e.Property(o => o.CertificateNumber).HasMaxLength(32);
            e.Property(o => o.Issuer).HasMaxLength(64);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.LegalQualificationNumber).HasMaxLength(32);
            e.HasOne<Agency>().WithMany().HasForeignKey(o => o.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Officer>().WithMany().HasForeignKey(o => o.OfficerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<RegistryVersion>().WithMany().HasForeignKey(o => o.VersionId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(o => ScopeReadsAll || o.AgencyId == ScopeAgencyId);
        });

        builder.Entity<EnforcementItem>(e =>
        {
            e.HasIndex(i => new { i.VersionId, i.Code }).IsUnique();
            e.HasIndex(i => new { i.AgencyId, i.Code });
            e.Property(i => i.Code).HasMaxLength(40);
            e.Property(i => i.Name).HasMaxLength(200);
            e.Property(i => i.Category).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Procedure).HasConversion<string>().HasMaxLength(24);
            e.OwnsMany(i => i.LegalBasis, b => b.ToJson());
            e.OwnsOne(i => i.RandomInspectionPlan, b => b.ToJson());
            e.OwnsOne(i => i.LegalReviewCriteria, b =>
            {
                b.ToJson();
                b.PrimitiveCollection(c => c.PenaltyKinds).ElementType(t => t.HasConversion<string>());
            });
            e.OwnsOne(i => i.ServiceGuide, b => b.ToJson());
            e.OwnsMany(i => i.Discretion, b =>
            {
                b.ToJson();
                b.OwnsMany(t => t.Penalties, p => p.Property(x => x.Kind).HasConversion<string>());
            });
            e.HasOne<Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<RegistryVersion>().WithMany().HasForeignKey(i => i.VersionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditLog");
            e.HasIndex(a => a.AtUtc);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.RemoteAddress).HasMaxLength(64);
            e.Property(a => a.Target).HasMaxLength(256);
            e.Property(a => a.Result).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Detail).HasMaxLength(2000);
        });

        builder.Entity<CalendarYearRecord>(e =>
        {
            e.HasKey(c => c.Year);
            e.Property(c => c.Year).ValueGeneratedNever();
            e.Property(c => c.ImportedBy).HasMaxLength(256);
        });

        builder.Entity<LedgerEntry>(e =>
        {
            e.HasKey(x => x.Index);
            e.Property(x => x.Index).ValueGeneratedNever();
            e.Property(x => x.LeafHash).HasMaxLength(32);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.HasIndex(x => x.CaseId);
        });

        builder.Entity<LedgerNode>(e =>
        {
            e.HasKey(x => new { x.Level, x.Index });
            e.Property(x => x.Hash).HasMaxLength(32);
        });

        builder.Entity<LedgerCheckpoint>(e =>
        {
            e.HasIndex(x => x.Size);
            e.Property(x => x.RootHash).HasMaxLength(32);
        });

        builder.Entity<LedgerState>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasData(new LedgerState { Id = 1, Size = 0 });
        });

        builder.Entity<Case>(e =>
        {
            e.HasIndex(c => new { c.AgencyId, c.Year, c.Sequence }).IsUnique();
            e.HasIndex(c => c.Number).IsUnique();
            e.HasIndex(c => new { c.AgencyId, c.Status });
            e.Property(c => c.Number).HasMaxLength(60);
            e.Property(c => c.ItemCode).HasMaxLength(40);
            e.Property(c => c.ItemName).HasMaxLength(200);
            e.Property(c => c.Procedure).HasConversion<string>().HasMaxLength(24);
            e.Property(c => c.Status).HasMaxLength(40);
            e.Property(c => c.Cause).HasMaxLength(200);
            e.Property(c => c.Source).HasMaxLength(20);
            e.Property(c => c.ArchiveSha256).HasMaxLength(64);
            e.Property(c => c.PartySalt).HasMaxLength(32);
            e.Property(c => c.Revision).IsConcurrencyToken();
            e.Ignore(c => c.ActiveOfficers);
            e.Ignore(c => c.IsSealed);
            e.OwnsOne(c => c.Party, p =>
            {
                p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
                p.Property(x => x.Name).HasMaxLength(100);
                p.Property(x => x.IdNumber).HasMaxLength(18);
                p.Property(x => x.CreditCode).HasMaxLength(18);
                p.Property(x => x.Representative).HasMaxLength(32);
                p.Property(x => x.Address).HasMaxLength(200);
                p.Property(x => x.Phone).HasMaxLength(20);
            });
            e.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<EnforcementItem>().WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Officers).WithOne().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Facts).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Steps).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Evidence).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(c => ScopeReadsAll || c.AgencyId == ScopeAgencyId);
        });

        builder.Entity<CaseOfficer>(e =>
        {
            // Ids are made here (version 7), so a new row added to a loaded case is an insert, not an update.
            e.Property(o => o.Id).ValueGeneratedNever();
            e.HasIndex(o => new { o.CaseId, o.OfficerId }).IsUnique();
            e.HasIndex(o => o.OfficerId);
            e.Property(o => o.Name).HasMaxLength(32);
            e.Property(o => o.CertificateNumber).HasMaxLength(32);
            e.Property(o => o.RecusalReason).HasMaxLength(500);
            e.HasOne<Officer>().WithMany().HasForeignKey(o => o.OfficerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CaseFact>(e =>
        {
            // Ids are made here (version 7), so a new row added to a loaded case is an insert, not an update.
            e.Property(f => f.Id).ValueGeneratedNever();
            e.HasIndex(f => new { f.CaseId, f.Sequence }).IsUnique();
            e.Property(f => f.Key).HasMaxLength(60);
            e.Property(f => f.Step).HasMaxLength(40);
            e.Property(f => f.Value).HasMaxLength(10000);
        });

        builder.Entity<CaseStepRecord>(e =>
        {
            // Ids are made here (version 7), so a new row added to a loaded case is an insert, not an update.
            e.Property(s => s.Id).ValueGeneratedNever();
            e.HasIndex(s => new { s.CaseId, s.Sequence }).IsUnique();
            e.Property(s => s.From).HasMaxLength(40);
            e.Property(s => s.To).HasMaxLength(40);
            e.Property(s => s.Action).HasMaxLength(60);
            e.Property(s => s.ActorRole).HasMaxLength(32);
        });

        builder.Entity<CaseEvidence>(e =>
        {
            // Ids are made here (version 7), so a new row added to a loaded case is an insert, not an update.
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => x.Sha256);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.Sm3).HasMaxLength(64);
            e.Property(x => x.MediaType).HasMaxLength(128);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.Step).HasMaxLength(40);
            e.Property(x => x.Place).HasMaxLength(200);
            e.Property(x => x.CollectorName).HasMaxLength(32);
            e.Property(x => x.Proves).HasMaxLength(1000);
        });

        builder.Entity<IssuedDocument>(e =>
        {
            e.HasIndex(d => new { d.AgencyId, d.Kind, d.Year, d.Sequence }).IsUnique();
            e.HasIndex(d => d.Number);
            e.HasIndex(d => d.CaseId);
            e.HasIndex(d => d.PdfSha256);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(d => d.Number).HasMaxLength(DocumentNumberMaxLength);
            e.Property(d => d.Title).HasMaxLength(40);
            e.Property(d => d.PdfSha256).HasMaxLength(64);
            e.Property(d => d.PdfSm3).HasMaxLength(64);
            e.Property(d => d.DocxSha256).HasMaxLength(64);
            e.Property(d => d.DocxSm3).HasMaxLength(64);
            e.Property(d => d.SealSignature).HasMaxLength(80);
            e.HasOne<Agency>().WithMany().HasForeignKey(d => d.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(d => ScopeReadsAll || d.AgencyId == ScopeAgencyId);
        });

        builder.Entity<Sanxiang.Core.Publication.PublicationTask>(e =>
        {
            e.HasIndex(t => t.CaseId);
            e.HasIndex(t => new { t.AgencyId, t.Status, t.DueOn });
            // The statistics (decision 0022): tasks of the period's edge days, and the open tasks of its whole months.
            e.HasIndex(t => t.DecidedOn);
            e.HasIndex(t => new { t.Status, t.DecidedOn });
            e.HasIndex(t => new { t.Kind, t.DecidedOn });
            // The decisions not yet published, read whole by the statistics of every period (a few thousand of a year's
            // hundreds of thousands of tasks at a province's size): their own small index, read alone.
            e.HasIndex(t => new { t.DecidedOn, t.AgencyId, t.DueOn }, "IX_PublicationTasks_Unpublished")
                .HasFilter("\"Kind\" = 'Publish' AND \"Status\" = 'Pending' AND \"FirstPublishedOn\" IS NULL");
            e.Property(t => t.CaseNumber).HasMaxLength(DocumentNumberMaxLength);
            e.Property(t => t.Procedure).HasConversion<string>().HasMaxLength(32);
            e.Property(t => t.Category).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Exemption).HasMaxLength(1100);
            e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Ground).HasMaxLength(300);
            e.Property(t => t.Revision).IsConcurrencyToken();
            e.HasOne<Agency>().WithMany().HasForeignKey(t => t.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(t => ScopeReadsAll || t.AgencyId == ScopeAgencyId);
        });

        builder.Entity<Sanxiang.Core.Publication.PublishedDecision>(e =>
        {
            // The id is the permanent public number and the order of publication (on SQLite the rowid, which the
            // full-text index Publication.Search keys on).
            e.Property(p => p.Id).ValueGeneratedOnAdd();
            e.HasIndex(p => p.TaskId);
            e.HasIndex(p => new { p.AgencyId, p.State, p.Id });
            e.HasIndex(p => new { p.State, p.PublicUntil });
            e.HasIndex(p => p.DecidedOn);
            // The public search by agency and decision dates (one month of one agency among a million entries): the
            // category and the state in the index too, so the span's entries are chosen and counted from the index alone
            // (PostgreSQL: with the id included; SQLite's indexes carry the rowid, which is the id).
            e.HasIndex(p => new { p.AgencyId, p.DecidedOn, p.Category, p.State }).IncludeProperties(p => p.Id);
            e.HasIndex(p => p.CreditCode);
            e.HasIndex(p => p.DocumentNumber);
            e.HasIndex(p => p.CaseNumber);
            e.Property(p => p.AgencyName).HasMaxLength(100);
            e.Property(p => p.Category).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Procedure).HasConversion<string>().HasMaxLength(32);
            e.Property(p => p.PartyKind).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Title).HasMaxLength(40);
            e.Property(p => p.DocumentNumber).HasMaxLength(DocumentNumberMaxLength);
            e.Property(p => p.CaseNumber).HasMaxLength(DocumentNumberMaxLength);
            e.Property(p => p.ItemName).HasMaxLength(200);
            e.Property(p => p.PartyName).HasMaxLength(200);
            e.Property(p => p.CreditCode).HasMaxLength(18);
            e.Property(p => p.Representative).HasMaxLength(64);
            e.Property(p => p.Cause).HasMaxLength(200);
            e.Property(p => p.PenaltyKinds).HasMaxLength(200);
            e.Property(p => p.Result).HasMaxLength(3000);
            e.Property(p => p.LicenceCategory).HasMaxLength(8);
            e.Property(p => p.LicenceName).HasMaxLength(100);
            e.Property(p => p.LicenceNumber).HasMaxLength(64);
            e.Property(p => p.PenaltyLicence).HasMaxLength(200);
            e.Property(p => p.StateReason).HasMaxLength(1200);
            e.Property(p => p.ContentSha256).HasMaxLength(64);
            e.Property(p => p.Revision).IsConcurrencyToken();
            e.HasOne<Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Sanxiang.Core.Publication.PublicationTask>().WithMany().HasForeignKey(p => p.TaskId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(p => ScopeReadsAll || p.AgencyId == ScopeAgencyId);
        });

        builder.Entity<InspectionTarget>(e =>
        {
            e.HasIndex(t => new { t.AgencyId, t.CreditCode }).IsUnique();
            e.Property(t => t.CreditCode).HasMaxLength(18);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Address).HasMaxLength(200);
            e.Property(t => t.Area).HasMaxLength(50);
            e.Property(t => t.Industry).HasMaxLength(50);
            e.Property(t => t.Grade).HasMaxLength(1);
            e.Property(t => t.AffiliatedAgency).HasMaxLength(16);
            e.HasOne<Agency>().WithMany().HasForeignKey(t => t.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(t => ScopeReadsAll || t.AgencyId == ScopeAgencyId);
        });

        builder.Entity<InspectorRecusal>(e =>
        {
            e.HasIndex(r => new { r.AgencyId, r.OfficerId, r.CreditCode }).IsUnique();
            e.Property(r => r.CertificateNumber).HasMaxLength(32);
            e.Property(r => r.CreditCode).HasMaxLength(18);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Officer>().WithMany().HasForeignKey(r => r.OfficerId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(r => ScopeReadsAll || r.AgencyId == ScopeAgencyId);
        });

        builder.Entity<InspectionPlan>(e =>
        {
            e.HasIndex(p => new { p.AgencyId, p.Year, p.Sequence }).IsUnique();
            e.HasIndex(p => p.Number).IsUnique();
            e.HasIndex(p => new { p.Status, p.DrawOn });
            e.Property(p => p.Number).HasMaxLength(60);
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Commitment).HasMaxLength(64);
            e.Property(p => p.ListsSha256).HasMaxLength(64);
            e.Property(p => p.Seed).HasMaxLength(32);
            e.Ignore(p => p.Weights);
            e.Ignore(p => p.Rules);
            e.Ignore(p => p.IsJoint);
            e.OwnsMany(p => p.Items, b => b.ToJson());
            e.OwnsOne(p => p.Filter, b => b.ToJson());
            e.HasOne<Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(p => ScopeReadsAll || p.AgencyId == ScopeAgencyId);
        });

        builder.Entity<PlanParticipant>(e =>
        {
            e.HasIndex(p => new { p.PlanId, p.AgencyId }).IsUnique();
            e.HasOne<InspectionPlan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(p => ScopeReadsAll || p.AgencyId == ScopeAgencyId);
        });

        builder.Entity<InspectionTask>(e =>
        {
            e.HasIndex(t => new { t.PlanId, t.Order, t.AgencyId }).IsUnique();
            e.HasIndex(t => t.CaseId).IsUnique();
            e.HasIndex(t => new { t.AgencyId, t.CreditCode });
            e.Property(t => t.CreditCode).HasMaxLength(18);
            e.Property(t => t.TargetName).HasMaxLength(100);
            e.HasOne<InspectionPlan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(t => t.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(t => ScopeReadsAll || t.AgencyId == ScopeAgencyId);
        });

        // The dashboard's per-case rows (CaseSummaries.cs): derived data, rewritten with every change to the case.
        builder.Entity<Sanxiang.Core.Supervision.CaseSummary>(e =>
        {
            e.HasKey(s => s.CaseId);
            e.Property(s => s.Procedure).HasConversion<string>().HasMaxLength(24);
            e.Property(s => s.Status).HasMaxLength(40);
            e.Property(s => s.Stage).HasMaxLength(8);
            e.Property(s => s.Source).HasMaxLength(20);
            e.Property(s => s.Outcome).HasMaxLength(20);
            e.HasIndex(s => new { s.AgencyId, s.OpenedOn });
            e.HasIndex(s => new { s.AgencyId, s.DecidedOn });
            // Covering the dashboard's edge-day counts (decision 0022), so they are read from the index alone: a row is
            // rewritten with every change to its case, so the rows of a month lie all over the table.
            e.HasIndex(s => new { s.OpenedOn, s.AgencyId, s.Stage, s.Procedure });
            e.HasIndex(s => new { s.DecidedOn, s.AgencyId, s.Procedure, s.Outcome, s.DecisionDueOn });
            e.HasOne<Case>().WithOne().HasForeignKey<Sanxiang.Core.Supervision.CaseSummary>(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Rounds).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Deadlines).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(s => ScopeReadsAll || s.AgencyId == ScopeAgencyId);
        });

        builder.Entity<Sanxiang.Core.Supervision.CaseSummaryRound>(e =>
        {
            e.HasKey(r => new { r.CaseId, r.Number });
            e.HasIndex(r => new { r.AgencyId, r.ReviewedOn });
            e.HasIndex(r => new { r.ReviewedOn, r.AgencyId, r.Number, r.Agreed, r.Returned, r.Late, r.ProblemKinds, r.WorkingDays });
            e.HasQueryFilter(r => ScopeReadsAll || r.AgencyId == ScopeAgencyId);
        });

        builder.Entity<Sanxiang.Core.Supervision.CaseSummaryDeadline>(e =>
        {
            e.HasKey(d => new { d.CaseId, d.Sequence });
            e.Property(d => d.Step).HasMaxLength(40);
            e.Property(d => d.What).HasMaxLength(60);
            e.HasIndex(d => new { d.AgencyId, d.DueOn });
            e.HasIndex(d => new { d.DueOn, d.PartyWindow, d.AgencyId, d.Step, d.What, d.DueAtUtc });
            // The few limits counted in hours, found without reading every dated one.
            e.HasIndex(d => d.DueOn, "IX_CaseSummaryDeadlines_Hourly").HasFilter("\"DueAtUtc\" IS NOT NULL");
            e.HasQueryFilter(d => ScopeReadsAll || d.AgencyId == ScopeAgencyId);
        });
        // Their monthly (and daily) roll-up, kept by delta in the same save (decision 0022); county-wide daily rows carry
        // the empty agency id, so only a county-wide reader sees them.
        builder.Entity<Sanxiang.Core.Supervision.CaseCount>(e =>
        {
            e.HasKey(c => new { c.AgencyId, c.Measure, c.Period, c.Key });
            e.Property(c => c.Measure).HasMaxLength(16);
            e.Property(c => c.Key).HasMaxLength(120);
            // Covering: a dashboard's sums are read from the index alone.
            e.HasIndex(c => new { c.Measure, c.Period, c.AgencyId, c.Key, c.Value });
            e.HasQueryFilter(c => ScopeReadsAll || c.AgencyId == ScopeAgencyId);
        });
        ConfigureOnlinePatrol(builder);
        ConfigureEvaluations(builder);
        ConfigureSharing(builder);
        ConfigureAnnualReports(builder);

        builder.Entity<DocumentCounter>(e =>
        {
            // Written only by DocumentIssuer, with raw SQL that names these columns (quoted identifiers on both providers).
            e.ToTable("DocumentCounters");
            e.HasKey(c => new { c.AgencyId, c.Year, c.Kind });
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
            e.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Complaint>(e =>
        {
            e.HasIndex(c => c.TrackingNumber).IsUnique();
            e.HasIndex(c => new { c.Day, c.Sequence }).IsUnique();
            e.HasIndex(c => new { c.AgencyId, c.Status });
            e.HasIndex(c => c.ReceivedOn);
            e.HasIndex(c => c.CaseId);
            e.Property(c => c.TrackingNumber).HasMaxLength(20);
            e.Property(c => c.QueryCodeHash).HasMaxLength(64);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Subject).HasMaxLength(ComplaintForm.MaxSubject);
            e.Property(c => c.Content).HasMaxLength(ComplaintForm.MaxContent);
            e.Property(c => c.Respondent).HasMaxLength(ComplaintForm.MaxRespondent);
            e.Property(c => c.Place).HasMaxLength(ComplaintForm.MaxPlace);
            e.Property(c => c.ComplainantName).HasMaxLength(ComplaintForm.MaxName);
            e.Property(c => c.ComplainantPhone).HasMaxLength(24);
            e.Property(c => c.Reply).HasMaxLength(ComplaintWorkflow.MaxNote);
            e.Property(c => c.Revision).IsConcurrencyToken();
            e.Ignore(c => c.IsOpen);
            e.OwnsMany(c => c.Steps, b => b.ToJson());
            e.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(c => c.RequestedAgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
            // Not IAgencyOwned (an unrouted complaint has no agency): an agency reads the complaints it handles, the county
            // reads all, and nobody else any (the null agency of an unrouted complaint must not match an absent scope).
            e.HasQueryFilter(c => ScopeReadsAll || (ScopeAgencyId != null && c.AgencyId == ScopeAgencyId));
        });

        builder.Entity<ComplaintCounter>(e =>
        {
            // Written with raw SQL by ComplaintDesk (quoted identifiers on both providers).
            e.ToTable("ComplaintCounters");
            e.HasKey(c => c.Day);
            e.Property(c => c.Day).ValueGeneratedNever();
        });

        builder.Entity<UsedComplaintChallenge>(e =>
        {
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(32);
            e.HasIndex(c => c.ExpiresAtUtc);
        });

        builder.Entity<BlobRecord>(e =>
        {
            e.HasKey(b => new { b.Sha256, b.AgencyId });
            e.Property(b => b.Sha256).HasMaxLength(64);
            e.Property(b => b.Sm3).HasMaxLength(64);
            e.Property(b => b.MediaType).HasMaxLength(128);
            e.Property(b => b.OriginalName).HasMaxLength(255);
            e.HasIndex(b => b.AgencyId);
            e.HasQueryFilter(b => ScopeReadsAll || b.AgencyId == ScopeAgencyId);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (_pendingEvents.Count > 0)
        {
            throw new InvalidOperationException("有待写入记录日志的事件：请使用 SaveChangesAsync。");
        }

        if (ChangedCases().Count > 0)
        {
            throw new InvalidOperationException("案件变更须同时更新统计摘要：请使用 SaveChangesAsync。");
        }

        if (ChangeTracker.Entries<Sanxiang.Core.Publication.PublicationTask>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            || ChangeTracker.Entries<Sanxiang.Core.Publication.PublishedDecision>().Any(e => e.State == EntityState.Added))
        {
            throw new InvalidOperationException("公示任务变更须同时更新统计汇总：请使用 SaveChangesAsync。");
        }

        CheckWrites();
        var touched = FrozenVersionIds();
        if (touched.Count > 0)
        {
            CheckFrozenRows([.. RegistryVersions.IgnoreQueryFilters().Where(v => touched.Contains(v.Id) && v.Status != VersionStatus.Draft).Select(v => v.Id)]);
        }

        StampChangeTimes();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SaveAndCountAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            // Computed afresh on every attempt, from the rows as the database has them: a save retried after a failure
            // must neither add its deltas twice nor lose them.
            _countDeltas = new Sanxiang.Core.Supervision.CaseCountSums();
        }
    }

    private async Task<int> SaveAndCountAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        await RefreshCaseSummariesAsync(cancellationToken);
        await RefreshPublicationCountsAsync(cancellationToken);
        CheckWrites();
        var touched = FrozenVersionIds();
        if (touched.Count > 0)
        {
            CheckFrozenRows(await RegistryVersions.IgnoreQueryFilters().Where(v => touched.Contains(v.Id) && v.Status != VersionStatus.Draft)
                .Select(v => v.Id).ToListAsync(cancellationToken));
        }

        StampChangeTimes();
        var counts = _countDeltas.Deltas().ToList();
        if (_pendingEvents.Count == 0 && counts.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var events = _pendingEvents.ToList();
        var own = Database.CurrentTransaction is null;
        var tx = own ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (events.Count > 0)
            {
                await LedgerAppender.AppendAsync(this, events, _clock.GetUtcNow(), cancellationToken);
            }

            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await Supervision.CaseCountStore.ApplyAsync(this, counts, cancellationToken);
            if (tx is not null)
            {
                await tx.CommitAsync(cancellationToken);
            }

            _pendingEvents.Clear();
            if (own && events.Count > 0)
            {
                LedgerAppended?.Invoke();
            }

            return written;
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The single write rule: an account changes only its own agency's data (supervisors also keep the registry),
    /// and the audit log only grows.
    /// </summary>
    private void CheckWrites()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case AuditEntry when entry.State != EntityState.Added:
                    throw new InvalidOperationException("审计日志只允许追加，不得修改或删除。");
                case IssuedDocument when entry.State != EntityState.Added:
                    throw new InvalidOperationException("已出具的执法文书不得修改或删除；如有错误，应另行出具文书更正。");
                case LedgerEntry or LedgerNode or LedgerCheckpoint when entry.State != EntityState.Added:
                    throw new InvalidOperationException("执法全过程记录日志只允许追加，不得修改或删除；更正应作为新的记录写入。");
                case Agency agency:
                    Require(agency.Id, registryData: true, agency.Name);
                    break;
                case EnforcementItem item:
                    Require(item.AgencyId, registryData: true, item.Name);
                    RequireOriginal(entry, nameof(EnforcementItem.AgencyId), registryData: true);
                    break;
                case OfficerEntry officer:
                    Require(officer.AgencyId, registryData: true, officer.Name);
                    RequireOriginal(entry, nameof(OfficerEntry.AgencyId), registryData: true);
                    break;
                case RegistryVersion version:
                    Require(version.AgencyId, registryData: true, version.Kind.Chinese());
                    RequireOriginal(entry, nameof(RegistryVersion.AgencyId), registryData: true);
                    if (entry.State != EntityState.Added && entry.Property(nameof(RegistryVersion.Status)).OriginalValue is not VersionStatus.Draft)
                    {
                        throw new InvalidOperationException("已批准或已作废的名单版本不得修改或删除；变更须另建新版本。");
                    }

                    break;
                case Officer officer:
                    Require(officer.AgencyId, registryData: true, "执法人员");
                    RequireOriginal(entry, nameof(Officer.AgencyId), registryData: true);
                    break;
                case CaseFact or CaseStepRecord when entry.State != EntityState.Added:
                    throw new InvalidOperationException("案件的记录只允许追加，不得修改或删除；更正应作为新的记录写入。");
                case CaseOfficer or CaseFact or CaseStepRecord or CaseEvidence:
                    RequireCaseOpen(entry);
                    break;
                case Case @case:
                    Require(@case.AgencyId, registryData: false, "案件");
                    RequireOriginal(entry, nameof(Case.AgencyId), registryData: false);
                    if (entry.State == EntityState.Deleted || entry.State == EntityState.Modified && entry.Property(nameof(Case.SealedAtUtc)).OriginalValue is not null
                        && !IsPackaging(entry))
                    {
                        throw new InvalidOperationException("已归档封存的案件不得修改，案件也不得删除；更正应作为新的记录写入。");
                    }

                    break;
                case Sanxiang.Core.Supervision.Evaluation.CaseFileEvaluation when CurrentScope.Kind is not (AccessScopeKind.System or AccessScopeKind.County):
                    throw new AgencyAccessDeniedException("案卷评查由县司法局组织，其他机关无权修改。");
                case Sanxiang.Core.Supervision.Evaluation.EvaluatedFile:
                    CheckEvaluatedFileWrite(entry);
                    break;
                case Complaint complaint:
                    CheckComplaintWrite(entry, complaint);
                    break;
                case IAgencyOwned owned:
                    Require(owned.AgencyId, registryData: false, entry.Metadata.DisplayName());
                    RequireOriginal(entry, nameof(IAgencyOwned.AgencyId), registryData: false);
                    break;
            }
        }
    }

    /// <summary>
    /// The versions whose rows this unit of work adds, changes or deletes, except versions created in this same unit of
    /// work (seeding, a new draft): those rows must belong to a draft.
    /// </summary>
    private List<Guid> FrozenVersionIds()
    {
        var created = ChangeTracker.Entries<RegistryVersion>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToHashSet();
        var changed = ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var ids = new List<Guid>();
        foreach (var e in changed)
        {
            if (e.Entity is EnforcementItem or OfficerEntry)
            {
                ids.Add((Guid)e.Property("VersionId").CurrentValue!);
                // A row moved out of a version is a change to that version too.
                ids.Add((Guid)e.Property("VersionId").OriginalValue!);
            }
        }

        // An item's legal basis, benchmark, guide and plan are owned JSON values tracked as entries of their own: when
        // any of them changes, every tracked item counts as changed (conservative: it may only refuse more).
        if (changed.Any(e => e.Metadata.IsOwned() && RootOwner(e.Metadata) == typeof(EnforcementItem)))
        {
            ids.AddRange(ChangeTracker.Entries<EnforcementItem>().Select(e => e.Entity.VersionId));
        }

        return [.. ids.Where(id => id != Guid.Empty && !created.Contains(id)).Distinct()];
    }

    /// <summary>The entity an owned type ultimately belongs to (an item's benchmark tiers are owned by tiers owned by the item).</summary>
    private static Type RootOwner(Microsoft.EntityFrameworkCore.Metadata.IEntityType type)
    {
        while (type.IsOwned() && type.FindOwnership() is { } ownership)
        {
            type = ownership.PrincipalEntityType;
        }

        return type.ClrType;
    }

    private static void CheckFrozenRows(List<Guid> frozen)
    {
        if (frozen.Count > 0)
        {
            throw new InvalidOperationException("已批准的名单版本中的内容不得修改；变更须在新版本草稿中进行并经批准。");
        }
    }

    /// <summary>The tracked cases this unit of work adds or changes, directly or through their records.</summary>
    private List<Case> ChangedCases()
    {
        var changed = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Case c when entry.State == EntityState.Added || !IsPackaging(entry):
                    changed.Add(c.Id);
                    break;
                case CaseOfficer or CaseFact or CaseStepRecord or CaseEvidence:
                    changed.Add((Guid)entry.Property("CaseId").CurrentValue!);
                    break;
            }
        }

        return [.. ChangeTracker.Entries<Case>().Where(e => changed.Contains(e.Entity.Id)).Select(e => e.Entity)];
    }

    /// <summary>
    /// Rewrites the <see cref="Sanxiang.Core.Supervision.CaseSummary"/> of every case this unit of work changes, so the
    /// dashboard's rows are saved in the same transaction as the change and can never lag behind it.
    /// </summary>
    private async Task RefreshCaseSummariesAsync(CancellationToken ct)
    {
        var cases = ChangedCases();
        foreach (var c in cases)
        {
            // A case changed without its records loaded (a direct update of one column) has them read now, since its
            // summary is derived from all of them.
            var entry = Entry(c);
            if (entry.State != EntityState.Added)
            {
                foreach (var collection in new Microsoft.EntityFrameworkCore.ChangeTracking.CollectionEntry[]
                    { entry.Collection(x => x.Facts), entry.Collection(x => x.Steps), entry.Collection(x => x.Evidence) })
                {
                    if (!collection.IsLoaded)
                    {
                        await collection.LoadAsync(ct);
                    }
                }
            }
        }

        await ApplyCaseSummariesAsync(cases, ct);
    }

    /// <summary>
    /// Adds or rewrites the summaries of <paramref name="cases"/> (loaded with their facts, steps and evidence; tracked or
    /// not) in this unit of work; the caller saves.
    /// </summary>
    internal async Task ApplyCaseSummariesAsync(IReadOnlyList<Case> cases, CancellationToken ct)
    {
        if (cases.Count == 0)
        {
            return;
        }

        var ids = cases.Select(c => c.Id).ToList();
        var agencyIds = cases.Select(c => c.AgencyId).Distinct().ToList();
        var codes = await Agencies.IgnoreQueryFilters().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var existing = await CaseSummaries.IgnoreQueryFilters().Include(s => s.Rounds).Include(s => s.Deadlines).AsSplitQuery()
            .Where(s => ids.Contains(s.CaseId)).ToDictionaryAsync(s => s.CaseId, ct);
        // What the roll-up holds for these cases now is what the database has (a tracked row may carry a failed attempt's values).
        var stored = await CaseSummaries.IgnoreQueryFilters().AsNoTracking().Include(s => s.Rounds).Include(s => s.Deadlines).AsSplitQuery()
            .Where(s => ids.Contains(s.CaseId)).ToDictionaryAsync(s => s.CaseId, ct);
        var calendar = await CalendarStore.LoadAsync(this, ct);
        var now = _clock.GetUtcNow();
        foreach (var c in cases)
        {
            var fresh = Sanxiang.Core.Supervision.CaseSummaries.Build(c, calendar, _caseOptions.For(codes.GetValueOrDefault(c.AgencyId, "")),
                Sanxiang.Core.ChinaTime.DateOf(now), now);
            if (!existing.TryGetValue(c.Id, out var row))
            {
                _countDeltas.Add(stored.GetValueOrDefault(c.Id), -1);
                _countDeltas.Add(fresh);
                CaseSummaries.Add(fresh);
                continue;
            }

            // The roll-up moves by what the case contributed before and contributes now (decision 0022).
            _countDeltas.Add(stored.GetValueOrDefault(c.Id), -1);
            _countDeltas.Add(fresh);
            Entry(row).CurrentValues.SetValues(fresh);
            Sync(row.Rounds, fresh.Rounds, r => r.Number);
            Sync(row.Deadlines, fresh.Deadlines, d => d.Sequence);
        }

        void Sync<T>(List<T> rows, List<T> fresh, Func<T, int> key) where T : class
        {
            foreach (var old in rows.Where(r => fresh.All(f => key(f) != key(r))).ToList())
            {
                Remove(old);
                rows.Remove(old);
            }

            foreach (var f in fresh)
            {
                if (rows.FirstOrDefault(r => key(r) == key(f)) is { } r)
                {
                    Entry(r).CurrentValues.SetValues(f);
                }
                else
                {
                    rows.Add(f);
                }
            }
        }
    }

    /// <summary>The one change a sealed case accepts: its archive package's hash, set once.</summary>
    private static bool IsPackaging(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).SequenceEqual([nameof(Case.ArchiveSha256)])
        && entry.Property(nameof(Case.ArchiveSha256)).OriginalValue is null;

    /// <summary>
    /// A case's officers, facts, steps and evidence are written only together with their case, loaded in this unit of work
    /// through the scope filter: so they belong to the caller's agency, and never to a sealed case.
    /// </summary>
    private void RequireCaseOpen(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        var caseId = (Guid)entry.Property("CaseId").CurrentValue!;
        var owner = ChangeTracker.Entries<Case>().FirstOrDefault(c => c.Entity.Id == caseId)
            ?? throw new InvalidOperationException("案件的子记录必须随所属案件一并写入。");
        Require(owner.Entity.AgencyId, registryData: false, "案件");
        if (owner.State != EntityState.Added && owner.Property(nameof(Case.SealedAtUtc)).OriginalValue is not null)
        {
            throw new InvalidOperationException("已归档封存的案件不得修改；更正应作为新的记录写入。");
        }

        if (entry.State == EntityState.Deleted)
        {
            throw new InvalidOperationException("案件的承办人员、证据等记录不得删除。");
        }
    }

    /// <summary>
    /// 投诉举报: anyone may file one (the public portal writes as nobody); the county (supervisors) routes and follows up
    /// any; an agency changes only a complaint it handles, and may only keep it or send it back unrouted; none is deleted.
    /// </summary>
    private void CheckComplaintWrite(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, Complaint complaint)
    {
        if (entry.State == EntityState.Deleted)
        {
            throw new InvalidOperationException("投诉举报件不得删除。");
        }

        if (entry.State == EntityState.Added || CurrentScope.Kind is AccessScopeKind.System or AccessScopeKind.County)
        {
            return;
        }

        var original = entry.Property(nameof(Complaint.AgencyId)).OriginalValue as Guid?;
        if (CurrentScope.Kind != AccessScopeKind.Agency || original is null || original != CurrentScope.AgencyId
            || complaint.AgencyId is { } now && now != original)
        {
            throw new AgencyAccessDeniedException("无权修改其他执法主体承办的投诉举报件。");
        }
    }

    private HashSet<Guid>? _grantedAgencies;

    /// <summary>
    /// Lets this unit of work write the case data (not the registry) of <paramref name="agencies"/> besides the caller's
    /// own, until disposed: only for a joint random-inspection draw, whose participating agencies' heads have each
    /// confirmed (<see cref="Sanxiang.Core.Inspection.PlanParticipant"/>) that the draw opens their inspection cases.
    /// </summary>
    internal IDisposable GrantCaseWrites(IEnumerable<Guid> agencies)
    {
        _grantedAgencies = [.. agencies];
        return new Grant(this);
    }

    private sealed class Grant(SanxiangDbContext db) : IDisposable
    {
        public void Dispose() => db._grantedAgencies = null;
    }

    private void Require(Guid agencyId, bool registryData, string what)
    {
        if (!CurrentScope.MayWrite(agencyId, registryData) && (registryData || _grantedAgencies?.Contains(agencyId) != true))
        {
            throw new AgencyAccessDeniedException($"无权修改其他执法主体的数据（{what}）。");
        }
    }

    private void RequireOriginal(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, string property, bool registryData)
    {
        if (entry.State == EntityState.Modified && entry.Property(property).OriginalValue is Guid original)
        {
            Require(original, registryData, entry.Metadata.DisplayName());
        }
    }
}
