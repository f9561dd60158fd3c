package id.atensi.beneficiary.registry;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.ConsentFixtures;
import id.atensi.beneficiary.JvmCounter;
import id.atensi.local.Tokens;
import id.atensi.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Registry messages and callers as the SPDCI tests need them. */
public final class RegistryFixtures {

    /** The client id of the calling organisation; tokens without client_id or azp name it by their subject. */
    public static final String SENDER = "dtsen.kemensos.example";

    /**
     * Villages taken from a random place in the country's list, so that a search by village counts only this test's
     * people, also against a kept database: 83,000 villages, a few dozen used per run. One counter for the test JVM,
     * as NikFixtures' serial, whatever class loader a Quarkus start gave this class.
     */
    private static final List<String> VILLAGES = villages();
    private static final String VILLAGE = "atensi-test-fixtures.registry-village";

    private RegistryFixtures() {
    }

    public static String registryToken() {
        return TestTokens.scoped(SENDER, Tokens.Scope.none(), "registry");
    }

    public static RequestSpecification asRegistry() {
        return given().auth().oauth2(registryToken()).contentType(ContentType.JSON);
    }

    public static String freshVillage() {
        return VILLAGES.get(JvmCounter.next(VILLAGE, VILLAGES.size()) % VILLAGES.size());
    }

    private static List<String> villages() {
        try (InputStream in = RegistryFixtures.class.getResourceAsStream("/idn-area/villages.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(line -> line.split(",")[0])
                    .filter(code -> code.matches("\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a woman in the village (born {@code NikFixtures.WOMAN_BIRTH_DATE}) and records the consents given. */
    public static String person(String nik, String village, String... consents) {
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.fullRecord("Siti Rahayu", nik, "3201" + nik.substring(4), village, TestTokens.UNIT_A)
                        .replace("\"provinceCode\": \"32\"", "\"provinceCode\": \"" + village.substring(0, 2) + "\"")
                        .replace("\"regencyCode\": \"32.01\"", "\"regencyCode\": \"" + village.substring(0, 5) + "\"")
                        .replace("\"districtCode\": \"32.01.01\"", "\"districtCode\": \"" + village.substring(0, 8) + "\""))
                .when().post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id");
        for (String purpose : consents) {
            ConsentFixtures.give(id, purpose);
        }
        return id;
    }

    public static String header(String action, int totalCount) {
        return """
                {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "%s", "sender_id": "%s",
                 "receiver_id": "atensi.kemensos.go.id", "total_count": %d}""".formatted(UUID.randomUUID(), OffsetDateTime.now(), action, SENDER, totalCount);
    }

    public static String searchRequest(String referenceId, String queryType, String query, String purpose, String extra) {
        return """
                {"reference_id": "%s", "timestamp": "%s",
                 "search_criteria": {"version": "1.0.0", "reg_event_type": "REGISTER", "query_type": "%s", "query": %s,
                                     "consent": {"@type": "Consent", "purpose": {"code": "%s"}}%s}}"""
                .formatted(referenceId, OffsetDateTime.now(), queryType, query, purpose, extra.isEmpty() ? "" : ", " + extra);
    }

    public static String byNik(String referenceId, String nik) {
        return searchRequest(referenceId, "idtype-value", "{\"type\": \"UIN\", \"value\": \"" + nik + "\"}", "REGISTRY_EXCHANGE", "");
    }

    public static String message(String action, String... requests) {
        return """
                {"header": %s, "message": {"transaction_id": "%s", "search_request": [%s]}}"""
                .formatted(header(action, requests.length), UUID.randomUUID(), String.join(",", requests));
    }
}
