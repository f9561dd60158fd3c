package id.atensi.aid.service;

import id.atensi.aid.domain.AidItem;
import id.atensi.aid.domain.BudgetExceededException;
import id.atensi.aid.domain.BudgetShortfall;
import id.atensi.aid.domain.DeliveredQuantity;
import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.DistributionLine;
import id.atensi.aid.domain.DistributionShare;
import id.atensi.aid.domain.DistributionStatus;
import id.atensi.aid.domain.FourEyesException;
import id.atensi.aid.domain.FundingMode;
import id.atensi.aid.domain.FundingSource;
import id.atensi.aid.domain.FundingSplitException;
import id.atensi.aid.domain.IllegalTransitionException;
import id.atensi.aid.domain.InvalidDeliveryException;
import id.atensi.aid.domain.Programme;
import id.atensi.aid.domain.ProgrammeNotOpenException;
import id.atensi.aid.domain.ProgrammeStatus;
import id.atensi.aid.domain.Proof;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.domain.Settlement;
import id.atensi.aid.domain.Share;
import id.atensi.aid.events.DistributionApprovedV1;
import id.atensi.aid.events.DistributionApprovedV2;
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
import id.atensi.commons.rest.Versions;
import id.atensi.commons.time.ServiceClocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Distributions from proposal to delivery. Every change of a programme's or its funding sources' committed or delivered
 * amounts happens under the programme's row lock ({@link ProgrammeService#lock}), by the money rules of
 * {@link Programme} (reserve, deliver, release across the distribution's shares), with exact arithmetic.
 */
@ApplicationScoped
public class DistributionService {

    /** Beneficiary statuses that can receive no aid. */
    static final Set<String> INELIGIBLE = Set.of("TERMINATED");

    private final ProgrammeService programmes;
    private final AidAccess access;
    private final ProofFileService proofFiles;
    private final EventOutbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;

    DistributionService(ProgrammeService programmes, AidAccess access, ProofFileService proofFiles, EventOutbox outbox,
                        EntityManager entityManager, Clock clock) {
        this.programmes = programmes;
        this.access = access;
        this.proofFiles = proofFiles;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * A proposal: who pays (one source, named shares, or neither: the pool), the recipient, the items, and the reason to
     * give an item to the same recipient in the same programme again, if that is meant.
     */
    public record Proposal(UUID programmeId, UUID fundingSourceId, List<Share> fundingShares, RecipientKind recipientKind,
                           UUID recipientId, UUID channellingPartnerId, List<Line> lines, String note, String duplicateOverrideReason) {
    }

    public record Line(UUID itemId, long quantity) {
    }

    /**
     * What arrived, with proof: the quantities by line position, or none when everything arrived. With proofFileId the
     * proof's file reference and checksum are those of that uploaded file.
     */
    public record Delivery(Proof proof, UUID proofFileId, List<DeliveredQuantity> lines) {
    }

    @Transactional
    public Distribution propose(Proposal command) {
        UUID channel = channelOf(command);
        // The lock also serialises the duplicate check of concurrent proposals in this programme.
        Programme programme = openProgramme(command.programmeId());
        Checked checked = check(programme, programmes.fundingSources(programme.id), command, channel,
                (kind, recipientId, itemIds) -> duplicates(programme.id, kind, recipientId, itemIds).stream().findFirst()
                        .map(row -> Existing.stored((UUID) row[0], (UUID) row[1])));
        return store(checked);
    }

    /** A distribution of the programme already counting against the recipient and item: the duplicate guard's finding. */
    record Existing(UUID distributionId, Integer batchIndex, UUID itemId) {

        static Existing stored(UUID distributionId, UUID itemId) {
            return new Existing(distributionId, null, itemId);
        }

        /** One that only the same batch proposes: it has no id anyone could read, as a refused batch stores nothing. */
        static Existing inBatch(int index, UUID itemId) {
            return new Existing(null, index, itemId);
        }

        String describe() {
            return distributionId != null ? "distribution " + distributionId : "distribution [" + batchIndex + "] of this batch";
        }

        Map<String, Object> members() {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("rule", "duplicate-aid");
            if (distributionId != null) {
                members.put("existingId", distributionId);
            } else {
                members.put("batchIndex", batchIndex);
            }
            members.put("itemId", itemId);
            return members;
        }
    }

    /** Where a proposal's duplicate guard looks for the same item given to the same recipient in the programme. */
    @FunctionalInterface
    interface Duplicates {
        Optional<Existing> first(RecipientKind kind, UUID recipientId, Set<UUID> itemIds);
    }

    /** A proposal checked against its programme, the read models and the caller's reach: what {@link #store} writes. */
    record Checked(Proposal command, Programme programme, UUID channel, UUID unit, Recipient recipient, Map<UUID, AidItem> items,
                   long total, List<Share> shares, boolean duplicate) {
    }

    /** The checks that need no programme: who channels (403 for another partner), who may override, how it is paid. */
    UUID channelOf(Proposal command) {
        UUID channel = access.channelFor(command.channellingPartnerId());
        if (command.duplicateOverrideReason() != null) {
            access.requireMayOverrideDuplicateGuard();
        }
        if (command.fundingSourceId() != null && command.fundingShares() != null) {
            throw ProblemException.invalidField("fundingShares", "give fundingSourceId or fundingShares, not both");
        }
        return channel;
    }

    /** The programme, locked until the transaction ends, and open to proposals (422 unknown, 409 closed or ended). */
    Programme openProgramme(UUID programmeId) {
        Programme programme = programmes.lock(programmeId).orElseThrow(() -> unprocessable(
                "programme " + programmeId + " does not exist", "unknown-programme"));
        try {
            programme.requireTakesDistributions(today());
        } catch (ProgrammeNotOpenException e) {
            throw programmeNotOpen(programme, e, null, Set.of());
        }
        return programme;
    }

    Checked check(Programme programme, List<FundingSource> sources, Proposal command, UUID channel, Duplicates duplicates) {
        Recipient recipient = recipient(command.recipientKind(), command.recipientId());
        UUID unit = access.unitFor(recipient.serviceUnitId());
        requireOpenUnit(unit);
        if (channel != null) {
            ProgrammeService.requireActivePartner(channel, "channelling partner");
        }

        Map<UUID, AidItem> items = new LinkedHashMap<>();
        long total = 0;
        for (Line line : command.lines()) {
            AidItem item = items.computeIfAbsent(line.itemId(), id -> AidItem.findById(id));
            if (item == null) {
                throw unprocessable("item " + line.itemId() + " does not exist", "unknown-item");
            }
            total = Money.add(total, Money.multiply(item.amountIdr, line.quantity(), "a line's value"), "the distribution's total");
        }
        if (items.size() != command.lines().size()) {
            throw ProblemException.invalidField("lines", "name each item once");
        }
        List<Share> shares = explicitShares(programme, sources, command, total);
        Optional<Existing> duplicate = duplicates.first(command.recipientKind(), command.recipientId(), items.keySet());
        if (duplicate.isPresent() && command.duplicateOverrideReason() == null) {
            throw new ProblemException(ProblemCode.CONFLICT, "item " + duplicate.get().itemId() + " was already given to this recipient in this programme ("
                    + duplicate.get().describe() + "); an officer may override with a reason", List.of(), duplicate.get().members());
        }
        return new Checked(command, programme, channel, unit, recipient, items, total, shares, duplicate.isPresent());
    }

    Distribution store(Checked checked) {
        Proposal command = checked.command();
        OffsetDateTime now = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        Distribution distribution = new Distribution();
        distribution.id = UUID.randomUUID();
        distribution.programmeId = checked.programme().id;
        distribution.fundingMode = checked.shares() == null ? FundingMode.POOL : FundingMode.EXPLICIT;
        distribution.recipientKind = command.recipientKind();
        distribution.recipientId = command.recipientId();
        distribution.recipientVerified = true;
        distribution.channellingPartnerId = checked.channel();
        distribution.channellingPartnerVerified = checked.channel() != null;
        distribution.serviceUnitId = checked.unit();
        distribution.provinceCode = checked.recipient().provinceCode();
        distribution.regencyCode = checked.recipient().regencyCode();
        distribution.status = DistributionStatus.PROPOSED;
        distribution.totalIdr = checked.total();
        distribution.note = command.note();
        if (checked.duplicate()) {
            distribution.duplicateOverrideReason = command.duplicateOverrideReason().strip();
            distribution.duplicateOverrideBy = access.name();
        }
        distribution.proposedBy = access.name();
        distribution.proposedAt = now;
        distribution.persist();
        int position = 1;
        for (Line requested : command.lines()) {
            AidItem item = checked.items().get(requested.itemId());
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
        if (checked.shares() != null) {
            persistShares(distribution.id, checked.shares());
        }
        return distribution;
    }

    /** The shares a proposal names (one source for the whole total, or a split), checked; null for the pool. */
    private static List<Share> explicitShares(Programme programme, List<FundingSource> sources, Proposal command, long total) {
        List<Share> requested;
        if (command.fundingSourceId() != null) {
            requested = List.of(new Share(command.fundingSourceId(), total));
        } else if (command.fundingShares() != null) {
            requested = command.fundingShares();
        } else {
            return null;
        }
        try {
            return programme.split(sources, total, requested);
        } catch (FundingSplitException e) {
            String field = command.fundingSourceId() != null ? "fundingSourceId" : "fundingShares[" + e.index() + "].fundingSourceId";
            throw switch (e.reason()) {
                case UNKNOWN_SOURCE -> new ProblemException(ProblemCode.UNPROCESSABLE, e.getMessage(),
                        List.of(new Problem.FieldError(field, "is not a funding source of programme " + programme.id)),
                        Map.of("rule", "unknown-funding-source"));
                case REPEATED_SOURCE -> ProblemException.invalidField(field, "name each funding source once");
                case SUM_MISMATCH -> new ProblemException(ProblemCode.UNPROCESSABLE, e.getMessage(),
                        List.of(new Problem.FieldError("fundingShares", "must add up to the distribution's total of " + total)),
                        Map.of("rule", "funding-split-mismatch", "totalIdr", total));
            };
        }
    }

    private static void persistShares(UUID distributionId, List<Share> shares) {
        for (int position = 0; position < shares.size(); position++) {
            DistributionShare row = new DistributionShare();
            row.id = UUID.randomUUID();
            row.distributionId = distributionId;
            row.position = position;
            row.fundingSourceId = shares.get(position).fundingSourceId();
            row.amountIdr = shares.get(position).amountIdr();
            row.persist();
        }
    }

    /** What the read model says of a recipient that may receive aid. */
    record Recipient(UUID serviceUnitId, String provinceCode, String regencyCode) {
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
                          AND d.status IN (:counted) AND l.item_id IN (:items)
                        ORDER BY d.proposed_at""")
                .setParameter("programme", programmeId)
                .setParameter("kind", kind.name())
                .setParameter("recipient", recipientId)
                .setParameter("counted", DistributionStatus.where(DistributionStatus::counts).stream().map(Enum::name).toList())
                .setParameter("items", itemIds)
                .getResultList();
    }

    @Transactional
    public Distribution approve(UUID id, Long expectedVersion) {
        Locked locked = lock(id, expectedVersion);
        Distribution distribution = locked.distribution();
        Programme programme = locked.programme();
        List<FundingSource> sources = programmes.lockedFundingSources(programme.id);
        List<DistributionShare> rows = shares(id);
        LocalDate today = today();
        Set<DistributionStatus> allowed = distribution.allowedTransitions(programme, sources, sharesOf(rows), today);
        OffsetDateTime now = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        List<Share> reserved;
        try {
            reserved = distribution.approve(programme, sources, sharesOf(rows), access.name(), today, now);
        } catch (IllegalTransitionException e) {
            throw illegalTransition(distribution, e, allowed);
        } catch (FourEyesException e) {
            throw new ProblemException(ProblemCode.FORBIDDEN, e.getMessage(), List.of(), Map.of("rule", "approver-is-proposer"));
        } catch (ProgrammeNotOpenException e) {
            throw programmeNotOpen(programme, e, distribution, allowed);
        } catch (BudgetExceededException e) {
            throw budgetExceeded(distribution, programme, e.shortfall());
        }
        if (distribution.fundingMode == FundingMode.POOL) {
            persistShares(distribution.id, reserved);
        }
        outbox.record(new DistributionApprovedV1(distribution.id, programme.id, reserved.size() == 1 ? reserved.get(0).fundingSourceId() : null,
                distribution.channellingPartnerId, distribution.recipientKind.name(), distribution.recipientId, distribution.totalIdr, now));
        outbox.record(new DistributionApprovedV2(distribution.id, programme.id, distribution.fundingMode.name(),
                reserved.stream().map(share -> new DistributionApprovedV2.FundingShare(share.fundingSourceId(), share.amountIdr())).toList(),
                distribution.channellingPartnerId, distribution.recipientKind.name(), distribution.recipientId, distribution.totalIdr, now));
        return distribution;
    }

    private static ProblemException budgetExceeded(Distribution distribution, Programme programme, BudgetShortfall shortfall) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("rule", "budget-exceeded");
        members.put("amountIdr", shortfall.amountIdr());
        members.put("remainingIdr", shortfall.remainingIdr());
        members.put("shortfallIdr", shortfall.shortfallIdr());
        String detail;
        if (shortfall.sources().isEmpty()) {
            detail = "distribution " + distribution.id + " (Rp " + shortfall.amountIdr() + ") exceeds what remains of programme " + programme.id
                    + "'s funding sources together (Rp " + shortfall.remainingIdr() + ") by Rp " + shortfall.shortfallIdr();
        } else {
            members.put("fundingSources", shortfall.sources().stream().map(source -> Map.of("fundingSourceId", source.fundingSourceId(),
                    "amountIdr", source.amountIdr(), "remainingIdr", source.remainingIdr(), "shortfallIdr", source.shortfallIdr())).toList());
            detail = "distribution " + distribution.id + " (Rp " + shortfall.amountIdr() + ") exceeds what remains of its funding source"
                    + (shortfall.sources().size() == 1 ? " " : "s ") + shortfall.sources().stream()
                    .map(source -> source.fundingSourceId() + " (Rp " + source.remainingIdr() + " left for a share of Rp " + source.amountIdr() + ")")
                    .collect(Collectors.joining(", ")) + " by Rp " + shortfall.shortfallIdr();
        }
        return new ProblemException(ProblemCode.UNPROCESSABLE, detail, List.of(), members);
    }

    @Transactional
    public Distribution dispatch(UUID id, Long expectedVersion) {
        Locked locked = lock(id, expectedVersion);
        Distribution distribution = locked.distribution();
        OffsetDateTime now = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        try {
            distribution.dispatch(now);
        } catch (IllegalTransitionException e) {
            throw illegalTransition(distribution, e, allowedTransitions(distribution, locked.programme()));
        }
        outbox.record(new DistributionDispatchedV1(distribution.id, distribution.programmeId, distribution.totalIdr, now));
        return distribution;
    }

    @Transactional
    public Distribution deliver(UUID id, Delivery delivery, Long expectedVersion) {
        Locked locked = lock(id, expectedVersion);
        Distribution distribution = locked.distribution();
        Programme programme = locked.programme();
        OffsetDateTime now = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        Proof proof = delivery.proofFileId() == null ? delivery.proof() : proofFiles.withFile(id, delivery.proofFileId(), delivery.proof());
        List<Settlement> settled;
        try {
            settled = distribution.deliver(programme, programmes.lockedFundingSources(programme.id), lines(id), shares(id), delivery.lines(),
                    proof, access.name(), now);
        } catch (IllegalTransitionException e) {
            throw illegalTransition(distribution, e, allowedTransitions(distribution, programme));
        } catch (InvalidDeliveryException e) {
            throw e.reason() == InvalidDeliveryException.Reason.NOTHING_DELIVERED
                    ? unprocessable(e.getMessage(), "nothing-delivered")
                    : ProblemException.invalidField("lines", e.getMessage());
        }
        outbox.record(new DistributionDeliveredV1(distribution.id, distribution.programmeId, distribution.totalIdr, distribution.deliveredIdr,
                distribution.status == DistributionStatus.PARTIALLY_DELIVERED,
                settled.stream().map(share -> new DistributionDeliveredV1.FundingShare(share.fundingSourceId(), share.amountIdr(),
                        share.deliveredIdr(), share.releasedIdr())).toList(), now));
        return distribution;
    }

    @Transactional
    public Distribution cancel(UUID id, String reason, Long expectedVersion) {
        return close(id, reason, expectedVersion, DistributionStatus.CANCELLED);
    }

    @Transactional
    public Distribution returned(UUID id, String reason, Long expectedVersion) {
        return close(id, reason, expectedVersion, DistributionStatus.RETURNED);
    }

    private Distribution close(UUID id, String reason, Long expectedVersion, DistributionStatus outcome) {
        Locked locked = lock(id, expectedVersion);
        Distribution distribution = locked.distribution();
        Programme programme = locked.programme();
        OffsetDateTime now = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        List<Settlement> settled;
        try {
            // the sources and shares are read only when something was reserved, and so goes back
            settled = distribution.status.reservesBudget()
                    ? distribution.close(outcome, programme, programmes.lockedFundingSources(programme.id), sharesOf(shares(id)), reason.strip(), now)
                    : distribution.close(outcome, programme, List.of(), List.of(), reason.strip(), now);
        } catch (IllegalTransitionException e) {
            throw illegalTransition(distribution, e, allowedTransitions(distribution, programme));
        }
        long released = settled.stream().mapToLong(Settlement::releasedIdr).sum(); // the shares' sum: the distribution's total
        outbox.record(new DistributionCancelledV1(distribution.id, distribution.programmeId, outcome.name(), released,
                settled.stream().map(share -> new DistributionCancelledV1.FundingShare(share.fundingSourceId(), share.releasedIdr())).toList(),
                now));
        return distribution;
    }

    /** A move the lifecycle refuses (409); {@code allowed}, what the distribution can do now, is what a read of it lists. */
    private static ProblemException illegalTransition(Distribution distribution, IllegalTransitionException refused,
                                                      Set<DistributionStatus> allowed) {
        return ProblemException.illegalTransition("distribution " + distribution.id, refused.current(), refused.requested(), allowed);
    }

    /**
     * A closed programme, or one whose period is over, takes no new proposals or approvals: 409 with rule
     * programme-closed or programme-ended (and periodEnd). A refused approval is also a refused transition of the
     * distribution, and says so as every other one does; a refused proposal names the programme's status.
     *
     * @param approving the distribution to approve, with what it can do now; null for a proposal
     */
    private static ProblemException programmeNotOpen(Programme programme, ProgrammeNotOpenException refused, Distribution approving,
                                                     Set<DistributionStatus> allowed) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("rule", refused.status() == ProgrammeStatus.CLOSED ? "programme-closed" : "programme-ended");
        if (refused.status() == ProgrammeStatus.ENDED) {
            members.put("periodEnd", refused.periodEnd().toString());
        }
        String why = "programme " + programme.id + ": " + refused.getMessage();
        if (approving == null) {
            members.put("programmeStatus", refused.status().name());
            return new ProblemException(ProblemCode.CONFLICT, why, List.of(), members);
        }
        ProblemException transition = ProblemException.illegalTransition("distribution " + approving.id, approving.status,
                DistributionStatus.APPROVED, allowed);
        members.putAll(transition.properties());
        return new ProblemException(ProblemCode.CONFLICT, transition.getMessage() + ": " + why, List.of(), members);
    }

    /** What a distribution can move to now, reading its programme's sources and its shares only when that depends on them. */
    private Set<DistributionStatus> allowedTransitions(Distribution distribution, Programme programme) {
        if (!distribution.status.next().contains(DistributionStatus.APPROVED)) {
            return distribution.status.next();
        }
        return distribution.allowedTransitions(programme, programmes.fundingSources(programme.id), sharesOf(shares(distribution.id)), today());
    }

    private record Locked(Programme programme, Distribution distribution) {
    }

    /**
     * Locks the distribution's programme, then the distribution itself (always in that order: no deadlock), and checks
     * that the caller may change it and, when it sent If-Match, that it read the current version (412 otherwise).
     */
    private Locked lock(UUID id, Long expectedVersion) {
        List<?> programmeIds = entityManager.createNativeQuery("SELECT programme_id FROM distribution WHERE id = :id")
                .setParameter("id", id).getResultList();
        if (programmeIds.isEmpty()) {
            throw ProblemException.notFound("distribution", id);
        }
        Programme programme = programmes.lock((UUID) programmeIds.get(0)).orElseThrow();
        entityManager.createNativeQuery("SELECT id FROM distribution WHERE id = :id FOR UPDATE").setParameter("id", id).getResultList();
        Distribution distribution = Distribution.findById(id);
        entityManager.refresh(distribution);
        access.changes(distribution, id);
        // The row lock keeps every other change out until this one commits: checking the version read is enough.
        Versions.require("distribution", distribution.version, expectedVersion);
        return new Locked(programme, distribution);
    }

    public List<DistributionLine> lines(UUID distributionId) {
        return DistributionLine.list("distributionId = ?1 order by position", distributionId);
    }

    public List<DistributionShare> shares(UUID distributionId) {
        return DistributionShare.list("distributionId = ?1 order by position", distributionId);
    }

    private static List<Share> sharesOf(List<DistributionShare> rows) {
        return rows.stream().map(DistributionShare::share).toList();
    }

    private LocalDate today() {
        return Clocks.today(clock);
    }

    /**
     * A new distribution's unit must be one the partner service announced (else 422: the platform does not know it
     * yet; its events arrive within a second, so a client that has just created the unit retries) and open: a unit the
     * partner service closed takes no new distributions, while its existing ones go on. Letting an unknown unit through
     * would let a mistyped id become data (docs/how-a-service-is-built.md, "Events and read models").
     */
    private static void requireOpenUnit(UUID unitId) {
        if (unitId == null) {
            return;
        }
        KnownServiceUnit known = KnownServiceUnit.findById(unitId);
        if (known == null) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "service unit " + unitId + " is not known to the aid service (yet): "
                    + "the partner service announces every unit, so retry in a moment if it was just registered",
                    List.of(new Problem.FieldError("recipientId", "belongs to service unit " + unitId + ", which the aid service does not know")),
                    Map.of("rule", "unknown-service-unit", "serviceUnitId", unitId));
        }
        if (!known.active()) {
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
