package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.Erasure;
import id.atensi.beneficiary.domain.NameKey;
import id.atensi.beneficiary.domain.PersonalDataAccess;
import id.atensi.beneficiary.events.BeneficiaryErasedV1;
import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.persistence.SqlStates;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The person's right to erasure (UU 27/2022), and the retention rule that applies it without a request. Erasure removes
 * or irreversibly coarsens every personal detail this service holds on the person — name, NIK and KK (their ciphers and
 * keyed hashes too), birth place and day, the address below the regency, phone, welfare id, free-text notes and
 * reasons, the assessments' findings, pending duplicate reviews, and the person's events still in the outbox — and puts a
 * random pseudonym in the name's place. What the programme's accounting and statistics need stays under the same id:
 * status, decisions, clusters, sex, birth year, province and regency, unit and partners, the case's history of dates.
 * The erased event carries the erasure to every other service.
 */
@ApplicationScoped
public class PersonalDataRights {

    /**
     * How long a request waits for the relay to finish a batch it read before the erasure, since the erasure rewrites
     * the person's pending events and must not commit while the relay may still send their old copy (see
     * {@link EventOutbox#holdRelay}). A batch takes milliseconds; only while Kafka does not answer does it take up to
     * the producer's delivery timeout, and the request is then answered 503 with Retry-After rather than held.
     */
    static final Duration REQUEST_WAIT_FOR_RELAY = Duration.ofSeconds(5);
    /** Nobody waits for the retention job: long enough for any one relay attempt while Kafka is away. */
    static final Duration RETENTION_WAIT_FOR_RELAY = Duration.ofSeconds(15);
    /**
     * The longest an erasure waits for any one row lock once it holds the relay: while another transaction holds the
     * person's row (or any row the erasure rewrites), the erasure holds the relay's lock shared and the service publishes
     * nothing (the relay skips its rounds). Other changes of a person hold its rows for milliseconds, so one wait is
     * under the relay's own (5 s); the bound is per wait, not for the erasure's dozen statements together, so two long
     * waits in a row can still cost the relay a round (counted, and alerted on only when it goes on for 10 minutes).
     */
    static final Duration LOCK_WAIT_HOLDING_RELAY = Duration.ofSeconds(3);
    /** What an erasure that gave up on a row lock asks its caller to wait: the other change is short, or stalled. */
    static final int ROW_BUSY_RETRY_AFTER_SECONDS = 5;
    private static final char[] PSEUDONYM_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final BeneficiaryService beneficiaries;
    private final EventOutbox outbox;
    private final Caller caller;
    private final Clock clock;
    private final EntityManager entityManager;
    private final RequestId requestId;
    private final SecureRandom random = new SecureRandom();

    PersonalDataRights(BeneficiaryService beneficiaries, EventOutbox outbox, Caller caller, Clock clock,
                       EntityManager entityManager, RequestId requestId) {
        this.beneficiaries = beneficiaries;
        this.outbox = outbox;
        this.caller = caller;
        this.clock = clock;
        this.entityManager = entityManager;
        this.requestId = requestId;
    }

    /** Erases on the person's request; asking again answers the first erasure and changes nothing. */
    @Transactional
    public Erasure eraseOnRequest(UUID id, String requestReference) {
        Beneficiary person = beneficiaries.find(id);
        Erasure done = Erasure.findById(id);
        if (done != null) {
            return done;
        }
        outbox.holdRelay(REQUEST_WAIT_FOR_RELAY);
        try {
            return eraseHoldingRelay(person, Erasure.Reason.REQUEST, requestReference, caller.name(), caller.roles());
        } catch (RowsBusy e) {
            throw ProblemException.unavailable(e.getMessage() + "; nothing was erased, try again after the seconds Retry-After gives",
                    ROW_BUSY_RETRY_AFTER_SECONDS);
        }
    }

    public Optional<Erasure> erasure(UUID id) {
        beneficiaries.find(id);
        return Erasure.findByIdOptional(id);
    }

    /**
     * Erases a closed case whose retention period ended; called by {@link RetentionJob}, in its own transaction.
     *
     * @throws RowsBusy when another transaction held the person's rows past {@link #LOCK_WAIT_HOLDING_RELAY}
     */
    @Transactional
    public void eraseAtEndOfRetention(UUID id) {
        Beneficiary person = Beneficiary.findById(id);
        if (person != null && person.erasedAt == null) {
            outbox.holdRelay(RETENTION_WAIT_FOR_RELAY);
            eraseHoldingRelay(person, Erasure.Reason.RETENTION, null, "retention", "system");
        }
    }

    /** Another transaction held a row the erasure rewrites past {@link #LOCK_WAIT_HOLDING_RELAY}; the erasure is to be rolled back. */
    public static final class RowsBusy extends RuntimeException {
        RowsBusy(UUID id, Throwable cause) {
            super("another change of the records of " + id + " held them for over " + LOCK_WAIT_HOLDING_RELAY.toSeconds() + " s", cause);
        }
    }

    /**
     * Erases with every lock wait of the rest of the transaction bounded, since the transaction holds the relay: all of
     * its writes are flushed here, inside the bound, rather than at the commit.
     */
    private Erasure eraseHoldingRelay(Beneficiary person, Erasure.Reason reason, String requestReference, String by, String roles) {
        entityManager.createNativeQuery("SELECT set_config('lock_timeout', :wait, true)")
                .setParameter("wait", LOCK_WAIT_HOLDING_RELAY.toMillis() + "ms").getSingleResult();
        try {
            Erasure erasure = erase(person, reason, requestReference, by, roles);
            entityManager.flush();
            return erasure;
        } catch (RuntimeException e) {
            if (SqlStates.causedBy(e, SqlStates.LOCK_NOT_AVAILABLE)) {
                throw new RowsBusy(person.id, e);
            }
            throw e;
        }
    }


    private Erasure erase(Beneficiary person, Erasure.Reason reason, String requestReference, String by, String roles) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String pseudonym = pseudonym();
        UUID id = person.id;
        person.fullName = pseudonym;
        person.nameKey = NameKey.of(pseudonym);
        person.nikHash = null;
        person.nikCipher = null;
        person.nikKeyId = null;
        person.kkHash = null;
        person.kkCipher = null;
        person.kkKeyId = null;
        person.birthPlace = null;
        person.birthDate = LocalDate.of(person.birthDate.getYear(), 1, 1);
        person.districtCode = null;
        person.villageCode = null;
        person.addressLine = null;
        person.phone = null;
        person.welfareId = null;
        person.terminationReason = null;
        person.erasedAt = now;
        person.updatedAt = now;
        scrub("UPDATE beneficiary_status_change SET reason = NULL WHERE beneficiary_id = :id", id);
        scrub("UPDATE timeline_entry SET summary = split_part(summary, ': ', 1) WHERE beneficiary_id = :id AND kind = 'status-changed'", id);
        scrub("DELETE FROM assessment_need WHERE assessment_id IN (SELECT id FROM assessment WHERE beneficiary_id = :id)", id);
        scrub("UPDATE assessment SET summary = NULL WHERE beneficiary_id = :id", id);
        scrub("UPDATE intervention_plan_item SET description = service WHERE beneficiary_id = :id", id);
        scrub("UPDATE unit_transfer SET note = NULL WHERE beneficiary_id = :id", id);
        scrub("UPDATE consent SET note = NULL, legacy_purpose = CASE WHEN legacy_purpose IS NULL THEN NULL ELSE 'erased' END"
                + " WHERE beneficiary_id = :id", id);
        scrub("DELETE FROM data_export WHERE beneficiary_id = :id", id);
        scrub("DELETE FROM duplicate_candidate WHERE (first_id = :id OR second_id = :id) AND status = 'OPEN'", id);
        scrub("UPDATE duplicate_candidate SET reason = 'erased' WHERE first_id = :id OR second_id = :id", id);
        // Published events hold the name and reasons as they were sent; consumers got them, so the rows serve no one.
        // Pending ones are still to be sent: they go out carrying the pseudonym instead. The caller holds the relay
        // (EventOutbox.holdRelay), so no batch read before these statements is still to be sent or marked.
        scrub("DELETE FROM outbox_event WHERE aggregate_type = 'beneficiary' AND aggregate_id = CAST(:id AS text)"
                + " AND published_at IS NOT NULL", id);
        entityManager.createNativeQuery("""
                        UPDATE outbox_event
                        SET payload = CASE WHEN payload -> 'fullName' IS NOT NULL THEN jsonb_set(payload, '{fullName}', to_jsonb(CAST(:pseudonym AS text))) ELSE payload END
                                      - 'reason' - 'terminationReason'
                        WHERE aggregate_type = 'beneficiary' AND aggregate_id = CAST(:id AS text) AND published_at IS NULL""")
                .setParameter("pseudonym", pseudonym)
                .setParameter("id", id)
                .executeUpdate();

        Erasure erasure = new Erasure();
        erasure.beneficiaryId = id;
        erasure.pseudonym = pseudonym;
        erasure.reason = reason;
        erasure.requestReference = requestReference == null || requestReference.isBlank() ? null : requestReference.strip();
        erasure.erasedBy = by;
        erasure.erasedAt = now;
        erasure.persist();
        outbox.record(new BeneficiaryErasedV1(id, pseudonym, now, reason.name()));
        BeneficiaryService.Timeline.add(id, now, "erased", "personal data erased (" + reason + ")", "beneficiary", null);
        PersonalDataAccess audit = new PersonalDataAccess();
        audit.id = UUID.randomUUID();
        audit.accessedAt = now;
        audit.accessedBy = by;
        audit.roles = roles;
        audit.beneficiaryId = id;
        audit.fields = "all";
        audit.action = "erase";
        audit.requestId = reason == Erasure.Reason.REQUEST ? requestId.value() : null;
        audit.persist();
        // A record merged into this one is the same person under an older id, with the personal data it had then.
        for (Beneficiary merged : Beneficiary.<Beneficiary>list("mergedInto = ?1 and erasedAt is null", id)) {
            erase(merged, reason, requestReference, by, roles);
        }
        return erasure;
    }

    private void scrub(String sql, UUID id) {
        entityManager.createNativeQuery(sql).setParameter("id", id).executeUpdate();
    }

    /** Random, so that nothing about the person can be derived from it; "ANON-" says what it is wherever it shows. */
    private String pseudonym() {
        StringBuilder pseudonym = new StringBuilder("ANON-");
        for (int i = 0; i < 10; i++) {
            pseudonym.append(PSEUDONYM_LETTERS[random.nextInt(PSEUDONYM_LETTERS.length)]);
        }
        return pseudonym.toString();
    }
}
