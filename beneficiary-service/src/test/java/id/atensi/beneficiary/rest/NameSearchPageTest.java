package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.beneficiary.domain.NameKey;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A name search counts and sorts its matches over their ids and sort keys and reads the page's rows afterwards
 * (BeneficiaryQueries#searchByName): each page it answers is the page, and the total, that the statement it replaced
 * (full rows, counted by a window over them, cut by LIMIT and OFFSET) gives for the same filters — people sharing a
 * name (ordered by id), descending orders (id still ascending), filters, and pages past the last match.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class NameSearchPageTest {

    private static final String[] SYLLABLES = {"ba", "ki", "mu", "ro", "te", "na", "pi", "lu", "wo", "ge"};
    private static final Map<String, String> SORTS = Map.of(
            "fullName", "name_key || ''", "registeredAt", "registered_at", "birthDate", "birth_date");

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    /** A family name no other test uses, from a seed of its own; syllables, so that name folding leaves it as it is. */
    private static String family(Random random) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return name.toString();
    }

    private static String register(String fullName, String provinceCode, boolean woman) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("""
                        {"fullName": "%s", "nik": "%s", "birthDate": "%s", "sex": "%s", "address": {"provinceCode": "%s"},
                         "serviceUnitId": "%s"}
                        """.formatted(fullName, woman ? NikFixtures.woman() : NikFixtures.man(),
                        woman ? NikFixtures.WOMAN_BIRTH_DATE : NikFixtures.MAN_BIRTH_DATE, woman ? "FEMALE" : "MALE", provinceCode,
                        TestTokens.UNIT_A))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201).extract().path("id");
    }

    /** What the API answers an admin: the page's ids and the total. */
    private static Answer search(Map<String, String> filters, int page, int size) {
        return search(TestTokens.admin(), filters, page, size);
    }

    private static Answer search(String token, Map<String, String> filters, int page, int size) {
        JsonPath body = given().auth().oauth2(token).queryParams(filters).queryParam("page", page).queryParam("size", size)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200).extract().jsonPath();
        return new Answer(body.getList("items.id", String.class), body.getLong("total"));
    }

    /** The statement searches by name ran before: full rows with count(*) OVER (), ordered and cut in one. */
    private Answer before(Map<String, String> filters, int page, int size) throws SQLException {
        List<String> where = new ArrayList<>(List.of("merged_into IS NULL"));
        List<String> values = new ArrayList<>();
        for (String token : Arrays.stream(NameKey.of(filters.get("name")).split(" ")).filter(token -> !token.isBlank()).toList()) {
            where.add("name_key LIKE ?");
            values.add("%" + token + "%");
        }
        for (Map.Entry<String, String> filter : Map.of("provinceCode", "province_code", "status", "status").entrySet()) {
            if (filters.containsKey(filter.getKey())) {
                where.add(filter.getValue() + " = ?");
                values.add(filters.get(filter.getKey()));
            }
        }
        String sort = filters.getOrDefault("sort", "fullName");
        boolean descending = sort.startsWith("-");
        String condition = " WHERE " + String.join(" AND ", where);
        String order = SORTS.get(descending ? sort.substring(1) : sort) + (descending ? " DESC" : " ASC") + ", id";
        List<String> ids = new ArrayList<>();
        long total;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement("SELECT b.*, count(*) OVER () AS matches FROM beneficiary b"
                    + condition + " ORDER BY " + order + " LIMIT " + size + " OFFSET " + page * size)) {
                for (int i = 0; i < values.size(); i++) {
                    select.setString(i + 1, values.get(i));
                }
                long matches = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString("id"));
                        matches = rows.getLong("matches");
                    }
                }
                total = matches;
            }
            if (ids.isEmpty()) {
                try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM beneficiary" + condition)) {
                    for (int i = 0; i < values.size(); i++) {
                        count.setString(i + 1, values.get(i));
                    }
                    try (ResultSet row = count.executeQuery()) {
                        row.next();
                        total = row.getLong(1);
                    }
                }
            }
        }
        return new Answer(ids, total);
    }

    private record Answer(List<String> ids, long total) {
    }

    private void sameAsBefore(Map<String, String> filters, int pages, int size) throws SQLException {
        for (int page = 0; page < pages; page++) {
            assertEquals(before(filters, page, size), search(filters, page, size), "page " + page + " of " + filters);
        }
    }

    private static Map<String, String> filters(String... pairs) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            filters.put(pairs[i], pairs[i + 1]);
        }
        return filters;
    }

    @Test
    void everyPageAndTotalIsTheOneTheFullRowStatementGave() throws SQLException {
        Random random = new Random(23);
        String family = family(random);
        for (int i = 0; i < 3; i++) {
            register("Ani " + family, "32", i % 2 == 0);
        }
        register("Budi " + family, "32", false);
        register("Citra " + family, "33", true);
        register(family + " Wati", "32", true);
        register("Dewi Nur" + family, "33", true);
        register("Siti " + family + "sari", "32", true);
        register("Eko " + family + " Kumala", "32", false);
        register("Ani " + family + " Kumala", "33", true);
        register("Yuni " + family, "32", true);
        register("Agus " + family, "32", false);

        assertEquals(12, search(filters("name", family), 0, 5).total());
        sameAsBefore(filters("name", family), 4, 5);
        sameAsBefore(filters("name", family, "sort", "-fullName"), 4, 5);
        sameAsBefore(filters("name", "ANI " + family), 2, 2);
        sameAsBefore(filters("name", family + " kumala", "sort", "-fullName"), 2, 1);
        sameAsBefore(filters("name", family, "provinceCode", "32", "status", "REGISTERED", "sort", "-registeredAt"), 3, 4);
        sameAsBefore(filters("name", family, "sort", "birthDate"), 3, 5);
        sameAsBefore(filters("name", family, "provinceCode", "11"), 1, 5);
        assertEquals(new Answer(List.of(), 12), search(filters("name", family), 40, 5));
    }

    /**
     * beneficiary_name_search is kept by triggers on beneficiary: a transfer moves a person out of the officer's search,
     * an erasure takes the name away, a merge the merged record; and over every person the tests have written (imports
     * included) it holds exactly the people not merged, with their folded name and unit.
     */
    @Test
    void theSearchTableFollowsTransfersErasuresAndMerges() throws SQLException {
        String family = family(new Random(29));
        String ani = register("Ani " + family, "32", true);
        String budi = register("Budi " + family, "32", false);
        String citra = register("Citra " + family, "32", true);
        Map<String, String> byName = filters("name", family);
        assertEquals(new Answer(List.of(ani, budi, citra), 3), search(TestTokens.officer(), byName, 0, 20));

        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"kind\": \"TRANSFER\", \"serviceUnitId\": \"" + TestTokens.UNIT_B + "\"}")
                .when().post("/api/v1/beneficiaries/{id}/transfers", budi)
                .then().statusCode(201);
        assertEquals(new Answer(List.of(ani, citra), 2), search(TestTokens.officer(), byName, 0, 20));
        assertEquals(new Answer(List.of(budi), 1), search(TestTokens.officer(TestTokens.UNIT_B), byName, 0, 20));

        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"requestReference\": \"PDP/2026/0107\"}")
                .when().post("/api/v1/beneficiaries/{id}/erasure", citra)
                .then().statusCode(200);
        assertEquals(new Answer(List.of(ani, budi), 2), search(byName, 0, 20));

        try (Connection connection = dataSource.getConnection();
             PreparedStatement merge = connection.prepareStatement("UPDATE beneficiary SET merged_into = CAST(? AS uuid) WHERE id = CAST(? AS uuid)")) {
            merge.setString(1, budi);
            merge.setString(2, ani);
            assertEquals(1, merge.executeUpdate());
        }
        assertEquals(new Answer(List.of(budi), 1), search(byName, 0, 20));
        assertEquals(before(byName, 0, 20), search(byName, 0, 20));

        try (Connection connection = dataSource.getConnection();
             PreparedStatement differing = connection.prepareStatement("""
                     SELECT b.id, b.merged_into, b.name_key, b.service_unit_id, n.id, n.name_key, n.service_unit_id
                     FROM beneficiary b FULL JOIN beneficiary_name_search n ON n.id = b.id
                     WHERE b.id IS NULL OR (b.merged_into IS NULL) <> (n.id IS NOT NULL)
                        OR n.id IS NOT NULL AND (n.name_key <> b.name_key OR n.service_unit_id IS DISTINCT FROM b.service_unit_id)""");
             ResultSet rows = differing.executeQuery()) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= 7; i++) {
                    columns.add(rows.getString(i));
                }
                found.add(String.join(" | ", columns));
            }
            assertEquals(List.of(), found, "people the search table does not hold as beneficiary does");
        }
    }
}
