package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.PartnerFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.RawHttp;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import static id.atensi.beneficiary.rest.ImportTest.finished;
import static id.atensi.beneficiary.rest.ImportTest.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 20's bad input, and the JSON-lines import; the test profile's chunk is 50 rows and its size limit 2 MB. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class ImportBadInputTest {

    private static final String JSON_LINES = "application/x-ndjson";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    private long count(String sql, Object parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void aTenthOfBadRowsIsListedByLineAndFieldAndEveryGoodRowIsRegisteredWithItsEventAndTimeline() throws SQLException {
        StringBuilder csv = new StringBuilder("fullName,nik,birthDate,sex,provinceCode,regencyCode\n");
        List<String> niks = new ArrayList<>();
        List<Integer> badLines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int line = i + 2;
            String nik = NikFixtures.woman();
            niks.add(nik);
            String name = "Sepersepuluh " + i;
            String regency = "32.01";
            switch (i % 40) {
                case 3 -> name = "Nul\u0000" + i;
                case 7 -> name = "N".repeat(10_000);
                case 11 -> regency = "32.99";
                // the same NIK as line 2 or 3: within the first chunk (line 15) and in later chunks (the rest)
                case 13 -> nik = niks.get(i % 2);
                default -> {
                }
            }
            if (i % 40 == 3 || i % 40 == 7 || i % 40 == 11 || i % 40 == 13) {
                badLines.add(line);
            }
            csv.append(name).append(',').append(nik).append(',').append(NikFixtures.WOMAN_BIRTH_DATE).append(",FEMALE,32,")
                    .append(regency).append('\n');
        }
        String id = upload(TestTokens.officer(), csv.toString());
        finished(TestTokens.officer(), id)
                .body("status", equalTo("DONE"))
                .body("total", equalTo(200))
                .body("done", equalTo(200))
                .body("registered", equalTo(180))
                .body("rejected", equalTo(20))
                .body("chunks", equalTo(4))
                .body("rejections.line", equalTo(badLines))
                .body("rejections[0].field", equalTo("fullName"))
                .body("rejections[0].reason", containsString("U+0000"))
                .body("rejections[1].field", equalTo("fullName"))
                .body("rejections[1].reason", containsString("10000 characters long"))
                .body("rejections[2].field", equalTo("address.regencyCode"))
                .body("rejections[3].field", equalTo("nik"))
                .body("rejections[3].reason", containsString("line 3"))
                // a repeat in a later chunk names its first line too: the file's NIKs are checked as it is read, in order,
                // whatever order its chunks commit in
                .body("rejections[7].field", equalTo("nik"))
                .body("rejections[7].reason", containsString("the same NIK is on line 3 of this file"));
        UUID job = UUID.fromString(id);
        assertEquals(180, count("SELECT count(*) FROM beneficiary WHERE import_job_id = ?", job));
        assertEquals(180, count("""
                SELECT count(*) FROM outbox_event o JOIN beneficiary b ON o.aggregate_id = b.id::text
                WHERE b.import_job_id = ? AND o.event_type LIKE '%registered%'""", job));
        assertEquals(180, count("""
                SELECT count(*) FROM timeline_entry t JOIN beneficiary b ON t.beneficiary_id = b.id
                WHERE b.import_job_id = ? AND t.kind = 'registered'""", job));
        given().auth().oauth2(TestTokens.officer()).queryParam("size", 15).queryParam("page", 1)
                .when().get("/api/v1/beneficiary-imports/{id}/rejections", id)
                .then().statusCode(200)
                .body("total", equalTo(20))
                .body("items", hasSize(5))
                .body("items[0].line", equalTo(badLines.get(15)));

        String again = upload(TestTokens.officer(), csv.toString());
        finished(TestTokens.officer(), again)
                .body("status", equalTo("DONE"))
                .body("registered", equalTo(0))
                // every row comes out as it did the first time: the registered ones unchanged, the repeats rejected again
                .body("unchanged", equalTo(180))
                .body("rejected", equalTo(20))
                .body("rejections.line", equalTo(badLines));
        assertEquals(0, count("SELECT count(*) FROM beneficiary WHERE import_job_id = ?", UUID.fromString(again)));
    }

    @Test
    void likelyDuplicatesSplitBetweenChunksWrittenAtOnceAreFound() throws SQLException {
        // 200 rows, four chunks of 50 written at the same time; rows i and i + 100 (chunks 1 and 3, or 2 and 4) are the
        // same birth date and regency with names one letter apart, every other name is far from all the others
        Random random = new Random(20);
        List<String> names = new ArrayList<>();
        StringBuilder csv = new StringBuilder("fullName,nik,birthDate,sex,provinceCode,regencyCode\n");
        for (int i = 0; i < 200; i++) {
            StringBuilder name = new StringBuilder("Mirip ");
            if (i >= 100 && i % 20 == 0) {
                name.setLength(0);
                name.append(names.get(i - 100));
                name.setCharAt(name.length() - 1, name.charAt(name.length() - 1) == 'q' ? 'r' : 'q');
            } else {
                random.ints(14, 'a', 'z' + 1).forEach(c -> name.append((char) c));
            }
            names.add(name.toString());
            csv.append(name).append(',').append(NikFixtures.woman()).append(',').append(NikFixtures.WOMAN_BIRTH_DATE)
                    .append(",FEMALE,32,32.01\n");
        }
        String id = upload(TestTokens.officer(), csv.toString());
        finished(TestTokens.officer(), id).body("status", equalTo("DONE")).body("registered", equalTo(200)).body("chunks", equalTo(4));
        assertEquals(5, count("""
                SELECT count(*) FROM duplicate_candidate d JOIN beneficiary a ON a.id = d.first_id JOIN beneficiary b ON b.id = d.second_id
                WHERE a.import_job_id = ? AND b.import_job_id = a.import_job_id""", UUID.fromString(id)));
    }

    @Test
    void unknownOrRepeatedColumnsRefuseTheFileWithOneErrorBeforeAnyRow() {
        String nik = NikFixtures.woman();
        given().auth().oauth2(TestTokens.officer()).contentType("text/csv")
                .body("fullName,nik,birthDate,sex,religion\nKolom Asing," + nik + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE,x\n")
                .when().post("/api/v1/beneficiary-imports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("unknown column(s) [religion]"));
        given().auth().oauth2(TestTokens.officer()).contentType("text/csv")
                .body("fullName,nik,birthDate,sex,nik\nKolom Ganda," + nik + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE," + nik + "\n")
                .when().post("/api/v1/beneficiary-imports")
                .then().statusCode(400)
                .body("errors[0].message", containsString("[nik] more than once"));
        given().auth().oauth2(TestTokens.officer()).queryParam("nik", nik).when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("total", equalTo(0));
    }


    @Test
    void aFileOverTheLimitIsRefusedWith413BeforeItIsRead() throws IOException {
        // the head declares 3 MB (the test limit is 2 MB) and not a byte of the body is sent: the answer comes all the same
        String response = raw("POST /api/v1/beneficiary-imports HTTP/1.1\r\nContent-Type: text/csv\r\nX-Request-Id: import-413-declared\r\n"
                + "Content-Length: " + 3 * 1024 * 1024 + "\r\n", out -> {
        });
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("application/problem+json"), response);
        assertTrue(response.contains("\"code\":\"payload-too-large\""), response);
        assertTrue(response.toLowerCase(Locale.ROOT).contains("x-request-id: import-413-declared"), response);
        assertTrue(response.contains("\"requestId\":\"import-413-declared\""), response);
    }

    @Test
    void aBodyWithoutLengthIsRefusedWith413WhenItPassesTheLimit() throws IOException {
        byte[] chunk = ("x".repeat(64 * 1024 - 1) + "\n").getBytes(StandardCharsets.US_ASCII);
        String response = raw("POST /api/v1/beneficiary-imports HTTP/1.1\r\nContent-Type: text/csv\r\nX-Request-Id: import-413-counted\r\n"
                + "Transfer-Encoding: chunked\r\n", out -> {
            out.write("1b\r\nfullName,nik,birthDate,sex\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 34; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("\"code\":\"payload-too-large\""), response);
        assertTrue(response.toLowerCase(Locale.ROOT).contains("x-request-id: import-413-counted"), response);
        assertTrue(response.contains("\"requestId\":\"import-413-counted\""), response);
    }

    @Test
    void aPartnerSystemImportsJsonLinesWithTheSameRulesAndLineNumbers() {
        String partner = PartnerFixtures.fresh();
        String good = NikFixtures.woman();
        String other = NikFixtures.man();
        String lines = String.join("\n",
                "{\"fullName\":\"Json Satu\",\"nik\":\"" + good + "\",\"birthDate\":\"" + NikFixtures.WOMAN_BIRTH_DATE
                        + "\",\"sex\":\"FEMALE\",\"provinceCode\":\"32\",\"regencyCode\":\"32.01\",\"clusters\":[\"ELDERLY\",\"CHILDREN\"]}",
                "{\"fullName\":\"Json Dua\",\"nik\":\"" + other + "\",\"birthDate\":\"" + NikFixtures.MAN_BIRTH_DATE + "\",\"sex\":\"MALE\",\"religion\":\"x\"}",
                "not json",
                "",
                "[1,2]",
                "{\"fullName\":\"Json Enam\",\"nik\":\"" + NikFixtures.man() + "\",\"birthDate\":\"" + NikFixtures.MAN_BIRTH_DATE + "\",\"sex\":\"MALE\",\"phone\":null}",
                "{\"fullName\":\"Json Tujuh\",\"nik\":\"" + good + "\",\"birthDate\":\"" + NikFixtures.WOMAN_BIRTH_DATE + "\",\"sex\":\"FEMALE\"}");
        String id = given().auth().oauth2(TestTokens.partner(partner)).contentType(JSON_LINES).body(lines.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/beneficiary-imports")
                .then().statusCode(202).body("format", equalTo("JSONL")).body("total", equalTo(6))
                .extract().path("id");
        finished(TestTokens.partner(partner), id)
                .body("status", equalTo("DONE"))
                .body("registered", equalTo(2))
                .body("rejected", equalTo(4))
                .body("rejections.line", contains(2, 3, 5, 7))
                .body("rejections.field", contains("religion", "row", "row", "nik"));
        given().auth().oauth2(TestTokens.partner(partner)).when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("total", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).queryParam("nik", good).when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items[0].fullName", equalTo("Json Satu"))
                .body("items[0].clusters", contains("CHILDREN", "ELDERLY"));
    }

    @Test
    void aJsonLinesFileWhoseFirstRecordHasAnUnknownFieldIsRefused() {
        given().auth().oauth2(TestTokens.officer()).contentType(JSON_LINES)
                .body(("{\"name\":\"Salah\",\"nik\":\"" + NikFixtures.woman() + "\"}\n").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/beneficiary-imports")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("unknown field(s) [name]"));
        given().auth().oauth2(TestTokens.officer()).contentType(JSON_LINES).body("fullName,nik\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/beneficiary-imports")
                .then().statusCode(400)
                .body("errors[0].message", containsString("not a JSON object"));
    }

    private static String raw(String head, RawHttp.BodyWriter body) throws IOException {
        return RawHttp.exchange(head, TestTokens.officer(), body, Duration.ofSeconds(5));
    }
}
