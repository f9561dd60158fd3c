package id.atensi.commons.readmodel;

import id.atensi.commons.events.PermanentEventFailure;
import id.atensi.commons.time.ServiceClocks;
import id.atensi.vocabulary.ConsentPurpose;
import io.quarkus.hibernate.orm.panache.Panache;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The consent a service that receives beneficiaries' events keeps of them ({@link KnownConsentBase}), and the one
 * question it asks of it: whose consent to a purpose holds now.
 */
public final class ConsentReadModel {

    private ConsentReadModel() {
    }

    /** The fields of {@code atensi.beneficiary.consent-changed.v1} the read model keeps. */
    public record ConsentChanged(UUID beneficiaryId, UUID consentId, String purpose, Boolean given, OffsetDateTime changedAt) {
    }

    /**
     * Applies one consent change. The latest event per person and purpose counts: they arrive in order, sharing the
     * person's partition. A purpose outside the vocabulary comes from before it existed and decides nothing here.
     *
     * @throws PermanentEventFailure when the event lacks what a consent needs
     */
    public static <C extends KnownConsentBase> void apply(Class<C> entity, Supplier<C> newConsent, String eventId, ConsentChanged changed) {
        if (changed.beneficiaryId() == null || changed.purpose() == null || changed.given() == null || changed.changedAt() == null) {
            throw new PermanentEventFailure("consent-changed event " + eventId + " lacks beneficiaryId, purpose, given or changedAt");
        }
        ConsentPurpose purpose;
        try {
            purpose = ConsentPurpose.valueOf(changed.purpose());
        } catch (IllegalArgumentException freeText) {
            return;
        }
        C consent = Panache.getEntityManager(entity).find(entity, new KnownConsentBase.Key(changed.beneficiaryId(), purpose));
        if (consent == null) {
            consent = newConsent.get();
            consent.beneficiaryId = changed.beneficiaryId();
            consent.purpose = purpose;
        }
        consent.given = changed.given();
        consent.consentId = changed.consentId();
        consent.changedAt = changed.changedAt();
        consent.lastEventId = eventId;
        consent.updatedAt = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        consent.persist();
    }

    /** Of {@code beneficiaryIds}, those whose consent to {@code purpose} holds now. */
    public static Set<UUID> givenFor(Class<? extends KnownConsentBase> entity, ConsentPurpose purpose, Collection<UUID> beneficiaryIds) {
        if (beneficiaryIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(Panache.getEntityManager(entity).createQuery(
                        "SELECT c.beneficiaryId FROM " + entity.getSimpleName() + " c"
                                + " WHERE c.purpose = :purpose AND c.given = true AND c.beneficiaryId IN :ids", UUID.class)
                .setParameter("purpose", purpose)
                .setParameter("ids", Set.copyOf(beneficiaryIds))
                .getResultList());
    }
}
