package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.BeneficiaryStatus;
import id.atensi.beneficiary.domain.NameKey;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.commons.paging.Page;
import id.atensi.commons.rest.DateParameters;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.ConsentPurpose;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The registry's lists and counts: search by name (folded, trigram-indexed), personal number (keyed hash), region,
 * cluster, status, unit and partner, and counts by one dimension. An officer's and a partner's results are limited to
 * what they reach (see {@link BeneficiaryAccess}); personal numbers are opened for the caller to mask or show.
 */
@ApplicationScoped
public class BeneficiaryQueries {

    private final BeneficiaryService beneficiaries;
    private final PersonalNumberCipher cipher;
    private final Caller caller;
    private final EntityManager entityManager;
    private final BeneficiaryAccess access;
    private final Clock clock;

    BeneficiaryQueries(BeneficiaryService beneficiaries, PersonalNumberCipher cipher, Caller caller, EntityManager entityManager,
                       BeneficiaryAccess access, Clock clock) {
        this.beneficiaries = beneficiaries;
        this.cipher = cipher;
        this.caller = caller;
        this.entityManager = entityManager;
        this.access = access;
        this.clock = clock;
    }

    /** Filters of the list; all optional and combined with AND. */
    public record Search(String name, String nik, String kkNumber, String provinceCode, String regencyCode, String districtCode,
                         String villageCode, Cluster cluster, BeneficiaryStatus status, UUID serviceUnitId, UUID partnerId,
                         String sort) {
    }

    /**
     * Sorting a partner's list by these orders people by their personal data, which tells it something of people whose
     * consent does not hold: such a list holds only people whose consent does.
     */
    private static final Set<String> PERSONAL_SORTS = Set.of("name_key", "birth_date");

    /**
     * Whether a partner's search matches on personal data: it then finds only people whose PARTNER_SHARING consent
     * holds, since a match would tell the partner a name, a number or a place of someone who did not agree to it.
     */
    private static boolean matchesPersonalData(Search search, List<String> nameTokens) {
        return !nameTokens.isEmpty() || search.nik() != null || search.kkNumber() != null || search.cluster() != null
                || Stream.of(search.provinceCode(), search.regencyCode(), search.districtCode(), search.villageCode())
                .anyMatch(code -> code != null && !code.isBlank());
    }

    private static final Map<String, String> SORTS = Map.of(
            "fullName", "name_key", "registeredAt", "registered_at", "birthDate", "birth_date", "updatedAt", "updated_at");

    public Page<BeneficiaryService.View> search(Search search, int page, int size) {
        List<String> where = new ArrayList<>();
        where.add("merged_into IS NULL");
        Map<String, Object> parameters = new HashMap<>();
        List<String> tokens = Arrays.stream(NameKey.of(search.name()).split(" ")).filter(token -> !token.isBlank()).toList();
        for (int i = 0; i < tokens.size(); i++) {
            where.add("name_key LIKE :name" + i);
            parameters.put("name" + i, "%" + tokens.get(i) + "%");
        }
        provinceTrigrams(search.provinceCode(), tokens).ifPresent(keys -> {
            where.add("province_name_trigrams(province_code, name_key) @> CAST(:provinceTrigrams AS text[])");
            parameters.put("provinceTrigrams", keys);
        });
        if (search.nik() != null) {
            where.add("nik_hash = :nikHash");
            parameters.put("nikHash", cipher.hash(search.nik().strip(), "nik"));
        }
        if (search.kkNumber() != null) {
            where.add("kk_hash = :kkHash");
            parameters.put("kkHash", cipher.hash(search.kkNumber().strip(), "kk"));
        }
        equal(where, parameters, "province_code", search.provinceCode());
        equal(where, parameters, "regency_code", search.regencyCode());
        equal(where, parameters, "district_code", search.districtCode());
        equal(where, parameters, "village_code", search.villageCode());
        if (search.cluster() != null) {
            where.add("CAST(:cluster AS text) = ANY(clusters)");
            parameters.put("cluster", search.cluster().name());
        }
        if (search.status() != null) {
            where.add("status = :status");
            parameters.put("status", search.status().name());
        }
        UUID unit = access.unitScope().orElse(search.serviceUnitId());
        if (unit != null) {
            where.add("service_unit_id = :unit");
            parameters.put("unit", unit);
        }
        if (search.serviceUnitId() != null && !search.serviceUnitId().equals(unit)) {
            return new Page<>(List.of(), page, size, 0);
        }
        UUID partner = caller.ownPartner().orElse(search.partnerId());
        if (partner != null) {
            where.add("CAST(:partner AS uuid) = ANY(partner_ids)");
            parameters.put("partner", partner.toString());
        }
        if (caller.ownPartner().isPresent() && search.partnerId() != null && !search.partnerId().equals(partner)) {
            return new Page<>(List.of(), page, size, 0);
        }
        boolean partnerCaller = caller.ownPartner().isPresent();
        String sort = search.sort() == null || search.sort().isBlank() ? (partnerCaller ? "registeredAt" : "fullName") : search.sort();
        boolean descending = sort.startsWith("-");
        String column = SORTS.get(descending ? sort.substring(1) : sort);
        if (column == null) {
            throw ProblemException.invalidField("sort", "must be one of " + new TreeSet<>(SORTS.keySet())
                    + ", with - in front for descending");
        }
        if (partnerCaller && (matchesPersonalData(search, tokens) || PERSONAL_SORTS.contains(column))) {
            where.add(ConsentRegister.holdsFor(ConsentPurpose.PARTNER_SHARING));
        }
        String condition = " WHERE " + String.join(" AND ", where);
        String direction = descending ? " DESC" : " ASC";
        if (!tokens.isEmpty()) {
            boolean withinUnitOnly = "name_key".equals(column) && partner == null && search.nik() == null && search.kkNumber() == null
                    && search.cluster() == null && search.status() == null
                    && Stream.of(search.provinceCode(), search.regencyCode(), search.districtCode(), search.villageCode())
                    .allMatch(code -> code == null || code.isBlank());
            // The search table holds only people not merged: every condition but the first applies to it as it is.
            String matches = withinUnitOnly
                    ? "beneficiary_name_search WHERE " + String.join(" AND ", where.subList(1, where.size()))
                    : "beneficiary" + condition;
            return QuarkusTransaction.joiningExisting().call(() -> searchByName(matches, column, direction, parameters, page, size));
        }
        Query select = entityManager.createNativeQuery("SELECT * FROM beneficiary" + condition + " ORDER BY " + column + direction + ", id",
                Beneficiary.class);
        parameters.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Beneficiary> found = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new Page<>(found.stream().map(beneficiaries::view).toList(), page, size, count("beneficiary" + condition, parameters));
    }

    /**
     * A name search reads every match to count them (the page's total) and to sort them, so it does both in one
     * statement over the matches' ids and sort keys only, and reads the full rows of the page's people alone
     * afterwards. A search by name alone (within the caller's unit, sorted by name) finds, counts and sorts its matches
     * in beneficiary_name_search (V41), which stays in memory: for a name 5% of a million people share, 130-270 ms at load
     * 17 instead of 780-1,600 ms reading each match's row from the table. Other filters need the table's columns, and
     * narrow it down first (a province's trigram keys, a partner's people). Only a page past the last match needs a
     * second statement for the total.
     * <p>
     * {@code matches} is the table and condition that select the matches ({@code id} and {@code name_key} among
     * its columns). Planned for its parameters every time (in the caller's transaction or its own): once pgjdbc prepares
     * the statement on the server, PostgreSQL may switch to a generic plan, which cannot see how few people a
     * province's trigram keys select (it guesses 0.5%) and so ANDs the region or the plain trigram index in: 16-19 ms
     * instead of 3.5 ms at a million people.
     */
    private Page<BeneficiaryService.View> searchByName(String matches, String column, String direction, Map<String, Object> parameters,
                                                       int page, int size) {
        entityManager.createNativeQuery("SET LOCAL plan_cache_mode = force_custom_plan").executeUpdate();
        // The matches' ids and sort keys, counted and kept until the page is cut: 50,000 of them take ~5 MB, over the
        // default 4 MB, and would go to a temporary file.
        entityManager.createNativeQuery("SET LOCAL work_mem = '16MB'").executeUpdate();
        // Ordering by the bare name_key would let the planner walk the table's name_key btree in order, hoping to meet a
        // page of matches early (seconds at a million rows when the matches sort late); the trigram index finds them.
        String order = ("name_key".equals(column) ? "name_key || ''" : column) + direction + ", id";
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> select = entityManager.createNativeQuery("SELECT b.*, found.matches FROM (SELECT id, " + column
                        + " AS sort_key, count(*) OVER () AS matches FROM " + matches + " ORDER BY " + order
                        + " LIMIT :pageSize OFFSET :pageStart) found JOIN beneficiary b ON b.id = found.id"
                        + " ORDER BY found.sort_key" + direction + ", found.id")
                .unwrap(NativeQuery.class)
                .addEntity("b", Beneficiary.class)
                .addScalar("matches", StandardBasicTypes.LONG);
        parameters.forEach(select::setParameter);
        select.setParameter("pageSize", size);
        select.setParameter("pageStart", (long) page * size);
        List<Object[]> rows = select.getResultList();
        long total = !rows.isEmpty() ? (Long) rows.get(0)[1] : page == 0 ? 0 : count(matches, parameters);
        return new Page<>(rows.stream().map(row -> beneficiaries.view((Beneficiary) row[0])).toList(), page, size, total);
    }

    /** How many rows {@code matches} (a table and its condition) selects. */
    private long count(String matches, Map<String, Object> parameters) {
        Query count = entityManager.createNativeQuery("SELECT count(*) FROM " + matches);
        parameters.forEach(count::setParameter);
        return ((Number) count.getSingleResult()).longValue();
    }

    /**
     * The keys of the province-keyed trigram index (V13) that a person of this province must have for its name to hold
     * every fragment: each three letters of each fragment, which pg_trgm's show_trgm gives for any word holding the
     * fragment. Fragments shorter than three letters give none. Only for a province code (digits): anything else finds
     * nobody anyway, and digits and folded names need no quoting in the array literal.
     */
    static Optional<String> provinceTrigrams(String provinceCode, List<String> tokens) {
        String province = provinceCode == null ? "" : provinceCode.strip();
        if (!province.matches("\\d+")) {
            return Optional.empty();
        }
        Set<String> keys = new TreeSet<>();
        for (String token : tokens) {
            for (int i = 0; i + 3 <= token.length(); i++) {
                keys.add(province + ":" + token.substring(i, i + 3));
            }
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of("{" + String.join(",", keys) + "}");
    }

    /** One group of a count: its key (a cluster, region code, status or unit id; null for "not recorded") and how many. */
    public record Count(String key, long count) {
    }

    /** Counts by what is personal (a person's cluster, where they live) include, for a partner, only consenting people. */
    private static final Set<String> PERSONAL_COUNTS = Set.of("cluster", "province", "regency");

    private static final Map<String, String> COUNT_KEYS = Map.of(
            "cluster", "c", "province", "province_code", "regency", "regency_code", "status", "status",
            "serviceUnit", "CAST(service_unit_id AS text)");

    /**
     * What a count is narrowed to: people registered on the days from {@code from} to {@code to}, both included, in the
     * programme's time zone (a day of the dashboard is a day in Jakarta), and one service unit's people.
     */
    public record CountFilter(Optional<LocalDate> from, Optional<LocalDate> to, Optional<UUID> serviceUnitId) {

        /** From the query's text; 400 naming the parameter for a date that is not YYYY-MM-DD, a period ending before it begins, or no UUID. */
        public static CountFilter parse(String from, String to, String serviceUnitId) {
            Optional<LocalDate> first = Optional.ofNullable(DateParameters.parse("from", from));
            Optional<LocalDate> last = Optional.ofNullable(DateParameters.parse("to", to));
            if (first.isPresent() && last.isPresent() && last.get().isBefore(first.get())) {
                throw ProblemException.invalidField("to", "must not be before from (" + first.get() + ")");
            }
            Optional<UUID> unit = Optional.empty();
            if (serviceUnitId != null && !serviceUnitId.isBlank()) {
                try {
                    unit = Optional.of(UUID.fromString(serviceUnitId.strip()));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalidField("serviceUnitId", "must be a UUID");
                }
            }
            return new CountFilter(first, last, unit);
        }
    }

    /**
     * People counted by one dimension (a person in two clusters counts in both); a partner counts only its own people,
     * an officer only its unit's; the filter narrows that further.
     */
    public List<Count> counts(String by, CountFilter filter) {
        String key = COUNT_KEYS.get(by);
        if (key == null) {
            throw ProblemException.invalidField("by", "must be one of " + new TreeSet<>(COUNT_KEYS.keySet()));
        }
        String from = "cluster".equals(by) ? "beneficiary, unnest(clusters) AS c" : "beneficiary";
        Optional<UUID> partner = caller.ownPartner();
        Optional<UUID> unit = access.unitScope();
        List<String> where = new ArrayList<>();
        if (partner.isPresent()) {
            where.add("CAST(:partner AS uuid) = ANY(partner_ids)");
            if (PERSONAL_COUNTS.contains(by)) {
                where.add(ConsentRegister.holdsFor(ConsentPurpose.PARTNER_SHARING));
            }
        } else if (unit.isPresent()) {
            where.add("service_unit_id = :unit");
        }
        ZoneId zone = clock.getZone();
        filter.from().ifPresent(day -> where.add("registered_at >= :registeredFrom"));
        filter.to().ifPresent(day -> where.add("registered_at < :registeredBefore"));
        filter.serviceUnitId().ifPresent(id -> where.add("service_unit_id = :filterUnit"));
        Query query = entityManager.createNativeQuery("SELECT " + key + " AS k, count(*) FROM " + from
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " GROUP BY k ORDER BY count(*) DESC, k");
        partner.ifPresent(p -> query.setParameter("partner", p.toString()));
        if (partner.isEmpty()) {
            unit.ifPresent(u -> query.setParameter("unit", u));
        }
        filter.from().ifPresent(day -> query.setParameter("registeredFrom", day.atStartOfDay(zone).toOffsetDateTime()));
        filter.to().ifPresent(day -> query.setParameter("registeredBefore", day.plusDays(1).atStartOfDay(zone).toOffsetDateTime()));
        filter.serviceUnitId().ifPresent(id -> query.setParameter("filterUnit", id));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new Count(row[0] == null ? null : row[0].toString(), ((Number) row[1]).longValue())).toList();
    }

    private static void equal(List<String> where, Map<String, Object> parameters, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.add(column + " = :" + column);
            parameters.put(column, value.strip());
        }
    }
}
