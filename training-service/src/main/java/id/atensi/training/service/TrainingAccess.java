package id.atensi.training.service;

import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.training.domain.TrainingClass;
import id.atensi.training.events.KnownPartner;
import id.atensi.training.events.KnownServiceUnit;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The training service's object-level rules on top of {@link Caller}, called from the use cases. A class belongs to its
 * host unit and its provider partners, and its sessions, enrolments, attendance, outcomes and report go with it: an
 * officer reaches the classes its unit hosts, a partner those it provides, admins, auditors and viewers all of them.
 * Programmes are national: every role that may read them reads them all.
 * <p>
 * One rule (docs/how-a-service-is-built.md): a class the caller does not reach is not found (404), for a read and a
 * change alike, so that an answer never confirms that another unit's or partner's class exists. Naming another unit as
 * host, or scheduling a class without being among its providers, is forbidden (403). Every role that reaches a class and
 * may change classes at all (the roles the resources allow) may change it, so no reached class is refused with 403.
 * <p>
 * Host units and providers named for a class must be known to the partner read model and active (422): see
 * {@link #requireKnownHostAndProviders}.
 */
@ApplicationScoped
public class TrainingAccess {

    private final Caller caller;

    TrainingAccess(Caller caller) {
        this.caller = caller;
    }

    public boolean reaches(TrainingClass trainingClass) {
        return caller.reaches(trainingClass.hostUnitId, trainingClass.providerPartnerIds);
    }

    /** @return the class, when this caller may read it; 404 otherwise */
    public TrainingClass reads(UUID id) {
        return reached(TrainingClass.findById(id), id);
    }

    /**
     * @return the class, locked until the transaction ends, when this caller may change it (or what goes with it); 404
     *         otherwise
     */
    public TrainingClass changes(UUID id) {
        return reached(TrainingClass.lockedById(id), id);
    }

    /**
     * The data-subject document of a person (admins and officers only, by the resource's roles): an admin reads that of
     * anyone the service holds something on, an officer only of a person enrolled in a class its unit hosts, since the
     * service knows a person's unit only through its classes. Otherwise not found (404), as for a class.
     *
     * @param known whether the beneficiary read model knows the person
     * @param classes the classes the person is or was enrolled in
     */
    void readsDataSubject(UUID beneficiaryId, boolean known, Collection<TrainingClass> classes) {
        boolean reached = caller.ownUnit().isPresent() ? classes.stream().anyMatch(this::reaches) : known || !classes.isEmpty();
        if (!reached) {
            throw DataSubjectQueries.notFound(beneficiaryId);
        }
    }

    /** An officer's service unit: lists count only the classes it hosts. */
    public Optional<UUID> unitScope() {
        return caller.ownUnit();
    }

    /** The organisation a partner caller acts for: lists count only the classes it provides. */
    public Optional<UUID> partnerScope() {
        return caller.ownPartner();
    }

    /** An officer schedules and moves classes of its own unit only, a partner only classes it provides itself (403: the caller named them). */
    void schedulesFor(UUID hostUnitId, Set<UUID> providerPartnerIds) {
        caller.ownUnit().filter(unit -> !unit.equals(hostUnitId)).ifPresent(unit -> {
            throw new ProblemException(ProblemCode.FORBIDDEN, "an officer schedules classes of its own service unit only: hostUnitId must be "
                    + unit);
        });
        caller.ownPartner().filter(partner -> !providerPartnerIds.contains(partner)).ifPresent(partner -> {
            throw new ProblemException(ProblemCode.FORBIDDEN, "a partner schedules only classes it provides: add your partner id to providerPartnerIds");
        });
    }

    /** A partner changing a class it provides keeps itself among the providers: dropping out would leave it a class it cannot reach. */
    void keepsOwnPartner(Set<UUID> providerPartnerIds) {
        caller.ownPartner().filter(partner -> !providerPartnerIds.contains(partner)).ifPresent(partner -> {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "a partner cannot remove itself from the providers of a class",
                    List.of(new Problem.FieldError("providerPartnerIds", "must include your partner id")), Map.of());
        });
    }

    /**
     * The host must be a unit and each provider an active partner that the partner service announced (422). A closed unit
     * takes no new classes, but a class it hosts already stays editable while it keeps that host.
     *
     * @param currentHostUnitId the class's host before this change; null when scheduling
     */
    static void requireKnownHostAndProviders(UUID hostUnitId, Set<UUID> providerPartnerIds, UUID currentHostUnitId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        KnownServiceUnit host = KnownServiceUnit.findById(hostUnitId);
        if (host == null) {
            errors.add(new Problem.FieldError("hostUnitId", "is not a service unit known from the partner service"));
        } else if (!host.active() && !hostUnitId.equals(currentHostUnitId)) {
            errors.add(closedHost(host));
        }
        for (UUID partnerId : providerPartnerIds) {
            KnownPartner partner = KnownPartner.findById(partnerId);
            if (partner == null) {
                errors.add(new Problem.FieldError("providerPartnerIds", partnerId + " is not a partner known from the partner service"));
            } else if (!partner.active()) {
                errors.add(new Problem.FieldError("providerPartnerIds", partnerId + " (" + partner.legalName + ") is " + partner.status));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "a class is hosted by a known, active service unit and provided by active partners",
                    errors, Map.of());
        }
    }

    /**
     * A class opens for enrolment only while its host unit is open: a closed unit would take people it cannot serve.
     * A unit the partner service never announced is not known to be closed, and does not keep a class from opening.
     */
    static boolean hostOpen(KnownServiceUnit host) {
        return host == null || host.active();
    }

    /** The field error of a class's closed host unit, for the refusal to open it. */
    static Problem.FieldError closedHost(UUID hostUnitId) {
        return closedHost(KnownServiceUnit.<KnownServiceUnit>findById(hostUnitId));
    }

    private static Problem.FieldError closedHost(KnownServiceUnit host) {
        return new Problem.FieldError("hostUnitId", host.serviceUnitId + " (" + host.name + ") is " + host.status
                + ": the service unit is closed and hosts no new classes");
    }

    private TrainingClass reached(TrainingClass trainingClass, UUID id) {
        if (trainingClass == null || !reaches(trainingClass)) {
            throw ProblemException.notFound("class", id);
        }
        return trainingClass;
    }
}
