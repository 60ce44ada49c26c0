using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Cases;

/// <summary>
/// What a person fills in to take a step: the facts each guard reads, so the form beside a blocked step asks exactly for
/// what the law requires there. Built from the transition's guards; the same list serves the workbench and API clients.
/// </summary>
public static class CaseForms
{
    private static readonly Dictionary<string, FactKey[]> ByGuard = new(StringComparer.Ordinal)
    {
        [WorkflowGuards.CertificateShown.Id] = [FactKeys.CertificateShown],
        [WorkflowGuards.RegistrationApproved.Id] = [FactKeys.RegistrationOpinion],
        [WorkflowGuards.PreservationApproved.Id] = [FactKeys.PreservationApprovedBy],
        [WorkflowGuards.PreservationDecided.Id] = [FactKeys.PreservationDecision, FactKeys.PreservationDecidedOn],
        [WorkflowGuards.InvestigationReport.Id] = [FactKeys.InvestigationReport],
        [WorkflowGuards.PenaltyNoticeServed.Id] = [FactKeys.PenaltyKinds, FactKeys.FineAmount, FactKeys.ConfiscationAmount, FactKeys.BenchmarkTier,
            FactKeys.NoticeServedOn, FactKeys.NoticeRightsTold],
        [WorkflowGuards.StatementHeard.Id] = [FactKeys.Statement, FactKeys.StatementWaived],
        [WorkflowGuards.HearingRequestedInTime.Id] = [FactKeys.HearingRequestedOn],
        [WorkflowGuards.HearingNoticeSevenDays.Id] = [FactKeys.HearingNoticeServedOn, FactKeys.HearingAt, FactKeys.HearingPlace],
        [WorkflowGuards.LicensingHearingNotice.Id] = [FactKeys.HearingNoticeServedOn, FactKeys.HearingAt, FactKeys.HearingPlace],
        [WorkflowGuards.HearingChairIndependent.Id] = [FactKeys.HearingChair],
        [WorkflowGuards.HearingRecordSigned.Id] = [FactKeys.HearingRecordSigned],
        [WorkflowGuards.ReviewPassed.Id] = [.. FactKeys.ReviewPoints.SelectMany(p => new[] { p.Answer, p.Note }), FactKeys.ReviewOpinion, FactKeys.ReviewNote],
        [WorkflowGuards.ReviewReturned.Id] = [.. FactKeys.ReviewPoints.SelectMany(p => new[] { p.Answer, p.Note }), FactKeys.ReviewOpinion, FactKeys.ReviewProblems],
        [WorkflowGuards.ReviewRequired.Id] = [FactKeys.ReviewPublicInterest, FactKeys.ReviewSocialImpact, FactKeys.ReviewMajorRights, FactKeys.ReviewComplex],
        [WorkflowGuards.ReviewSubmitted.Id] = [FactKeys.ReviewResponsibility, FactKeys.ReviewResponses, FactKeys.ReviewPublicInterest, FactKeys.ReviewSocialImpact,
            FactKeys.ReviewMajorRights, FactKeys.ReviewComplex],
        [WorkflowGuards.DiscussionRequired.Id] = [FactKeys.DiscussionRequired],
        [WorkflowGuards.DiscussionRecorded.Id] = [FactKeys.DiscussionAt, FactKeys.DiscussionPlace, FactKeys.DiscussionChair, FactKeys.DiscussionParticipants,
            FactKeys.DiscussionRecorder, FactKeys.DiscussionConclusion, FactKeys.DiscussionDecision, FactKeys.DiscussionFine],
        [WorkflowGuards.RegistrationWithinLimit.Id] = [FactKeys.RegistrationLeadOn, FactKeys.RegistrationExtension, FactKeys.RegistrationExcludedDays,
            FactKeys.RegistrationLateReason],
        [WorkflowGuards.DecisionWithinLimit.Id] = [FactKeys.ExtensionDays, FactKeys.ExtensionApproval, FactKeys.ExcludedDays, FactKeys.ExcludedReason],
        [WorkflowGuards.DecisionWithinBenchmark.Id] = [FactKeys.PenaltyKinds, FactKeys.FineAmount, FactKeys.BenchmarkTier, FactKeys.BenchmarkReason],
        [WorkflowGuards.DecisionDocumentComplete.Id] = [FactKeys.DecisionKind, FactKeys.DecisionFacts, FactKeys.DecisionBasis, FactKeys.DecisionPerformance,
            FactKeys.DecisionRemedy, FactKeys.PenaltyLicence, FactKeys.PenaltyEffectiveUntil],
        [WorkflowGuards.ServiceRecorded.Id] = [FactKeys.ServiceMethod, FactKeys.ServedOn, FactKeys.ServiceRecipient, FactKeys.ElectronicConsent,
            FactKeys.ServiceLateReason],
        [WorkflowGuards.ExecutionPerformed.Id] = [FactKeys.PaidOn, FactKeys.PaidAmount, FactKeys.CourtEnforcementOn, FactKeys.ExecutionNote],
        [WorkflowGuards.ClosingReportApproved.Id] = [FactKeys.ClosingReport],
        [WorkflowGuards.SummaryAmountLimit.Id] = [FactKeys.PenaltyKinds, FactKeys.FineAmount],
        [WorkflowGuards.SummaryDecisionDelivered.Id] = [FactKeys.SummaryDecisionDelivered],
        [WorkflowGuards.OnSpotCollectionAllowed.Id] = [FactKeys.HardToExecute],
        [WorkflowGuards.CollectionReceipt.Id] = [FactKeys.ReceiptNumber, FactKeys.CollectedOn],
        [WorkflowGuards.CollectionRemitted.Id] = [FactKeys.RemittedOn],
        [WorkflowGuards.SummaryFiled.Id] = [FactKeys.FiledOn],
        [WorkflowGuards.CoercionApproved.Id] = [FactKeys.CoercionApprovedBy],
        [WorkflowGuards.CoercionEmergency.Id] = [FactKeys.CoercionEmergency],
        [WorkflowGuards.CoercionRatified.Id] = [FactKeys.CoercionImplementedAt, FactKeys.CoercionRatifiedAt, FactKeys.CoercionApprovedBy],
        [WorkflowGuards.CoercionOnSiteProcedure.Id] = [FactKeys.CoercionOnSiteProcedure],
        [WorkflowGuards.CoercionOnSiteRecord.Id] = [FactKeys.CoercionOnSiteRecord],
        [WorkflowGuards.SeizureDocumentsDelivered.Id] = [FactKeys.SeizureDocumentsDelivered],
        [WorkflowGuards.CoercionWithinTerm.Id] = [FactKeys.CoercionExtensionApproval],
        [WorkflowGuards.CoercionReleaseGrounds.Id] = [FactKeys.ReleaseGrounds],
        [WorkflowGuards.InspectionTargetsDrawn.Id] = [FactKeys.InspectionDraw],
        [WorkflowGuards.InspectionRecordSigned.Id] = [FactKeys.InspectionRecordSigned, FactKeys.InspectionResult],
        [WorkflowGuards.RectificationVerified.Id] = [FactKeys.RectificationVerifiedOn],
        [WorkflowGuards.PublicationRedacted.Id] = [FactKeys.PublicationRedacted],
        [WorkflowGuards.MaterialsComplete.Id] = [FactKeys.MaterialsComplete],
        [WorkflowGuards.SupplementNotifiedOnce.Id] = [FactKeys.SupplementNotice],
        [WorkflowGuards.LicensingHearingRequested.Id] = [FactKeys.LicensingHearingToldOn, FactKeys.LicensingHearingRequestedOn],
        [WorkflowGuards.RefusalReasons.Id] = [FactKeys.DecisionKind, FactKeys.DecisionReasons, FactKeys.LicenceCategory, FactKeys.LicenceName,
            FactKeys.LicenceNumber, FactKeys.LicenceValidFrom, FactKeys.LicenceValidTo],
        [WorkflowGuards.InjuryApplicationInTime.Id] = [FactKeys.InjuryOn, FactKeys.InjuryApplicant, FactKeys.InjuryAppliedOn],
        [WorkflowGuards.InjuryMaterialsComplete.Id] = [FactKeys.InjuryMaterials],
    };

    /// <summary>The facts to ask for with <paramref name="transition"/>, each once, in the order its guards name them.</summary>
    public static IReadOnlyList<FactKey> FieldsFor(Transition transition) =>
        [.. transition.Guards.SelectMany(g => ByGuard.GetValueOrDefault(g.Id) ?? []).Distinct()];
}
