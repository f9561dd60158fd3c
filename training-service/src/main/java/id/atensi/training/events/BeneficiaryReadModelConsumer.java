package id.atensi.training.events;

import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/** Keeps {@link KnownBeneficiary} up to date from the beneficiary service's events. */
@ApplicationScoped
public class BeneficiaryReadModelConsumer implements EventConsumer {

    static final String REGISTERED = "atensi.beneficiary.registered.v1";

    @Override
    public String name() {
        return "beneficiary-read-model";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.beneficiary.events");
    }

    @Override
    public void handle(ConsumedEvent event) {
        if (REGISTERED.equals(event.type())) {
            registered(event.id(), event.dataAs(BeneficiaryRegisteredV1.class));
        }
    }

    private void registered(String eventId, BeneficiaryRegisteredV1 registered) {
        if (registered.beneficiaryId() == null || registered.fullName() == null || registered.status() == null
                || registered.registeredAt() == null) {
            throw new PermanentEventFailure("registered event " + eventId + " lacks beneficiaryId, fullName, status or registeredAt");
        }
        KnownBeneficiary known = KnownBeneficiary.findById(registered.beneficiaryId());
        if (known == null) {
            known = new KnownBeneficiary();
            known.beneficiaryId = registered.beneficiaryId();
        }
        known.fullName = registered.fullName();
        known.status = registered.status();
        known.registeredAt = registered.registeredAt();
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        known.persist();
    }
}
