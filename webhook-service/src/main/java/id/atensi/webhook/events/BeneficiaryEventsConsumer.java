package id.atensi.webhook.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.PermanentEventFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The beneficiary service's events go to the partners serving the person, as the API's rule has it: registered and
 * updated name them ({@code partnerIds}, which the read model keeps), the person's other events go to those the
 * read model holds. A household goes to the partners serving any member; a community group to its coaching partner
 * and those serving a member. Consent changes and erasures are also kept, for what the bodies may contain.
 */
@ApplicationScoped
public class BeneficiaryEventsConsumer extends FanOutConsumer {

    static final String CONSENT_CHANGED = "atensi.beneficiary.consent-changed.v1";
    static final String ERASED = "atensi.beneficiary.erased.v1";

    @Override
    public String name() {
        return "beneficiary-webhooks";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.beneficiary.events");
    }

    @Override
    protected Set<UUID> audience(ConsumedEvent event, ObjectNode data) {
        String type = event.type();
        if (type.startsWith("atensi.beneficiary.registered.") || type.startsWith("atensi.beneficiary.updated.")) {
            UUID person = required(event, data, "beneficiaryId");
            Set<UUID> partners = uuids(data, "partnerIds");
            KnownAudience.remember(KnownAudience.Kind.BENEFICIARY, person, partners, event.id());
            return partners;
        }
        if (type.startsWith("atensi.beneficiary.household.")) {
            Set<UUID> members = uuids(data, "memberIds");
            UUID head = uuid(data, "headBeneficiaryId");
            if (head != null) {
                members.add(head);
            }
            return servingAny(members);
        }
        if (type.startsWith("atensi.beneficiary.group.")) {
            Set<UUID> members = uuids(data, "memberIds");
            UUID coordinator = uuid(data, "coordinatorBeneficiaryId");
            if (coordinator != null) {
                members.add(coordinator);
            }
            Set<UUID> partners = servingAny(members);
            UUID coach = uuid(data, "coachingPartnerId");
            if (coach != null) {
                partners.add(coach);
            }
            return partners;
        }
        UUID person = uuid(data, "beneficiaryId");
        if (person == null) {
            return Set.of();
        }
        if (CONSENT_CHANGED.equals(type)) {
            consentChanged(event, data, person);
        } else if (ERASED.equals(type)) {
            erased(event, data, person);
        }
        return KnownAudience.of(KnownAudience.Kind.BENEFICIARY, person);
    }

    private static Set<UUID> servingAny(Set<UUID> people) {
        Set<UUID> partners = new HashSet<>();
        people.forEach(person -> partners.addAll(KnownAudience.of(KnownAudience.Kind.BENEFICIARY, person)));
        return partners;
    }

    /** The latest change per person and purpose counts: an older one arriving late changes nothing. */
    private static void consentChanged(ConsumedEvent event, ObjectNode data, UUID person) {
        if (!data.hasNonNull("purpose") || !data.hasNonNull("given") || !data.hasNonNull("changedAt")) {
            throw new PermanentEventFailure("consent-changed " + event.id() + " lacks purpose, given or changedAt");
        }
        String purpose = data.get("purpose").asText();
        OffsetDateTime changedAt = OffsetDateTime.parse(data.get("changedAt").asText());
        KnownConsent consent = KnownConsent.findById(new KnownConsent.Key(person, purpose));
        if (consent == null) {
            consent = new KnownConsent();
            consent.beneficiaryId = person;
            consent.purpose = purpose;
        } else if (consent.changedAt.isAfter(changedAt)) {
            return;
        }
        consent.consentId = uuid(data, "consentId");
        consent.given = data.get("given").asBoolean();
        consent.changedAt = changedAt;
        consent.lastEventId = event.id();
        consent.persist();
    }

    private void erased(ConsumedEvent event, ObjectNode data, UUID person) {
        if (KnownErasure.erased(person)) {
            return;
        }
        KnownErasure erasure = new KnownErasure();
        erasure.beneficiaryId = person;
        erasure.erasedAt = data.hasNonNull("erasedAt") ? OffsetDateTime.parse(data.get("erasedAt").asText()) : event.time();
        erasure.lastEventId = event.id();
        erasure.persist();
        fanOut.erase(person);
    }
}
