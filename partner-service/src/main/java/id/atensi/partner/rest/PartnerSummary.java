package id.atensi.partner.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.atensi.partner.domain.AccreditationGrade;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.PartnerStatus;
import id.atensi.vocabulary.PartnerType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.UUID;

@Schema(name = "PartnerSummary", description = "A partner in a list. A partner caller sees only the public names of other organisations.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerSummary(
        UUID id,
        PartnerType type,
        String legalName,
        String shortName,
        PartnerStatus status,
        String provinceCode,
        String regencyCode,
        AccreditationGrade accreditationGrade,
        Boolean accreditationLapsed) {

    static PartnerSummary of(Partner partner, LocalDate today) {
        return new PartnerSummary(partner.id, partner.type, partner.legalName, partner.shortName, partner.status,
                partner.provinceCode, partner.regencyCode, partner.accreditationGrade, partner.accreditationLapsed(today));
    }

    static PartnerSummary publicNames(Partner partner) {
        return new PartnerSummary(partner.id, partner.type, partner.legalName, partner.shortName, null, null, null, null, null);
    }
}
