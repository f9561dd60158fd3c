package id.atensi.beneficiary.events;

import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@code known_organisation} (partners and service units with their status) from the partner service's
 * events. A partner or service unit is named for a person, household or group only when it is known here and not
 * inactive (see {@code service.BeneficiaryAccess}).
 */
@ApplicationScoped
public class PartnerReadModelConsumer implements EventConsumer {

    record Organisation(UUID partnerId, UUID serviceUnitId, String legalName, String name, String status) {
    }

    @Override
    public String name() {
        return "partner-read-model";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.partner.events");
    }

    @Override
    public void resetReadModel() {
        Panache.getEntityManager().createNativeQuery("DELETE FROM known_organisation").executeUpdate();
    }

    /**
     * The v2 events carry the same fields as v1 with the shared vocabulary's cluster values (docs/vocabulary.md); this
     * read model keeps no clusters, so both versions are read alike, v1 until it has left the topic's retention.
     */
    @Override
    public void handle(ConsumedEvent event) {
        String kind;
        switch (event.type()) {
            case "atensi.partner.registered.v1", "atensi.partner.updated.v1", "atensi.partner.deactivated.v1",
                 "atensi.partner.registered.v2", "atensi.partner.updated.v2" -> kind = "PARTNER";
            case "atensi.partner.service-unit.registered.v1", "atensi.partner.service-unit.updated.v1",
                 "atensi.partner.service-unit.registered.v2", "atensi.partner.service-unit.updated.v2" -> kind = "SERVICE_UNIT";
            default -> {
                return;
            }
        }
        Organisation o = event.dataAs(Organisation.class);
        UUID id = "PARTNER".equals(kind) ? o.partnerId() : o.serviceUnitId();
        String name = o.legalName() != null ? o.legalName() : o.name();
        if (id == null || name == null) {
            throw new PermanentEventFailure(event.type() + " " + event.id() + " lacks its id or name");
        }
        Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO known_organisation (id, kind, name, status, updated_at) VALUES (:id, :kind, :name, :status, :at)
                        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at""")
                .setParameter("id", id).setParameter("kind", kind).setParameter("name", name).setParameter("status", o.status())
                .setParameter("at", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    /** Why a service unit cannot be named for a person, household or group: unknown to the read model or reported inactive. */
    public static Optional<String> unitProblem(UUID unitId) {
        return problem(unitId, "SERVICE_UNIT", "service unit");
    }

    /** Why a partner cannot be newly named for a person or a group: unknown to the read model or reported inactive. */
    public static Optional<String> partnerProblem(UUID partnerId) {
        return problem(partnerId, "PARTNER", "partner");
    }

    private static Optional<String> problem(UUID id, String kind, String what) {
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("SELECT coalesce(status, '') FROM known_organisation WHERE id = :id AND kind = :kind")
                .setParameter("id", id).setParameter("kind", kind).getResultList();
        if (rows.isEmpty()) {
            return Optional.of(what + " " + id + " is not known");
        }
        return "INACTIVE".equals(rows.get(0)) ? Optional.of(what + " " + id + " is inactive") : Optional.empty();
    }
}
