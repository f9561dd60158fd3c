package id.atensi.partner.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.partner.domain.Agreement;
import id.atensi.partner.domain.AgreementAddendum;
import id.atensi.partner.domain.AgreementKind;
import id.atensi.partner.domain.AgreementStatus;
import id.atensi.partner.domain.AtensiService;
import id.atensi.partner.domain.Cluster;
import id.atensi.partner.domain.Commitment;
import id.atensi.partner.domain.CommitmentKind;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.Party;
import id.atensi.partner.domain.PartyRole;
import id.atensi.partner.domain.RegionCodes;
import id.atensi.partner.domain.ServiceUnit;
import id.atensi.partner.domain.Signatory;
import id.atensi.partner.events.AgreementActivatedV1;
import id.atensi.partner.events.AgreementAmendedV1;
import id.atensi.partner.events.AgreementExpiredV1;
import id.atensi.partner.events.AgreementSignedV1;
import id.atensi.partner.events.AgreementTerminatedV1;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Agreements between partners and units: drafting, the lifecycle, addenda, expiry and the figures built on them. */
@ApplicationScoped
public class AgreementService {

    private final EventOutbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;

    AgreementService(EventOutbox outbox, EntityManager entityManager, Clock clock) {
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public record Draft(String number, String title, AgreementKind kind, LocalDate startsOn, LocalDate endsOn,
                        List<Party> parties, Scope scope, List<Commitment> commitments) {
    }

    public record Scope(Set<AtensiService> services, Set<Cluster> clusters, Set<String> regionCodes, Set<UUID> serviceUnitIds) {
    }

    public record Addendum(String number, String title, LocalDate signedOn, String summary, LocalDate endsOn,
                           List<Commitment> commitments) {
    }

    public record AgreementFilter(AgreementStatus status, AgreementKind kind, UUID partyId, String text) {
    }

    /** One line of the commitments report: a partner, its agreements in force and the rupiah it committed in them. */
    public record PartnerCommitments(UUID partnerId, String legalName, long activeAgreements, long committedIdr) {
    }

    @Transactional
    public Agreement draft(Draft draft) {
        FieldErrors errors = new FieldErrors();
        if (draft.endsOn().isBefore(draft.startsOn())) {
            errors.add("endsOn", "must not be before startsOn (" + draft.startsOn() + ")");
        }
        checkParties(draft.parties(), errors);
        Scope scope = draft.scope() == null ? new Scope(Set.of(), Set.of(), Set.of(), Set.of()) : draft.scope();
        for (String region : nullToEmpty(scope.regionCodes())) {
            if (!RegionCodes.exists(region)) {
                errors.add("scope.regionCodes", region + " is not a province or regency code");
            }
        }
        Set<UUID> partnerParties = new HashSet<>();
        draft.parties().stream().filter(party -> party.partnerId != null).forEach(party -> partnerParties.add(party.partnerId));
        checkCommitments(draft.commitments(), "commitments", partnerParties, errors);
        errors.throwIfAny();

        Agreement.findByNumber(draft.number()).ifPresent(existing -> {
            throw new ProblemException(ProblemCode.CONFLICT, "an agreement with this number exists already", List.of(),
                    Map.of("existingId", existing.id));
        });
        requireExisting(draft.parties(), nullToEmpty(scope.serviceUnitIds()));

        Agreement agreement = new Agreement();
        agreement.id = UUID.randomUUID();
        agreement.number = draft.number().strip();
        agreement.title = draft.title().strip();
        agreement.kind = draft.kind();
        agreement.status = AgreementStatus.DRAFT;
        agreement.startsOn = draft.startsOn();
        agreement.endsOn = draft.endsOn();
        agreement.parties.addAll(draft.parties());
        agreement.services.addAll(nullToEmpty(scope.services()));
        agreement.clusters.addAll(nullToEmpty(scope.clusters()));
        agreement.regionCodes.addAll(nullToEmpty(scope.regionCodes()));
        agreement.serviceUnitIds.addAll(nullToEmpty(scope.serviceUnitIds()));
        agreement.commitments.addAll(draft.commitments() == null ? List.of() : draft.commitments());
        agreement.createdAt = OffsetDateTime.now(clock);
        agreement.updatedAt = agreement.createdAt;
        agreement.persist();
        return agreement;
    }

    @Transactional
    public Agreement sign(UUID id, LocalDate signedOn, List<Signatory> signatories) {
        Agreement agreement = get(id);
        move(agreement, AgreementStatus.SIGNED);
        FieldErrors errors = new FieldErrors();
        if (signedOn.isAfter(LocalDate.now(clock))) {
            errors.add("signedOn", "cannot be in the future");
        }
        for (int i = 0; i < signatories.size(); i++) {
            if (!agreement.hasParty(signatories.get(i).partyId)) {
                errors.add("signatories[" + i + "].partyId", "is not a party to this agreement");
            }
        }
        errors.throwIfAny();
        agreement.signedOn = signedOn;
        agreement.signatories.addAll(signatories);
        changed(agreement);
        outbox.record(AgreementSignedV1.of(agreement));
        return agreement;
    }

    @Transactional
    public Agreement activate(UUID id) {
        Agreement agreement = get(id);
        move(agreement, AgreementStatus.ACTIVE);
        if (agreement.endsOn.isBefore(LocalDate.now(clock))) {
            throw new ProblemException(ProblemCode.CONFLICT, "the agreement ended on " + agreement.endsOn + "; it can only expire");
        }
        changed(agreement);
        outbox.record(AgreementActivatedV1.of(agreement));
        return agreement;
    }

    @Transactional
    public Agreement terminate(UUID id, String reason) {
        Agreement agreement = get(id);
        move(agreement, AgreementStatus.TERMINATED);
        agreement.terminationReason = reason.strip();
        changed(agreement);
        outbox.record(new AgreementTerminatedV1(agreement.id, agreement.number, agreement.status.name(), agreement.terminationReason,
                LocalDate.now(clock)));
        return agreement;
    }

    /** Applies an addendum to an agreement in force: a new end date, further commitments, or both; the history keeps it. */
    @Transactional
    public AgreementAddendum amend(UUID id, Addendum addendum) {
        Agreement agreement = get(id);
        if (!agreement.status.inForce()) {
            throw new ProblemException(ProblemCode.CONFLICT, "only a signed or active agreement can be amended; this one is "
                    + agreement.status, List.of(), Map.of("status", agreement.status));
        }
        FieldErrors errors = new FieldErrors();
        if (addendum.endsOn() != null && addendum.endsOn().isBefore(agreement.startsOn)) {
            errors.add("endsOn", "must not be before the agreement's start (" + agreement.startsOn + ")");
        }
        Set<UUID> partnerParties = new HashSet<>();
        agreement.parties.stream().filter(party -> party.partnerId != null).forEach(party -> partnerParties.add(party.partnerId));
        checkCommitments(addendum.commitments(), "commitments", partnerParties, errors);
        errors.throwIfAny();
        boolean numberTaken = AgreementAddendum.findByNumber(addendum.number()).isPresent()
                || Agreement.findByNumber(addendum.number()).isPresent();
        if (numberTaken) {
            throw new ProblemException(ProblemCode.CONFLICT, "an agreement or addendum with number " + addendum.number().strip()
                    + " exists already");
        }

        AgreementAddendum recorded = new AgreementAddendum();
        recorded.id = UUID.randomUUID();
        recorded.agreementId = agreement.id;
        recorded.number = addendum.number().strip();
        recorded.title = addendum.title().strip();
        recorded.signedOn = addendum.signedOn();
        recorded.summary = addendum.summary().strip();
        recorded.previousEndsOn = agreement.endsOn;
        recorded.endsOn = addendum.endsOn() != null ? addendum.endsOn() : agreement.endsOn;
        recorded.recordedAt = OffsetDateTime.now(clock);
        List<Commitment> added = addendum.commitments() == null ? List.of() : addendum.commitments();
        added.forEach(commitment -> commitment.addendumNumber = recorded.number);
        recorded.addedAmountIdr = added.stream().filter(c -> c.amountIdr != null).mapToLong(c -> c.amountIdr).sum();
        recorded.persist();

        agreement.endsOn = recorded.endsOn;
        agreement.commitments.addAll(added);
        changed(agreement);
        outbox.record(new AgreementAmendedV1(agreement.id, agreement.number, recorded.number, agreement.status.name(),
                agreement.endsOn, agreement.committedIdr()));
        return recorded;
    }

    /**
     * Moves every agreement in force whose end date has passed to EXPIRED, each with its event. Two replicas
     * running this at once cannot both expire one agreement: the loser's version check rolls its run back.
     *
     * @return how many agreements expired
     */
    @Transactional
    public int expireLapsed() {
        LocalDate today = LocalDate.now(clock);
        List<Agreement> lapsed = Agreement.list("status in ?1 and endsOn < ?2",
                List.of(AgreementStatus.SIGNED, AgreementStatus.ACTIVE), today);
        for (Agreement agreement : lapsed) {
            move(agreement, AgreementStatus.EXPIRED);
            changed(agreement);
            outbox.record(new AgreementExpiredV1(agreement.id, agreement.number, agreement.status.name(), agreement.endsOn));
        }
        return lapsed.size();
    }

    public Agreement get(UUID id) {
        return Agreement.<Agreement>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("agreement", id));
    }

    /** The names of an agreement's parties by id: the partners' legal names and the units' names. */
    public Map<UUID, String> partyNames(Agreement agreement) {
        Map<UUID, String> names = new HashMap<>();
        List<UUID> partnerIds = agreement.parties.stream().map(party -> party.partnerId).filter(Objects::nonNull).toList();
        List<UUID> unitIds = agreement.parties.stream().map(party -> party.serviceUnitId).filter(Objects::nonNull).toList();
        if (!partnerIds.isEmpty()) {
            Partner.<Partner>list("id in ?1", partnerIds).forEach(partner -> names.put(partner.id, partner.legalName));
        }
        if (!unitIds.isEmpty()) {
            ServiceUnit.<ServiceUnit>list("id in ?1", unitIds).forEach(unit -> names.put(unit.id, unit.name));
        }
        return names;
    }

    public List<AgreementAddendum> history(UUID id) {
        get(id);
        return AgreementAddendum.history(id);
    }

    public Page<Agreement> list(AgreementFilter filter, PageRequest page) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (filter.status() != null) {
            conditions.add("a.status = :status");
            parameters.put("status", filter.status());
        }
        if (filter.kind() != null) {
            conditions.add("a.kind = :kind");
            parameters.put("kind", filter.kind());
        }
        if (filter.partyId() != null) {
            conditions.add("exists (select 1 from Agreement b join b.parties p where b = a"
                    + " and (p.partnerId = :party or p.serviceUnitId = :party))");
            parameters.put("party", filter.partyId());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            conditions.add("(lower(a.number) like :text or lower(a.title) like :text)");
            parameters.put("text", "%" + filter.text().strip().toLowerCase() + "%");
        }
        return page("from Agreement a" + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions)),
                parameters, page);
    }

    /** Agreements in force that end between today and {@code days} days from now, soonest first. */
    public Page<Agreement> expiringWithin(int days, UUID partyId, PageRequest page) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> parameters = new HashMap<>(Map.of(
                "inForce", List.of(AgreementStatus.SIGNED, AgreementStatus.ACTIVE), "today", today, "last", today.plusDays(days)));
        String query = "from Agreement a where a.status in :inForce and a.endsOn between :today and :last";
        if (partyId != null) {
            query += " and exists (select 1 from Agreement b join b.parties p where b = a and p.partnerId = :party)";
            parameters.put("party", partyId);
        }
        return page(query, parameters, page);
    }

    public List<PartnerCommitments> commitmentsByPartner() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT p.id, p.legal_name, COUNT(DISTINCT a.id),
                               COALESCE((SELECT SUM(c.amount_idr) FROM agreement_commitment c
                                         JOIN agreement ca ON ca.id = c.agreement_id
                                         WHERE c.partner_id = p.id AND ca.status = 'ACTIVE'), 0)
                        FROM partner p
                        JOIN agreement_party ap ON ap.partner_id = p.id
                        JOIN agreement a ON a.id = ap.agreement_id AND a.status = 'ACTIVE'
                        GROUP BY p.id, p.legal_name
                        ORDER BY 4 DESC, 2""")
                .getResultList();
        return rows.stream()
                .map(row -> new PartnerCommitments((UUID) row[0], (String) row[1], ((Number) row[2]).longValue(),
                        ((Number) row[3]).longValue()))
                .toList();
    }

    private Page<Agreement> page(String query, Map<String, Object> parameters, PageRequest page) {
        var found = Agreement.<Agreement>find(query, Sort.by("a.endsOn").and("a.number"), parameters);
        return new Page<>(found.page(page.page, page.size).list(), page.page, page.size, found.count());
    }

    private static void move(Agreement agreement, AgreementStatus target) {
        if (!agreement.status.canMoveTo(target)) {
            throw new ProblemException(ProblemCode.CONFLICT,
                    "an agreement in status " + agreement.status + " cannot become " + target, List.of(),
                    Map.of("status", agreement.status, "allowedTransitions", agreement.status.next()));
        }
        agreement.status = target;
    }

    private void changed(Agreement agreement) {
        agreement.updatedAt = OffsetDateTime.now(clock);
        Versions.flush(entityManager, "agreement");
    }

    private static void checkParties(List<Party> parties, FieldErrors errors) {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < parties.size(); i++) {
            Party party = parties.get(i);
            if ((party.partnerId == null) == (party.serviceUnitId == null)) {
                errors.add("parties[" + i + "]", "names either a partnerId or a serviceUnitId, not both or neither");
            } else if (!seen.add(party.id())) {
                errors.add("parties[" + i + "]", "names the same party as an earlier entry");
            }
        }
        boolean hasFirst = parties.stream().anyMatch(party -> party.role == PartyRole.FIRST_PARTY);
        boolean hasSecond = parties.stream().anyMatch(party -> party.role == PartyRole.SECOND_PARTY);
        if (!hasFirst || !hasSecond) {
            errors.add("parties", "needs at least one FIRST_PARTY and one SECOND_PARTY");
        }
    }

    private static void checkCommitments(List<Commitment> commitments, String field, Set<UUID> partnerParties, FieldErrors errors) {
        if (commitments == null) {
            return;
        }
        for (int i = 0; i < commitments.size(); i++) {
            Commitment commitment = commitments.get(i);
            String at = field + "[" + i + "]";
            if (!partnerParties.contains(commitment.partnerId)) {
                errors.add(at + ".partnerId", "is not a partner party of this agreement");
            }
            if (commitment.kind == CommitmentKind.MONEY && commitment.amountIdr == null) {
                errors.add(at + ".amountIdr", "is required for a MONEY commitment");
            }
            if (commitment.kind == CommitmentKind.IN_KIND && commitment.amountIdr != null) {
                errors.add(at + ".amountIdr", "is for MONEY commitments; describe an IN_KIND one in words");
            }
        }
    }

    /** Parties and units are references to records of this service: a missing one makes the request unprocessable. */
    private static void requireExisting(List<Party> parties, Set<UUID> scopeUnits) {
        Set<UUID> partnerIds = new HashSet<>();
        Set<UUID> unitIds = new HashSet<>(scopeUnits);
        parties.forEach(party -> {
            if (party.partnerId != null) {
                partnerIds.add(party.partnerId);
            } else {
                unitIds.add(party.serviceUnitId);
            }
        });
        Set<UUID> activePartners = new HashSet<>();
        if (!partnerIds.isEmpty()) {
            Partner.<Partner>list("id in ?1", partnerIds).stream().filter(Partner::active).forEach(partner -> activePartners.add(partner.id));
        }
        Set<UUID> units = new HashSet<>();
        if (!unitIds.isEmpty()) {
            ServiceUnit.<ServiceUnit>list("id in ?1", unitIds).forEach(unit -> units.add(unit.id));
        }
        List<UUID> missing = new ArrayList<>();
        partnerIds.stream().filter(id -> !activePartners.contains(id)).sorted().forEach(missing::add);
        unitIds.stream().filter(id -> !units.contains(id)).sorted().forEach(missing::add);
        if (!missing.isEmpty()) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "some parties or service units do not exist (or the partner is inactive)",
                    List.of(), Map.of("unknownIds", missing));
        }
    }

    private static <T> Set<T> nullToEmpty(Set<T> values) {
        return values == null ? Set.of() : values;
    }
}
