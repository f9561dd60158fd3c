package id.atensi.aid.rest;

import id.atensi.aid.domain.AidItem;
import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.DistributionLine;
import id.atensi.aid.domain.DistributionShare;
import id.atensi.aid.domain.DistributionStatus;
import id.atensi.aid.domain.FundingMode;
import id.atensi.aid.domain.FundingSource;
import id.atensi.aid.domain.FundingSourceKind;
import id.atensi.aid.domain.ItemCategory;
import id.atensi.aid.domain.Programme;
import id.atensi.aid.domain.ProgrammeKind;
import id.atensi.aid.domain.ProgrammeStatus;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.service.DistributionQueries;
import id.atensi.aid.service.ProgrammeQueries;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the aid service answers. Amounts are integer rupiah. */
public final class Views {

    private Views() {
    }

    @Schema(name = "Programme")
    public record ProgrammeView(UUID id, String name, ProgrammeKind kind, LocalDate periodStart, LocalDate periodEnd,
                                @Schema(description = "At the moment of the request: OPEN takes new distributions; ENDED (an open programme after its periodEnd, Asia/Jakarta) and CLOSED take none, and distributions under way go on")
                                ProgrammeStatus status,
                                @Schema(description = "What an admin can move it to now: exactly what the service then accepts")
                                List<ProgrammeStatus> allowedTransitions,
                                long budgetIdr, long committedIdr, long deliveredIdr, long remainingIdr,
                                @Schema(description = "In their order, the order in which the pool draws on them")
                                List<FundingSourceView> fundingSources, OffsetDateTime createdAt, OffsetDateTime closedAt, long version) {

        static ProgrammeView of(ProgrammeQueries.Reading reading) {
            Programme p = reading.programme();
            return new ProgrammeView(p.id, p.name, p.kind, p.periodStart, p.periodEnd, reading.status(), List.copyOf(reading.allowedTransitions()),
                    p.budgetIdr, p.committedIdr, p.deliveredIdr, p.remainingIdr(), reading.fundingSources().stream().map(FundingSourceView::of).toList(),
                    p.createdAt, p.closedAt, p.version);
        }
    }

    @Schema(name = "FundingSource")
    public record FundingSourceView(UUID id, FundingSourceKind kind, UUID partnerId, String funderName, long amountIdr,
                                    long committedIdr, long deliveredIdr, long remainingIdr) {

        static FundingSourceView of(FundingSource s) {
            return new FundingSourceView(s.id, s.kind, s.partnerId, s.funderName, s.amountIdr, s.committedIdr, s.deliveredIdr,
                    s.remainingIdr());
        }
    }

    @Schema(name = "Item")
    public record ItemView(UUID id, String code, String name, String unit, ItemCategory category, long amountIdr, long version,
                           OffsetDateTime updatedAt) {

        static ItemView of(AidItem i) {
            return new ItemView(i.id, i.code, i.name, i.unit, i.category, i.amountIdr, i.version, i.updatedAt);
        }
    }

    @Schema(name = "Distribution")
    public record DistributionView(UUID id, UUID programmeId,
                                   @Schema(description = "The funding source when exactly one pays it all; absent when several share it, or while a pool distribution awaits approval (see fundingShares)")
                                   UUID fundingSourceId,
                                   @Schema(description = "EXPLICIT: the shares were named when proposed; POOL: they are drawn from the programme's funding sources, in their order, on approval")
                                   FundingMode fundingMode,
                                   @Schema(description = "Who pays what, in the order delivery fills them; empty while a pool distribution awaits approval")
                                   List<FundingShareView> fundingShares,
                                   RecipientKind recipientKind, UUID recipientId,
                                   @Schema(description = "Checked against the beneficiary events; false only on household and group distributions proposed before those events existed")
                                   boolean recipientVerified,
                                   UUID channellingPartnerId,
                                   @Schema(description = "true when a channelling partner is named: it was checked against the partner events (earlier distributions may hold an unchecked one)")
                                   boolean channellingPartnerVerified,
                                   @Schema(description = "The service unit whose officers run it (the recipient's, else the proposing officer's); null: admins only")
                                   UUID serviceUnitId,
                                   @Schema(description = "The recipient's province (idn-area code, e.g. 32) when proposed; null when not known") String provinceCode,
                                   @Schema(description = "The recipient's regency (e.g. 32.01) when proposed; null when not known") String regencyCode,
                                   DistributionStatus status,
                                   @Schema(description = "The statuses it can move to at the moment of the request: exactly what the service then accepts from a caller whose role and scope allow the move. APPROVED only while its programme is open and within its period and the budget holds its total (its named shares, or the pool)")
                                   List<DistributionStatus> allowedTransitions,
                                   long totalIdr, long deliveredIdr, List<LineView> lines, String note,
                                   String duplicateOverrideReason, String duplicateOverrideBy,
                                   String proposedBy, OffsetDateTime proposedAt, String approvedBy, OffsetDateTime approvedAt,
                                   OffsetDateTime dispatchedAt, OffsetDateTime closedAt, String closeReason, ProofView proof, long version) {

        static DistributionView of(DistributionQueries.Reading reading) {
            Distribution d = reading.distribution();
            ProofView proof = d.proofReceivedBy == null ? null : new ProofView(d.proofReceivedBy, d.proofReceivedAt, d.proofPlace,
                    d.proofLatitude, d.proofLongitude, d.proofFileReference, d.proofFileSha256, d.proofRecordedBy);
            List<DistributionShare> shares = reading.shares();
            return new DistributionView(d.id, d.programmeId, shares.size() == 1 ? shares.get(0).fundingSourceId : null, d.fundingMode,
                    shares.stream().map(share -> FundingShareView.of(share, d.status)).toList(), d.recipientKind, d.recipientId, d.recipientVerified,
                    d.channellingPartnerId, d.channellingPartnerVerified, d.serviceUnitId, d.provinceCode, d.regencyCode, d.status,
                    List.copyOf(reading.allowedTransitions()), d.totalIdr, d.deliveredIdr,
                    reading.lines().stream().map(LineView::of).toList(), d.note, d.duplicateOverrideReason, d.duplicateOverrideBy,
                    d.proposedBy, d.proposedAt, d.approvedBy, d.approvedAt, d.dispatchedAt, d.closedAt, d.closeReason, proof, d.version);
        }
    }

    @Schema(name = "FundingShare", description = "What one funding source pays of a distribution")
    public record FundingShareView(UUID fundingSourceId,
                                   @Schema(description = "Its part of the distribution's total") long amountIdr,
                                   @Schema(description = "What it holds of the source now: amountIdr while approved or dispatched, deliveredIdr once delivered, 0 otherwise") long committedIdr,
                                   @Schema(description = "What the source paid for once delivered: delivery fills the shares in their order") long deliveredIdr) {

        static FundingShareView of(DistributionShare share, DistributionStatus status) {
            return new FundingShareView(share.fundingSourceId, share.amountIdr, share.committedIdr(status), share.deliveredIdr);
        }
    }

    @Schema(name = "DistributionLine")
    public record LineView(int position, UUID itemId, long quantity,
                           @Schema(description = "The item's unit value when the distribution was proposed") long unitValueIdr,
                           long lineTotalIdr, Long deliveredQuantity) {

        static LineView of(DistributionLine l) {
            return new LineView(l.position, l.itemId, l.quantity, l.unitValueIdr, l.lineTotalIdr, l.deliveredQuantity);
        }
    }

    @Schema(name = "Proof")
    public record ProofView(String receivedBy, OffsetDateTime receivedAt, String place, Double latitude, Double longitude,
                            String fileReference, String fileSha256, String recordedBy) {
    }

    @Schema(name = "TotalsRow", description = "proposedIdr: not yet approved; committedIdr: approved and not released (delivered included); deliveredIdr: reached the recipients")
    public record TotalsRow(String key, String label, long distributions, long proposedIdr, long committedIdr, long deliveredIdr,
                            Long quantity, Long deliveredQuantity) {
    }
}
