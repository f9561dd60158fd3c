package id.atensi.partner.rest;

import id.atensi.partner.domain.AccreditationGrade;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.PartnerStatus;
import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.PartnerType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@Schema(name = "Partner")
public record PartnerResponse(
        UUID id,
        PartnerType type,
        @Schema(examples = "Yayasan Kumala") String legalName,
        String shortName,
        String registrationNumber,
        AccreditationGrade accreditationGrade,
        LocalDate accreditationExpiresOn,
        @Schema(description = "True when the LKS's accreditation expired before today") boolean accreditationLapsed,
        @Schema(description = "Digits only") String npwp,
        String addressLine,
        String provinceCode,
        String regencyCode,
        List<ContactResponse> contacts,
        Set<Cluster> clusters,
        UUID parentId,
        PartnerStatus status,
        String deactivationReason,
        OffsetDateTime deactivatedAt,
        OffsetDateTime registeredAt,
        OffsetDateTime updatedAt,
        @Schema(description = "The version, also sent as ETag; send it back in If-Match to change the partner") long version) {

    static PartnerResponse of(Partner partner, LocalDate today, boolean showPersonalData) {
        return new PartnerResponse(partner.id, partner.type, partner.legalName, partner.shortName, partner.registrationNumber,
                partner.accreditationGrade, partner.accreditationExpiresOn, partner.accreditationLapsed(today), partner.npwp,
                partner.addressLine, partner.provinceCode, partner.regencyCode,
                partner.contacts.stream().map(contact -> ContactResponse.of(contact, showPersonalData)).toList(),
                new TreeSet<>(partner.clusters), partner.parentId, partner.status, partner.deactivationReason, partner.deactivatedAt,
                partner.registeredAt, partner.updatedAt, partner.version);
    }
}
