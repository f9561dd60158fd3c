package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.PartnerFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class ImportTest {

    @Inject
    AgroalDataSource dataSource;

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static String upload(String token, String csv) {
        return upload(token, csv, Map.of());
    }

    static String upload(String token, String csv, Map<String, String> headers) {
        return given().auth().oauth2(token).headers(headers).contentType("text/csv").body(csv)
                .when().post("/api/v1/beneficiary-imports")
                .then().statusCode(202)
                .header("Location", containsString("/api/v1/beneficiary-imports/"))
                .extract().path("id");
    }

    static ValidatableResponse finished(String token, String id) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String status = given().auth().oauth2(token).when().get("/api/v1/beneficiary-imports/{id}", id)
                    .then().statusCode(200).extract().path("status");
            if (!"RUNNING".equals(status)) {
                return given().auth().oauth2(token).when().get("/api/v1/beneficiary-imports/{id}", id).then();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        fail("import " + id + " did not finish");
        return null;
    }

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @Test
    void theEventsOfAnImportCarryTheTraceOfTheUploadThatStartedIt() throws Exception {
        String trace = "00-5af7651916cd43dd8448eb211c80319c-c7ad6b7169203331-01";
        String header = "fullName,nik,birthDate,sex\n";
        String traced = upload(TestTokens.officer(), header + "Jejak Satu," + NikFixtures.woman() + "," + NikFixtures.WOMAN_BIRTH_DATE
                + ",FEMALE\nJejak Dua," + NikFixtures.man() + "," + NikFixtures.MAN_BIRTH_DATE + ",MALE\n", Map.of("traceparent", trace));
        String untraced = upload(TestTokens.officer(), header + "Tanpa Jejak," + NikFixtures.woman() + "," + NikFixtures.WOMAN_BIRTH_DATE
                + ",FEMALE\n");
        try (TopicReader topic = TopicReader.of("atensi.beneficiary.events")) {
            finished(TestTokens.officer(), traced).body("registered", equalTo(2));
            finished(TestTokens.officer(), untraced).body("registered", equalTo(1));
            Map<String, String> carriedByPerson = new TreeMap<>();
            Map<String, String> expectedByPerson = new TreeMap<>();
            for (String job : List.of(traced, untraced)) {
                for (String person : peopleOf(job)) {
                    expectedByPerson.put(person, job.equals(traced) ? trace : "none");
                    String carried = TopicReader.header(topic.await(record -> person.equals(record.key())
                            && "atensi.beneficiary.registered.v1".equals(TopicReader.header(record, "ce_type")), Duration.ofSeconds(20)),
                            "ce_traceparent");
                    carriedByPerson.put(person, carried == null ? "none" : carried);
                }
            }
            assertEquals(3, expectedByPerson.size());
            assertEquals(expectedByPerson, carriedByPerson);
        }
    }

    private List<String> peopleOf(String job) throws Exception {
        List<String> people = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id FROM beneficiary WHERE import_job_id = ? ORDER BY id")) {
            select.setObject(1, UUID.fromString(job));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    people.add(rows.getString(1));
                }
            }
        }
        return people;
    }

    @Test
    void aHalfBadFileKeepsEveryGoodRowReportsEachBadOneAndIsIdempotent() {
        String csv = String.join("\n",
                "fullName,nik,birthDate,sex,provinceCode,regencyCode,districtCode,villageCode,clusters",
                "Import Satu," + NikFixtures.woman() + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE,32,32.01,32.01.01,32.01.01.1001,ELDERLY",
                "Import Dua," + NikFixtures.man() + ",1985-12-18,MALE,,,,,",
                "\"Import, Tiga\"," + NikFixtures.man() + "," + NikFixtures.MAN_BIRTH_DATE + ",MALE,,,,,CHILDREN;PERSONS_WITH_DISABILITIES",
                "Import Empat," + NikFixtures.woman() + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE,32,32.01,32.01.01,32.01.01.9999,",
                "Import Lima,123",
                "",
                "Import Enam," + NikFixtures.man() + "," + NikFixtures.MAN_BIRTH_DATE + ",MALE,,,,,");
        String first = upload(TestTokens.officer(), csv);
        finished(TestTokens.officer(), first)
                .body("status", equalTo("DONE"))
                .body("total", equalTo(6))
                .body("done", equalTo(6))
                .body("registered", equalTo(3))
                .body("rejected", equalTo(3))
                .body("rejections.line", contains(3, 5, 6))
                .body("rejections[0].reason", containsString("do not match the birth date"))
                .body("rejections[1].reason", containsString("address.villageCode"))
                .body("rejections[2].reason", containsString("columns"));
        given().auth().oauth2(TestTokens.officer()).queryParam("name", "import tiga")
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("items.fullName", hasItem("Import, Tiga"));

        String again = upload(TestTokens.officer(), csv);
        finished(TestTokens.officer(), again)
                .body("registered", equalTo(0))
                .body("unchanged", equalTo(3))
                .body("rejected", equalTo(3));
    }

    @Test
    void aNulCharacterRejectsItsRowByFieldAndCostsNoOtherRowOfItsChunk() {
        StringBuilder csv = new StringBuilder("fullName,nik,birthDate,sex\n");
        for (int i = 0; i < 150; i++) {
            String nik = NikFixtures.woman();
            // line 32: a NIK one digit short; line 122: a name with a NUL character, which PostgreSQL refuses in text:
            // both are rejected before their chunk reaches the database
            csv.append(i == 120 ? "Batch\u0000Nol" : "Batch " + i).append(',').append(i == 30 ? nik.substring(0, 15) : nik)
                    .append(',').append(NikFixtures.WOMAN_BIRTH_DATE).append(",FEMALE\n");
        }
        String first = upload(TestTokens.officer(), csv.toString());
        finished(TestTokens.officer(), first)
                .body("status", equalTo("DONE"))
                .body("total", equalTo(150))
                .body("done", equalTo(150))
                .body("registered", equalTo(148))
                .body("rejected", equalTo(2))
                .body("rejections.line", contains(32, 122))
                .body("rejections.field", contains("nik", "fullName"))
                .body("rejections[1].reason", containsString("U+0000"));
        given().auth().oauth2(TestTokens.officer()).queryParam("name", "batch 149")
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("items.fullName", hasItem("Batch 149"));

        String again = upload(TestTokens.officer(), csv.toString());
        finished(TestTokens.officer(), again)
                .body("registered", equalTo(0))
                .body("unchanged", equalTo(148))
                .body("rejected", equalTo(2));
    }

    private static byte[] workbook(Object[]... rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(bytes, "atensi-test", "1.0");
        Worksheet sheet = workbook.newWorksheet("Penerima");
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                Object value = rows[r][c];
                if (value instanceof LocalDate date) {
                    sheet.value(r, c, date);
                    sheet.style(r, c).format("yyyy-mm-dd").set();
                } else if (value != null) {
                    sheet.value(r, c, value.toString());
                }
            }
        }
        workbook.finish();
        return bytes.toByteArray();
    }

    @Test
    void anXlsxWorkbookIsImportedWithTheSameRulesAndRowNumbers() throws IOException {
        String good = NikFixtures.woman();
        String other = NikFixtures.man();
        byte[] xlsx = workbook(
                new Object[] {"fullName", "nik", "birthDate", "sex", "provinceCode", "regencyCode", "clusters"},
                new Object[] {"Xlsx Satu", good, LocalDate.parse(NikFixtures.WOMAN_BIRTH_DATE), "FEMALE", "32", "32.01", "ELDERLY"},
                new Object[] {"Xlsx Dua", NikFixtures.man(), "1985-12-18", "MALE"},
                new Object[] {},
                new Object[] {"Xlsx Empat", other, NikFixtures.MAN_BIRTH_DATE, "MALE", "32", "99.99"},
                new Object[] {"Xlsx Lima", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE},
                new Object[] {"Xlsx Enam", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE"});
        String first = given().auth().oauth2(TestTokens.officer()).contentType(XLSX).body(xlsx)
                .when().post("/api/v1/beneficiary-imports").then().statusCode(202).extract().path("id");
        finished(TestTokens.officer(), first)
                .body("status", equalTo("DONE"))
                .body("total", equalTo(5))
                .body("registered", equalTo(2))
                .body("rejected", equalTo(3))
                .body("rejections.line", contains(3, 5, 6))
                .body("rejections[0].reason", containsString("do not match the birth date"))
                .body("rejections[1].reason", containsString("regencyCode"))
                .body("rejections[2].reason", containsString("sex: is required"));
        given().auth().oauth2(TestTokens.officer()).queryParam("nik", good).when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items[0].birthDate", equalTo(NikFixtures.WOMAN_BIRTH_DATE))
                .body("items[0].clusters", contains("ELDERLY"));

        String again = given().auth().oauth2(TestTokens.officer()).contentType(XLSX).body(xlsx)
                .when().post("/api/v1/beneficiary-imports").then().statusCode(202).extract().path("id");
        finished(TestTokens.officer(), again).body("registered", equalTo(0)).body("unchanged", equalTo(2)).body("rejected", equalTo(3));
    }

    @Test
    void aFileThatIsNoWorkbookIsRefusedAtOnce() {
        given().auth().oauth2(TestTokens.officer()).contentType(XLSX).body("fullName,nik,birthDate,sex\n".getBytes())
                .when().post("/api/v1/beneficiary-imports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("file"))
                .body("errors.message", hasItem("is not a readable XLSX workbook"));
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedAtOnce() {
        given().auth().oauth2(TestTokens.officer()).contentType("text/csv").body("name,nik\nA,1")
                .when().post("/api/v1/beneficiary-imports")
                .then().statusCode(400)
                .body("errors.field", hasItem("file"))
                .body("errors.message", hasItem(containsString("birthDate")));
    }

    @Test
    void aPartnersImportServesItsPeopleAndIsItsOwn() {
        String partner = PartnerFixtures.fresh();
        String nik = NikFixtures.woman();
        String id = upload(TestTokens.partner(partner),
                "fullName,nik,birthDate,sex\nImport Mitra," + nik + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE");
        finished(TestTokens.partner(partner), id).body("registered", equalTo(1));
        // Its own list, not a search by NIK: that finds only people whose PARTNER_SHARING consent holds.
        given().auth().oauth2(TestTokens.partner(partner))
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("items[0].partnerIds", contains(partner));
        given().auth().oauth2(TestTokens.partner(UUID.randomUUID().toString())).when().get("/api/v1/beneficiary-imports/{id}", id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).contentType("text/csv").body("fullName,nik,birthDate,sex\n")
                .when().post("/api/v1/beneficiary-imports")
                .then().statusCode(403);
    }

    @Test
    void importedPeopleTheirEventsAndTimelineEntriesHaveTimeOrderedIdsInTheOrderOfTheirLines() throws Exception {
        String csv = "fullName,nik,birthDate,sex\n"
                + "Urutan Pertama," + NikFixtures.woman() + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE\n"
                + "Urutan Kedua," + NikFixtures.man() + "," + NikFixtures.MAN_BIRTH_DATE + ",MALE\n"
                + "Urutan Ketiga," + NikFixtures.woman() + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE";
        String job = upload(TestTokens.officer(), csv);
        finished(TestTokens.officer(), job).body("registered", equalTo(3));
        List<List<UUID>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement("""
                SELECT b.id, o.id, t.id FROM beneficiary b
                JOIN outbox_event o ON o.aggregate_id = b.id::text AND o.event_type LIKE '%registered%'
                JOIN timeline_entry t ON t.beneficiary_id = b.id
                WHERE b.import_job_id = ?
                ORDER BY array_position(ARRAY['Urutan Pertama', 'Urutan Kedua', 'Urutan Ketiga'], b.full_name)""")) {
            select.setObject(1, UUID.fromString(job));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(List.of(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getObject(3, UUID.class)));
                }
            }
        }
        assertEquals(3, rows.size());
        for (int line = 0; line < rows.size(); line++) {
            for (UUID id : rows.get(line)) {
                assertEquals(7, id.version(), id + " is time-ordered (version 7)");
            }
            if (line > 0) {
                for (int kind = 0; kind < 3; kind++) {
                    // lower-case hexadecimal compares as PostgreSQL orders uuids: by their bytes, unsigned
                    String before = rows.get(line - 1).get(kind).toString();
                    String after = rows.get(line).get(kind).toString();
                    assertTrue(before.compareTo(after) < 0, "line " + (line + 2) + "'s id " + after + " follows " + before);
                }
            }
        }
    }
}
