package id.atensi.training.service;

import id.atensi.commons.paging.Page;
import id.atensi.training.domain.ClassSession;
import id.atensi.training.domain.ClassStatus;
import id.atensi.training.domain.TrainingClass;
import id.atensi.training.events.KnownServiceUnit;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Classes and their sessions as the caller may see them, each with the transitions it accepts at this moment. */
@ApplicationScoped
public class ClassQueries {

    private final TrainingAccess access;

    ClassQueries(TrainingAccess access) {
        this.access = access;
    }

    public record ClassFilter(UUID programmeId, ClassStatus status, UUID providerPartnerId, UUID hostUnitId) {
    }

    /**
     * A class as a read shows it: the transitions it accepts at this moment and, when one class is read, its sessions.
     *
     * @param sessions null in a list, which does not carry them
     */
    public record ClassReading(TrainingClass trainingClass, Set<ClassStatus> allowedTransitions, List<ClassSession> sessions) {
    }

    public ClassReading read(UUID id) {
        return reading(access.reads(id));
    }

    public Page<ClassReading> list(ClassFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.programmeId() != null) {
            where.append(" and c.programmeId = :programmeId");
            parameters.and("programmeId", filter.programmeId());
        }
        if (filter.status() != null) {
            where.append(" and c.status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.hostUnitId() != null) {
            where.append(" and c.hostUnitId = :hostUnitId");
            parameters.and("hostUnitId", filter.hostUnitId());
        }
        if (filter.providerPartnerId() != null) {
            where.append(" and :providerPartnerId member of c.providerPartnerIds");
            parameters.and("providerPartnerId", filter.providerPartnerId());
        }
        access.unitScope().ifPresent(unit -> {
            where.append(" and c.hostUnitId = :callerUnitId");
            parameters.and("callerUnitId", unit);
        });
        access.partnerScope().ifPresent(partner -> {
            where.append(" and :callerPartnerId member of c.providerPartnerIds");
            parameters.and("callerPartnerId", partner);
        });
        var query = TrainingClass.<TrainingClass>find("select c from TrainingClass c where " + where + " order by c.startDate desc, c.id",
                parameters);
        query.page(page, size);
        List<TrainingClass> found = query.list();
        Map<UUID, Set<ClassStatus>> allowed = allowedTransitions(found);
        return new Page<>(found, page, size, query.count()).map(c -> new ClassReading(c, allowed.get(c.id), null));
    }

    public List<ClassSession> sessions(UUID classId) {
        access.reads(classId);
        return ClassSession.ofClass(classId);
    }

    /** What a change answers: the class as a read of it now shows it. */
    ClassReading reading(TrainingClass trainingClass) {
        return new ClassReading(trainingClass, allowedTransitions(trainingClass), ClassSession.ofClass(trainingClass.id));
    }

    /** The statuses a read of this class offers: exactly the transitions it accepts now. */
    Set<ClassStatus> allowedTransitions(TrainingClass trainingClass) {
        return allowedTransitions(List.of(trainingClass)).get(trainingClass.id);
    }

    /** The same for a page of classes, in two queries whatever its size: the host units' status and which classes have sessions. */
    private Map<UUID, Set<ClassStatus>> allowedTransitions(List<TrainingClass> classes) {
        if (classes.isEmpty()) {
            return Map.of();
        }
        Set<UUID> closedHosts = KnownServiceUnit.<KnownServiceUnit>list("serviceUnitId in ?1",
                        classes.stream().map(c -> c.hostUnitId).collect(Collectors.toSet())).stream()
                .filter(host -> !TrainingAccess.hostOpen(host))
                .map(host -> host.serviceUnitId)
                .collect(Collectors.toSet());
        Set<UUID> withSessions = Set.copyOf(TrainingClass.getEntityManager()
                .createQuery("select distinct s.classId from ClassSession s where s.classId in :ids", UUID.class)
                .setParameter("ids", classes.stream().map(c -> c.id).toList())
                .getResultList());
        Map<UUID, Set<ClassStatus>> allowed = new HashMap<>();
        for (TrainingClass c : classes) {
            allowed.put(c.id, c.status.allowed(!closedHosts.contains(c.hostUnitId), withSessions.contains(c.id)));
        }
        return allowed;
    }
}
