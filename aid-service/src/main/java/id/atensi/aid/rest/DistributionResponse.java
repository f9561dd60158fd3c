package id.atensi.aid.rest;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.DistributionLine;
import id.atensi.aid.domain.DistributionShare;
import id.atensi.aid.domain.DistributionStatus;
import id.atensi.aid.domain.FundingMode;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.service.DistributionQueries;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A distribution as it is at the moment of the request. Amounts are integer rupiah. */
@Schema(name = "Distribution")
public record DistributionResponse(UUID id, UUID programmeId,
                                   @Schema(description = "The funding source when exactly one pays it all; absent when several share it, or while a pool distribution awaits approval (see fundingShares)")
                                   UUID fundingSourceId,
                                   @Schema(description = "EXPLICIT: the shares were named when proposed; POOL: they are drawn from the programme's funding sources, in their order, on approval")
                                   FundingMode fundingMode,
                                   @Schema(description = "Who pays what, in the order delivery fills them; empty while a pool distribution awaits approval")
                                   List<FundingShare> fundingShares,
                                   RecipientKind recipientKind, UUID recipientId,
                                   @Schema(description = "Checked against the beneficiary events; false only on household and group distributions proposed before those events existed")
                                   boolean recipientVerified,
                                   UUID channellingPartnerId,
                                   @Schema(description = "true when a channelling partner is named: it was checked against the partner events (earlier distributions may hold an unchecked one)")
                                   boolean channellingPartnerVerified,
                                   @Schema(description = "The service unit whose officers run it (the recipient's, else the proposing officer's); absent: admins only")
                                   UUID serviceUnitId,
                                   @Schema(description = "The recipient's province (idn-area code, e.g. 32) when proposed; absent when not known") String provinceCode,
                                   @Schema(description = "The recipient's regency (e.g. 32.01) when proposed; absent when not known") String regencyCode,
                                   DistributionStatus status,
                                   @Schema(description = "The statuses it can move to at the moment of the request: exactly what the service then accepts from a caller whose role and scope allow the move. APPROVED only while its programme is open and within its period and the budget holds its total (its named shares, or the pool)")
                                   List<DistributionStatus> allowedTransitions,
                                   long totalIdr, long deliveredIdr, List<Line> lines, String note,
                                   String duplicateOverrideReason, String duplicateOverrideBy,
                                   String proposedBy, OffsetDateTime proposedAt, String approvedBy, OffsetDateTime approvedAt,
                                   OffsetDateTime dispatchedAt, OffsetDateTime closedAt, String closeReason, Proof proof, long version,
                                   @Schema(description = PERSONAL_DATA_WITHHELD) boolean personalDataWithheld) {

    static final String PERSONAL_DATA_WITHHELD = """
            true when the caller is a partner and the recipient, a person, has not consented to PARTNER_SHARING (or \
            withdrew it): the distribution is shown without the person's personal details (note, \
            duplicateOverrideReason, closeReason, and the proof's receivedBy, place, latitude, longitude and \
            fileReference). Admins, officers and auditors always see them; so does everyone for households and groups.""";

    @Schema(name = "FundingShare", description = "What one funding source pays of a distribution")
    public record FundingShare(UUID fundingSourceId,
                               @Schema(description = "Its part of the distribution's total") long amountIdr,
                               @Schema(description = "What it holds of the source now: amountIdr while approved or dispatched, deliveredIdr once delivered, 0 otherwise") long committedIdr,
                               @Schema(description = "What the source paid for once delivered: delivery fills the shares in their order") long deliveredIdr) {

        static FundingShare of(DistributionShare share, DistributionStatus status) {
            return new FundingShare(share.fundingSourceId, share.amountIdr, share.committedIdr(status), share.deliveredIdr);
        }
    }

    @Schema(name = "DistributionLine")
    public record Line(int position, UUID itemId, long quantity,
                       @Schema(description = "The item's unit value when the distribution was proposed") long unitValueIdr,
                       long lineTotalIdr, Long deliveredQuantity) {

        static Line of(DistributionLine l) {
            return new Line(l.position, l.itemId, l.quantity, l.unitValueIdr, l.lineTotalIdr, l.deliveredQuantity);
        }
    }

    @Schema(name = "Proof", description = "receivedBy, place, latitude, longitude and fileReference are absent when personalDataWithheld")
    public record Proof(String receivedBy, OffsetDateTime receivedAt, String place, Double latitude, Double longitude,
                        String fileReference, String fileSha256, String recordedBy) {
    }

    static DistributionResponse of(DistributionQueries.Reading reading) {
        return of(reading, reading.personalDataWithheld());
    }

    /** @param withheld whether to leave the recipient's personal details out, whatever the reading says */
    static DistributionResponse of(DistributionQueries.Reading reading, boolean withheld) {
        Distribution d = reading.distribution();
        Proof proof = d.proofReceivedBy == null ? null : withheld
                ? new Proof(null, d.proofReceivedAt, null, null, null, null, d.proofFileSha256, d.proofRecordedBy)
                : new Proof(d.proofReceivedBy, d.proofReceivedAt, d.proofPlace, d.proofLatitude, d.proofLongitude, d.proofFileReference,
                d.proofFileSha256, d.proofRecordedBy);
        List<DistributionShare> shares = reading.shares();
        return new DistributionResponse(d.id, d.programmeId, shares.size() == 1 ? shares.get(0).fundingSourceId : null, d.fundingMode,
                shares.stream().map(share -> FundingShare.of(share, d.status)).toList(), d.recipientKind, d.recipientId, d.recipientVerified,
                d.channellingPartnerId, d.channellingPartnerVerified, d.serviceUnitId, d.provinceCode, d.regencyCode, d.status,
                List.copyOf(reading.allowedTransitions()), d.totalIdr, d.deliveredIdr,
                reading.lines().stream().map(Line::of).toList(), withheld ? null : d.note, withheld ? null : d.duplicateOverrideReason,
                d.duplicateOverrideBy, d.proposedBy, d.proposedAt, d.approvedBy, d.approvedAt, d.dispatchedAt, d.closedAt,
                withheld ? null : d.closeReason, proof, d.version, withheld);
    }
}
