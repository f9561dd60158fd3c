package id.atensi.partner.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.partner.domain.Locations;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.PartnerLink;
import id.atensi.partner.domain.ServiceUnit;
import id.atensi.partner.domain.ServiceUnitKind;
import id.atensi.partner.domain.ServiceUnitStatus;
import id.atensi.partner.events.ServiceUnitRegisteredV2;
import id.atensi.partner.events.ServiceUnitUpdatedV2;
import id.atensi.vocabulary.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Registration, change and closing of Kemensos technical units, and changes to their partner networks. */
@ApplicationScoped
public class ServiceUnitService {

    private final EventOutbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;
    private final PartnerAccess access;
    private final ServiceUnitQueries queries;

    ServiceUnitService(EventOutbox outbox, EntityManager entityManager, Clock clock, PartnerAccess access, ServiceUnitQueries queries) {
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
        this.access = access;
        this.queries = queries;
    }

    public record UnitDetails(String name, ServiceUnitKind kind, String provinceCode, String regencyCode, String addressLine,
                              int residentialCapacity, Set<Cluster> clusters) {
    }

    /** A partner to add to a unit's network. */
    public record NewLink(UUID partnerId, LocalDate since, String focus, String notes) {
    }

    /** What a unit records of its work with a partner. */
    public record LinkDetails(LocalDate since, String focus, String notes) {
    }

    @Transactional
    public ServiceUnit register(UnitDetails details) {
        check(details, null);
        ServiceUnit unit = new ServiceUnit();
        unit.id = UUID.randomUUID();
        unit.registeredAt = OffsetDateTime.now(clock);
        apply(unit, details);
        unit.persist();
        outbox.record(ServiceUnitRegisteredV2.of(unit));
        return unit;
    }

    @Transactional
    public ServiceUnit update(UUID id, long expectedVersion, UnitDetails details) {
        ServiceUnit unit = changeable(id);
        Versions.require("service unit", unit.version, expectedVersion);
        check(details, unit);
        apply(unit, details);
        Versions.flush(entityManager, "service unit");
        outbox.record(ServiceUnitUpdatedV2.of(unit));
        return unit;
    }

    /** Closes a unit to new residents, classes and distributions; what it hosts already stays with it. */
    @Transactional
    public ServiceUnit deactivate(UUID id, Long expectedVersion, String reason) {
        ServiceUnit unit = transition(id, expectedVersion, ServiceUnitStatus.INACTIVE);
        unit.deactivationReason = reason.strip();
        unit.deactivatedAt = unit.updatedAt;
        return changed(unit);
    }

    @Transactional
    public ServiceUnit reactivate(UUID id, Long expectedVersion) {
        ServiceUnit unit = transition(id, expectedVersion, ServiceUnitStatus.ACTIVE);
        unit.deactivationReason = null;
        unit.deactivatedAt = null;
        return changed(unit);
    }

    private ServiceUnit transition(UUID id, Long expectedVersion, ServiceUnitStatus target) {
        ServiceUnit unit = queries.get(id);
        Versions.require("service unit", unit.version, expectedVersion);
        if (!unit.allowedTransitions().contains(target)) {
            throw ProblemException.illegalTransition("the service unit", unit.status, target, unit.allowedTransitions());
        }
        unit.status = target;
        unit.updatedAt = OffsetDateTime.now(clock);
        return unit;
    }

    private ServiceUnit changed(ServiceUnit unit) {
        Versions.flush(entityManager, "service unit");
        outbox.record(ServiceUnitUpdatedV2.of(unit));
        return unit;
    }

    /** A unit the caller may change, with its network: an officer its own only. */
    private ServiceUnit changeable(UUID id) {
        ServiceUnit unit = queries.get(id);
        access.changesUnit(id);
        return unit;
    }

    /**
     * Adds partners to a unit's network in one go (a Balai starting work with 21 LKS at once). All or
     * nothing: one unknown, inactive or already linked partner rejects the whole call.
     */
    @Transactional
    public List<PartnerLink> link(UUID unitId, List<NewLink> links) {
        ServiceUnit unit = changeable(unitId);
        FieldErrors errors = new FieldErrors();
        Set<UUID> requested = new HashSet<>();
        for (int i = 0; i < links.size(); i++) {
            if (!requested.add(links.get(i).partnerId())) {
                errors.add("partners[" + i + "].partnerId", "names the same partner as an earlier entry");
            }
        }
        errors.throwIfAny();

        Map<UUID, Partner> partners = Partner.<Partner>list("id in ?1", requested).stream()
                .collect(Collectors.toMap(partner -> partner.id, Function.identity()));
        List<UUID> unusable = requested.stream()
                .filter(id -> !partners.containsKey(id) || !partners.get(id).active())
                .sorted().toList();
        if (!unusable.isEmpty()) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "some partners do not exist or are no longer active",
                    List.of(), Map.of("unknownPartnerIds", unusable));
        }
        List<UUID> alreadyLinked = PartnerLink.<PartnerLink>list("serviceUnitId = ?1 and partnerId in ?2", unit.id, requested)
                .stream().map(link -> link.partnerId).sorted().toList();
        if (!alreadyLinked.isEmpty()) {
            throw new ProblemException(ProblemCode.CONFLICT, "some partners are in this unit's network already",
                    List.of(), Map.of("alreadyLinkedPartnerIds", alreadyLinked));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<PartnerLink> created = new ArrayList<>();
        for (NewLink requestedLink : links) {
            PartnerLink link = new PartnerLink();
            link.serviceUnitId = unit.id;
            link.partnerId = requestedLink.partnerId();
            link.since = requestedLink.since();
            link.focus = requestedLink.focus().strip();
            link.notes = PartnerService.blankToNull(requestedLink.notes());
            link.linkedAt = now;
            link.updatedAt = now;
            link.persist();
            created.add(link);
        }
        return created;
    }

    @Transactional
    public PartnerLink editLink(UUID unitId, UUID partnerId, long expectedVersion, LinkDetails details) {
        changeable(unitId);
        PartnerLink link = queries.link(unitId, partnerId);
        Versions.require("link", link.version, expectedVersion);
        link.since = details.since();
        link.focus = details.focus().strip();
        link.notes = PartnerService.blankToNull(details.notes());
        link.updatedAt = OffsetDateTime.now(clock);
        Versions.flush(entityManager, "link");
        return link;
    }

    @Transactional
    public void unlink(UUID unitId, UUID partnerId) {
        changeable(unitId);
        if (PartnerLink.delete("serviceUnitId = ?1 and partnerId = ?2", unitId, partnerId) == 0) {
            throw ProblemException.notFound("link of the unit to partner", partnerId);
        }
    }

    private void check(UnitDetails details, ServiceUnit existing) {
        FieldErrors errors = new FieldErrors();
        Locations.problem(details.provinceCode(), details.regencyCode())
                .ifPresent(problem -> errors.add(problem.level().field(), problem.message()));
        errors.throwIfAny();
        ServiceUnit.findByName(details.name())
                .filter(other -> existing == null || !other.id.equals(existing.id))
                .ifPresent(other -> {
                    throw new ProblemException(ProblemCode.CONFLICT, "a service unit with this name is registered already",
                            List.of(), Map.of("existingId", other.id));
                });
    }

    private void apply(ServiceUnit unit, UnitDetails details) {
        unit.name = details.name().strip();
        unit.kind = details.kind();
        unit.provinceCode = details.provinceCode();
        unit.regencyCode = details.regencyCode();
        unit.addressLine = PartnerService.blankToNull(details.addressLine());
        unit.residentialCapacity = details.residentialCapacity();
        unit.clusters.clear();
        unit.clusters.addAll(details.clusters() == null ? EnumSet.noneOf(Cluster.class) : details.clusters());
        unit.updatedAt = OffsetDateTime.now(clock);
    }
}
