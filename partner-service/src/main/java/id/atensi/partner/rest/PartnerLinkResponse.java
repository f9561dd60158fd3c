package id.atensi.partner.rest;

import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.PartnerLink;
import id.atensi.partner.domain.ServiceUnit;
import id.atensi.vocabulary.PartnerType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "PartnerLink", description = "A partner in a service unit's network")
public record PartnerLinkResponse(UUID serviceUnitId, String serviceUnitName, UUID partnerId, String partnerName,
                                  PartnerType partnerType, LocalDate since, String focus, String notes, OffsetDateTime linkedAt,
                                  OffsetDateTime updatedAt, long version) {

    static PartnerLinkResponse of(PartnerLink link, ServiceUnit unit, Partner partner) {
        return new PartnerLinkResponse(unit.id, unit.name, partner.id, partner.legalName, partner.type, link.since, link.focus,
                link.notes, link.linkedAt, link.updatedAt, link.version);
    }
}
