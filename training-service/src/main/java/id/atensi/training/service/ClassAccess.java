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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds a class for the caller. A class belongs to its host unit and its provider partners: an officer reaches the
 * classes its unit hosts, a partner those it provides, every other role all of them. A class beyond the caller's
 * reach is reported as missing, not as forbidden, so that nobody learns which classes exist beyond their own.
 */
@ApplicationScoped
public class ClassAccess {

    private final Caller caller;

    ClassAccess(Caller caller) {
        this.caller = caller;
    }

    public TrainingClass visible(UUID id) {
        return reachable(id, TrainingClass.findById(id));
    }

    public boolean reaches(TrainingClass trainingClass) {
        return caller.reaches(trainingClass.hostUnitId, trainingClass.providerPartnerIds);
    }

    /**
     * The class locked until the transaction ends: enrolments, withdrawals and transitions of one class go one
     * at a time. The row is locked with plain SQL before it is loaded, because Hibernate's follow-on locking of
     * an entity with element collections fails under concurrent use; loaded after the lock, the entity is current.
     */
    public TrainingClass locked(UUID id) {
        List<?> locked = TrainingClass.getEntityManager()
                .createNativeQuery("SELECT id FROM training_class WHERE id = :id FOR UPDATE")
                .setParameter("id", id)
                .getResultList();
        return reachable(id, locked.isEmpty() ? null : TrainingClass.findById(id));
    }

    /**
     * Whether the caller may give a class this host and these providers: an officer only its own unit, a partner
     * only classes it provides itself (403, since the caller chose them); then the host must be a unit and each
     * provider an active partner that the partner service announced (422). A closed unit takes no new classes, but a
     * class it hosts already stays editable while it keeps that host.
     *
     * @param currentHostUnitId the class's host before this change; null when scheduling
     */
    public void checkHostAndProviders(UUID hostUnitId, Set<UUID> providerPartnerIds, UUID currentHostUnitId) {
        caller.ownUnit().filter(unit -> !unit.equals(hostUnitId)).ifPresent(unit -> {
            throw new ProblemException(ProblemCode.FORBIDDEN, "an officer schedules classes of its own service unit only: hostUnitId must be "
                    + unit);
        });
        caller.ownPartner().filter(partner -> !providerPartnerIds.contains(partner)).ifPresent(partner -> {
            throw new ProblemException(ProblemCode.FORBIDDEN, "a partner schedules only classes it provides: add your partner id to providerPartnerIds");
        });
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
    public static boolean hostOpen(KnownServiceUnit host) {
        return host == null || host.active();
    }

    /** The refusal to open a class of a closed unit, with {@code members} (the class's status and the transitions it offers). */
    public ProblemException closedHostRefusesOpening(UUID hostUnitId, Map<String, Object> members) {
        KnownServiceUnit host = KnownServiceUnit.findById(hostUnitId);
        return new ProblemException(ProblemCode.UNPROCESSABLE, "a class of a closed service unit cannot open for enrolment",
                List.of(closedHost(host)), members);
    }

    private static Problem.FieldError closedHost(KnownServiceUnit host) {
        return new Problem.FieldError("hostUnitId", host.serviceUnitId + " (" + host.name + ") is " + host.status
                + ": the service unit is closed and hosts no new classes");
    }

    private TrainingClass reachable(UUID id, TrainingClass trainingClass) {
        if (trainingClass == null || !reaches(trainingClass)) {
            throw ProblemException.notFound("class", id);
        }
        return trainingClass;
    }
}
