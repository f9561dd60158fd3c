package id.atensi.webhook.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An endpoint stopped receiving deliveries: its receiver answered 410 ({@code GONE}), its deliveries failed for
 * five days ({@code FAILING}), or its owner disabled it ({@code MANUAL}). Tells the partner (and operators) why.
 */
@EventType(aggregate = "endpoint", name = "endpoint.disabled", version = 1)
public record EndpointDisabledV1(UUID endpointId, UUID partnerId, String url, String reason, OffsetDateTime disabledAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return endpointId.toString();
    }
}
