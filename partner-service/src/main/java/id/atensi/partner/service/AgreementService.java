package id.atensi.partner.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.partner.domain.Agreement;
import id.atensi.partner.domain.AgreementAddendum;
import id.atensi.partner.domain.AgreementKind;
import id.atensi.partner.domain.AgreementStatus;
import id.atensi.partner.domain.AgreementTerms;
import id.atensi.partner.domain.Commitment;
import id.atensi.partner.domain.CommitmentKind;
import id.atensi.partner.domain.Locations;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.Party;
import id.atensi.partner.domain.PartyRole;
import id.atensi.partner.domain.ServiceUnit;
import id.atensi.partner.domain.Signatory;
import id.atensi.partner.events.AgreementActivatedV1;
import id.atensi.partner.events.AgreementAmendedV2;
import id.atensi.partner.events.AgreementExpiredV1;
import id.atensi.partner.events.AgreementSignedV1;
import id.atensi.partner.events.AgreementTerminatedV1;
import id.atensi.vocabulary.AtensiService;
import id.atensi.vocabulary.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Agreements between partners and units: drafting, the lifecycle, addenda, expiry and the figures built on them. */
@ApplicationScoped
public class AgreementService {

    /** A long holds Rp 9.2 quintillion, far beyond any budget: a sum past it is a mistake, refused rather than wrapped round. */
    private static final String TOO_MUCH_MONEY = "the money commitments add up to more than Rp 9,223,372,036,854,775,807, the most this service records";


    private final EventOutbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;
    private final TermsJson terms;
    private final PartnerAccess access;
    private final AgreementQueries queries;

    AgreementService(EventOutbox outbox, EntityManager entityManager, Clock clock, TermsJson terms, PartnerAccess access,
                     AgreementQueries queries) {
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
        this.terms = terms;
        this.access = access;
        this.queries = queries;
    }

    public record Draft(String number, String title, AgreementKind kind, LocalDate startsOn, LocalDate endsOn,
                        List<Party> parties, Scope scope, List<Commitment> commitments) {

        /** The service units the draft reaches: its unit parties and the units in its scope. */
        public Set<UUID> unitIds() {
            Set<UUID> units = new HashSet<>(scope == null ? Set.of() : nullToEmpty(scope.serviceUnitIds()));
            parties.stream().filter(party -> party.serviceUnitId != null).forEach(party -> units.add(party.serviceUnitId));
            return units;
        }
    }

    public record Scope(Set<AtensiService> services, Set<Cluster> clusters, Set<String> regionCodes, Set<UUID> serviceUnitIds) {
    }

    /**
     * An addendum: what it is, and the terms it changes. A null period date or scope keeps the agreement's own; the
     * scope, when given, replaces the agreement's whole scope; commitments are added.
     */
    public record Addendum(String number, String title, LocalDate signedOn, String summary, LocalDate startsOn, LocalDate endsOn,
                           Scope scope, List<Commitment> commitments) {
    }

    @Transactional
    public Agreement draft(Draft draft) {
        access.keepsOwnUnit(draft.unitIds());
        check(draft, null);
        Agreement agreement = new Agreement();
        agreement.id = UUID.randomUUID();
        agreement.status = AgreementStatus.DRAFT;
        agreement.createdAt = OffsetDateTime.now(clock);
        apply(agreement, draft);
        agreement.persist();
        return agreement;
    }

    /** Replaces the whole of a draft; once signed, only an addendum changes an agreement. */
    @Transactional
    public Agreement redraft(UUID id, long expectedVersion, Draft draft) {
        Agreement agreement = changeable(id);
        access.keepsOwnUnit(draft.unitIds());
        Versions.require("agreement", agreement.version, expectedVersion);
        if (agreement.status != AgreementStatus.DRAFT) {
            AgreementStatus current = agreement.statusOn(today());
            throw new ProblemException(ProblemCode.CONFLICT, "the agreement is " + current
                    + "; a signed agreement changes only by an addendum", List.of(), Map.of("currentStatus", current));
        }
        check(draft, agreement);
        agreement.parties.clear();
        agreement.services.clear();
        agreement.clusters.clear();
        agreement.regionCodes.clear();
        agreement.serviceUnitIds.clear();
        agreement.commitments.clear();
        apply(agreement, draft);
        changed(agreement);
        return agreement;
    }

    private void check(Draft draft, Agreement existing) {
        FieldErrors errors = new FieldErrors();
        if (draft.endsOn().isBefore(draft.startsOn())) {
            errors.add("endsOn", "must not be before startsOn (" + draft.startsOn() + ")");
        }
        checkParties(draft.parties(), errors);
        checkRegions(scopeOf(draft).regionCodes(), errors);
        checkCommitments(draft.commitments(), "commitments", partnerParties(draft.parties()), errors);
        if (draft.commitments() != null && !Commitment.totalFits(draft.commitments())) {
            errors.add("commitments", TOO_MUCH_MONEY);
        }
        errors.throwIfAny();

        Agreement.findByNumber(draft.number())
                .filter(other -> existing == null || !other.id.equals(existing.id))
                .ifPresent(other -> {
                    throw new ProblemException(ProblemCode.CONFLICT, "an agreement with this number exists already", List.of(),
                            Map.of("existingId", other.id));
                });
        requireExisting(draft.parties(), nullToEmpty(scopeOf(draft).serviceUnitIds()));
    }

    private void apply(Agreement agreement, Draft draft) {
        Scope scope = scopeOf(draft);
        agreement.number = draft.number().strip();
        agreement.title = draft.title().strip();
        agreement.kind = draft.kind();
        agreement.startsOn = draft.startsOn();
        agreement.endsOn = draft.endsOn();
        agreement.parties.addAll(draft.parties());
        agreement.services.addAll(nullToEmpty(scope.services()));
        agreement.clusters.addAll(nullToEmpty(scope.clusters()));
        agreement.regionCodes.addAll(nullToEmpty(scope.regionCodes()));
        agreement.serviceUnitIds.addAll(nullToEmpty(scope.serviceUnitIds()));
        agreement.commitments.addAll(draft.commitments() == null ? List.of() : draft.commitments());
        agreement.updatedAt = OffsetDateTime.now(clock);
    }

    private static Scope scopeOf(Draft draft) {
        return draft.scope() == null ? new Scope(Set.of(), Set.of(), Set.of(), Set.of()) : draft.scope();
    }

    private static Set<UUID> partnerParties(List<Party> parties) {
        Set<UUID> partners = new HashSet<>();
        parties.stream().filter(party -> party.partnerId != null).forEach(party -> partners.add(party.partnerId));
        return partners;
    }

    private static void checkRegions(Set<String> regionCodes, FieldErrors errors) {
        for (String region : nullToEmpty(regionCodes)) {
            if (!Locations.isProvinceOrRegency(region)) {
                errors.add("scope.regionCodes", region + " is not a province or regency code");
            }
        }
    }

    /**
     * Signs a draft. A draft whose period is over may still be signed, to record an agreement of the past; it is then
     * EXPIRED at once, and recorded so here rather than by the next expiry run.
     */
    @Transactional
    public Agreement sign(UUID id, Long expectedVersion, LocalDate signedOn, List<Signatory> signatories) {
        LocalDate today = today();
        Agreement agreement = changeable(id);
        Versions.require("agreement", agreement.version, expectedVersion);
        move(agreement, AgreementStatus.SIGNED, today);
        FieldErrors errors = new FieldErrors();
        if (signedOn.isAfter(today)) {
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
        expireIfLapsed(agreement, today);
        return agreement;
    }

    @Transactional
    public Agreement activate(UUID id, Long expectedVersion) {
        LocalDate today = today();
        Agreement agreement = changeable(id);
        Versions.require("agreement", agreement.version, expectedVersion);
        move(agreement, AgreementStatus.ACTIVE, today);
        changed(agreement);
        outbox.record(AgreementActivatedV1.of(agreement));
        return agreement;
    }

    @Transactional
    public Agreement terminate(UUID id, Long expectedVersion, String reason) {
        LocalDate today = today();
        Agreement agreement = changeable(id);
        Versions.require("agreement", agreement.version, expectedVersion);
        move(agreement, AgreementStatus.TERMINATED, today);
        agreement.terminationReason = reason.strip();
        changed(agreement);
        outbox.record(new AgreementTerminatedV1(agreement.id, agreement.number, agreement.status.name(), agreement.terminationReason,
                today));
        return agreement;
    }

    /**
     * Applies an addendum to an agreement in force: a new period, a new scope, further commitments, or any of them.
     * The agreement then reads the current terms; the addendum keeps the terms before and after it. An agreement whose
     * period is over is EXPIRED, even before the expiry job records it, and takes no addendum; one whose new period ends
     * before today expires with it.
     */
    @Transactional
    public AgreementAddendum amend(UUID id, Long expectedVersion, Addendum addendum) {
        LocalDate today = today();
        Agreement agreement = changeable(id);
        if (addendum.scope() != null) {
            Set<UUID> units = new HashSet<>(nullToEmpty(addendum.scope().serviceUnitIds()));
            agreement.parties.stream().filter(party -> party.serviceUnitId != null).forEach(party -> units.add(party.serviceUnitId));
            access.keepsOwnUnit(units);
        }
        Versions.require("agreement", agreement.version, expectedVersion);
        AgreementStatus current = agreement.statusOn(today);
        if (!current.inForce()) {
            throw new ProblemException(ProblemCode.CONFLICT, "only a signed or active agreement can be amended; this one is "
                    + current + lapseNote(agreement, today), List.of(), Map.of("currentStatus", current));
        }
        LocalDate startsOn = addendum.startsOn() != null ? addendum.startsOn() : agreement.startsOn;
        LocalDate endsOn = addendum.endsOn() != null ? addendum.endsOn() : agreement.endsOn;
        FieldErrors errors = new FieldErrors();
        if (endsOn.isBefore(startsOn)) {
            errors.add(addendum.endsOn() != null ? "endsOn" : "startsOn", "the period would end (" + endsOn + ") before it starts (" + startsOn + ")");
        }
        if (addendum.scope() != null) {
            checkRegions(addendum.scope().regionCodes(), errors);
        }
        checkCommitments(addendum.commitments(), "commitments", partnerParties(agreement.parties), errors);
        if (addendum.commitments() != null) {
            List<Commitment> all = new ArrayList<>(agreement.commitments);
            all.addAll(addendum.commitments());
            if (!Commitment.totalFits(all)) {
                errors.add("commitments", TOO_MUCH_MONEY);
            }
        }
        errors.throwIfAny();
        boolean numberTaken = AgreementAddendum.findByNumber(addendum.number()).isPresent()
                || Agreement.findByNumber(addendum.number()).isPresent();
        if (numberTaken) {
            throw new ProblemException(ProblemCode.CONFLICT, "an agreement or addendum with number " + addendum.number().strip()
                    + " exists already");
        }
        if (addendum.scope() != null) {
            requireExisting(List.of(), nullToEmpty(addendum.scope().serviceUnitIds()));
        }

        AgreementTerms before = AgreementTerms.of(agreement);
        AgreementAddendum recorded = new AgreementAddendum();
        recorded.id = UUID.randomUUID();
        recorded.agreementId = agreement.id;
        recorded.number = addendum.number().strip();
        recorded.title = addendum.title().strip();
        recorded.signedOn = addendum.signedOn();
        recorded.summary = addendum.summary().strip();
        recorded.previousEndsOn = agreement.endsOn;
        recorded.endsOn = endsOn;
        recorded.recordedAt = OffsetDateTime.now(clock);
        List<Commitment> added = addendum.commitments() == null ? List.of() : addendum.commitments();
        added.forEach(commitment -> commitment.addendumNumber = recorded.number);
        recorded.addedAmountIdr = Commitment.totalIdr(added);

        agreement.startsOn = startsOn;
        agreement.endsOn = endsOn;
        if (addendum.scope() != null) {
            replace(agreement.services, addendum.scope().services());
            replace(agreement.clusters, addendum.scope().clusters());
            replace(agreement.regionCodes, addendum.scope().regionCodes());
            replace(agreement.serviceUnitIds, addendum.scope().serviceUnitIds());
        }
        agreement.commitments.addAll(added);
        AgreementTerms after = AgreementTerms.of(agreement);
        recorded.termsBefore = terms.write(before);
        recorded.termsAfter = terms.write(after);
        recorded.persist();
        changed(agreement);
        outbox.record(AgreementAmendedV2.of(agreement, recorded.number, after.changedSince(before)));
        expireIfLapsed(agreement, today);
        return recorded;
    }

    private static <T> void replace(Set<T> current, Set<T> wanted) {
        current.clear();
        current.addAll(nullToEmpty(wanted));
    }

    /**
     * Records EXPIRED on every agreement that reads so already (in force, period over), each with its event. Reads
     * never wait for this: it changes what is stored and published, not what anyone is told. Two replicas running
     * this at once cannot both expire one agreement: the loser's version check rolls its run back.
     *
     * @return how many agreements expired
     */
    @Transactional
    public int expireLapsed() {
        LocalDate today = today();
        List<Agreement> lapsed = Agreement.list("from Agreement a where " + AgreementQueries.LAPSED,
                Map.of("inForce", AgreementQueries.IN_FORCE, "today", today));
        lapsed.forEach(agreement -> expireIfLapsed(agreement, today));
        return lapsed.size();
    }

    private LocalDate today() {
        return queries.today();
    }

    private void expireIfLapsed(Agreement agreement, LocalDate today) {
        if (agreement.lapsedOn(today)) {
            agreement.status = AgreementStatus.EXPIRED;
            changed(agreement);
            outbox.record(new AgreementExpiredV1(agreement.id, agreement.number, agreement.status.name(), agreement.endsOn));
        }
    }

    private Agreement changeable(UUID id) {
        return access.changes(queries.get(id));
    }

    /** Accepts exactly the transitions a read on {@code today} offers, and answers a refusal with that same offer. */
    private static void move(Agreement agreement, AgreementStatus target, LocalDate today) {
        List<AgreementStatus> allowed = agreement.allowedTransitionsOn(today);
        if (!allowed.contains(target)) {
            ProblemException refused = ProblemException.illegalTransition("the agreement", agreement.statusOn(today), target, allowed);
            // The one shape of a refused transition, with the reason an agreement that reads EXPIRED has not been told.
            throw new ProblemException(refused.code(), refused.getMessage() + lapseNote(agreement, today), refused.fieldErrors(),
                    refused.properties());
        }
        agreement.status = target;
    }

    private static String lapseNote(Agreement agreement, LocalDate today) {
        return agreement.statusOn(today) == AgreementStatus.EXPIRED ? " (its period ended on " + agreement.endsOn + ")" : "";
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
