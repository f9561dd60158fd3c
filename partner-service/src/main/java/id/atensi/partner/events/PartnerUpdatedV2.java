package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.partner.domain.AccreditationGrade;
import id.atensi.partner.domain.Cluster;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.PartnerType;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** {@code atensi.partner.updated.v1}: a partner's details changed; the whole public state, so read models just replace theirs. */
@EventType(aggregate = "partner", name = "updated", version = 1)
public record PartnerUpdatedV1(UUID partnerId, PartnerType type, String legalName, String shortName, String status,
                               AccreditationGrade accreditationGrade, LocalDate accreditationExpiresOn,
                               String provinceCode, String regencyCode, Set<Cluster> clusters, UUID parentId)
        implements DomainEvent {

    public static PartnerUpdatedV1 of(Partner partner) {
        return new PartnerUpdatedV1(partner.id, partner.type, partner.legalName, partner.shortName, partner.status.name(),
                partner.accreditationGrade, partner.accreditationExpiresOn, partner.provinceCode, partner.regencyCode,
                Set.copyOf(partner.clusters), partner.parentId);
    }

    @Override
    public String aggregateId() {
        return partnerId.toString();
    }
}
