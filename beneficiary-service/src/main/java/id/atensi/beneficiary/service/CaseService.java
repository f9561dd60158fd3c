package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Assessment;
import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.BeneficiaryStatus;
import id.atensi.beneficiary.domain.Consent;
import id.atensi.beneficiary.domain.StatusChange;
import id.atensi.beneficiary.domain.PlannedService;
import id.atensi.beneficiary.domain.TimelineEntry;
import id.atensi.beneficiary.domain.UnitTransfer;
import id.atensi.beneficiary.events.BeneficiaryUpdatedV1;
import id.atensi.beneficiary.events.BeneficiaryConsentChangedV1;
import id.atensi.beneficiary.events.BeneficiaryStatusChangedV1;
import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.vocabulary.AtensiService;
import id.atensi.vocabulary.ConsentPurpose;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The case workflow of a person, its assessments, consent records and timeline. Every time a use case here records
 * or publishes (a status change, an assessment, a plan, a consent, a transfer, and their events and timeline entries)
 * is read from the service's {@link Clock}, the one its rules ask for "now" (a decision date not in the future, the
 * retention of terminated cases): a record and the event that tells of it carry the same moment.
 */
@ApplicationScoped
public class CaseService {

    private final BeneficiaryService beneficiaries;
    private final EventOutbox outbox;
    private final Caller caller;
    private final Clock clock;
    private final BeneficiaryAccess access;
    private final ConsentRegister consentRegister;
    private final PersonalDataAudit audit;

    CaseService(BeneficiaryService beneficiaries, EventOutbox outbox, Caller caller, Clock clock, BeneficiaryAccess access,
                ConsentRegister consentRegister, PersonalDataAudit audit) {
        this.beneficiaries = beneficiaries;
        this.outbox = outbox;
        this.caller = caller;
        this.clock = clock;
        this.access = access;
        this.consentRegister = consentRegister;
        this.audit = audit;
    }

    public record Transition(BeneficiaryStatus status, String decisionNumber, LocalDate decisionDate, String reason) {
    }

    @Transactional
    public Beneficiary changeStatus(UUID id, Transition transition) {
        Beneficiary beneficiary = beneficiaries.find(id);
        requireAllowed(beneficiary, transition.status());
        List<Problem.FieldError> problems = new ArrayList<>();
        if (transition.status() == BeneficiaryStatus.ACTIVE) {
            if (blank(transition.decisionNumber())) {
                problems.add(new Problem.FieldError("decisionNumber", "is required to designate a Penerima Manfaat"));
            }
            if (transition.decisionDate() == null) {
                problems.add(new Problem.FieldError("decisionDate", "is required to designate a Penerima Manfaat"));
            } else if (transition.decisionDate().isAfter(LocalDate.now(clock))) {
                problems.add(new Problem.FieldError("decisionDate", "cannot be in the future"));
            }
        }
        if (transition.status() == BeneficiaryStatus.TERMINATED && blank(transition.reason())) {
            problems.add(new Problem.FieldError("reason", "is required to terminate a case"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", problems, Map.of());
        }
        move(beneficiary, transition);
        return beneficiary;
    }

    private static void requireAllowed(Beneficiary beneficiary, BeneficiaryStatus target) {
        Set<BeneficiaryStatus> allowed = beneficiary.status.allowedTransitions();
        if (!allowed.contains(target)) {
            throw ProblemException.illegalTransition("the case", beneficiary.status, target, allowed);
        }
    }

    private void move(Beneficiary beneficiary, Transition transition) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        BeneficiaryStatus from = beneficiary.status;
        beneficiary.status = transition.status();
        if (transition.status() == BeneficiaryStatus.ACTIVE) {
            beneficiary.decisionNumber = transition.decisionNumber().strip();
            beneficiary.decisionDate = transition.decisionDate();
        }
        if (transition.status() == BeneficiaryStatus.TERMINATED) {
            beneficiary.terminationReason = transition.reason().strip();
        }
        beneficiary.updatedAt = now;
        StatusChange change = new StatusChange();
        change.id = UUID.randomUUID();
        change.beneficiaryId = beneficiary.id;
        change.fromStatus = from;
        change.toStatus = transition.status();
        change.decisionNumber = beneficiary.status == BeneficiaryStatus.ACTIVE ? beneficiary.decisionNumber : null;
        change.decisionDate = beneficiary.status == BeneficiaryStatus.ACTIVE ? beneficiary.decisionDate : null;
        change.reason = blank(transition.reason()) ? null : transition.reason().strip();
        change.changedBy = caller.name();
        change.changedAt = now;
        change.persist();
        outbox.record(new BeneficiaryStatusChangedV1(beneficiary.id, from.name(), change.toStatus.name(), change.decisionNumber,
                change.decisionDate, change.reason, now));
        String summary = from + " → " + change.toStatus
                + (change.decisionNumber == null ? "" : " (decision " + change.decisionNumber + " of " + change.decisionDate + ")")
                + (change.reason == null ? "" : ": " + change.reason);
        BeneficiaryService.Timeline.add(beneficiary.id, now, "status-changed", summary, "beneficiary", change.id.toString());
    }

    public record NeedInput(AtensiService service, String need) {
    }

    /** Records an assessment; a REGISTERED person becomes ASSESSED. Closed cases take none. */
    @Transactional
    public Assessment assess(UUID id, LocalDate assessedOn, String summary, List<NeedInput> needs) {
        Beneficiary beneficiary = beneficiaries.find(id);
        if (beneficiary.status == BeneficiaryStatus.GRADUATED || beneficiary.status == BeneficiaryStatus.TERMINATED) {
            throw new ProblemException(ProblemCode.CONFLICT, "a " + beneficiary.status + " case takes no assessment", List.of(),
                    Map.of("currentStatus", beneficiary.status.name()));
        }
        Set<AtensiService> seen = new HashSet<>();
        List<Problem.FieldError> problems = new ArrayList<>();
        for (int i = 0; i < needs.size(); i++) {
            if (!seen.add(needs.get(i).service())) {
                problems.add(new Problem.FieldError("needs[" + i + "].service", needs.get(i).service() + " is listed twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", problems, Map.of());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Assessment assessment = new Assessment();
        assessment.id = UUID.randomUUID();
        assessment.beneficiaryId = id;
        assessment.assessedOn = assessedOn;
        assessment.assessor = caller.name();
        assessment.summary = summary;
        assessment.recordedAt = now;
        needs.forEach(need -> assessment.needs.add(new Assessment.Need(need.service(), need.need().strip())));
        assessment.persist();
        BeneficiaryService.Timeline.add(id, now, "assessed", "assessed: needs "
                + needs.stream().map(n -> n.service().name()).toList(), "beneficiary", assessment.id.toString());
        if (beneficiary.status == BeneficiaryStatus.REGISTERED) {
            move(beneficiary, new Transition(BeneficiaryStatus.ASSESSED, null, null, null));
        }
        return assessment;
    }

    public List<Assessment> assessments(UUID id) {
        access.requirePersonalDataShared(beneficiaries.find(id), "an assessment");
        return Assessment.list("beneficiaryId", Sort.by("recordedAt").and("id"), id);
    }

    /** What shows a consent or its withdrawal: a signed form's reference, an uploaded document's SHA-256, or both. */
    public record Evidence(String formReference, String documentSha256) {
    }

    /**
     * Records consent given or withdrawn, with its evidence; from the next request on, every read in this service
     * follows it, and the other services once they consumed the event. A partner may record a withdrawal the person
     * tells it of, never a consent: that would let a partner open a person's data to itself. SERVICE_DELIVERY rests on
     * the programme's mandate, not on consent, and cannot be withdrawn: a person leaves the programme by having the
     * case terminated, and may ask for erasure.
     */
    @Transactional
    public Consent recordConsent(UUID id, ConsentPurpose purpose, boolean given, Evidence evidence, String note) {
        Beneficiary person = beneficiaries.find(id);
        if (person.erasedAt != null) {
            throw new ProblemException(ProblemCode.CONFLICT, "this person's personal data was erased: there is nothing left to consent to");
        }
        if (given && access.callerIsPartner()) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "a partner records only a withdrawal; consent is given before"
                    + " the serving unit, which records it");
        }
        if (!given && purpose.restsOnLawfulBasis()) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, purpose + " rests on the programme's mandate, not on"
                    + " consent: terminate the case, or record an erasure request, instead",
                    List.of(new Problem.FieldError("purpose", purpose + " cannot be withdrawn")), Map.of());
        }
        if (blank(evidence.formReference()) && blank(evidence.documentSha256())) {
            throw ProblemException.invalidField("evidence", "name the signed form (formReference) or the uploaded document's"
                    + " SHA-256 (documentSha256), or both");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Consent consent = new Consent();
        consent.id = UUID.randomUUID();
        consent.beneficiaryId = id;
        consent.purpose = purpose;
        consent.given = given;
        consent.recordedBy = caller.name();
        consent.recordedAt = now;
        consent.evidenceReference = blank(evidence.formReference()) ? null : evidence.formReference().strip();
        consent.evidenceSha256 = blank(evidence.documentSha256()) ? null : evidence.documentSha256().strip().toLowerCase(Locale.ROOT);
        consent.note = blank(note) ? null : note.strip();
        consent.persist();
        consentRegister.apply(consent);
        outbox.record(new BeneficiaryConsentChangedV1(id, consent.id, purpose.name(), given, now));
        BeneficiaryService.Timeline.add(id, now, "consent-changed",
                "consent to " + purpose + (given ? " given" : " withdrawn"), "beneficiary", consent.id.toString());
        audit.record(List.of(id), "consent:" + purpose, given ? "consent-given" : "consent-withdrawn");
        return consent;
    }

    public List<Consent> consents(UUID id) {
        beneficiaries.find(id);
        return Consent.list("beneficiaryId", Sort.by("recordedAt").and("id"), id);
    }

    public List<TimelineEntry> timeline(UUID id) {
        access.requirePersonalDataShared(beneficiaries.find(id), "the case timeline");
        return TimelineEntry.list("beneficiaryId", Sort.by("occurredAt").and("seq"), id);
    }

    public record PlanLine(AtensiService service, String description, LocalDate targetDate) {
    }

    /** Replaces the person's intervention plan; only an open case (ASSESSED or ACTIVE) has one. */
    @Transactional
    public List<PlannedService> replacePlan(UUID id, List<PlanLine> lines) {
        Beneficiary beneficiary = beneficiaries.find(id);
        if (beneficiary.status != BeneficiaryStatus.ASSESSED && beneficiary.status != BeneficiaryStatus.ACTIVE) {
            throw new ProblemException(ProblemCode.CONFLICT, "a " + beneficiary.status + " case has no intervention plan; assess it first",
                    List.of(), Map.of("currentStatus", beneficiary.status.name()));
        }
        PlannedService.delete("beneficiaryId", id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (PlanLine line : lines) {
            PlannedService planned = new PlannedService();
            planned.id = UUID.randomUUID();
            planned.beneficiaryId = id;
            planned.service = line.service();
            planned.description = line.description().strip();
            planned.targetDate = line.targetDate();
            planned.plannedBy = caller.name();
            planned.plannedAt = now;
            planned.persist();
        }
        BeneficiaryService.Timeline.add(id, now, "plan-changed", "intervention plan: " + lines.size() + " planned service(s)",
                "beneficiary", null);
        return plan(id);
    }

    public List<PlannedService> plan(UUID id) {
        access.requirePersonalDataShared(beneficiaries.find(id), "the intervention plan");
        return PlannedService.list("beneficiaryId", Sort.by("targetDate").and("service"), id);
    }

    /**
     * Refers or transfers the person to another unit: the unit changes, the move is kept and published as an update.
     * The sending unit's officer may do it; the person then leaves that officer's reach.
     */
    @Transactional
    public UnitTransfer transfer(UUID id, UnitTransfer.Kind kind, UUID toUnitId, String note) {
        Beneficiary beneficiary = beneficiaries.find(id);
        if (beneficiary.status == BeneficiaryStatus.GRADUATED || beneficiary.status == BeneficiaryStatus.TERMINATED) {
            throw new ProblemException(ProblemCode.CONFLICT, "a " + beneficiary.status + " case cannot move to another unit",
                    List.of(), Map.of("currentStatus", beneficiary.status.name()));
        }
        if (toUnitId.equals(beneficiary.serviceUnitId)) {
            throw ProblemException.invalidField("serviceUnitId", "is the person's unit already");
        }
        BeneficiaryAccess.requireKnownUnit(toUnitId, "serviceUnitId");
        OffsetDateTime now = OffsetDateTime.now(clock);
        UnitTransfer transfer = new UnitTransfer();
        transfer.id = UUID.randomUUID();
        transfer.beneficiaryId = id;
        transfer.kind = kind;
        transfer.fromUnitId = beneficiary.serviceUnitId;
        transfer.toUnitId = toUnitId;
        transfer.note = note;
        transfer.madeBy = caller.name();
        transfer.madeAt = now;
        transfer.persist();
        beneficiary.serviceUnitId = toUnitId;
        beneficiary.updatedAt = now;
        outbox.record(BeneficiaryUpdatedV1.of(beneficiary, List.of("serviceUnitId"), now));
        BeneficiaryService.Timeline.add(id, now, kind == UnitTransfer.Kind.REFERRAL ? "referred" : "transferred",
                (kind == UnitTransfer.Kind.REFERRAL ? "referred" : "transferred") + " from unit " + transfer.fromUnitId + " to unit "
                        + toUnitId + (note == null ? "" : ": " + note), "beneficiary", transfer.id.toString());
        return transfer;
    }

    public List<UnitTransfer> transfers(UUID id) {
        access.requirePersonalDataShared(beneficiaries.find(id), "the referral and transfer history");
        return UnitTransfer.list("beneficiaryId", Sort.by("madeAt").and("id"), id);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
