package id.atensi.aid.service;

import id.atensi.aid.domain.AidItem;
import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.DistributionLine;
import id.atensi.aid.domain.DistributionStatus;
import id.atensi.aid.domain.FundingSource;
import id.atensi.aid.domain.Programme;
import id.atensi.aid.domain.ProgrammeStatus;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.events.DistributionApprovedV1;
import id.atensi.aid.events.DistributionCancelledV1;
import id.atensi.aid.events.DistributionDeliveredV1;
import id.atensi.aid.events.DistributionDispatchedV1;
import id.atensi.aid.events.KnownBeneficiary;
import id.atensi.aid.events.KnownCollective;
import id.atensi.aid.events.KnownServiceUnit;
import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Distributions from proposal to delivery. Every change of a programme's committed or delivered amount
 * happens under the programme's row lock ({@link ProgrammeService#lock}), with exact arithmetic.
 */
@ApplicationScoped
public class DistributionService {

    /** Beneficiary statuses that can receive no aid. */
    static final Set<String> INELIGIBLE = Set.of("TERMINATED");

    private final ProgrammeService programmes;
    private final EventOutbox outbox;
    private final EntityManager entityManager;

    DistributionService(ProgrammeService programmes, EventOutbox outbox, EntityManager entityManager) {
        this.programmes = programmes;
        this.outbox = outbox;
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Distribution propose(Commands.ProposeDistribution command, Actor actor) {
        UUID channel = command.channellingPartnerId();
        if (actor.partner().isPresent()) {
            if (channel != null && !channel.equals(actor.partner().get())) {
                throw new ProblemException(ProblemCode.FORBIDDEN, "a partner proposes distributions it channels itself only");
            }
            channel = actor.partner().get();
        }
        if (command.duplicateOverride() != null && !actor.staff()) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "only an officer may override the duplicate-aid guard", List.of(),
                    Map.of("rule", "duplicate-override-officer-only"));
        }
        // The lock also serialises the duplicate check of concurrent proposals in this programme.
        Programme programme = programmes.lock(command.programmeId()).orElseThrow(() -> unprocessable(
                "programme " + command.programmeId() + " does not exist", "unknown-programme"));
        if (programme.status != ProgrammeStatus.OPEN) {
            throw new ProblemException(ProblemCode.CONFLICT, "programme " + programme.id + " is closed", List.of(),
                    Map.of("rule", "programme-closed"));
        }
        FundingSource source = FundingSource.findById(command.fundingSourceId());
        if (source == null || !source.programmeId.equals(programme.id)) {
            throw unprocessable("funding source " + command.fundingSourceId() + " is not one of programme " + programme.id, "unknown-funding-source");
        }
        Recipient recipient = recipient(command.recipientKind(), command.recipientId());
        UUID unit = actor.unitFor(recipient.serviceUnitId());
        requireOpenUnit(unit);
        if (channel != null) {
            ProgrammeService.requireActivePartner(channel, "channelling partner");
        }

        Map<UUID, AidItem> items = new HashMap<>();
        long total = 0;
        for (Commands.Line line : command.lines()) {
            AidItem item = items.computeIfAbsent(line.itemId(), id -> AidItem.findById(id));
            if (item == null) {
                throw unprocessable("item " + line.itemId() + " does not exist", "unknown-item");
            }
            total = Money.add(total, Money.multiply(item.amountIdr, line.quantity(), "a line's value"), "the distribution's total");
        }
        if (items.size() != command.lines().size()) {
            throw ProblemException.invalidField("lines", "name each item once");
        }
        List<Object[]> duplicates = duplicates(programme.id, command.recipientKind(), command.recipientId(), items.keySet());
        if (!duplicates.isEmpty() && command.duplicateOverride() == null) {
            Object[] first = duplicates.get(0);
            throw new ProblemException(ProblemCode.CONFLICT, "item " + first[1] + " was already given to this recipient in this programme (distribution "
                    + first[0] + "); an officer may override with a reason", List.of(),
                    Map.of("rule", "duplicate-aid", "existingId", first[0], "itemId", first[1]));
        }

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Distribution distribution = new Distribution();
        distribution.id = UUID.randomUUID();
        distribution.programmeId = programme.id;
        distribution.fundingSourceId = source.id;
        distribution.recipientKind = command.recipientKind();
        distribution.recipientId = command.recipientId();
        distribution.recipientVerified = true;
        distribution.channellingPartnerId = channel;
        distribution.channellingPartnerVerified = channel != null;
        distribution.serviceUnitId = unit;
        distribution.provinceCode = recipient.provinceCode();
        distribution.regencyCode = recipient.regencyCode();
        distribution.status = DistributionStatus.PROPOSED;
        distribution.totalIdr = total;
        distribution.note = command.note();
        if (!duplicates.isEmpty()) {
            distribution.duplicateOverrideReason = command.duplicateOverride().reason().strip();
            distribution.duplicateOverrideBy = actor.name();
        }
        distribution.proposedBy = actor.name();
        distribution.proposedAt = now;
        distribution.persist();
        int position = 1;
        for (Commands.Line requested : command.lines()) {
            AidItem item = items.get(requested.itemId());
            DistributionLine line = new DistributionLine();
            line.id = UUID.randomUUID();
            line.distributionId = distribution.id;
            line.position = position++;
            line.itemId = item.id;
            line.quantity = requested.quantity();
            line.unitValueIdr = item.amountIdr; // copied: a later price change does not touch this distribution
            line.lineTotalIdr = Money.multiply(item.amountIdr, requested.quantity(), "a line's value");
            line.persist();
        }
        return distribution;
    }

    /** What the read model says of a recipient that may receive aid. */
    private record Recipient(UUID serviceUnitId, String provinceCode, String regencyCode) {
    }

    private Recipient recipient(RecipientKind kind, UUID id) {
        if (kind == RecipientKind.PERSON) {
            KnownBeneficiary known = KnownBeneficiary.findById(id);
            if (known == null) {
                throw unprocessable("beneficiary " + id + " is not known to the aid service", "unknown-recipient");
            }
            if (known.mergedInto != null) {
                throw new ProblemException(ProblemCode.UNPROCESSABLE, "beneficiary " + id + " was merged into " + known.mergedInto
                        + ": give the aid to the survivor", List.of(), Map.of("rule", "merged-recipient", "survivorId", known.mergedInto));
            }
            if (INELIGIBLE.contains(known.status)) {
                throw unprocessable("beneficiary " + id + " is " + known.status + " and can receive no aid", "ineligible-recipient");
            }
            return new Recipient(known.serviceUnitId, known.provinceCode, known.regencyCode);
        }
        String what = kind == RecipientKind.HOUSEHOLD ? "household " : "community group ";
        KnownCollective known = KnownCollective.findById(id);
        if (known == null || known.kind != kind) {
            throw unprocessable(what + id + " is not known to the aid service", "unknown-recipient");
        }
        if (!known.active) {
            throw unprocessable(what + id + " is inactive and can receive no aid", "ineligible-recipient");
        }
        return new Recipient(known.serviceUnitId, known.provinceCode, known.regencyCode);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> duplicates(UUID programmeId, RecipientKind kind, UUID recipientId, Set<UUID> itemIds) {
        return entityManager.createNativeQuery("""
                        SELECT d.id, l.item_id FROM distribution d JOIN distribution_line l ON l.distribution_id = d.id
                        WHERE d.programme_id = :programme AND d.recipient_kind = :kind AND d.recipient_id = :recipient
                          AND d.status NOT IN ('CANCELLED', 'RETURNED') AND l.item_id IN (:items)
                        ORDER BY d.proposed_at""")
                .setParameter("programme", programmeId)
                .setParameter("kind", kind.name())
                .setParameter("recipient", recipientId)
                .setParameter("items", itemIds)
                .getResultList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Distribution approve(UUID id, Actor actor, Long expectedVersion) {
        Locked locked = lock(id, actor, expectedVersion);
        Distribution distribution = locked.distribution();
        expect(distribution, DistributionStatus.APPROVED);
        if (distribution.proposedBy.equals(actor.name())) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "the approver cannot be the proposer of distribution " + id, List.of(),
                    Map.of("rule", "approver-is-proposer"));
        }
        Programme programme = locked.programme();
        if (programme.status != ProgrammeStatus.OPEN) {
            throw new ProblemException(ProblemCode.CONFLICT, "programme " + programme.id + " is closed", List.of(),
                    Map.of("rule", "programme-closed"));
        }
        FundingSource source = FundingSource.findById(distribution.fundingSourceId);
        entityManager.refresh(source);
        // Compared with what remains (never negative), so that no sum is formed beyond the budget: no overflow near the top.
        if (distribution.totalIdr > source.amountIdr - source.committedIdr || distribution.totalIdr > programme.remainingIdr()) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "distribution " + id + " (Rp " + distribution.totalIdr
                    + ") exceeds what remains of its funding source (Rp " + (source.amountIdr - source.committedIdr) + ")", List.of(),
                    Map.of("rule", "budget-exceeded", "amountIdr", distribution.totalIdr,
                            "remainingIdr", source.amountIdr - source.committedIdr));
        }
        long sourceCommitted = Money.add(source.committedIdr, distribution.totalIdr, "the funding source's committed amount");
        long programmeCommitted = Money.add(programme.committedIdr, distribution.totalIdr, "the programme's committed amount");
        source.committedIdr = sourceCommitted;
        programme.committedIdr = programmeCommitted;
        programme.version++;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        distribution.status = DistributionStatus.APPROVED;
        distribution.approvedBy = actor.name();
        distribution.approvedAt = now;
        distribution.version++;
        outbox.record(new DistributionApprovedV1(distribution.id, programme.id, source.id, distribution.channellingPartnerId,
                distribution.recipientKind.name(), distribution.recipientId, distribution.totalIdr, now));
        return distribution;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Distribution dispatch(UUID id, Actor actor, Long expectedVersion) {
        Distribution distribution = lock(id, actor, expectedVersion).distribution();
        expect(distribution, DistributionStatus.DISPATCHED);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        distribution.status = DistributionStatus.DISPATCHED;
        distribution.dispatchedAt = now;
        distribution.version++;
        outbox.record(new DistributionDispatchedV1(distribution.id, distribution.programmeId, distribution.totalIdr, now));
        return distribution;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Distribution deliver(UUID id, Commands.Delivery delivery, Actor actor, Long expectedVersion) {
        Locked locked = lock(id, actor, expectedVersion);
        Distribution distribution = locked.distribution();
        expect(distribution, DistributionStatus.DELIVERED);
        List<DistributionLine> lines = lines(id);
        Map<Integer, Long> reported = new LinkedHashMap<>();
        if (delivery.lines() != null) {
            for (Commands.DeliveredLine line : delivery.lines()) {
                if (reported.put(line.position(), line.deliveredQuantity()) != null) {
                    throw ProblemException.invalidField("lines", "name each position once");
                }
            }
        }
        long delivered = 0;
        boolean partial = false;
        for (DistributionLine line : lines) {
            long quantity = reported.getOrDefault(line.position, line.quantity);
            reported.remove(line.position);
            if (quantity > line.quantity) {
                throw ProblemException.invalidField("lines", "position " + line.position + " delivers more than its " + line.quantity);
            }
            partial |= quantity < line.quantity;
            line.deliveredQuantity = quantity;
            delivered = Money.add(delivered, Money.multiply(line.unitValueIdr, quantity, "a delivered line's value"), "the delivered amount");
        }
        if (!reported.isEmpty()) {
            throw ProblemException.invalidField("lines", "no line at position " + reported.keySet().iterator().next());
        }
        if (delivered == 0) {
            throw unprocessable("nothing was delivered: record a return instead", "nothing-delivered");
        }
        Commands.Proof proof = delivery.proof();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        release(locked.programme(), distribution, distribution.totalIdr - delivered, delivered);
        distribution.status = partial ? DistributionStatus.PARTIALLY_DELIVERED : DistributionStatus.DELIVERED;
        distribution.deliveredIdr = delivered;
        distribution.closedAt = now;
        distribution.proofReceivedBy = proof.receivedBy().strip();
        distribution.proofReceivedAt = proof.receivedAt();
        distribution.proofPlace = proof.place().strip();
        distribution.proofLatitude = proof.latitude();
        distribution.proofLongitude = proof.longitude();
        distribution.proofFileReference = proof.fileReference().strip();
        distribution.proofFileSha256 = proof.fileSha256().toLowerCase();
        distribution.proofRecordedBy = actor.name();
        distribution.version++;
        outbox.record(new DistributionDeliveredV1(distribution.id, distribution.programmeId, distribution.totalIdr, delivered, partial, now));
        return distribution;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Distribution cancel(UUID id, String reason, Actor actor, Long expectedVersion) {
        return close(id, reason, actor, expectedVersion, DistributionStatus.CANCELLED);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Distribution returned(UUID id, String reason, Actor actor, Long expectedVersion) {
        return close(id, reason, actor, expectedVersion, DistributionStatus.RETURNED);
    }

    private Distribution close(UUID id, String reason, Actor actor, Long expectedVersion, DistributionStatus outcome) {
        Locked locked = lock(id, actor, expectedVersion);
        Distribution distribution = locked.distribution();
        expect(distribution, outcome);
        long released = distribution.status.reservesBudget() ? distribution.totalIdr : 0;
        release(locked.programme(), distribution, released, 0);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        distribution.status = outcome;
        distribution.closeReason = reason.strip();
        distribution.closedAt = now;
        distribution.version++;
        outbox.record(new DistributionCancelledV1(distribution.id, distribution.programmeId, outcome.name(), released, now));
        return distribution;
    }

    /** Gives {@code released} back to the budget and moves {@code delivered} from committed to delivered. */
    private void release(Programme programme, Distribution distribution, long released, long delivered) {
        FundingSource source = FundingSource.findById(distribution.fundingSourceId);
        entityManager.refresh(source);
        source.committedIdr -= released;
        source.deliveredIdr = Money.add(source.deliveredIdr, delivered, "the funding source's delivered amount");
        programme.committedIdr -= released;
        programme.deliveredIdr = Money.add(programme.deliveredIdr, delivered, "the programme's delivered amount");
        programme.version++;
    }

    private static void expect(Distribution distribution, DistributionStatus target) {
        if (!distribution.status.next().contains(target)) {
            throw new ProblemException(ProblemCode.CONFLICT, "distribution " + distribution.id + " is " + distribution.status
                    + " and cannot become " + target, List.of(),
                    Map.of("rule", "illegal-transition", "currentStatus", distribution.status.name(), "target", target.name(),
                            "allowed", distribution.status.next().stream().map(Enum::name).toList()));
        }
    }

    private record Locked(Programme programme, Distribution distribution) {
    }

    /**
     * Locks the distribution's programme, then the distribution itself (always in that order: no deadlock), and checks
     * that the caller may change it and, when it sent If-Match, that it read the current version (412 otherwise).
     */
    private Locked lock(UUID id, Actor actor, Long expectedVersion) {
        List<?> programmeIds = entityManager.createNativeQuery("SELECT programme_id FROM distribution WHERE id = :id")
                .setParameter("id", id).getResultList();
        if (programmeIds.isEmpty()) {
            throw ProblemException.notFound("distribution", id);
        }
        Programme programme = programmes.lock((UUID) programmeIds.get(0)).orElseThrow();
        entityManager.createNativeQuery("SELECT id FROM distribution WHERE id = :id FOR UPDATE").setParameter("id", id).getResultList();
        Distribution distribution = Distribution.findById(id);
        entityManager.refresh(distribution);
        actor.changes(distribution, id);
        if (expectedVersion != null && expectedVersion != distribution.version) {
            throw new ProblemException(ProblemCode.PRECONDITION_FAILED, "distribution " + id
                    + " was changed since you read it; read it again and decide again", List.of(), Map.of("currentVersion", distribution.version));
        }
        return new Locked(programme, distribution);
    }

    public List<DistributionLine> lines(UUID distributionId) {
        return DistributionLine.list("distributionId = ?1 order by position", distributionId);
    }

    /**
     * A unit the partner service closed takes no new distributions; its existing ones go on. A unit this service has
     * not heard of is let through: the aid service never required units to be announced, and events may lag.
     */
    private static void requireOpenUnit(UUID unitId) {
        KnownServiceUnit known = unitId == null ? null : KnownServiceUnit.findById(unitId);
        if (known != null && !known.active()) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "service unit " + unitId + " (" + known.name + ") is " + known.status
                    + " and takes no new distributions",
                    List.of(new Problem.FieldError("recipientId", "belongs to service unit " + unitId + " (" + known.name + "), which is "
                            + known.status)),
                    Map.of("rule", "inactive-service-unit", "serviceUnitId", unitId));
        }
    }

    private static ProblemException unprocessable(String detail, String rule) {
        return new ProblemException(ProblemCode.UNPROCESSABLE, detail, List.of(), Map.of("rule", rule));
    }
}
