package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.DuplicateCandidate;
import id.atensi.beneficiary.events.BeneficiaryMergedV1;
import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Likely duplicates: same birth date, same regency (or province when no regency is known) and names whose folded
 * keys are at most a few edits apart. Detected when a person is registered or updated, kept for review; listed by
 * {@link DuplicateQueries}.
 */
@ApplicationScoped
public class DuplicateService {

    private final EventOutbox outbox;
    private final Caller caller;
    private final BeneficiaryAccess access;
    private final EntityManager entityManager;
    private final Clock clock;

    DuplicateService(EventOutbox outbox, Caller caller, BeneficiaryAccess access, EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.caller = caller;
        this.access = access;
        this.clock = clock;
    }

    /** Records a candidate for each likely duplicate of {@code person} not yet paired with it; joins the caller's transaction. */
    @Transactional
    public void detect(Beneficiary person) {
        String regionColumn = person.regencyCode != null ? "regencyCode" : person.provinceCode != null ? "provinceCode" : null;
        if (regionColumn == null) {
            return;
        }
        String region = person.regencyCode != null ? person.regencyCode : person.provinceCode;
        // Only the two columns compared: whole people would be read, kept in the persistence context and dirty-checked
        // at every flush of the registration's transaction, for a name key each.
        List<NameOf> sameBirthAndRegion = entityManager.createQuery("select b.id, b.nameKey from Beneficiary b"
                        + " where b.birthDate = :birthDate and b." + regionColumn + " = :region and b.id <> :id and b.mergedInto is null",
                        NameOf.class)
                .setParameter("birthDate", person.birthDate).setParameter("region", region).setParameter("id", person.id)
                .getResultList();
        recordLikely(person, sameBirthAndRegion);
    }

    /**
     * Records a candidate for each of {@code sameBirthAndRegion} (people born the same day in the person's regency, or
     * province when no regency is known) whose name is close enough and that is not yet paired with the person.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordLikely(Beneficiary person, List<NameOf> sameBirthAndRegion) {
        for (DuplicateCandidate candidate : likely(person, sameBirthAndRegion)) {
            if (DuplicateCandidate.count("firstId = ?1 and secondId = ?2", candidate.firstId, candidate.secondId) == 0) {
                candidate.persist();
            }
        }
    }

    /**
     * The open pairs {@code person} makes with those of {@code sameBirthAndRegion} whose names are close enough, not
     * stored: {@link #recordLikely} stores the new ones, a registration writes them with its other rows.
     */
    static List<DuplicateCandidate> likely(Beneficiary person, List<NameOf> sameBirthAndRegion) {
        String region = person.regencyCode != null ? person.regencyCode : person.provinceCode;
        List<DuplicateCandidate> pairs = new ArrayList<>();
        for (NameOf other : sameBirthAndRegion) {
            int distance = distance(person.nameKey, other.nameKey());
            if (distance > Math.max(2, Math.max(person.nameKey.length(), other.nameKey().length()) / 5)) {
                continue;
            }
            // PostgreSQL orders uuids as unsigned bytes, as their text sorts; UUID.compareTo compares signed longs
            UUID first = person.id.toString().compareTo(other.id().toString()) < 0 ? person.id : other.id();
            UUID second = first.equals(person.id) ? other.id() : person.id;
            DuplicateCandidate candidate = new DuplicateCandidate();
            candidate.id = UUID.randomUUID();
            candidate.firstId = first;
            candidate.secondId = second;
            candidate.reason = "same birth date " + person.birthDate + ", same region " + region
                    + (distance == 0 ? ", same name" : ", names " + distance + " edit(s) apart");
            candidate.status = DuplicateCandidate.Status.OPEN;
            // the moment of the registration or update that revealed the pair, taken from the service's clock
            candidate.detectedAt = person.updatedAt;
            pairs.add(candidate);
        }
        return pairs;
    }

    /** A person's id and folded name key, all that the likely-duplicate check compares. */
    public record NameOf(UUID id, String nameKey) {
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The pair, in the caller's sight and resolvable by it, if it may still become {@code resolution}. */
    private DuplicateCandidate resolvable(UUID id, DuplicateCandidate.Status resolution) {
        DuplicateCandidate candidate = DuplicateCandidate.findById(id);
        if (candidate == null || !access.sees(candidate)) {
            throw ProblemException.notFound("duplicate candidate", id);
        }
        access.requireResolvable(candidate);
        if (!candidate.status.allowedTransitions().contains(resolution)) {
            throw ProblemException.illegalTransition("the duplicate candidate", candidate.status, resolution,
                    candidate.status.allowedTransitions());
        }
        return candidate;
    }

    /** The survivor takes the merged record's partners; the merged record stays, pointing to the survivor. */
    @Transactional
    public DuplicateCandidate merge(UUID id, UUID survivorId) {
        DuplicateCandidate candidate = resolvable(id, DuplicateCandidate.Status.MERGED);
        if (!survivorId.equals(candidate.firstId) && !survivorId.equals(candidate.secondId)) {
            throw ProblemException.invalidField("survivorId", "must be one of the pair: " + candidate.firstId + " or " + candidate.secondId);
        }
        UUID mergedId = survivorId.equals(candidate.firstId) ? candidate.secondId : candidate.firstId;
        Beneficiary survivor = Beneficiary.findById(survivorId);
        Beneficiary merged = Beneficiary.findById(mergedId);
        if (survivor.mergedInto != null || merged.mergedInto != null) {
            throw new ProblemException(ProblemCode.CONFLICT, "one of the pair was merged into a third record already");
        }
        OffsetDateTime now = Clocks.now(clock);
        Set<UUID> partners = new LinkedHashSet<>(List.of(survivor.partnerIds));
        partners.addAll(List.of(merged.partnerIds));
        survivor.partnerIds = partners.stream().sorted().toArray(UUID[]::new);
        survivor.updatedAt = now;
        merged.mergedInto = survivorId;
        merged.updatedAt = now;
        candidate.status = DuplicateCandidate.Status.MERGED;
        candidate.survivorId = survivorId;
        candidate.resolvedBy = caller.name();
        candidate.resolvedAt = now;
        outbox.record(new BeneficiaryMergedV1(mergedId, survivorId, now));
        BeneficiaryService.Timeline.add(mergedId, now, "merged", "merged into " + survivorId, "beneficiary", candidate.id.toString());
        BeneficiaryService.Timeline.add(survivorId, now, "merged", "absorbed duplicate record " + mergedId, "beneficiary",
                candidate.id.toString());
        return candidate;
    }

    @Transactional
    public DuplicateCandidate dismiss(UUID id) {
        DuplicateCandidate candidate = resolvable(id, DuplicateCandidate.Status.DISMISSED);
        candidate.status = DuplicateCandidate.Status.DISMISSED;
        candidate.resolvedBy = caller.name();
        candidate.resolvedAt = Clocks.now(clock);
        return candidate;
    }
}
