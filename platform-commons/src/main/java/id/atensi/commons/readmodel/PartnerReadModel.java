package id.atensi.commons.readmodel;

import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaDelete;

import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Keeps a service's known partners and service units up to date from partner-service's events; a service's consumer
 * is an {@code @ApplicationScoped} subclass naming its two entities. Every event carries the whole state it is about,
 * so each one overwrites: a partner's and a unit's events share no partition, and none needs another to have arrived
 * first. Redeliveries are the runner's concern (one inbox row per event id), not this class's.
 *
 * <p>What a service does with an id its read model has not heard of is its own rule, stated in
 * docs/how-a-service-is-built.md: it is refused until the event arrives.
 */
public abstract class PartnerReadModel<P extends KnownPartnerBase, U extends KnownServiceUnitBase> implements EventConsumer {

    public static final String TOPIC = "atensi.partner.events";
    public static final String INACTIVE = "INACTIVE";

    // v2 changed only the cluster values, which no read model keeps: both versions are read alike, v1 until it has
    // left the topic's retention.
    static final Set<String> PARTNER_STATE = Set.of("atensi.partner.registered.v1", "atensi.partner.updated.v1",
            "atensi.partner.registered.v2", "atensi.partner.updated.v2");
    static final String PARTNER_DEACTIVATED = "atensi.partner.deactivated.v1";
    static final Set<String> UNIT_STATE = Set.of("atensi.partner.service-unit.registered.v1", "atensi.partner.service-unit.updated.v1",
            "atensi.partner.service-unit.registered.v2", "atensi.partner.service-unit.updated.v2");

    private final Class<P> partners;
    private final Supplier<P> newPartner;
    private final Class<U> units;
    private final Supplier<U> newUnit;

    protected PartnerReadModel(Class<P> partners, Supplier<P> newPartner, Class<U> units, Supplier<U> newUnit) {
        this.partners = partners;
        this.newPartner = newPartner;
        this.units = units;
        this.newUnit = newUnit;
    }

    @Override
    public String name() {
        return "partner-read-model";
    }

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public void resetReadModel() {
        deleteAll(partners);
        deleteAll(units);
    }

    @Override
    public void handle(ConsumedEvent event) {
        if (PARTNER_STATE.contains(event.type())) {
            partner(event);
        } else if (PARTNER_DEACTIVATED.equals(event.type())) {
            deactivated(event);
        } else if (UNIT_STATE.contains(event.type())) {
            unit(event);
        }
        // Agreements and any later event types say nothing about who may serve, provide or host.
    }

    /**
     * The rest of what this service keeps of a partner, from a registered or updated event whose shared fields are
     * already applied to {@code known}. Throws {@link PermanentEventFailure} when the event lacks what it needs.
     */
    protected void keepMore(P known, ConsumedEvent event) {
    }

    /**
     * Whether a deactivation of a partner not heard of before is kept, as an inactive partner. A deactivation carries
     * only the name and status: a read model that keeps more of a partner (aid-service keeps its type) cannot build
     * the row from it and ignores it, which refuses the partner as unknown instead of as inactive.
     */
    protected boolean learnsPartnersFromDeactivation() {
        return true;
    }

    private void partner(ConsumedEvent event) {
        PartnerEvents.Partner partner = event.dataAs(PartnerEvents.Partner.class);
        if (partner.partnerId() == null || partner.legalName() == null || partner.status() == null) {
            throw new PermanentEventFailure("partner event " + event.id() + " lacks partnerId, legalName or status");
        }
        P known = entityManager(partners).find(partners, partner.partnerId());
        if (known == null) {
            known = newPartner(partner.partnerId());
        }
        known.learn(event.id(), partner.legalName(), partner.status());
        keepMore(known, event);
        known.persist();
    }

    private void deactivated(ConsumedEvent event) {
        PartnerEvents.Partner partner = event.dataAs(PartnerEvents.Partner.class);
        if (partner.partnerId() == null) {
            throw new PermanentEventFailure("partner event " + event.id() + " lacks partnerId");
        }
        P known = entityManager(partners).find(partners, partner.partnerId());
        if (known == null) {
            if (!learnsPartnersFromDeactivation()) {
                return;
            }
            if (partner.legalName() == null) {
                throw new PermanentEventFailure("partner event " + event.id() + " lacks the legalName of a partner not known before");
            }
            known = newPartner(partner.partnerId());
        }
        known.learn(event.id(), partner.legalName() != null ? partner.legalName() : known.legalName,
                partner.status() == null ? INACTIVE : partner.status());
        known.persist();
    }

    private void unit(ConsumedEvent event) {
        PartnerEvents.ServiceUnit unit = event.dataAs(PartnerEvents.ServiceUnit.class);
        if (unit.serviceUnitId() == null || unit.name() == null) {
            throw new PermanentEventFailure("service-unit event " + event.id() + " lacks serviceUnitId or name");
        }
        U known = entityManager(units).find(units, unit.serviceUnitId());
        if (known == null) {
            known = newUnit.get();
            known.serviceUnitId = unit.serviceUnitId();
        }
        known.learn(event.id(), unit.name(), unit.status() == null ? KnownOrganisation.ACTIVE : unit.status());
        known.persist();
    }

    private P newPartner(UUID partnerId) {
        P known = newPartner.get();
        known.partnerId = partnerId;
        return known;
    }

    private static <T> void deleteAll(Class<T> entity) {
        EntityManager entityManager = entityManager(entity);
        CriteriaDelete<T> delete = entityManager.getCriteriaBuilder().createCriteriaDelete(entity);
        delete.from(entity);
        entityManager.createQuery(delete).executeUpdate();
    }

    private static EntityManager entityManager(Class<?> entity) {
        return Panache.getEntityManager(entity);
    }
}
