package id.atensi.partner.rest;

import id.atensi.partner.service.AgreementQueries;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

@Schema(name = "PartnerCommitments", description = "A partner's active agreements and the rupiah it committed in them")
public record PartnerCommitmentsResponse(UUID partnerId, String legalName, long activeAgreements, long committedIdr) {

    static PartnerCommitmentsResponse of(AgreementQueries.PartnerCommitments row) {
        return new PartnerCommitmentsResponse(row.partnerId(), row.legalName(), row.activeAgreements(), row.committedIdr());
    }
}
