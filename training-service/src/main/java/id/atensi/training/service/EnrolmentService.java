package id.atensi.training.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.idempotency.Creations;
import id.atensi.commons.idempotency.StoredAnswers;
import id.atensi.commons.paging.Page;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.training.domain.Audience;
import id.atensi.training.domain.CompanionRole;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.domain.EnrolmentStatus;
import id.atensi.training.domain.TrainingClass;
import id.atensi.training.events.KnownBeneficiary;
import id.atensi.training.events.ParticipantEnrolledV1;
import id.atensi.training.events.ParticipantWithdrawnV1;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Places in classes. Every change takes the class row's lock first, so that concurrent enrolments of one
 * class count seats one after another: capacity is never exceeded and the waitlist keeps arrival order.
 */
@ApplicationScoped
public class EnrolmentService {

    /** The beneficiary service's status of a closed case. */
    private static final String TERMINATED = "TERMINATED";

    private final EventOutbox outbox;
    private final TrainingAccess access;
    private final Creations creations;
    private final Clock clock;
    private final PartnerSharing sharing;
    private final StoredAnswers json;

    EnrolmentService(EventOutbox outbox, TrainingAccess access, Creations creations, Clock clock, PartnerSharing sharing, StoredAnswers json) {
        this.creations = creations;
        this.sharing = sharing;
        this.json = json;
        this.outbox = outbox;
        this.access = access;
        this.clock = clock;
    }

    /** A beneficiary (by id) or a named participant (name and organisation), and the audience they come as. */
    public record Participant(UUID beneficiaryId, String fullName, String organisation, Audience audience, CompanionRole companionRole) {
    }

    /**
     * {@link #enrol} once per {@code idempotencyKey}: the key's record and the enrolment commit together, so a retry
     * after a lost answer finds either both or neither. The stored answer keeps no personal data: the first call and
     * every retry answer the stored (first) answer with the person's name as this caller may see it now, so that a retry
     * cannot show a name after an erasure or a withdrawn consent. An answer emptied by an erasure is read anew.
     *
     * @param body the response for an enrolment, with its personal fields left out when the boolean says so
     */
    @Transactional
    public Response enrolOnce(UUID classId, String idempotencyKey, Object request, Participant participant, UriInfo uri,
                              BiFunction<Enrolment, Boolean, Object> body) {
        Response answer = creations.create("enrol:" + classId, idempotencyKey, request, uri, () -> {
            Enrolment enrolment = enrol(classId, participant);
            return new Creations.Created(enrolment.id, body.apply(enrolment, true));
        });
        String path = answer.getLocation().getPath();
        Disclosed<Enrolment> enrolment = sharing.enrolment(inClass(classId, UUID.fromString(path.substring(path.lastIndexOf('/') + 1))));
        return Response.fromResponse(answer).entity(json.withPersonalData(answer.getEntity(), enrolment.value(),
                enrolment.personalDataWithheld(), body)).build();
    }

    @Transactional
    public Enrolment enrol(UUID classId, Participant participant) {
        TrainingClass trainingClass = access.changes(classId);
        if (!trainingClass.status.takesEnrolments()) {
            throw new ProblemException(ProblemCode.CONFLICT, "a " + trainingClass.status + " class takes no enrolments", List.of(),
                    Map.of("currentStatus", trainingClass.status));
        }
        if (!trainingClass.audiences.contains(participant.audience())) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "this class does not admit " + participant.audience(),
                    List.of(new Problem.FieldError("audience", "must be one of " + trainingClass.audiences)),
                    Map.of("admittedAudiences", trainingClass.audiences));
        }
        Enrolment enrolment = newEnrolment(classId, participant);
        Enrolment.<Enrolment>find("classId = ?1 and personKey = ?2 and status <> ?3", classId, enrolment.personKey, EnrolmentStatus.WITHDRAWN)
                .firstResultOptional()
                .ifPresent(existing -> {
                    throw new ProblemException(ProblemCode.CONFLICT, "this person is in the class already", List.of(),
                            Map.of("existingId", existing.id, "existingStatus", existing.status));
                });
        long enrolled = Enrolment.count("classId = ?1 and status = ?2", classId, EnrolmentStatus.ENROLLED);
        enrolment.status = enrolled < trainingClass.capacity ? EnrolmentStatus.ENROLLED : EnrolmentStatus.WAITLISTED;
        enrolment.persist();
        outbox.record(new ParticipantEnrolledV1(enrolment.id, classId, enrolment.beneficiaryId, enrolment.audience, enrolment.status,
                enrolment.enrolledAt));
        return enrolment;
    }

    /**
     * Withdraws a participant or a waitlist entry; a freed place goes to the first on the waitlist.
     *
     * @param expectedVersion the enrolment's version from If-Match, or null when none was sent
     */
    @Transactional
    public Disclosed<Enrolment> withdraw(UUID classId, UUID enrolmentId, Long expectedVersion) {
        TrainingClass trainingClass = access.changes(classId);
        Enrolment enrolment = inClass(classId, enrolmentId);
        Versions.require("enrolment", enrolment.version, expectedVersion);
        if (enrolment.status != EnrolmentStatus.ENROLLED && enrolment.status != EnrolmentStatus.WAITLISTED) {
            throw new ProblemException(ProblemCode.CONFLICT, "a " + enrolment.status + " enrolment cannot be withdrawn", List.of(),
                    Map.of("currentStatus", enrolment.status));
        }
        boolean freedAPlace = enrolment.status == EnrolmentStatus.ENROLLED;
        enrolment.status = EnrolmentStatus.WITHDRAWN;
        enrolment.withdrawnAt = Clocks.now(clock);
        Versions.flush(Enrolment.getEntityManager(), "enrolment");
        List<Enrolment> promoted = freedAPlace && trainingClass.status.takesEnrolments() ? fillFreeSeats(trainingClass) : List.of();
        outbox.record(new ParticipantWithdrawnV1(enrolment.id, classId, enrolment.beneficiaryId,
                promoted.isEmpty() ? null : promoted.get(0).id, enrolment.withdrawnAt));
        return sharing.enrolment(enrolment);
    }

    /** Moves waitlisted people, first come first served, into the places the class has free. The caller holds the class lock. */
    List<Enrolment> fillFreeSeats(TrainingClass trainingClass) {
        long enrolled = Enrolment.count("classId = ?1 and status = ?2", trainingClass.id, EnrolmentStatus.ENROLLED);
        int free = (int) Math.max(0, trainingClass.capacity - enrolled);
        if (free == 0) {
            return List.of();
        }
        List<Enrolment> promoted = new ArrayList<>(Enrolment.<Enrolment>find("classId = ?1 and status = ?2 order by seq",
                trainingClass.id, EnrolmentStatus.WAITLISTED).page(0, free).list());
        OffsetDateTime now = Clocks.now(clock);
        for (Enrolment enrolment : promoted) {
            enrolment.status = EnrolmentStatus.ENROLLED;
            outbox.record(new ParticipantEnrolledV1(enrolment.id, trainingClass.id, enrolment.beneficiaryId, enrolment.audience,
                    enrolment.status, now));
        }
        return promoted;
    }

    public Disclosed<Enrolment> get(UUID classId, UUID enrolmentId) {
        access.reads(classId);
        return sharing.enrolment(inClass(classId, enrolmentId));
    }

    public Page<Disclosed<Enrolment>> list(UUID classId, EnrolmentStatus status, Audience audience, int page, int size) {
        access.reads(classId);
        StringBuilder where = new StringBuilder("classId = :classId");
        Parameters parameters = Parameters.with("classId", classId);
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status);
        }
        if (audience != null) {
            where.append(" and audience = :audience");
            parameters.and("audience", audience);
        }
        var query = Enrolment.<Enrolment>find(where + " order by seq", parameters);
        query.page(page, size);
        return new Page<>(sharing.enrolments(query.list()), page, size, query.count());
    }

    static Enrolment inClass(UUID classId, UUID enrolmentId) {
        Enrolment enrolment = Enrolment.findById(enrolmentId);
        if (enrolment == null || !enrolment.classId.equals(classId)) {
            throw ProblemException.notFound("enrolment", enrolmentId);
        }
        return enrolment;
    }

    private Enrolment newEnrolment(UUID classId, Participant participant) {
        Enrolment enrolment = new Enrolment();
        enrolment.id = UUID.randomUUID();
        enrolment.classId = classId;
        enrolment.audience = participant.audience();
        enrolment.enrolledAt = Clocks.now(clock);
        if (participant.audience().isRegisteredBeneficiary()) {
            requireAbsent(participant.companionRole(), "companionRole", participant.audience());
            if (participant.beneficiaryId() == null) {
                throw ProblemException.invalidField("beneficiaryId", "is required for a participant of audience " + participant.audience());
            }
            KnownBeneficiary known = KnownBeneficiary.findById(participant.beneficiaryId());
            if (known == null) {
                throw new ProblemException(ProblemCode.UNPROCESSABLE, "beneficiary " + participant.beneficiaryId()
                        + " is not known to the training service; register them with the beneficiary service first",
                        List.of(new Problem.FieldError("beneficiaryId", "is not a known beneficiary")), Map.of());
            }
            if (known.mergedInto != null) {
                throw new ProblemException(ProblemCode.UNPROCESSABLE, "beneficiary " + known.beneficiaryId + " was merged into "
                        + known.mergedInto + "; enrol that record instead",
                        List.of(new Problem.FieldError("beneficiaryId", "was merged into another record")), Map.of("survivorId", known.mergedInto));
            }
            if (TERMINATED.equals(known.status)) {
                throw new ProblemException(ProblemCode.UNPROCESSABLE, "beneficiary " + known.beneficiaryId
                        + " is TERMINATED: their case is closed, so they no longer enrol as a beneficiary",
                        List.of(new Problem.FieldError("beneficiaryId", "is a TERMINATED beneficiary")), Map.of("beneficiaryStatus", known.status));
            }
            enrolment.beneficiaryId = known.beneficiaryId;
            enrolment.fullName = known.fullName;
            enrolment.personKey = Enrolment.beneficiaryKey(known.beneficiaryId);
        } else {
            requireAbsent(participant.beneficiaryId(), "beneficiaryId", participant.audience());
            if (participant.audience() != Audience.SOCIAL_COMPANION) {
                requireAbsent(participant.companionRole(), "companionRole", participant.audience());
            }
            List<Problem.FieldError> missing = new ArrayList<>();
            if (participant.fullName() == null || participant.fullName().isBlank()) {
                missing.add(new Problem.FieldError("fullName", "is required for a participant of audience " + participant.audience()));
            }
            if (participant.organisation() == null || participant.organisation().isBlank()) {
                missing.add(new Problem.FieldError("organisation", "is required for a participant of audience " + participant.audience()));
            }
            if (!missing.isEmpty()) {
                throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", missing, Map.of());
            }
            enrolment.fullName = participant.fullName().strip();
            enrolment.organisation = participant.organisation().strip();
            enrolment.companionRole = participant.companionRole();
            enrolment.personKey = Enrolment.namedKey(enrolment.fullName, enrolment.organisation);
        }
        return enrolment;
    }

    private static void requireAbsent(Object value, String field, Audience audience) {
        if (value != null) {
            throw ProblemException.invalidField(field, "must be absent for a participant of audience " + audience);
        }
    }
}
