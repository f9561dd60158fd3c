package id.atensi.beneficiary.service;

import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An import's likely duplicates are looked up in the database after each chunk commits (names compared there by
 * levenshtein_less_equal): the pairs it records are exactly those the rule of {@link DuplicateService} names, computed
 * here in Java with {@link DuplicateService#distance} over everyone the database holds, with the same reason text.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class ImportLikelyDuplicateRuleTest {

    /** Letters whose neighbours NameKey never folds (no o, d, j, c, h: no oe, dj, tj, sj, ch), never doubled. */
    private static final String LETTERS = "abegiklmnprstuwy";
    private static final String HEADER = "fullName,nik,birthDate,sex,provinceCode,regencyCode\n";

    @Inject
    AgroalDataSource dataSource;

    private record Person(UUID id, String nameKey, LocalDate birthDate, String regency, String province, UUID mergedInto,
                          UUID job) {
    }

    @Test
    void anImportRecordsExactlyThePairsOfTheRuleWithItsReasons() throws SQLException {
        ServiceUnitFixtures.standard();
        Random random = new Random(43);
        // one base name for each bound: max(2, length / 5) is 2, 3, 4 and 5 for keys of 10, 15, 20 and 25 letters
        List<String> bases = List.of(word(random, 10), word(random, 15), word(random, 20), word(random, 25));
        StringBuilder first = new StringBuilder(HEADER);
        for (String base : bases) {
            first.append(woman(base, "32", "32.01"));
        }
        // the same key ("sukarno putra"): a pair, then one of them merged into the other
        first.append(woman("Sukarno Putra", "32", "32.01")).append(woman("Soekarno Poetra", "32", "32.01"));
        UUID firstJob = importAndWait(first.toString());
        List<UUID> sukarno = ids("SELECT id FROM beneficiary WHERE import_job_id = ? AND name_key = 'sukarno putra' ORDER BY id", firstJob);
        assertEquals(2, sukarno.size());
        UUID candidate = ids("SELECT id FROM duplicate_candidate WHERE first_id = ? AND second_id = ?", sukarno.get(0), sukarno.get(1)).get(0);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"survivorId\": \"" + sukarno.get(0) + "\"}")
                .when().post("/api/v1/duplicate-candidates/{id}/merge", candidate).then().statusCode(200);

        StringBuilder second = new StringBuilder(HEADER);
        for (String base : bases) {
            int bound = Math.max(2, base.length() / 5);
            // substitutions at the bound, one short of it and one past it; a letter inserted or removed beside them
            for (int edits : new int[] {bound - 1, bound, bound + 1}) {
                second.append(woman(substituted(base, edits, random), "32", "32.01"));
            }
            second.append(woman(substituted(base, bound - 1, random) + LETTERS.charAt(random.nextInt(LETTERS.length())), "32", "32.01"));
            second.append(woman(substituted(base, bound, random).substring(1), "32", "32.01"));
            // another regency of the province: no pair; no regency but the province: compared with the whole province
            second.append(woman(substituted(base, 1, random), "32", "32.02"));
            second.append(woman(substituted(base, 1, random), "32", ""));
        }
        second.append(woman(substituted(bases.get(1), 1, random), "33", ""));
        // the merged record is no candidate any more, its survivor is
        second.append(woman("Sukarno Putra", "32", "32.01"));
        // another birth date: no pair whatever the name
        second.append(man(bases.get(0), "32", "32.01"));
        for (int i = 0; i < 5; i++) {
            second.append(woman(word(random, 12 + i), "32", "32.01"));
        }
        UUID secondJob = importAndWait(second.toString());

        List<Person> everyone = people();
        Set<String> expected = new TreeSet<>();
        Set<Integer> pastBound = new TreeSet<>();
        Set<Integer> atBound = new TreeSet<>();
        for (Person person : everyone) {
            if (!secondJob.equals(person.job())) {
                continue;
            }
            for (Person other : everyone) {
                boolean sameRegion = person.regency() != null ? person.regency().equals(other.regency())
                        : person.province() != null && person.province().equals(other.province());
                if (other.id().equals(person.id()) || other.mergedInto() != null || !sameRegion || other.nameKey() == null
                        || !person.birthDate().equals(other.birthDate())) {
                    continue;
                }
                int distance = DuplicateService.distance(person.nameKey(), other.nameKey());
                int bound = Math.max(2, Math.max(person.nameKey().length(), other.nameKey().length()) / 5);
                if (distance == bound + 1) {
                    pastBound.add(bound);
                }
                if (distance > bound) {
                    continue;
                }
                if (distance == bound) {
                    atBound.add(bound);
                }
                boolean ordered = person.id().toString().compareTo(other.id().toString()) < 0;
                expected.add((ordered ? person.id() + " " + other.id() : other.id() + " " + person.id())
                        + " same birth date " + person.birthDate() + ", same region "
                        + (person.regency() != null ? person.regency() : person.province())
                        + (distance == 0 ? ", same name" : ", names " + distance + " edit(s) apart"));
            }
        }
        // the file covers what it is meant to: every bound met exactly and missed by one, the province, the same name
        assertEquals(Set.of(2, 3, 4, 5), atBound, "bounds met exactly");
        assertEquals(Set.of(2, 3, 4, 5), pastBound, "bounds missed by one edit");
        assertTrue(expected.stream().anyMatch(p -> p.contains("same region 32,")), "a pair found through the province");
        assertTrue(expected.stream().anyMatch(p -> p.endsWith("same name") && p.contains(sukarno.get(0).toString())),
                "the merged record's survivor paired by the same name");
        assertTrue(expected.stream().noneMatch(p -> p.contains(sukarno.get(1).toString())), "the merged record left out");

        Set<String> recorded = new TreeSet<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement pairs = connection.prepareStatement("""
                SELECT d.first_id, d.second_id, d.reason FROM duplicate_candidate d
                JOIN beneficiary a ON a.id = d.first_id JOIN beneficiary b ON b.id = d.second_id
                WHERE a.import_job_id = ? OR b.import_job_id = ?""")) {
            pairs.setObject(1, secondJob);
            pairs.setObject(2, secondJob);
            try (ResultSet rows = pairs.executeQuery()) {
                while (rows.next()) {
                    recorded.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                }
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(recorded);
        Set<String> extra = new TreeSet<>(recorded);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), "pairs of the rule not recorded: " + missing + "; recorded, not of the rule: " + extra);
        assertEquals(0, ids("SELECT job_id FROM import_chunk WHERE job_id = ? AND lookup_pending IS NOT NULL", secondJob).size(),
                "no lookup left pending");
    }

    private static String word(Random random, int length) {
        StringBuilder word = new StringBuilder();
        while (word.length() < length) {
            char letter = LETTERS.charAt(random.nextInt(LETTERS.length()));
            if (word.isEmpty() || word.charAt(word.length() - 1) != letter) {
                word.append(letter);
            }
        }
        return word.toString();
    }

    /** {@code edits} letters replaced, at distinct positions, by letters that differ from them and their neighbours. */
    private static String substituted(String base, int edits, Random random) {
        StringBuilder name = new StringBuilder(base);
        Set<Integer> positions = new TreeSet<>();
        while (positions.size() < edits) {
            positions.add(random.nextInt(base.length()));
        }
        for (int position : positions) {
            char letter;
            do {
                letter = LETTERS.charAt(random.nextInt(LETTERS.length()));
            } while (letter == base.charAt(position) || position > 0 && letter == name.charAt(position - 1)
                    || position + 1 < name.length() && letter == name.charAt(position + 1));
            name.setCharAt(position, letter);
        }
        return name.toString();
    }

    private static String woman(String name, String province, String regency) {
        return name + "," + NikFixtures.woman() + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE," + province + "," + regency + "\n";
    }

    private static String man(String name, String province, String regency) {
        return name + "," + NikFixtures.man() + "," + NikFixtures.MAN_BIRTH_DATE + ",MALE," + province + "," + regency + "\n";
    }

    private static UUID importAndWait(String csv) {
        String id = given().auth().oauth2(TestTokens.officer()).contentType("text/csv").body(csv)
                .when().post("/api/v1/beneficiary-imports").then().statusCode(202).extract().path("id");
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            String status = given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiary-imports/{id}", id)
                    .then().statusCode(200).extract().path("status");
            if (!"RUNNING".equals(status)) {
                assertEquals("DONE", status, "import " + id);
                int rejected = given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiary-imports/{id}", id)
                        .then().extract().path("rejected");
                assertEquals(0, rejected, "rows rejected by import " + id);
                return UUID.fromString(id);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("import " + id + " did not finish");
        return null;
    }

    private List<UUID> ids(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    private List<Person> people() throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement("""
                SELECT id, name_key, birth_date, regency_code, province_code, merged_into, import_job_id FROM beneficiary
                WHERE birth_date IN (?, ?)""")) {
            statement.setObject(1, LocalDate.parse(NikFixtures.WOMAN_BIRTH_DATE));
            statement.setObject(2, LocalDate.parse(NikFixtures.MAN_BIRTH_DATE));
            List<Person> people = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    people.add(new Person(rows.getObject(1, UUID.class), rows.getString(2), rows.getObject(3, LocalDate.class),
                            rows.getString(4), rows.getString(5), rows.getObject(6, UUID.class), rows.getObject(7, UUID.class)));
                }
            }
            return people;
        }
    }
}
