package id.atensi.aid.service;

import id.atensi.aid.domain.FundingSource;
import id.atensi.aid.domain.IllegalTransitionException;
import id.atensi.aid.domain.Programme;
import id.atensi.aid.domain.ProgrammeKind;
import id.atensi.aid.domain.ProgrammeStatus;
import id.atensi.aid.events.KnownPartner;
import id.atensi.aid.events.ProgrammeClosedV1;
import id.atensi.aid.events.ProgrammeOpenedV1;
import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.commons.time.ServiceClocks;
import id.atensi.vocabulary.FundingSourceKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opens and closes programmes; their budget is the exact sum of their funding sources. */
@ApplicationScoped
public class ProgrammeService {

    private final AidAccess access;
    private final EventOutbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;

    ProgrammeService(AidAccess access, EventOutbox outbox, EntityManager entityManager, Clock clock) {
        this.access = access;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A programme to open: its funding sources in the order the pool will draw on them. */
    public record Opening(String name, ProgrammeKind kind, LocalDate periodStart, LocalDate periodEnd, List<Funding> fundingSources) {
    }

    /** One funding source: CSR names its partner; OTHER names the funder and may name a non-state funder's partner. */
    public record Funding(FundingSourceKind kind, UUID partnerId, String funderName, long amountIdr) {
    }

    @Transactional
    public Programme open(Opening command) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (command.periodEnd().isBefore(command.periodStart())) {
            errors.add(new Problem.FieldError("periodEnd", "must not be before periodStart"));
        }
        for (int i = 0; i < command.fundingSources().size(); i++) {
            Funding share = command.fundingSources().get(i);
            if (share.kind() == FundingSourceKind.CSR && share.partnerId() == null) {
                errors.add(new Problem.FieldError("fundingSources[" + i + "].partnerId", "a CSR share names its partner"));
            }
            if (share.kind() == FundingSourceKind.OTHER && (share.funderName() == null || share.funderName().isBlank())) {
                errors.add(new Problem.FieldError("fundingSources[" + i + "].funderName", "another body's share names the funder"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", errors, Map.of());
        }
        long budget = 0;
        for (Funding share : command.fundingSources()) {
            budget = Money.add(budget, share.amountIdr(), "the programme's budget");
            if (share.partnerId() != null) {
                requireActivePartner(share.partnerId(), "funder");
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        Programme programme = new Programme();
        programme.id = UUID.randomUUID();
        programme.name = command.name().strip();
        programme.kind = command.kind();
        programme.periodStart = command.periodStart();
        programme.periodEnd = command.periodEnd();
        programme.status = ProgrammeStatus.OPEN;
        programme.budgetIdr = budget;
        programme.createdBy = access.name();
        programme.createdAt = now;
        programme.persist();
        int position = 0;
        for (Funding share : command.fundingSources()) {
            FundingSource source = new FundingSource();
            source.id = UUID.randomUUID();
            source.programmeId = programme.id;
            source.kind = share.kind();
            source.partnerId = share.partnerId();
            source.funderName = share.funderName();
            source.amountIdr = share.amountIdr();
            source.position = position++;
            source.persist();
        }
        outbox.record(new ProgrammeOpenedV1(programme.id, programme.kind.name(), programme.periodStart, programme.periodEnd,
                programme.budgetIdr, now));
        return programme;
    }

    /**
     * @param expectedVersion the version from If-Match, or null when none was sent: every approval and delivery
     *                        changes a programme's version, so an admin closing it need not have read the latest
     */
    @Transactional
    public Programme close(UUID id, Long expectedVersion) {
        Programme programme = lock(id).orElseThrow(() -> ProblemException.notFound("programme", id));
        Versions.require("programme", programme.version, expectedVersion);
        LocalDate today = Clocks.today(clock);
        try {
            programme.close(today, OffsetDateTime.now(ServiceClocks.SYSTEM_UTC));
        } catch (IllegalTransitionException e) {
            throw ProblemException.illegalTransition("programme " + id, e.current(), e.requested(), programme.allowedTransitionsOn(today));
        }
        outbox.record(new ProgrammeClosedV1(programme.id, programme.budgetIdr, programme.committedIdr, programme.deliveredIdr,
                programme.closedAt));
        return programme;
    }

    /**
     * Locks the programme row for the rest of the transaction (plain {@code SELECT ... FOR UPDATE}) and reads it
     * fresh: every change of its or its funding sources' committed or delivered amounts goes through this lock, so
     * concurrent approvals are serialised per programme and never overspend any of its sources.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Optional<Programme> lock(UUID id) {
        List<?> locked = entityManager.createNativeQuery("SELECT id FROM programme WHERE id = :id FOR UPDATE")
                .setParameter("id", id).getResultList();
        if (locked.isEmpty()) {
            return java.util.Optional.empty();
        }
        Programme programme = Programme.findById(id);
        entityManager.refresh(programme);
        return java.util.Optional.of(programme);
    }

    /** A funder or channelling partner must be known from partner events and active: 422 otherwise. */
    static void requireActivePartner(UUID partnerId, String role) {
        KnownPartner known = KnownPartner.findById(partnerId);
        if (known == null) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, role + " " + partnerId + " is not a partner known to the aid service",
                    List.of(), Map.of("rule", "unknown-partner", "partnerId", partnerId));
        }
        if (!"ACTIVE".equals(known.status)) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, role + " " + partnerId + " is " + known.status, List.of(),
                    Map.of("rule", "inactive-partner", "partnerId", partnerId));
        }
    }

    /** A programme's funding sources in their order: the order the pool draws on them. */
    public List<FundingSource> fundingSources(UUID programmeId) {
        return FundingSource.list("programmeId = ?1 order by position", programmeId);
    }

    /** The funding sources read fresh, for a change under the programme's lock ({@link #lock}), which guards them too. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<FundingSource> lockedFundingSources(UUID programmeId) {
        List<FundingSource> sources = fundingSources(programmeId);
        sources.forEach(entityManager::refresh);
        return sources;
    }
}
