package id.atensi.aid.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.aid.domain.AidItem;
import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.DistributionStatus;
import id.atensi.aid.domain.FundingSource;
import id.atensi.aid.domain.Programme;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.events.KnownBeneficiary;
import id.atensi.aid.events.KnownCollective;
import id.atensi.aid.service.DistributionService.Checked;
import id.atensi.aid.service.DistributionService.Existing;
import id.atensi.aid.service.DistributionService.Proposal;
import id.atensi.commons.idempotency.IdempotencyKeys;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Many distributions of one programme proposed in one request, all or none: each is checked by exactly the rules of a
 * single proposal ({@link DistributionService#check}), under one lock of the programme, so that proposals arriving
 * one by one meanwhile wait and then see the whole batch (the duplicate guard included). What makes it fast is only
 * how it reads and writes: the read models, items and earlier distributions it needs are fetched in a few queries
 * before the checks, and the rows are written in JDBC batches.
 */
@ApplicationScoped
public class DistributionBatchService {

    /** The most distributions one request proposes; a larger list is split by the caller. */
    public static final int MAX_DISTRIBUTIONS = 10_000;
    /** How many refusals a refused batch lists: enough to fix a file, bounded for a batch that is wrong throughout. */
    static final int MAX_LISTED_REFUSALS = 100;
    /** Ids per IN list: far below PostgreSQL's limit of bind parameters per statement. */
    private static final int IDS_PER_QUERY = 1_000;

    private final DistributionService distributions;
    private final ProgrammeService programmes;
    private final EntityManager entityManager;
    private final IdempotencyKeys idempotencyKeys;
    private final Caller caller;
    private final ObjectMapper json;

    DistributionBatchService(DistributionService distributions, ProgrammeService programmes, EntityManager entityManager,
                             IdempotencyKeys idempotencyKeys, Caller caller, ObjectMapper json) {
        this.distributions = distributions;
        this.programmes = programmes;
        this.entityManager = entityManager;
        this.idempotencyKeys = idempotencyKeys;
        this.caller = caller;
        this.json = json;
    }

    /** One distribution the batch proposed, in the order of the request. */
    public record Proposed(UUID id, RecipientKind recipientKind, UUID recipientId, long totalIdr) {
    }

    /** The batch's answer as JSON, and whether it is a replay. */
    public record Answer(String body, boolean replayed) {
    }

    /**
     * {@link #propose(List)} made safe to retry: the same Idempotency-Key with the same request answers the first
     * answer, and proposes nothing again. The answer ({@code body} of what was proposed) names ids and amounts only,
     * so it is stored as it is.
     */
    @Transactional
    public Answer propose(List<Proposal> proposals, String idempotencyKey, String requestFingerprint, Function<List<Proposed>, Object> body) {
        UUID batchId = UUID.randomUUID();
        IdempotencyKeys.Outcome outcome = idempotencyKeys.once(caller.name(), idempotencyKey, "propose-distribution-batch", requestFingerprint, () -> {
            try {
                return IdempotencyKeys.Outcome.created(batchId, json.writeValueAsString(body.apply(propose(proposals))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a batch of ids and amounts is always JSON", e);
            }
        });
        return new Answer(outcome.body(), outcome.replayed());
    }

    /**
     * Proposes every distribution or none. A refusal of any of them refuses the batch with one problem listing each
     * refused distribution by its index ({@code refusals}: index, status, code, detail and the single proposal's
     * members such as {@code rule}); its status is the refusals' own when they share one, else 422.
     */
    private List<Proposed> propose(List<Proposal> proposals) {
        UUID programmeId = proposals.get(0).programmeId();
        for (int i = 0; i < proposals.size(); i++) {
            if (!programmeId.equals(proposals.get(i).programmeId())) {
                throw ProblemException.invalidField("distributions[" + i + "].programmeId", "a batch proposes for one programme: "
                        + programmeId + " as its first distribution names");
            }
        }
        Refusals refusals = new Refusals();
        List<UUID> channels = new ArrayList<>(proposals.size());
        for (int i = 0; i < proposals.size(); i++) {
            Proposal proposal = proposals.get(i);
            channels.add(refusals.attempt(i, () -> distributions.channelOf(proposal)));
        }
        Programme programme = distributions.openProgramme(programmeId);
        List<FundingSource> sources = programmes.fundingSources(programme.id);
        readAhead(proposals);
        Map<GivenItem, Existing> given = given(programme.id, proposals);

        List<Proposed> proposed = new ArrayList<>(proposals.size());
        for (int i = 0; i < proposals.size(); i++) {
            if (refusals.refused(i)) {
                continue;
            }
            Proposal proposal = proposals.get(i);
            UUID channel = channels.get(i);
            Checked checked = refusals.attempt(i, () -> distributions.check(programme, sources, proposal, channel,
                    (kind, recipientId, itemIds) -> firstGiven(given, kind, recipientId, itemIds)));
            if (checked == null) {
                continue;
            }
            int index = i;
            // Later ones of the batch are compared with this one by its index: its id would name nothing if the
            // batch were refused. Once one is refused nothing is stored, but the rest are still checked, so that the
            // caller sees every refusal.
            checked.items().keySet().forEach(itemId -> given.putIfAbsent(new GivenItem(proposal.recipientKind(), proposal.recipientId(), itemId),
                    Existing.inBatch(index, itemId)));
            if (refusals.none()) {
                Distribution distribution = distributions.store(checked);
                proposed.add(new Proposed(distribution.id, distribution.recipientKind, distribution.recipientId, distribution.totalIdr));
            }
        }
        refusals.throwIfAny(proposals.size());
        return proposed;
    }

    /**
     * Loads the recipients and items the proposals name into the persistence context, where the checks' look-ups by
     * id then find them without a query each.
     */
    private void readAhead(List<Proposal> proposals) {
        Set<UUID> people = new HashSet<>();
        Set<UUID> collectives = new HashSet<>();
        Set<UUID> items = new HashSet<>();
        for (Proposal proposal : proposals) {
            (proposal.recipientKind() == RecipientKind.PERSON ? people : collectives).add(proposal.recipientId());
            proposal.lines().forEach(line -> items.add(line.itemId()));
        }
        inChunks(people, chunk -> KnownBeneficiary.list("beneficiaryId in ?1", chunk));
        inChunks(collectives, chunk -> KnownCollective.list("id in ?1", chunk));
        inChunks(items, chunk -> AidItem.list("id in ?1", chunk));
    }

    /** The same item to the same recipient: what the duplicate guard looks for. */
    private record GivenItem(RecipientKind kind, UUID recipientId, UUID itemId) {
    }

    /** The items the programme's counted distributions already give the proposals' recipients, the earliest first. */
    private Map<GivenItem, Existing> given(UUID programmeId, List<Proposal> proposals) {
        Set<UUID> recipients = new HashSet<>();
        proposals.forEach(proposal -> recipients.add(proposal.recipientId()));
        Map<GivenItem, Existing> given = new HashMap<>();
        List<String> counted = DistributionStatus.where(DistributionStatus::counts).stream().map(Enum::name).toList();
        inChunks(recipients, chunk -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                            SELECT d.recipient_kind, d.recipient_id, l.item_id, d.id
                            FROM distribution d JOIN distribution_line l ON l.distribution_id = d.id
                            WHERE d.programme_id = :programme AND d.status IN (:counted) AND d.recipient_id IN (:recipients)
                            ORDER BY d.proposed_at""")
                    .setParameter("programme", programmeId)
                    .setParameter("counted", counted)
                    .setParameter("recipients", chunk)
                    .getResultList();
            for (Object[] row : rows) {
                given.putIfAbsent(new GivenItem(RecipientKind.valueOf((String) row[0]), (UUID) row[1], (UUID) row[2]),
                        Existing.stored((UUID) row[3], (UUID) row[2]));
            }
        });
        return given;
    }

    private static Optional<Existing> firstGiven(Map<GivenItem, Existing> given, RecipientKind kind, UUID recipientId, Set<UUID> itemIds) {
        return itemIds.stream().map(itemId -> given.get(new GivenItem(kind, recipientId, itemId))).filter(Objects::nonNull).findFirst();
    }

    private static void inChunks(Collection<UUID> ids, Consumer<List<UUID>> query) {
        List<UUID> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            query.accept(all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY)));
        }
    }

    /** The refusals of a batch's distributions, by index. */
    private static final class Refusals {

        private final Map<Integer, ProblemException> byIndex = new LinkedHashMap<>();

        <T> T attempt(int index, Supplier<T> step) {
            try {
                return step.get();
            } catch (ProblemException refused) {
                byIndex.put(index, refused);
                return null;
            }
        }

        boolean refused(int index) {
            return byIndex.containsKey(index);
        }

        boolean none() {
            return byIndex.isEmpty();
        }

        void throwIfAny(int size) {
            if (byIndex.isEmpty()) {
                return;
            }
            Set<ProblemCode> codes = new HashSet<>();
            List<Problem.FieldError> fieldErrors = new ArrayList<>();
            List<Map<String, Object>> listed = new ArrayList<>();
            byIndex.forEach((index, refused) -> {
                codes.add(refused.code());
                if (listed.size() >= MAX_LISTED_REFUSALS) {
                    return;
                }
                refused.fieldErrors().forEach(error -> fieldErrors.add(new Problem.FieldError("distributions[" + index + "]." + error.field(),
                        error.message())));
                Map<String, Object> refusal = new LinkedHashMap<>(refused.properties());
                refusal.put("index", index);
                refusal.put("status", refused.code().status());
                refusal.put("code", refused.code().code());
                refusal.put("detail", refused.getMessage());
                listed.add(refusal);
            });
            ProblemCode code = codes.size() == 1 ? codes.iterator().next() : ProblemCode.UNPROCESSABLE;
            throw new ProblemException(code, byIndex.size() + " of the " + size + " distributions were refused, so none was proposed"
                    + (byIndex.size() > listed.size() ? " (the first " + listed.size() + " are listed)" : ""),
                    fieldErrors, Map.of("refusals", listed, "refusedCount", byIndex.size()));
        }
    }
}
