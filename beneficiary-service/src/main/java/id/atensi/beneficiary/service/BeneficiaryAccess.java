package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.CommunityGroup;
import id.atensi.beneficiary.domain.DuplicateCandidate;
import id.atensi.beneficiary.domain.Household;
import id.atensi.beneficiary.domain.ImportJob;
import id.atensi.beneficiary.events.KnownPartner;
import id.atensi.beneficiary.events.KnownServiceUnit;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.vocabulary.ConsentPurpose;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * This service's object-level rules on top of {@link Caller}, called from the use cases: an officer reaches the people,
 * households, community groups and imports of its own unit; a partner the people it serves, the households of those
 * people, the groups it coaches and its own imports; admins, auditors and viewers reach everything.
 * <p>
 * One rule (docs/how-a-service-is-built.md): what the caller does not reach is not found (404), for a read and for a
 * change alike, as for an unknown id, so that an answer never confirms that another unit's or partner's id exists
 * (docs/architecture.md). What the caller reaches but may not change is forbidden (403): a duplicate pair with one
 * side in another unit, an officer naming another unit.
 * <p>
 * Partners and service units named for an object must be known to the partner read model and not inactive (422): see
 * {@link #requireKnownUnit} and {@link #requireKnownPartners}.
 */
@ApplicationScoped
public class BeneficiaryAccess {

    private final Caller caller;
    private final ConsentRegister consents;

    BeneficiaryAccess(Caller caller, ConsentRegister consents) {
        this.caller = caller;
        this.consents = consents;
    }

    /**
     * Whether the caller may see this person's personal data: staff always, under the programme's own lawful basis
     * ({@link ConsentPurpose#SERVICE_DELIVERY}); a partner only while the person's {@link ConsentPurpose#PARTNER_SHARING}
     * consent holds. Without it a partner still sees that the person exists in its services, and nothing personal.
     */
    public boolean sharesPersonalData(Beneficiary person) {
        return caller.ownPartner().isEmpty() || consents.holds(person.id, ConsentPurpose.PARTNER_SHARING);
    }

    /** Of these people, those whose personal data the caller may see (see {@link #sharesPersonalData(Beneficiary)}). */
    public Set<UUID> sharingPersonalData(Collection<UUID> beneficiaryIds) {
        return caller.ownPartner().isEmpty() ? Set.copyOf(beneficiaryIds)
                : consents.holding(beneficiaryIds, ConsentPurpose.PARTNER_SHARING);
    }

    /**
     * For what is personal through and through (assessments, the plan, the timeline, a change to the record): a partner
     * without the person's consent is refused, 403, naming the purpose. The person is one the partner serves, so the
     * refusal confirms nothing the partner did not know.
     */
    public void requirePersonalDataShared(Beneficiary person, String what) {
        if (!sharesPersonalData(person)) {
            throw new ProblemException(ProblemCode.FORBIDDEN, what + " is personal data, shared with a partner only while the"
                    + " person's consent to " + ConsentPurpose.PARTNER_SHARING + " holds, and it does not",
                    List.of(), Map.of("purpose", ConsentPurpose.PARTNER_SHARING.name()));
        }
    }

    /** Whether the caller is a partner system or a partner's user, to whom consent applies. */
    public boolean callerIsPartner() {
        return caller.ownPartner().isPresent();
    }

    public boolean reaches(Beneficiary person) {
        return caller.reaches(person.serviceUnitId, List.of(person.partnerIds));
    }

    public boolean reaches(Household household) {
        Optional<UUID> unit = caller.ownUnit();
        if (unit.isPresent()) {
            return unit.get().equals(household.serviceUnitId);
        }
        Optional<UUID> partner = caller.ownPartner();
        return partner.isEmpty() || household.members.stream().anyMatch(m -> {
            Beneficiary person = Beneficiary.findById(m.beneficiaryId);
            return person != null && person.servedBy(partner.get());
        });
    }

    public boolean reaches(CommunityGroup group) {
        return caller.reaches(group.serviceUnitId, group.coachingPartnerId == null ? List.of() : List.of(group.coachingPartnerId));
    }

    public boolean reaches(ImportJob job) {
        return caller.reaches(job.serviceUnitId, job.partnerId == null ? List.of() : List.of(job.partnerId));
    }

    /** An officer sees a candidate pair when either side is in its unit, so that duplicates across units come to light. */
    public boolean sees(DuplicateCandidate candidate) {
        Optional<UUID> unit = caller.ownUnit();
        return unit.isEmpty() || inUnit(candidate.firstId, unit.get()) || inUnit(candidate.secondId, unit.get());
    }

    /** Merging or dismissing changes both records: an officer resolves only pairs wholly in its unit. */
    public void requireResolvable(DuplicateCandidate candidate) {
        Optional<UUID> unit = caller.ownUnit();
        if (unit.isPresent() && !(inUnit(candidate.firstId, unit.get()) && inUnit(candidate.secondId, unit.get()))) {
            throw new ProblemException(ProblemCode.FORBIDDEN,
                    "one of the pair is served by another unit: an admin or an officer of both units resolves it");
        }
    }

    private static boolean inUnit(UUID beneficiaryId, UUID unit) {
        Beneficiary person = Beneficiary.findById(beneficiaryId);
        return person != null && unit.equals(person.serviceUnitId);
    }

    /** The officer's unit, the filter of every list and count it asks for. */
    public Optional<UUID> unitScope() {
        return caller.ownUnit();
    }

    /**
     * The unit a new or changed object is served by: an officer's own, which it need not name and cannot name another
     * (403); for any other role the one requested. A unit other than the {@code current} one must be known to the
     * partner read model and not inactive (422 on {@code field}).
     */
    public UUID unitFor(UUID requested, UUID current, String field) {
        Optional<UUID> own = caller.ownUnit();
        if (own.isPresent() && requested != null && !own.get().equals(requested)) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "an officer works only for its own service unit");
        }
        UUID unit = own.orElse(requested);
        if (unit != null && !unit.equals(current)) {
            requireKnownUnit(unit, field);
        }
        return unit;
    }

    /**
     * A service unit the partner read model has not heard of, or knows as inactive, cannot be named: 422 naming
     * {@code field}. Events arrive within a second, so a client naming a unit just set up retries; letting an unknown
     * id through would let a typo become data.
     */
    public static void requireKnownUnit(UUID unit, String field) {
        unitProblem(unit).ifPresent(problem -> {
            throw unknown(List.of(new Problem.FieldError(field, problem)));
        });
    }

    /** Partners newly named for an object, the same way as units: each known to the read model and not inactive (422). */
    public static void requireKnownPartners(Collection<UUID> partners, String field) {
        List<Problem.FieldError> problems = partners.stream().sorted()
                .flatMap(id -> partnerProblem(id).stream())
                .map(problem -> new Problem.FieldError(field, problem))
                .toList();
        if (!problems.isEmpty()) {
            throw unknown(problems);
        }
    }

    /** Why a service unit cannot be named: unknown to the partner read model or reported inactive. */
    public static Optional<String> unitProblem(UUID unitId) {
        KnownServiceUnit unit = KnownServiceUnit.findById(unitId);
        return unit == null ? Optional.of("service unit " + unitId + " is not known")
                : unit.active() ? Optional.empty() : Optional.of("service unit " + unitId + " is inactive");
    }

    /** Why a partner cannot be newly named: unknown to the partner read model or reported inactive. */
    public static Optional<String> partnerProblem(UUID partnerId) {
        KnownPartner partner = KnownPartner.findById(partnerId);
        return partner == null ? Optional.of("partner " + partnerId + " is not known")
                : partner.active() ? Optional.empty() : Optional.of("partner " + partnerId + " is inactive");
    }

    private static ProblemException unknown(List<Problem.FieldError> problems) {
        return new ProblemException(ProblemCode.UNPROCESSABLE, "the platform does not know (yet) or no longer serves through "
                + "a partner or service unit named; one just set up is known within seconds", problems, Map.of());
    }
}
