package id.atensi.beneficiary.service;

import id.atensi.beneficiary.config.BeneficiaryConfig;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Erases the personal data of people whose case was terminated longer ago than the retention period
 * ({@code atensi.beneficiary.retention.terminated-kept-for}), a bounded batch at a time, each person in its own
 * transaction so that one failure stops no one else's erasure.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final PersonalDataRights rights;
    private final EntityManager entityManager;
    private final BeneficiaryConfig config;
    private final Clock clock;

    RetentionJob(PersonalDataRights rights, EntityManager entityManager, BeneficiaryConfig config, Clock clock) {
        this.rights = rights;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "personal-data-retention", every = "${atensi.beneficiary.retention.interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int erased = eraseExpired();
        if (erased > 0) {
            LOG.infof("retention: erased the personal data of %d people terminated before the retention period", erased);
        }
    }

    /**
     * Erases one batch of people past the period; how many were erased. A person whose erasure fails, or whose records
     * another transaction holds past the erasure's wait, is left for the next run and the others go on; when the event relay stays busy past the wait (Kafka not answering), the rest of
     * the batch is left too, since each of them would wait as long.
     */
    public int eraseExpired() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(config.retention().terminatedKeptFor());
        @SuppressWarnings("unchecked")
        List<UUID> due = entityManager.createNativeQuery("""
                        SELECT b.id FROM beneficiary b
                        WHERE b.status = 'TERMINATED' AND b.erased_at IS NULL
                          AND (SELECT max(c.changed_at) FROM beneficiary_status_change c
                               WHERE c.beneficiary_id = b.id AND c.to_status = 'TERMINATED') < :before
                        ORDER BY b.id LIMIT :batch""", UUID.class)
                .setParameter("before", before)
                .setParameter("batch", config.retention().batchSize())
                .getResultList();
        int erased = 0;
        for (UUID id : due) {
            try {
                rights.eraseAtEndOfRetention(id);
                erased++;
            } catch (PersonalDataRights.RowsBusy e) {
                LOG.warnf("retention: %s; the next run tries again", e.getMessage());
            } catch (ProblemException e) {
                if (e.code() != ProblemCode.UNAVAILABLE) {
                    throw e;
                }
                LOG.warnf("retention: %s; %d people left for the next run", e.getMessage(), due.size() - erased);
                break;
            } catch (Exception e) {
                // Exception, not RuntimeException: a commit that fails leaves the transactional method as a checked one
                LOG.errorf(e, "retention: could not erase the personal data of %s; the next run tries again", id);
            }
        }
        return erased;
    }
}
