package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Approach;
import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.BeneficiaryStatus;
import id.atensi.beneficiary.domain.NameKey;
import id.atensi.beneficiary.domain.Nik;
import id.atensi.beneficiary.domain.Sex;
import id.atensi.beneficiary.domain.TimelineEntry;
import id.atensi.beneficiary.events.BeneficiaryUpdatedV1;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.idempotency.IdempotencyKeys;
import id.atensi.commons.persistence.TimeOrderedIds;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.commons.security.Caller;
import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.DisabilityType;
import id.atensi.vocabulary.Regions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Registration, update and lookup of people (lists and counts: {@link BeneficiaryQueries}). Every change records its event and timeline entry in the
 * same transaction; NIK and KK numbers are sealed before they reach the entity and opened only for views.
 */
@ApplicationScoped
public class BeneficiaryService {

    private final EventOutbox outbox;
    private final PersonalNumberCipher cipher;
    private final Caller caller;
    private final EntityManager entityManager;
    private final DuplicateService duplicates;
    private final IdempotencyKeys keys;
    private final BeneficiaryAccess access;
    private final PersonalDataAudit audit;
    private final RegistrationRows rows;
    private final Clock clock;

    BeneficiaryService(EventOutbox outbox, PersonalNumberCipher cipher, Caller caller, EntityManager entityManager,
                       DuplicateService duplicates, IdempotencyKeys keys, BeneficiaryAccess access, PersonalDataAudit audit,
                       RegistrationRows rows, Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.rows = rows;
        this.keys = keys;
        this.access = access;
        this.outbox = outbox;
        this.cipher = cipher;
        this.caller = caller;
        this.entityManager = entityManager;
        this.duplicates = duplicates;
    }

    /** An address by official region codes; each optional, but a lower level needs the higher ones. */
    public record Address(String provinceCode, String regencyCode, String districtCode, String villageCode, String line) {
    }

    /** What is known of a person, for registration and for a full update. */
    public record Person(String fullName, String nik, String kkNumber, String birthPlace, LocalDate birthDate, Sex sex,
                         Address address, String phone, String welfareId, Set<Cluster> clusters,
                         Set<DisabilityType> disabilityTypes, Approach approach, UUID serviceUnitId, Set<UUID> partnerIds) {
    }

    /** A person with the personal numbers opened, for the caller to mask or show. */
    public record View(Beneficiary beneficiary, String nik, String kkNumber) {
    }

    /**
     * Registers a person, unless it is a retry: with the same Idempotency-Key and request, the record made first is
     * answered. The answer carries the person's data unmasked to a caller who sees personal data, so its audit row is
     * written in the same transaction: a registration is never answered without it, nor does a failed audit leave the
     * person behind. The registration's rows commit in a JDBC transaction of their own
     * ({@link RegistrationRows#ownTransaction}), with the key's row when a key is sent.
     *
     * @param requestFingerprint the request as text, hashed only when a key is sent
     */
    public IdempotentView register(Person person, String idempotencyKey, Supplier<String> requestFingerprint) {
        if (idempotencyKey == null) {
            return new IdempotentView(registerAlone(person), false);
        }
        return registerOnce(person, idempotencyKey, requestFingerprint);
    }

    /**
     * The key is claimed on the registration's own connection, so the key, the person and its rows commit together
     * or not at all; the first call's checks run only once the key is claimed, as a replay answers what was made.
     */
    private IdempotentView registerOnce(Person person, String idempotencyKey, Supplier<String> requestFingerprint) {
        String requestHash = cipher.hash(requestFingerprint.get(), "idempotency");
        AtomicReference<View> registered = new AtomicReference<>();
        IdempotencyKeys.Outcome outcome = inOwnTransaction(connection -> keys.onceOnConnection(connection, caller.name(), idempotencyKey,
                "register", requestHash, () -> {
                    registered.set(write(connection, prepare(person), person));
                    return IdempotencyKeys.Outcome.created(registered.get().beneficiary().id, null);
                }));
        return outcome.replayed() ? replay(outcome.resourceId()) : new IdempotentView(registered.get(), false);
    }

    /** The record the key's first call made, as it stands now, with the audit row of this answer. */
    @Transactional
    IdempotentView replay(UUID id) {
        View first = get(id);
        if (caller.seesPersonalData()) {
            audit.record(List.of(first.beneficiary().id), PersonalDataAudit.unmaskedFields(first), "register");
        }
        return new IdempotentView(first, true);
    }

    public record IdempotentView(View view, boolean replayed) {
    }

    /**
     * A registration in a transaction of its own on one connection: its checks first (the read model of partners and
     * units is read as it stands, as in a JTA transaction), then its rows, committed together or not at all.
     */
    private View registerAlone(Person person) {
        Beneficiary beneficiary = prepare(person);
        return inOwnTransaction(connection -> write(connection, beneficiary, person));
    }

    private interface Writes<T> {
        T on(Connection connection) throws SQLException;
    }

    /** {@code writes} on a connection of their own, committed if they return, rolled back if they throw. */
    private <T> T inOwnTransaction(Writes<T> writes) {
        try (Connection connection = rows.ownTransaction()) {
            try {
                T written = writes.on(connection);
                connection.commit();
                return written;
            } catch (RuntimeException | SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the registration could not be committed", e);
        }
    }

    /** The checks that need no write, then the person as it will be stored (version 0), its numbers sealed and hashed. */
    private Beneficiary prepare(Person person) {
        validate(person);
        UUID serviceUnitId = access.unitFor(person.serviceUnitId(), null, "serviceUnitId");
        Set<UUID> partnerIds = withOwnPartner(person.partnerIds());
        BeneficiaryAccess.requireKnownPartners(partnerIds, "partnerIds");
        OffsetDateTime now = Clocks.now(clock);
        Beneficiary beneficiary = new Beneficiary();
        beneficiary.id = TimeOrderedIds.next();
        beneficiary.status = BeneficiaryStatus.REGISTERED;
        beneficiary.registeredAt = now;
        apply(beneficiary, person, serviceUnitId, partnerIds);
        beneficiary.updatedAt = now;
        return beneficiary;
    }

    /**
     * The registration's rows by plain JDBC ({@link RegistrationRows}): the person, then its likely duplicates, its
     * event, timeline entry and audit row. The person answered is the one built here (version 0), with the numbers the
     * caller sent rather than opened again from their ciphertext.
     */
    private View write(Connection connection, Beneficiary beneficiary, Person person) {
        if (!rows.insertPerson(connection, beneficiary)) {
            // Registered before, or by an import or another registration that committed while the unique index made
            // this one wait: either way the caller is told of the record that holds the NIK.
            throw rows.holderOf(connection, beneficiary.nikHash).map(BeneficiaryService::duplicate)
                    .orElseGet(() -> new ProblemException(ProblemCode.CONFLICT, "a beneficiary with this NIK was registered meanwhile"));
        }
        View view = new View(beneficiary, person.nik(), person.kkNumber());
        rows.recordCandidates(connection, DuplicateService.likely(beneficiary, rows.sameBirthAndRegion(connection, beneficiary)));
        rows.recordRegistered(connection, beneficiary, caller.seesPersonalData()
                ? new RegistrationRows.Audit(PersonalDataAudit.unmaskedFields(view), audit.reader()) : null);
        return view;
    }

    @Transactional
    public View update(UUID id, long expectedVersion, Person person) {
        Beneficiary beneficiary = find(id);
        if (beneficiary.erasedAt != null) {
            throw new ProblemException(ProblemCode.CONFLICT, "this person's personal data was erased; the record keeps only"
                    + " what the programme's accounting needs and takes no new personal data");
        }
        access.requirePersonalDataShared(beneficiary, "the person's record");
        Versions.require("beneficiary", beneficiary.version, expectedVersion);
        validate(person);
        String nikHash = cipher.hash(person.nik(), "nik");
        if (!nikHash.equals(beneficiary.nikHash)) {
            Beneficiary.findByNikHash(nikHash).ifPresent(existing -> {
                throw duplicate(existing.id);
            });
        }
        UUID unit = access.unitFor(person.serviceUnitId(), beneficiary.serviceUnitId, "serviceUnitId");
        Set<UUID> partners = caller.ownPartner().isPresent() ? withOwnPartner(person.partnerIds()) : orEmpty(person.partnerIds());
        Set<UUID> added = new LinkedHashSet<>(partners);
        added.removeAll(List.of(beneficiary.partnerIds));
        BeneficiaryAccess.requireKnownPartners(added, "partnerIds");
        List<String> changed = changedFields(beneficiary, person, nikHash, unit, partners);
        if (changed.isEmpty()) {
            return view(beneficiary);
        }
        apply(beneficiary, person, unit, partners);
        OffsetDateTime now = Clocks.now(clock);
        beneficiary.updatedAt = now;
        Versions.flush(entityManager, "beneficiary");
        outbox.record(BeneficiaryUpdatedV1.of(beneficiary, changed, now));
        Timeline.add(beneficiary.id, now, "updated", "changed " + String.join(", ", changed), "beneficiary", null);
        duplicates.detect(beneficiary);
        return view(beneficiary);
    }

    /** The person, if the caller reaches it (see {@link BeneficiaryAccess}); out of reach is 404, as for an unknown id. */
    public Beneficiary find(UUID id) {
        return reachable(id).orElseThrow(() -> ProblemException.notFound("beneficiary", id));
    }

    /** The person, when it exists and the caller reaches it; empty for both other cases alike, so nothing leaks. */
    public Optional<Beneficiary> reachable(UUID id) {
        Beneficiary beneficiary = Beneficiary.findById(id);
        return beneficiary == null || !access.reaches(beneficiary) ? Optional.empty() : Optional.of(beneficiary);
    }

    public View get(UUID id) {
        return view(find(id));
    }

    public View view(Beneficiary beneficiary) {
        String nik = beneficiary.nikCipher == null ? null
                : cipher.open(new PersonalNumberCipher.Sealed(beneficiary.nikKeyId, beneficiary.nikCipher), "nik");
        String kk = beneficiary.kkCipher == null ? null
                : cipher.open(new PersonalNumberCipher.Sealed(beneficiary.kkKeyId, beneficiary.kkCipher), "kk");
        return new View(beneficiary, nik, kk);
    }

    private Set<UUID> withOwnPartner(Set<UUID> partnerIds) {
        Set<UUID> partners = new LinkedHashSet<>(orEmpty(partnerIds));
        caller.ownPartner().ifPresent(partners::add);
        return partners;
    }

    private static Set<UUID> orEmpty(Set<UUID> partnerIds) {
        return partnerIds == null ? Set.of() : partnerIds;
    }

    private void apply(Beneficiary beneficiary, Person person, UUID serviceUnitId, Set<UUID> partners) {
        beneficiary.fullName = person.fullName().strip();
        beneficiary.nameKey = NameKey.of(beneficiary.fullName);
        PersonalNumberCipher.Sealed nik = cipher.seal(person.nik(), "nik");
        String nikHash = cipher.hash(person.nik(), "nik");
        if (!nikHash.equals(beneficiary.nikHash)) {
            beneficiary.nikHash = nikHash;
            beneficiary.nikCipher = nik.ciphertext();
            beneficiary.nikKeyId = nik.keyId();
        }
        String kkHash = person.kkNumber() == null ? null : cipher.hash(person.kkNumber(), "kk");
        if (!Objects.equals(kkHash, beneficiary.kkHash)) {
            PersonalNumberCipher.Sealed kk = person.kkNumber() == null ? null : cipher.seal(person.kkNumber(), "kk");
            beneficiary.kkHash = kkHash;
            beneficiary.kkCipher = kk == null ? null : kk.ciphertext();
            beneficiary.kkKeyId = kk == null ? null : kk.keyId();
        }
        beneficiary.birthPlace = blankToNull(person.birthPlace());
        beneficiary.birthDate = person.birthDate();
        beneficiary.sex = person.sex();
        Address address = person.address() == null ? new Address(null, null, null, null, null) : person.address();
        beneficiary.provinceCode = address.provinceCode();
        beneficiary.regencyCode = address.regencyCode();
        beneficiary.districtCode = address.districtCode();
        beneficiary.villageCode = address.villageCode();
        beneficiary.addressLine = blankToNull(address.line());
        beneficiary.phone = blankToNull(person.phone());
        beneficiary.welfareId = blankToNull(person.welfareId());
        beneficiary.clusters = names(person.clusters());
        beneficiary.disabilityTypes = names(person.disabilityTypes());
        beneficiary.approach = person.approach();
        beneficiary.serviceUnitId = serviceUnitId;
        beneficiary.partnerIds = partners.stream().sorted().toArray(UUID[]::new);
    }

    private List<String> changedFields(Beneficiary b, Person p, String nikHash, UUID serviceUnitId, Set<UUID> partners) {
        Address a = p.address() == null ? new Address(null, null, null, null, null) : p.address();
        List<String> changed = new ArrayList<>();
        check(changed, "fullName", b.fullName, p.fullName().strip());
        check(changed, "nik", b.nikHash, nikHash);
        check(changed, "kkNumber", b.kkHash, p.kkNumber() == null ? null : cipher.hash(p.kkNumber(), "kk"));
        check(changed, "birthPlace", b.birthPlace, blankToNull(p.birthPlace()));
        check(changed, "birthDate", b.birthDate, p.birthDate());
        check(changed, "sex", b.sex, p.sex());
        check(changed, "address", List.of(Objects.toString(b.provinceCode), Objects.toString(b.regencyCode),
                        Objects.toString(b.districtCode), Objects.toString(b.villageCode), Objects.toString(b.addressLine)),
                List.of(Objects.toString(a.provinceCode()), Objects.toString(a.regencyCode()), Objects.toString(a.districtCode()),
                        Objects.toString(a.villageCode()), Objects.toString(blankToNull(a.line()))));
        check(changed, "phone", b.phone, blankToNull(p.phone()));
        check(changed, "welfareId", b.welfareId, blankToNull(p.welfareId()));
        check(changed, "clusters", Set.of(b.clusters), Set.of(names(p.clusters())));
        check(changed, "disabilityTypes", Set.of(b.disabilityTypes), Set.of(names(p.disabilityTypes())));
        check(changed, "approach", b.approach, p.approach());
        check(changed, "serviceUnitId", b.serviceUnitId, serviceUnitId);
        check(changed, "partnerIds", Set.of(b.partnerIds), partners);
        return changed;
    }

    private static void check(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    private static String[] names(Set<? extends Enum<?>> values) {
        return values == null ? new String[0] : values.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The checks of a person that need no database; a registration repeats them. */
    static void validate(Person person) {
        List<Problem.FieldError> problems = new ArrayList<>();
        Nik.problems(person.nik(), person.birthDate(), person.sex())
                .forEach(message -> problems.add(new Problem.FieldError("nik", message)));
        if (person.kkNumber() != null) {
            Nik.kkProblems(person.kkNumber()).forEach(message -> problems.add(new Problem.FieldError("kkNumber", message)));
        }
        if (person.address() != null) {
            Address a = person.address();
            Regions.problem(a.provinceCode(), a.regencyCode(), a.districtCode(), a.villageCode())
                    .ifPresent(problem -> problems.add(new Problem.FieldError("address." + problem.level().field(), problem.message())));
        }
        if (person.disabilityTypes() != null && !person.disabilityTypes().isEmpty()
                && (person.clusters() == null || !person.clusters().contains(Cluster.PERSONS_WITH_DISABILITIES))) {
            problems.add(new Problem.FieldError("disabilityTypes", "needs the PERSONS_WITH_DISABILITIES cluster"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", problems, Map.of());
        }
    }

    private static ProblemException duplicate(UUID existingId) {
        return new ProblemException(ProblemCode.CONFLICT, "a beneficiary with this NIK is registered already", List.of(),
                Map.of("existingId", existingId));
    }

    /** Helper for the timeline of the person's own changes. */
    static final class Timeline {

        private Timeline() {
        }

        static void add(UUID beneficiaryId, OffsetDateTime at, String kind, String summary, String source, String referenceId) {
            TimelineEntry entry = new TimelineEntry();
            entry.id = TimeOrderedIds.next();
            entry.beneficiaryId = beneficiaryId;
            entry.occurredAt = at;
            entry.kind = kind;
            entry.summary = summary;
            entry.source = source;
            entry.referenceId = referenceId;
            entry.persist();
        }
    }
}
