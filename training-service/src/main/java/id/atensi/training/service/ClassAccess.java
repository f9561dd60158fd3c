package id.atensi.training.service;

import id.atensi.commons.rest.ProblemException;
import id.atensi.training.domain.TrainingClass;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Finds a class for the caller. Another partner's class is reported as missing, not as forbidden, so that
 * a partner cannot even learn which classes exist beyond its own.
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

    private TrainingClass reachable(UUID id, TrainingClass trainingClass) {
        if (trainingClass == null || !caller.reaches(trainingClass)) {
            throw ProblemException.notFound("class", id);
        }
        return trainingClass;
    }
}
