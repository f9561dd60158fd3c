package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.CommunityGroup;
import id.atensi.beneficiary.domain.Household;
import id.atensi.beneficiary.domain.Nik;
import id.atensi.beneficiary.domain.Relationship;
import id.atensi.beneficiary.events.CommunityGroupRegisteredV1;
import id.atensi.beneficiary.events.CommunityGroupUpdatedV1;
import id.atensi.beneficiary.events.HouseholdRegisteredV1;
import id.atensi.beneficiary.events.HouseholdUpdatedV1;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.vocabulary.Regions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Households (a family by KK number) and community groups coached by a partner; the list of groups is {@link GroupQueries}'. */
@ApplicationScoped
public class GroupService {

    private final BeneficiaryService beneficiaries;
    private final PersonalNumberCipher cipher;
    private final Caller caller;
    private final BeneficiaryAccess access;
    private final EntityManager entityManager;
    private final EventOutbox outbox;
    private final Clock clock;

    GroupService(BeneficiaryService beneficiaries, PersonalNumberCipher cipher, Caller caller, BeneficiaryAccess access,
                 EntityManager entityManager, EventOutbox outbox, Clock clock) {
        this.beneficiaries = beneficiaries;
        this.cipher = cipher;
        this.caller = caller;
        this.access = access;
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record MemberInput(UUID beneficiaryId, Relationship relationship) {
    }

    /** A household with its KK number opened, for the caller to mask or show, and its members' names. */
    public record HouseholdView(Household household, String kkNumber, Map<UUID, String> memberNames) {
    }

    /** A community group with its members' names. */
    public record GroupView(CommunityGroup group, Map<UUID, String> memberNames) {
    }

    private static HouseholdView view(Household household, String kkNumber) {
        return new HouseholdView(household, kkNumber, names(household.members.stream().map(m -> m.beneficiaryId).toList()));
    }

    static GroupView view(CommunityGroup group) {
        return new GroupView(group, names(group.members.stream().map(m -> m.beneficiaryId).toList()));
    }

    /** The full names of these people, in one query. */
    private static Map<UUID, String> names(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Beneficiary.<Beneficiary>list("id in ?1", ids).stream().collect(Collectors.toMap(b -> b.id, b -> b.fullName));
    }

    /** Served by the unit named, else the creating officer's, else the head's. Publishes household.registered. */
    @Transactional
    public HouseholdView createHousehold(String kkNumber, UUID serviceUnitId, List<MemberInput> members) {
        List<Problem.FieldError> problems = new ArrayList<>();
        Nik.kkProblems(kkNumber).forEach(message -> problems.add(new Problem.FieldError("kkNumber", message)));
        long heads = members.stream().filter(m -> m.relationship() == Relationship.HEAD).count();
        if (heads != 1) {
            problems.add(new Problem.FieldError("members", "must have exactly one HEAD, not " + heads));
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            if (!seen.add(members.get(i).beneficiaryId())) {
                problems.add(new Problem.FieldError("members[" + i + "].beneficiaryId", "is listed twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", problems, Map.of());
        }
        String kkHash = cipher.hash(kkNumber, "kk");
        Household.<Household>find("kkHash", kkHash).firstResultOptional().ifPresent(existing -> {
            throw new ProblemException(ProblemCode.CONFLICT, "a household with this KK number is registered already", List.of(),
                    Map.of("existingId", existing.id));
        });
        for (int i = 0; i < members.size(); i++) {
            checkNewMember(members.get(i).beneficiaryId(), kkHash, "members[" + i + "].beneficiaryId");
        }
        UUID headUnit = members.stream().filter(m -> m.relationship() == Relationship.HEAD).findFirst()
                .map(m -> beneficiaries.find(m.beneficiaryId()).serviceUnitId).orElse(null);
        Household household = new Household();
        household.id = UUID.randomUUID();
        household.serviceUnitId = access.unitFor(serviceUnitId != null ? serviceUnitId : headUnit, headUnit, "serviceUnitId");
        household.kkHash = kkHash;
        PersonalNumberCipher.Sealed sealed = cipher.seal(kkNumber, "kk");
        household.kkCipher = sealed.ciphertext();
        household.kkKeyId = sealed.keyId();
        household.registeredAt = Clocks.now(clock);
        members.forEach(m -> household.members.add(new Household.Member(m.beneficiaryId(), m.relationship())));
        household.persist();
        outbox.record(HouseholdRegisteredV1.of(household, household.registeredAt));
        return view(household, kkNumber);
    }

    /**
     * A person the request's body names: unknown or out of the caller's reach is 422 naming the field, as every
     * referenced id is (docs/api-conventions.md); 404 stays the answer for the household or group of the path.
     */
    private Beneficiary referenced(UUID beneficiaryId, String field) {
        return beneficiaries.reachable(beneficiaryId).orElseThrow(() -> new ProblemException(ProblemCode.UNPROCESSABLE,
                "person " + beneficiaryId + " is unknown or out of the caller's reach",
                List.of(new Problem.FieldError(field, "no person " + beneficiaryId + " the caller reaches")), Map.of()));
    }

    private void checkNewMember(UUID beneficiaryId, String kkHash, String field) {
        Beneficiary person = referenced(beneficiaryId, field);
        if (person.kkHash != null && !person.kkHash.equals(kkHash)) {
            throw ProblemException.invalidField(field, "this person's KK number is that of another family");
        }
        Optional<UUID> other = householdOf(beneficiaryId);
        if (other.isPresent()) {
            throw new ProblemException(ProblemCode.CONFLICT, "person " + beneficiaryId + " is a member of another household already",
                    List.of(), Map.of("existingId", other.get()));
        }
    }

    private Optional<UUID> householdOf(UUID beneficiaryId) {
        List<?> ids = entityManager.createNativeQuery("SELECT household_id FROM household_member WHERE beneficiary_id = :b")
                .setParameter("b", beneficiaryId).getResultList();
        return ids.stream().findFirst().map(id -> (UUID) id);
    }

    /** A household in the caller's reach (see {@link BeneficiaryAccess}); 404 otherwise, as for an unknown id. */
    public HouseholdView household(UUID id) {
        return opened(reachableHousehold(id));
    }

    private HouseholdView opened(Household household) {
        return view(household, cipher.open(new PersonalNumberCipher.Sealed(household.kkKeyId, household.kkCipher), "kk"));
    }

    private Household reachableHousehold(UUID id) {
        Household household = Household.findById(id);
        if (household == null || !access.reaches(household)) {
            throw ProblemException.notFound("household", id);
        }
        return household;
    }

    public Optional<HouseholdView> householdByKk(String kkNumber) {
        return Household.<Household>find("kkHash", cipher.hash(kkNumber, "kk")).firstResultOptional()
                .filter(access::reaches)
                .map(h -> household(h.id));
    }

    @Transactional
    public HouseholdView addHouseholdMember(UUID id, MemberInput member) {
        Household household = reachableHousehold(id);
        if (member.relationship() == Relationship.HEAD && household.members.stream().anyMatch(m -> m.relationship == Relationship.HEAD)) {
            throw new ProblemException(ProblemCode.CONFLICT, "the household has a HEAD already");
        }
        checkNewMember(member.beneficiaryId(), household.kkHash, "beneficiaryId");
        household.members.add(new Household.Member(member.beneficiaryId(), member.relationship()));
        outbox.record(HouseholdUpdatedV1.of(household, Clocks.now(clock)));
        return opened(household);
    }

    @Transactional
    public HouseholdView removeHouseholdMember(UUID id, UUID beneficiaryId) {
        Household household = reachableHousehold(id);
        Household.Member member = household.members.stream().filter(m -> m.beneficiaryId.equals(beneficiaryId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("household member", beneficiaryId));
        if (member.relationship == Relationship.HEAD) {
            throw new ProblemException(ProblemCode.CONFLICT, "the HEAD cannot leave the household; name another HEAD first");
        }
        household.members.remove(member);
        outbox.record(HouseholdUpdatedV1.of(household, Clocks.now(clock)));
        return opened(household);
    }

    public record GroupInput(String name, String description, UUID coachingPartnerId, String provinceCode, String regencyCode,
                             Set<UUID> memberIds, UUID coordinatorId, UUID serviceUnitId) {
    }

    /** Served by the unit named, else the creating officer's, else the coordinator's. Publishes group.registered. */
    @Transactional
    public GroupView createGroup(GroupInput input) {
        List<Problem.FieldError> problems = new ArrayList<>();
        UUID partner = input.coachingPartnerId();
        Optional<UUID> own = caller.ownPartner();
        if (own.isPresent()) {
            if (partner != null && !partner.equals(own.get())) {
                throw new ProblemException(ProblemCode.FORBIDDEN, "a partner registers only groups it coaches itself");
            }
            partner = own.get();
        }
        if (partner == null) {
            problems.add(new Problem.FieldError("coachingPartnerId", "is required"));
        }
        if (!input.memberIds().contains(input.coordinatorId())) {
            problems.add(new Problem.FieldError("coordinatorId", "must be one of memberIds"));
        }
        if (input.provinceCode() != null || input.regencyCode() != null) {
            Regions.problem(input.provinceCode(), input.regencyCode(), null, null)
                    .ifPresent(p -> problems.add(new Problem.FieldError(p.level().field(), p.message())));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", problems, Map.of());
        }
        BeneficiaryAccess.requireKnownPartners(List.of(partner), "coachingPartnerId");
        UUID coordinatorUnit = referenced(input.coordinatorId(), "coordinatorId").serviceUnitId;
        input.memberIds().stream().sorted().forEach(member -> referenced(member, "memberIds"));
        OffsetDateTime now = Clocks.now(clock);
        CommunityGroup group = new CommunityGroup();
        group.id = UUID.randomUUID();
        group.serviceUnitId = access.unitFor(input.serviceUnitId() != null ? input.serviceUnitId() : coordinatorUnit, coordinatorUnit,
                "serviceUnitId");
        group.name = input.name().strip();
        group.description = input.description();
        group.coachingPartnerId = partner;
        group.coordinatorId = input.coordinatorId();
        group.provinceCode = input.provinceCode();
        group.regencyCode = input.regencyCode();
        group.registeredAt = now;
        input.memberIds().stream().sorted().forEach(member -> group.members.add(new CommunityGroup.Member(member, now)));
        group.persist();
        outbox.record(CommunityGroupRegisteredV1.of(group, now));
        return view(group);
    }

    /** A group in the caller's reach: a partner's are those it coaches, an officer's its unit's; 404 otherwise. */
    public GroupView group(UUID id) {
        return view(reachableGroup(id));
    }

    private CommunityGroup reachableGroup(UUID id) {
        CommunityGroup group = CommunityGroup.findById(id);
        if (group == null || !access.reaches(group)) {
            throw ProblemException.notFound("community group", id);
        }
        return group;
    }

    @Transactional
    public GroupView addGroupMember(UUID id, UUID beneficiaryId) {
        CommunityGroup group = reachableGroup(id);
        referenced(beneficiaryId, "beneficiaryId");
        if (group.members.stream().anyMatch(m -> m.beneficiaryId.equals(beneficiaryId))) {
            throw new ProblemException(ProblemCode.CONFLICT, "person " + beneficiaryId + " is a member already");
        }
        OffsetDateTime now = Clocks.now(clock);
        group.members.add(new CommunityGroup.Member(beneficiaryId, now));
        outbox.record(CommunityGroupUpdatedV1.of(group, now));
        return view(group);
    }

    @Transactional
    public GroupView removeGroupMember(UUID id, UUID beneficiaryId) {
        CommunityGroup group = reachableGroup(id);
        if (group.coordinatorId.equals(beneficiaryId)) {
            throw new ProblemException(ProblemCode.CONFLICT, "the coordinator cannot leave the group");
        }
        if (!group.members.removeIf(m -> m.beneficiaryId.equals(beneficiaryId))) {
            throw ProblemException.notFound("group member", beneficiaryId);
        }
        outbox.record(CommunityGroupUpdatedV1.of(group, Clocks.now(clock)));
        return view(group);
    }
}
