package id.atensi.beneficiary.registry.service;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.beneficiary.registry.domain.RegistryCondition;
import id.atensi.beneficiary.registry.domain.RegistryCondition.AllOf;
import id.atensi.beneficiary.registry.domain.RegistryCondition.AnyOf;
import id.atensi.beneficiary.registry.domain.RegistryCondition.Comparison;
import id.atensi.beneficiary.registry.domain.RegistryCondition.Not;
import id.atensi.beneficiary.registry.domain.RegistryOperator;
import id.atensi.beneficiary.registry.domain.SearchItem;
import id.atensi.beneficiary.registry.domain.SearchItem.SortKey;
import id.atensi.vocabulary.ConsentPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.jpa.HibernateHints;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The people one search request finds among those another registry may see: not merged away, not erased, and whose
 * consent holds for REGISTRY_EXCHANGE and for the purpose the caller declared. The condition is written as SQL with
 * every value a parameter.
 */
@ApplicationScoped
public class RegistryQueries {

    private final EntityManager entityManager;
    private final PersonalNumberCipher cipher;

    RegistryQueries(EntityManager entityManager, PersonalNumberCipher cipher) {
        this.entityManager = entityManager;
        this.cipher = cipher;
    }

    public record Found(List<Beneficiary> people, long total) {
    }

    public Found find(SearchItem item, LocalDate today, ZoneId zone) {
        Sql sql = new Sql(today, zone);
        List<String> where = new ArrayList<>();
        where.add("merged_into IS NULL");
        where.add("erased_at IS NULL");
        where.add(consented(ConsentPurpose.REGISTRY_EXCHANGE));
        if (item.purpose() != ConsentPurpose.REGISTRY_EXCHANGE) {
            where.add(consented(item.purpose()));
        }
        item.nikLookup().ifPresent(nik -> where.add("nik_hash = " + sql.parameter(cipher.hash(nik, "nik"))));
        item.condition().ifPresent(condition -> where.add(sql.condition(condition)));
        String filter = String.join(" AND ", where);
        Query select = entityManager.createNativeQuery("SELECT * FROM beneficiary WHERE " + filter + " ORDER BY " + order(item.sort()),
                Beneficiary.class);
        sql.parameters.forEach(select::setParameter);
        // Answers are read, never changed: without snapshots, the audit rows of a 1,000-request message do not make
        // Hibernate dirty-check every person loaded before them at each flush.
        select.setHint(HibernateHints.HINT_READ_ONLY, true);
        if (item.nikLookup().isPresent()) {
            // nik_hash is unique: the one row, if any, is the whole result, and counting it again would double the
            // queries of an identifier batch.
            @SuppressWarnings("unchecked")
            List<Beneficiary> matched = select.getResultList();
            boolean onPage = item.pageNumber() == 1 && !matched.isEmpty();
            return new Found(onPage ? matched : List.of(), matched.size());
        }
        Query count = entityManager.createNativeQuery("SELECT count(*) FROM beneficiary WHERE " + filter);
        sql.parameters.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total == 0 || (long) (item.pageNumber() - 1) * item.pageSize() >= total) {
            return new Found(List.of(), total);
        }
        select.setFirstResult((item.pageNumber() - 1) * item.pageSize());
        select.setMaxResults(item.pageSize());
        @SuppressWarnings("unchecked")
        List<Beneficiary> people = select.getResultList();
        return new Found(people, total);
    }

    /**
     * What the message's identifier requests find, one statement per declared purpose rather than one per request (a
     * 1,000-identifier message was 1,000 round trips and 1,000 Hibernate queries), each answer as {@link #find} gives it,
     * keyed by the request's position in the message. Requests it does not cover (queries, refused ones) are absent.
     */
    public Map<Integer, Found> findIdentified(List<SearchItem> items) {
        Map<ConsentPurpose, Map<String, List<Integer>>> wanted = new EnumMap<>(ConsentPurpose.class);
        for (int position = 0; position < items.size(); position++) {
            SearchItem item = items.get(position);
            if (item.refusal().isEmpty() && item.nikLookup().isPresent() && item.condition().isEmpty()) {
                wanted.computeIfAbsent(item.purpose(), purpose -> new LinkedHashMap<>())
                        .computeIfAbsent(cipher.hash(item.nikLookup().get(), "nik"), hash -> new ArrayList<>()).add(position);
            }
        }
        Map<Integer, Found> found = new HashMap<>();
        wanted.forEach((purpose, positionsByHash) -> {
            List<String> where = new ArrayList<>();
            where.add("nik_hash = ANY (CAST(:hashes AS text[]))");
            where.add("merged_into IS NULL");
            where.add("erased_at IS NULL");
            where.add(consented(ConsentPurpose.REGISTRY_EXCHANGE));
            if (purpose != ConsentPurpose.REGISTRY_EXCHANGE) {
                where.add(consented(purpose));
            }
            Query select = entityManager.createNativeQuery("SELECT * FROM beneficiary WHERE " + String.join(" AND ", where), Beneficiary.class);
            // Hex digests: nothing in them needs quoting in an array literal.
            select.setParameter("hashes", "{" + String.join(",", positionsByHash.keySet()) + "}");
            select.setHint(HibernateHints.HINT_READ_ONLY, true);
            @SuppressWarnings("unchecked")
            List<Beneficiary> matched = select.getResultList();
            Map<String, Beneficiary> byHash = new HashMap<>();
            matched.forEach(person -> byHash.put(person.nikHash, person));
            positionsByHash.forEach((hash, positions) -> {
                Beneficiary person = byHash.get(hash);
                for (int position : positions) {
                    boolean onPage = person != null && items.get(position).pageNumber() == 1;
                    found.put(position, new Found(onPage ? List.of(person) : List.of(), person == null ? 0 : 1));
                }
            });
        });
        return found;
    }

    /**
     * Which of these people another registry may see for the purpose and meet the condition, in one statement: a held
     * notify envelope asks it for up to a few hundred people at once (one query per person was one transaction each).
     */
    public Map<UUID, Beneficiary> findVisible(Collection<UUID> ids, RegistryCondition condition, ConsentPurpose purpose,
                                              LocalDate today, ZoneId zone) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Sql sql = new Sql(today, zone);
        List<String> where = new ArrayList<>();
        // UUIDs: nothing in them needs quoting in an array literal.
        where.add("id = ANY (CAST(" + sql.parameter(ids.stream().map(UUID::toString).distinct().collect(Collectors.joining(",", "{", "}")))
                + " AS uuid[]))");
        where.add("merged_into IS NULL");
        where.add("erased_at IS NULL");
        where.add(consented(ConsentPurpose.REGISTRY_EXCHANGE));
        if (purpose != ConsentPurpose.REGISTRY_EXCHANGE) {
            where.add(consented(purpose));
        }
        where.add(sql.condition(condition));
        Query select = entityManager.createNativeQuery("SELECT * FROM beneficiary WHERE " + String.join(" AND ", where), Beneficiary.class);
        sql.parameters.forEach(select::setParameter);
        // Read to be sent, never changed: the audit rows persisted after them need no dirty check of every person.
        select.setHint(HibernateHints.HINT_READ_ONLY, true);
        @SuppressWarnings("unchecked")
        List<Beneficiary> found = select.getResultList();
        Map<UUID, Beneficiary> byId = new HashMap<>();
        found.forEach(person -> byId.put(person.id, person));
        return byId;
    }

    private static String consented(ConsentPurpose purpose) {
        return "id IN (SELECT beneficiary_id FROM consent_state WHERE purpose = '" + purpose.name() + "' AND given)";
    }

    private static String order(List<SortKey> sort) {
        List<String> keys = new ArrayList<>();
        for (SortKey key : sort) {
            boolean descending = key.descending();
            String column = switch (key.attribute()) {
                case "registration_date" -> "registered_at";
                case "birth_date" -> "birth_date";
                case "age" -> {
                    descending = !descending;
                    yield "birth_date";
                }
                default -> throw new IllegalArgumentException("unsortable " + key.attribute());
            };
            keys.add(column + (descending ? " DESC" : " ASC"));
        }
        keys.add("registered_at ASC");
        keys.add("id ASC");
        return String.join(", ", keys);
    }

    /** Writes conditions as SQL, collecting their values as named parameters. */
    private static final class Sql {

        private final LocalDate today;
        private final ZoneId zone;
        private final Map<String, Object> parameters = new LinkedHashMap<>();

        Sql(LocalDate today, ZoneId zone) {
            this.today = today;
            this.zone = zone;
        }

        String parameter(Object value) {
            String name = "p" + parameters.size();
            parameters.put(name, value);
            return ":" + name;
        }

        String condition(RegistryCondition condition) {
            if (condition instanceof AllOf all) {
                return all.parts().stream().map(this::condition).collect(Collectors.joining(" AND ", "(", ")"));
            }
            if (condition instanceof AnyOf any) {
                return any.parts().stream().map(this::condition).collect(Collectors.joining(" OR ", "(", ")"));
            }
            if (condition instanceof Not not) {
                return "NOT " + condition(not.part());
            }
            return comparison((Comparison) condition);
        }

        private String comparison(Comparison comparison) {
            List<String> values = comparison.values();
            RegistryOperator operator = comparison.operator();
            return switch (comparison.attribute()) {
                case SEX -> "sex IN " + list(values.stream().map(value -> value.toUpperCase(Locale.ROOT)).toList());
                case CASE_STATUS -> "status IN " + list(values.stream().map(value -> value.toUpperCase(Locale.ROOT)).toList());
                case CLUSTER -> "clusters && CAST(" + parameter(array(values)) + " AS text[])";
                case DISABILITY_TYPE -> "disability_types && CAST(" + parameter(array(values)) + " AS text[])";
                case REGION -> values.stream().map(this::region).collect(Collectors.joining(" OR ", "(", ")"));
                case BIRTH_DATE -> operator == RegistryOperator.IN
                        ? "birth_date IN " + list(values.stream().map(value -> (Object) LocalDate.parse(value)).toList())
                        : "birth_date " + operator.sql() + " " + parameter(LocalDate.parse(values.get(0)));
                case REGISTRATION_DATE -> operator == RegistryOperator.IN
                        ? "CAST(registered_at AT TIME ZONE '" + zone.getId() + "' AS date) IN " + list(values.stream().map(value -> (Object) LocalDate.parse(value)).toList())
                        : "CAST(registered_at AT TIME ZONE '" + zone.getId() + "' AS date) " + operator.sql() + " " + parameter(LocalDate.parse(values.get(0)));
                case AGE -> operator == RegistryOperator.IN
                        ? values.stream().map(value -> age(RegistryOperator.EQ, Integer.parseInt(value))).collect(Collectors.joining(" OR ", "(", ")"))
                        : age(operator, Integer.parseInt(values.get(0)));
            };
        }

        /**
         * Age in whole years as a range of birth dates, so that the birth_date index serves it: a person is at least
         * {@code n} when born on or before today n years ago, and younger than {@code n} when born after it.
         */
        private String age(RegistryOperator operator, int years) {
            return switch (operator) {
                case GE -> "birth_date <= " + parameter(today.minusYears(years));
                case GT -> "birth_date <= " + parameter(today.minusYears(years + 1L));
                case LT -> "birth_date > " + parameter(today.minusYears(years));
                case LE -> "birth_date > " + parameter(today.minusYears(years + 1L));
                case EQ -> "(birth_date <= " + parameter(today.minusYears(years)) + " AND birth_date > " + parameter(today.minusYears(years + 1L)) + ")";
                case IN -> throw new IllegalArgumentException("age in is a list of equals");
            };
        }

        /** A region code names its level by its length: 32 (province), 32.01, 32.01.01, 32.01.01.1001 (village). */
        private String region(String code) {
            String column = switch (code.length()) {
                case 2 -> "province_code";
                case 5 -> "regency_code";
                case 8 -> "district_code";
                default -> "village_code";
            };
            return column + " = " + parameter(code);
        }

        private String list(List<?> values) {
            return values.stream().map(this::parameter).collect(Collectors.joining(", ", "(", ")"));
        }

        private static String array(List<String> values) {
            return values.stream().map(value -> value.toUpperCase(Locale.ROOT)).collect(Collectors.joining(",", "{", "}"));
        }
    }
}
