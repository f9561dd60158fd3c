package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.CommunityGroup;
import id.atensi.beneficiary.domain.Household;
import id.atensi.beneficiary.domain.Nik;
import id.atensi.beneficiary.domain.RegionCodes;
import id.atensi.beneficiary.domain.Relationship;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.commons.paging.Page;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Households (a family by KK number) and community groups coached by a partner. */
@ApplicationScoped
public class GroupService {

    private final BeneficiaryService beneficiaries;
    private final PersonalNumberCipher cipher;
    private final Caller caller;
    private final EntityManager entityManager;

    GroupService(BeneficiaryService beneficiaries, PersonalNumberCipher cipher, Caller caller, EntityManager entityManager) {
        this.beneficiaries = beneficiaries;
        this.cipher = cipher;
        this.caller = caller;
        this.entityManager = entityManager;
    }

    public record MemberInput(UUID beneficiaryId, Relationship relationship) {
    }

    /** A household with its KK number opened, for the caller to mask or show. */
    public record HouseholdView(Household household, String kkNumber) {
    }

    @Transactional
    public HouseholdView createHousehold(String kkNumber, List<MemberInput> members) {
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
        Household household = new Household();
        household.id = UUID.randomUUID();
        household.kkHash = kkHash;
        PersonalNumberCipher.Sealed sealed = cipher.seal(kkNumber, "kk");
        household.kkCipher = sealed.ciphertext();
        household.kkKeyId = sealed.keyId();
        household.registeredAt = OffsetDateTime.now(ZoneOffset.UTC);
        members.forEach(m -> household.members.add(new Household.Member(m.beneficiaryId(), m.relationship())));
        household.persist();
        return new HouseholdView(household, kkNumber);
    }

    private void checkNewMember(UUID beneficiaryId, String kkHash, String field) {
        Beneficiary person = beneficiaries.find(beneficiaryId);
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

    /** A partner sees a household when it serves one of its members; 404 otherwise, as for an unknown id. */
    public HouseholdView household(UUID id) {
        Household household = Household.findById(id);
        if (household == null || !visible(household)) {
            throw ProblemException.notFound("household", id);
        }
        return new HouseholdView(household, cipher.open(new PersonalNumberCipher.Sealed(household.kkKeyId, household.kkCipher), "kk"));
    }

    public Optional<HouseholdView> householdByKk(String kkNumber) {
        return Household.<Household>find("kkHash", cipher.hash(kkNumber, "kk")).firstResultOptional()
                .filter(this::visible)
                .map(h -> household(h.id));
    }

    private boolean visible(Household household) {
        Optional<UUID> partner = caller.ownPartner();
        if (partner.isEmpty()) {
            return true;
        }
        return household.members.stream().anyMatch(m -> {
            Beneficiary person = Beneficiary.findById(m.beneficiaryId);
            return person != null && person.servedBy(partner.get());
        });
    }

    @Transactional
    public HouseholdView addHouseholdMember(UUID id, MemberInput member) {
        HouseholdView view = household(id);
        Household household = view.household();
        if (member.relationship() == Relationship.HEAD && household.members.stream().anyMatch(m -> m.relationship == Relationship.HEAD)) {
            throw new ProblemException(ProblemCode.CONFLICT, "the household has a HEAD already");
        }
        checkNewMember(member.beneficiaryId(), household.kkHash, "beneficiaryId");
        household.members.add(new Household.Member(member.beneficiaryId(), member.relationship()));
        return view;
    }

    @Transactional
    public HouseholdView removeHouseholdMember(UUID id, UUID beneficiaryId) {
        HouseholdView view = household(id);
        Household.Member member = view.household().members.stream().filter(m -> m.beneficiaryId.equals(beneficiaryId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("household member", beneficiaryId));
        if (member.relationship == Relationship.HEAD) {
            throw new ProblemException(ProblemCode.CONFLICT, "the HEAD cannot leave the household; name another HEAD first");
        }
        view.household().members.remove(member);
        return view;
    }

    public record GroupInput(String name, String description, UUID coachingPartnerId, String provinceCode, String regencyCode,
                             Set<UUID> memberIds, UUID coordinatorId) {
    }

    @Transactional
    public CommunityGroup createGroup(GroupInput input) {
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
            RegionCodes.problem(input.provinceCode(), input.regencyCode(), null, null)
                    .ifPresent(p -> problems.add(new Problem.FieldError(p.field().replace("address.", ""), p.message())));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", problems, Map.of());
        }
        input.memberIds().forEach(beneficiaries::find);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        CommunityGroup group = new CommunityGroup();
        group.id = UUID.randomUUID();
        group.name = input.name().strip();
        group.description = input.description();
        group.coachingPartnerId = partner;
        group.coordinatorId = input.coordinatorId();
        group.provinceCode = input.provinceCode();
        group.regencyCode = input.regencyCode();
        group.registeredAt = now;
        input.memberIds().stream().sorted().forEach(member -> group.members.add(new CommunityGroup.Member(member, now)));
        group.persist();
        return group;
    }

    /** A partner sees only the groups it coaches; 404 otherwise. */
    public CommunityGroup group(UUID id) {
        CommunityGroup group = CommunityGroup.findById(id);
        if (group == null || caller.ownPartner().map(p -> !p.equals(group.coachingPartnerId)).orElse(false)) {
            throw ProblemException.notFound("community group", id);
        }
        return group;
    }

    public Page<CommunityGroup> groups(UUID coachingPartnerId, int page, int size) {
        UUID partner = caller.ownPartner().orElse(coachingPartnerId);
        if (caller.ownPartner().isPresent() && coachingPartnerId != null && !coachingPartnerId.equals(partner)) {
            return new Page<>(List.of(), page, size, 0);
        }
        var query = partner == null ? CommunityGroup.<CommunityGroup>findAll(Sort.by("name").and("id"))
                : CommunityGroup.<CommunityGroup>find("coachingPartnerId", Sort.by("name").and("id"), partner);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    @Transactional
    public CommunityGroup addGroupMember(UUID id, UUID beneficiaryId) {
        CommunityGroup group = group(id);
        beneficiaries.find(beneficiaryId);
        if (group.members.stream().anyMatch(m -> m.beneficiaryId.equals(beneficiaryId))) {
            throw new ProblemException(ProblemCode.CONFLICT, "person " + beneficiaryId + " is a member already");
        }
        group.members.add(new CommunityGroup.Member(beneficiaryId, OffsetDateTime.now(ZoneOffset.UTC)));
        return group;
    }

    @Transactional
    public CommunityGroup removeGroupMember(UUID id, UUID beneficiaryId) {
        CommunityGroup group = group(id);
        if (group.coordinatorId.equals(beneficiaryId)) {
            throw new ProblemException(ProblemCode.CONFLICT, "the coordinator cannot leave the group");
        }
        if (!group.members.removeIf(m -> m.beneficiaryId.equals(beneficiaryId))) {
            throw ProblemException.notFound("group member", beneficiaryId);
        }
        return group;
    }
}
