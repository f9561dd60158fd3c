package id.atensi.partner.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.partner.domain.AccreditationGrade;
import id.atensi.partner.domain.Contact;
import id.atensi.partner.domain.Locations;
import id.atensi.partner.domain.Npwp;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.PartnerStatus;
import id.atensi.partner.events.PartnerDeactivatedV1;
import id.atensi.partner.events.PartnerRegisteredV2;
import id.atensi.partner.events.PartnerUpdatedV2;
import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.PartnerType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Registration, change and deactivation of partner organisations; each change records its event. Reads: {@link PartnerQueries}. */
@ApplicationScoped
public class PartnerService {

    private final EventOutbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;
    private final PartnerAccess access;
    private final PartnerQueries queries;

    private final ApiClientService apiClients;

    PartnerService(EventOutbox outbox, EntityManager entityManager, Clock clock, PartnerAccess access, PartnerQueries queries,
                   ApiClientService apiClients) {
        this.apiClients = apiClients;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
        this.access = access;
        this.queries = queries;
    }

    /** What the platform records of an organisation, as given by whoever registers or updates it. */
    public record PartnerDetails(PartnerType type, String legalName, String shortName, String registrationNumber,
                                 AccreditationGrade accreditationGrade, LocalDate accreditationExpiresOn, String npwp,
                                 String addressLine, String provinceCode, String regencyCode, List<Contact> contacts,
                                 Set<Cluster> clusters, UUID parentId) {
    }

    @Transactional
    public Partner register(PartnerDetails details) {
        check(details, null);
        Partner partner = new Partner();
        partner.id = UUID.randomUUID();
        partner.status = PartnerStatus.ACTIVE;
        partner.registeredAt = OffsetDateTime.now(clock);
        apply(partner, details);
        partner.persist();
        outbox.record(PartnerRegisteredV2.of(partner));
        return partner;
    }

    @Transactional
    public Partner update(UUID id, long expectedVersion, PartnerDetails details) {
        Partner partner = changeable(id);
        Versions.require("partner", partner.version, expectedVersion);
        check(details, partner);
        apply(partner, details);
        Versions.flush(entityManager, "partner");
        outbox.record(PartnerUpdatedV2.of(partner));
        return partner;
    }

    /**
     * Deactivates the partner and disables every API client it still has. Keycloak is asked first, outside any
     * transaction, so that Keycloak away (503) changes nothing here; the record and the clients' records then change
     * in one transaction, which checks everything again. Should that transaction fail, the clients are already
     * disabled in Keycloak and the partner still active: deactivating again completes it (Keycloak accepts a second
     * disabling).
     */
    public Partner deactivate(UUID id, Long expectedVersion, String reason) {
        List<String> clientsInKeycloak = QuarkusTransaction.requiringNew().call(() -> {
            deactivatable(id, expectedVersion);
            return apiClients.activeInKeycloak(id);
        });
        apiClients.disableInKeycloak(clientsInKeycloak);
        return QuarkusTransaction.requiringNew().call(() -> {
            Partner partner = deactivatable(id, expectedVersion);
            partner.status = PartnerStatus.INACTIVE;
            partner.deactivationReason = reason.strip();
            partner.deactivatedAt = OffsetDateTime.now(clock);
            partner.updatedAt = partner.deactivatedAt;
            Versions.flush(entityManager, "partner");
            outbox.record(new PartnerDeactivatedV1(partner.id, partner.legalName, partner.status.name(), partner.deactivationReason,
                    partner.deactivatedAt));
            apiClients.recordDisabledWithPartner(partner.id, clientsInKeycloak, partner.deactivatedAt);
            return partner;
        });
    }

    private Partner deactivatable(UUID id, Long expectedVersion) {
        Partner partner = changeable(id);
        Versions.require("partner", partner.version, expectedVersion);
        if (!partner.active()) {
            // No request reactivates a partner: a deactivated one allows no transition.
            throw ProblemException.illegalTransition("the partner", partner.status, PartnerStatus.INACTIVE, List.of());
        }
        return partner;
    }

    /** A partner the caller may change: what a merge patch starts from, and what every change checks first. */
    public Partner changeable(UUID id) {
        Partner partner = queries.get(id);
        access.changesPartner(id);
        return partner;
    }

    private void check(PartnerDetails details, Partner existing) {
        FieldErrors errors = new FieldErrors();
        if (details.npwp() != null) {
            Npwp.problem(details.npwp()).ifPresent(message -> errors.add("npwp", message));
        }
        Locations.problem(details.provinceCode(), details.regencyCode())
                .ifPresent(problem -> errors.add(problem.level().field(), problem.message()));
        boolean accredited = details.accreditationGrade() != null || details.accreditationExpiresOn() != null;
        if (accredited && details.type() != PartnerType.LKS) {
            errors.add("accreditationGrade", "only an LKS is accredited; leave grade and expiry empty for a " + details.type());
        } else if (details.accreditationGrade() != null && details.accreditationExpiresOn() == null) {
            errors.add("accreditationExpiresOn", "is required with an accreditation grade");
        } else if (details.accreditationGrade() == null && details.accreditationExpiresOn() != null) {
            errors.add("accreditationGrade", "is required with an accreditation expiry date");
        }
        errors.throwIfAny();

        if (details.registrationNumber() != null) {
            Partner.findByRegistrationNumber(details.registrationNumber())
                    .filter(other -> existing == null || !other.id.equals(existing.id))
                    .ifPresent(other -> {
                        throw new ProblemException(ProblemCode.CONFLICT, "a partner with this registration number is registered already",
                                List.of(), Map.of("existingId", other.id));
                    });
        }
        if (details.parentId() != null) {
            checkParent(details.parentId(), existing);
        }
    }

    /** The parent must exist, and an organisation cannot end up its own ancestor. */
    private void checkParent(UUID parentId, Partner existing) {
        Set<UUID> seen = new HashSet<>();
        UUID ancestor = parentId;
        while (ancestor != null && seen.add(ancestor)) {
            if (existing != null && ancestor.equals(existing.id)) {
                throw unprocessableParent("would make the partner its own parent organisation");
            }
            Partner found = Partner.findById(ancestor);
            if (found == null) {
                throw unprocessableParent("parent organisation " + ancestor + " does not exist");
            }
            ancestor = found.parentId;
        }
    }

    private static ProblemException unprocessableParent(String message) {
        return new ProblemException(ProblemCode.UNPROCESSABLE, "the parent organisation cannot be used",
                List.of(new Problem.FieldError("parentId", message)), Map.of());
    }

    private void apply(Partner partner, PartnerDetails details) {
        partner.type = details.type();
        partner.legalName = details.legalName().strip();
        partner.shortName = blankToNull(details.shortName());
        partner.registrationNumber = blankToNull(details.registrationNumber());
        partner.accreditationGrade = details.accreditationGrade();
        partner.accreditationExpiresOn = details.accreditationExpiresOn();
        partner.npwp = details.npwp() == null ? null : Npwp.normalise(details.npwp()).orElseThrow();
        partner.addressLine = blankToNull(details.addressLine());
        partner.provinceCode = details.provinceCode();
        partner.regencyCode = details.regencyCode();
        partner.parentId = details.parentId();
        partner.contacts.clear();
        partner.contacts.addAll(details.contacts() == null ? List.of() : details.contacts());
        partner.clusters.clear();
        partner.clusters.addAll(details.clusters() == null ? EnumSet.noneOf(Cluster.class) : details.clusters());
        partner.updatedAt = OffsetDateTime.now(clock);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
