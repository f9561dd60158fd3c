package id.atensi.systemtests;

import id.atensi.local.LocalKafka;
import id.atensi.local.Tokens;
import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The foundation's slice, end to end: gateway → beneficiary service → PostgreSQL → outbox → Kafka → aid service.
 * These scenarios are about a registration's path, not about who may reach it, so they act as admin: an officer
 * registers in its own unit, which the empty platform's partner service does not know (400 serviceUnitId).
 */
@ExtendWith(SharedPlatform.class)
class BeneficiaryRegistrationSystemTest {

    /** The gateway's answer for a path no service is configured to serve. */
    private static final String GATEWAY_HAS_NO_ROUTE = "No ATENSI service serves this path.";

    private final RunningPlatform platform = SharedPlatform.get();

    @Test
    void beneficiaryRegisteredThroughTheGatewayReachesTheAidServiceReadModel() {
        String nik = "320101" + "450890" + "%04d".formatted(ThreadLocalRandom.current().nextInt(1, 10000));
        String id = given().auth().oauth2(KeycloakTokens.admin())
                .contentType(ContentType.JSON)
                .body("""
                        {"fullName": "Siti Aminah", "nik": "%s", "birthDate": "1990-08-05", "sex": "FEMALE"}
                        """.formatted(nik))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201)
                .header("X-Request-Id", notNullValue())
                .header("Location", startsWith(platform.gatewayUrl() + "/api/v1/beneficiaries/"))
                .extract().path("id");

        given().auth().oauth2(KeycloakTokens.auditor())
                .when().get("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(200).body("fullName", equalTo("Siti Aminah"));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(KeycloakTokens.admin())
                        .when().get("/api/v1/aid/recipients/beneficiaries/{id}", id)
                        .then().statusCode(200)
                        .body("fullName", equalTo("Siti Aminah"))
                        .body("status", equalTo("REGISTERED")));
    }

    /** The trace a caller starts, or the gateway starts for it, goes on with the events its request causes. */
    @Test
    void theTraceOfARequestThroughTheGatewayGoesOnWithTheEventItCauses() {
        String callersTrace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        try (TopicReader topic = TopicReader.of("atensi.beneficiary.events")) {
            int serial = ThreadLocalRandom.current().nextInt(1, 9999);
            String traced = registerThroughTheGateway("Trace Dari Pemanggil", serial, Map.of("traceparent", callersTrace));
            String untraced = registerThroughTheGateway("Trace Dari Gateway", serial + 1, Map.of());

            String carried = TopicReader.header(registered(topic, traced), "ce_traceparent");
            assertTrue(carried != null && carried.startsWith("00-0af7651916cd43dd8448eb211c80319c-"),
                    "the caller's trace id on the event: " + carried);
            String started = TopicReader.header(registered(topic, untraced), "ce_traceparent");
            assertTrue(started != null && started.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")
                    && !started.contains("0af7651916cd43dd8448eb211c80319c"), "the gateway's own trace on the event: " + started);
        }
    }

    /** {@code serial}: the NIK's last four digits, so that two registrations of one test never share a NIK. */
    private static String registerThroughTheGateway(String fullName, int serial, Map<String, String> headers) {
        return given().auth().oauth2(KeycloakTokens.admin()).headers(headers)
                .contentType(ContentType.JSON)
                .body("""
                        {"fullName": "%s", "nik": "%s", "birthDate": "1991-03-14", "sex": "FEMALE"}
                        """.formatted(fullName, "320101" + "540391" + "%04d".formatted(serial)))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201)
                .extract().path("id");
    }

    private static ConsumerRecord<String, byte[]> registered(TopicReader topic, String id) {
        return topic.await(record -> id.equals(record.key())
                && "atensi.beneficiary.registered.v1".equals(TopicReader.header(record, "ce_type")), Duration.ofSeconds(30));
    }

    @Test
    void aRegistrationWhileKafkaIsDownSucceedsAndReachesTheAidServiceWhenKafkaIsBack() {
        LocalKafka kafka = TestInfrastructure.get().killableKafka().orElseThrow(() -> new AssertionError(
                "this test kills the broker process: it needs the embedded Kafka broker, not an external or containerised one"));
        kafka.kill();
        String id;
        try {
            id = given().auth().oauth2(KeycloakTokens.admin())
                    .contentType(ContentType.JSON)
                    .body("""
                            {"fullName": "Written While Kafka Was Down", "nik": "%s", "birthDate": "1985-12-17", "sex": "MALE"}
                            """.formatted("320101" + "171285" + "%04d".formatted(ThreadLocalRandom.current().nextInt(1, 10000))))
                    .when().post("/api/v1/beneficiaries")
                    .then().statusCode(201)
                    .extract().path("id");
        } finally {
            kafka.restart();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(KeycloakTokens.admin())
                        .when().get("/api/v1/aid/recipients/beneficiaries/{id}", id)
                        .then().statusCode(200)
                        .body("fullName", equalTo("Written While Kafka Was Down")));
    }

    @Test
    void withoutATokenTheGatewayAnswers401() {
        given().contentType(ContentType.JSON)
                .body("{\"fullName\": \"Siti Aminah\"}")
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aKeycloakTokenForAnotherAudienceIsRefusedWith401ByTheGatewayAndByTheServiceBehindIt() {
        // The realm's token for another application: right issuer, right key, admin role, but not audience atensi.
        JsonObject otherApplication = Json.createObjectBuilder()
                .add("clientId", "another-application")
                .add("defaultClientScopes", Json.createArrayBuilder())
                .add("protocolMappers", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", "roles as groups").add("protocol", "openid-connect").add("protocolMapper", "oidc-usermodel-realm-role-mapper")
                        .add("config", Json.createObjectBuilder().add("claim.name", "groups").add("multivalued", "true")
                                .add("jsonType.label", "String").add("access.token.claim", "true"))))
                .build();
        var keycloak = TestInfrastructure.keycloak();
        String secret = keycloak.admin().ensureServiceAccountClient(otherApplication, "admin");
        String foreign = keycloak.admin().clientCredentialsToken("another-application", secret);
        assertThat("the token names the admin role but not the platform's audience", claims(foreign).getList("groups"), hasItem("admin"));
        assertRefusedByGatewayAndService(foreign);
    }

    @Test
    void aTokenSignedByAKeyThatIsNotTheRealmsIsRefusedWith401ByTheGatewayAndByTheServiceBehindIt() {
        String forged = TestTokens.scoped("x", Tokens.Scope.none(), "admin");
        assertRefusedByGatewayAndService(forged);
    }

    private void assertRefusedByGatewayAndService(String token) {
        for (String baseUrl : new String[] {platform.gatewayUrl(), platform.serviceUrl("beneficiary")}) {
            given().baseUri(baseUrl).auth().oauth2(token)
                    .when().get("/api/v1/beneficiaries")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("status", equalTo(401));
        }
    }

    private static JsonPath claims(String token) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void invalidInputThroughTheGatewayIs400WithFieldErrors() {
        given().auth().oauth2(KeycloakTokens.admin())
                .contentType(ContentType.JSON)
                .body("""
                        {"fullName": "Budi", "nik": "123", "birthDate": "1990-08-05", "sex": "MALE"}
                        """)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("nik"));
    }

    @Test
    void gatewayServesOneOpenApiDocumentWithEveryServicesOperations() {
        Map<String, Object> merged = given().when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().path("paths");
        for (String service : List.of("beneficiary", "partner", "training", "aid")) {
            Map<String, Object> own = given().baseUri(SharedPlatform.get().serviceUrl(service))
                    .when().get("/q/openapi?format=json").then().statusCode(200).extract().path("paths");
            // /admin/* (consumer replay) is for operators inside the cluster and deliberately not routed.
            for (String path : own.keySet().stream().filter(path -> path.startsWith("/api/")).toList()) {
                assertTrue(merged.containsKey(path), service + "'s " + path + " is missing from the gateway's document (not routed?)");
            }
        }
    }

    @Test
    void everyPathOfEveryServiceIsRoutedByTheGateway() {
        for (String service : List.of("beneficiary", "partner", "training", "aid")) {
            Map<String, Object> own = given().baseUri(SharedPlatform.get().serviceUrl(service))
                    .when().get("/q/openapi?format=json").then().statusCode(200).extract().path("paths");
            for (String path : own.keySet().stream().filter(path -> path.startsWith("/api/")).toList()) {
                String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                String answer = given().auth().oauth2(KeycloakTokens.admin()).when().get(concrete).then().extract().asString();
                assertFalse(answer.contains(GATEWAY_HAS_NO_ROUTE), service + "'s " + path + " is not routed by the gateway");
            }
        }
    }
}
