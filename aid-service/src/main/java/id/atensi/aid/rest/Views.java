package id.atensi.aid.rest;

import id.atensi.aid.domain.AidItem;
import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.DistributionLine;
import id.atensi.aid.domain.DistributionStatus;
import id.atensi.aid.domain.FundingSource;
import id.atensi.aid.domain.FundingSourceKind;
import id.atensi.aid.domain.ItemCategory;
import id.atensi.aid.domain.Programme;
import id.atensi.aid.domain.ProgrammeKind;
import id.atensi.aid.domain.ProgrammeStatus;
import id.atensi.aid.domain.RecipientKind;
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
                                ProgrammeStatus status, long budgetIdr, long committedIdr, long deliveredIdr, long remainingIdr,
                                List<FundingSourceView> fundingSources, OffsetDateTime createdAt, OffsetDateTime closedAt, long version) {

        static ProgrammeView of(Programme p, List<FundingSource> sources) {
            return new ProgrammeView(p.id, p.name, p.kind, p.periodStart, p.periodEnd, p.status, p.budgetIdr, p.committedIdr,
                    p.deliveredIdr, p.remainingIdr(), sources.stream().map(FundingSourceView::of).toList(), p.createdAt, p.closedAt, p.version);
        }
    }

    @Schema(name = "FundingSource")
    public record FundingSourceView(UUID id, FundingSourceKind kind, UUID partnerId, String funderName, long amountIdr,
                                    long committedIdr, long deliveredIdr, long remainingIdr) {

        static FundingSourceView of(FundingSource s) {
            return new FundingSourceView(s.id, s.kind, s.partnerId, s.funderName, s.amountIdr, s.committedIdr, s.deliveredIdr,
                    s.amountIdr - s.committedIdr);
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
    public record DistributionView(UUID id, UUID programmeId, UUID fundingSourceId, RecipientKind recipientKind, UUID recipientId,
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
                                   @Schema(description = "Statuses this distribution may move to") List<DistributionStatus> allowedTransitions,
                                   long totalIdr, long deliveredIdr, List<LineView> lines, String note,
                                   String duplicateOverrideReason, String duplicateOverrideBy,
                                   String proposedBy, OffsetDateTime proposedAt, String approvedBy, OffsetDateTime approvedAt,
                                   OffsetDateTime dispatchedAt, OffsetDateTime closedAt, String closeReason, ProofView proof, long version) {

        static DistributionView of(Distribution d, List<DistributionLine> lines) {
            ProofView proof = d.proofReceivedBy == null ? null : new ProofView(d.proofReceivedBy, d.proofReceivedAt, d.proofPlace,
                    d.proofLatitude, d.proofLongitude, d.proofFileReference, d.proofFileSha256, d.proofRecordedBy);
            return new DistributionView(d.id, d.programmeId, d.fundingSourceId, d.recipientKind, d.recipientId, d.recipientVerified,
                    d.channellingPartnerId, d.channellingPartnerVerified, d.serviceUnitId, d.provinceCode, d.regencyCode, d.status, List.copyOf(d.status.next()), d.totalIdr, d.deliveredIdr,
                    lines.stream().map(LineView::of).toList(), d.note, d.duplicateOverrideReason, d.duplicateOverrideBy,
                    d.proposedBy, d.proposedAt, d.approvedBy, d.approvedAt, d.dispatchedAt, d.closedAt, d.closeReason, proof, d.version);
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
