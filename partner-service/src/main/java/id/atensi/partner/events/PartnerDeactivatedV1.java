package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code atensi.partner.deactivated.v1}: ATENSI no longer works with this organisation; other services stop offering it. */
@EventType(aggregate = "partner", name = "deactivated", version = 1)
public record PartnerDeactivatedV1(UUID partnerId, String legalName, String status, String reason, OffsetDateTime deactivatedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return partnerId.toString();
    }
}
