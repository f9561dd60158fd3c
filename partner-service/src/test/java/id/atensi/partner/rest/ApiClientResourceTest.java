package id.atensi.partner.rest;

import id.atensi.partner.KeycloakTestResource;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TestKeycloak;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class ApiClientResourceTest {

    private static final String PATH = "/api/v1/partners/{partnerId}/api-clients";

    /** The subject of {@link TestTokens#admin()}. */
    private static final String ADMIN_SUBJECT = "test-admin";

    /**
     * Short, for watching a refusal; the services' own skew is pinned separately. With the token's 5 s this leaves 15 s
     * for disabling the client and the first check after it, which a loaded 2-core machine needs.
     */
    private static final int WATCHED_CLOCK_SKEW_SECONDS = 10;

    private final TestKeycloak keycloak = TestInfrastructure.keycloak();

    @Inject
    AgroalDataSource dataSource;

    /** What the services' token verification is configured with. */
    @Inject
    JWTAuthContextInfo servicesVerifier;

    /**
     * The client is made in Keycloak before the registration's transaction commits; when the commit fails, the client
     * must not stay there, holding a secret nobody was shown. A trigger in the real database makes the record's insert
     * fail for one name.
     */
    @Test
    void aRegistrationWhoseRecordIsNotStoredLeavesNoClientInKeycloak() throws Exception {
        String partner = register(lks(unique("Yayasan Gagal")));
        String name = unique("Gagal Simpan");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE OR REPLACE FUNCTION test_refuse_api_client() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        RAISE EXCEPTION 'refused by the test';
                    END
                    $$""");
            statement.execute("CREATE TRIGGER test_refuse_api_client BEFORE INSERT ON api_client FOR EACH ROW"
                    + " WHEN (NEW.name = '" + name + "') EXECUTE FUNCTION test_refuse_api_client()");
        }
        try {
            // A fault's 500 is in no operation's document (docs/api-conventions.md), so the response contract is off here.
            given().noFilters().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("name", name))
                    .when().post(PATH, partner)
                    .then().statusCode(500).contentType("application/problem+json").body("$", not(hasKey("clientSecret")));
        } finally {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TRIGGER test_refuse_api_client ON api_client");
                statement.execute("DROP FUNCTION test_refuse_api_client()");
            }
        }
        assertEquals(List.of(), keycloak.admin().clientIdsNamedWith(name), "a client whose record was never stored");
        given().auth().oauth2(TestTokens.admin()).when().get(PATH, partner).then().statusCode(200).body("items", empty());
    }

    @Test
    void aRegisteredClientTakesTokensCarryingItsPartnerAndTheRolePartner() {
        String partner = register(lks(unique("Yayasan Klien")));
        ExtractableResponse<Response> registered = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("name", "Sistem LKS", "description", "Nightly reports"))
                .when().post(PATH, partner)
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/partners/" + partner + "/api-clients/"))
                .header("ETag", "\"0\"")
                .header("Cache-Control", containsString("no-store"))
                .body("clientSecret", notNullValue())
                .body("tokenUrl", equalTo(keycloak.issuer() + "/protocol/openid-connect/token"))
                .body("apiClient.partnerId", equalTo(partner))
                .body("apiClient.status", equalTo("ACTIVE"))
                .body("apiClient.allowedTransitions", equalTo(List.of("DISABLED")))
                .body("apiClient.createdBy", equalTo(ADMIN_SUBJECT))
                .extract();
        String clientId = registered.path("clientId");

        JsonPath claims = claims(keycloak.admin().clientCredentialsToken(clientId, registered.path("clientSecret")));
        assertEquals(partner, claims.getString("partner_id"));
        assertTrue(claims.getList("groups").contains("partner"), claims.prettify());
        Object audience = claims.get("aud");
        assertTrue(audience.toString().contains("atensi"), claims.prettify());
        assertEquals(KeycloakTestResource.TOKEN_LIFESPAN_SECONDS, claims.getLong("exp") - claims.getLong("iat"),
                "the configured lifetime bounds how long a disabled client's tokens keep working");

        String id = registered.path("apiClient.id");
        given().auth().oauth2(TestTokens.admin()).when().get(PATH + "/{id}", partner, id)
                .then().statusCode(200).header("ETag", "\"0\"")
                .body("clientId", equalTo(clientId)).body("name", equalTo("Sistem LKS"))
                .body("$", not(hasKey("clientSecret")));
        given().auth().oauth2(TestTokens.admin()).when().get(PATH, partner)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id))
                .body("items[0].clientId", equalTo(clientId));
    }

    @Test
    void aNewSecretRetiresTheOldOneAtOnce() {
        String partner = register(lks(unique("Yayasan Rotasi")));
        ExtractableResponse<Response> registered = registerClient(partner);
        String clientId = registered.path("clientId");
        String oldSecret = registered.path("clientSecret");

        ExtractableResponse<Response> rotated = given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"0\"")
                .when().post(PATH + "/{id}/rotate-secret", partner, registered.path("apiClient.id"))
                .then().statusCode(200).header("ETag", "\"1\"").header("Cache-Control", containsString("no-store"))
                .body("clientId", equalTo(clientId))
                .body("apiClient.secretRotatedBy", equalTo(ADMIN_SUBJECT))
                .body("apiClient.secretRotatedAt", notNullValue())
                .extract();
        String newSecret = rotated.path("clientSecret");
        assertNotEquals(oldSecret, newSecret);

        assertThrows(IllegalStateException.class, () -> keycloak.admin().clientCredentialsToken(clientId, oldSecret),
                "Keycloak refuses the old secret");
        assertEquals(partner, claims(keycloak.admin().clientCredentialsToken(clientId, newSecret)).getString("partner_id"));

        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"0\"")
                .when().post(PATH + "/{id}/rotate-secret", partner, registered.path("apiClient.id"))
                .then().statusCode(412);
    }

    /**
     * Keycloak is asked outside any transaction, so without the rotation claim two rotations could both regenerate the
     * secret and both commit, the caller with the newer record holding the secret Keycloak had already replaced.
     */
    @Test
    void concurrentRotationsNeverShowASecretKeycloakAlreadyReplaced() throws Exception {
        String partner = register(lks(unique("Yayasan Serentak")));
        ExtractableResponse<Response> registered = registerClient(partner);
        String id = registered.path("apiClient.id");
        String clientId = registered.path("clientId");
        int rotations = 6;
        List<ExtractableResponse<Response>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(rotations);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ExtractableResponse<Response>>> pending = new ArrayList<>();
            for (int i = 0; i < rotations; i++) {
                pending.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(TestTokens.admin()).when().post(PATH + "/{id}/rotate-secret", partner, id).then().extract();
                }));
            }
            start.countDown();
            for (Future<ExtractableResponse<Response>> answer : pending) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<ExtractableResponse<Response>> rotated = answers.stream().filter(answer -> answer.statusCode() == 200).toList();
        answers.stream().filter(answer -> answer.statusCode() != 200).forEach(refused ->
                assertEquals(409, refused.statusCode(), "a rotation racing another is refused, not failed: " + refused.asString()));
        assertFalse(rotated.isEmpty(), "at least one rotation succeeds");
        ExtractableResponse<Response> newest = rotated.stream()
                .max(Comparator.comparingLong(answer -> Long.parseLong(answer.header("ETag").replace("\"", "")))).orElseThrow();
        assertEquals(partner, claims(keycloak.admin().clientCredentialsToken(clientId, newest.path("clientSecret"))).getString("partner_id"),
                "the secret shown with the newest record is the one Keycloak holds");
        given().auth().oauth2(TestTokens.admin()).when().get(PATH + "/{id}", partner, id)
                .then().statusCode(200).header("ETag", "\"" + rotated.size() + "\"");
    }

    @Test
    void aDisabledClientGetsNoTokenAndCannotChangeAgain() {
        String partner = register(lks(unique("Yayasan Nonaktif")));
        ExtractableResponse<Response> registered = registerClient(partner);
        String id = registered.path("apiClient.id");
        String clientId = registered.path("clientId");
        String secret = registered.path("clientSecret");

        given().auth().oauth2(TestTokens.admin()).when().post(PATH + "/{id}/disable", partner, id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("DISABLED")).body("allowedTransitions", empty())
                .body("disabledBy", equalTo(ADMIN_SUBJECT)).body("disabledAt", notNullValue());
        assertThrows(IllegalStateException.class, () -> keycloak.admin().clientCredentialsToken(clientId, secret),
                "Keycloak gives a disabled client no token");

        given().auth().oauth2(TestTokens.admin()).when().post(PATH + "/{id}/disable", partner, id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("currentStatus", equalTo("DISABLED")).body("requestedStatus", equalTo("DISABLED"))
                .body("allowedTransitions", empty());
        given().auth().oauth2(TestTokens.admin()).when().post(PATH + "/{id}/rotate-secret", partner, id)
                .then().statusCode(409).body("currentStatus", equalTo("DISABLED")).body("allowedTransitions", empty());
    }

    @Test
    void deactivatingThePartnerDisablesEveryClientItStillHas() {
        String partner = register(lks(unique("Yayasan Tutup")));
        ExtractableResponse<Response> first = registerClient(partner);
        ExtractableResponse<Response> second = registerClient(partner);
        String disabledBefore = second.path("apiClient.id");
        given().auth().oauth2(TestTokens.admin()).when().post(PATH + "/{id}/disable", partner, disabledBefore)
                .then().statusCode(200);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Dissolved"))
                .when().post("/api/v1/partners/{id}/deactivation", partner)
                .then().statusCode(200).body("status", equalTo("INACTIVE"));

        given().auth().oauth2(TestTokens.admin()).when().get(PATH, partner)
                .then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("DISABLED")));
        given().auth().oauth2(TestTokens.admin()).when().get(PATH + "/{id}", partner, first.path("apiClient.id"))
                .then().statusCode(200).body("status", equalTo("DISABLED")).body("disabledBy", equalTo(ADMIN_SUBJECT));
        String clientId = first.path("clientId");
        String secret = first.path("clientSecret");
        assertThrows(IllegalStateException.class, () -> keycloak.admin().clientCredentialsToken(clientId, secret),
                "a deactivated partner's client gets no token");
    }

    /**
     * The bound stated in the README: a token issued before disabling is accepted by a verifier configured as the
     * services are (realm JWKS, issuer, audience) until its exp plus the verifier's clock skew, and refused from then on
     * because it expired. The verifier here allows 10 s of skew, so that the refusal is watched without waiting the
     * services' 60 s, which {@link #theServicesVerifyTokensWithTheDocumentedSixtySecondsOfClockSkew} pins.
     */
    @Test
    void tokensIssuedBeforeDisablingWorkUntilTheirExpiryPlusTheVerifiersClockSkewAndNoLonger() throws Exception {
        String partner = register(lks(unique("Yayasan Batas")));
        ExtractableResponse<Response> registered = registerClient(partner);
        String token = keycloak.admin().clientCredentialsToken(registered.path("clientId"), registered.path("clientSecret"));
        given().auth().oauth2(TestTokens.admin()).when().post(PATH + "/{id}/disable", partner, registered.path("apiClient.id"))
                .then().statusCode(200);

        JWTAuthContextInfo services = new JWTAuthContextInfo(keycloak.jwksUrl(), keycloak.issuer());
        services.setExpectedAudience(Set.of("atensi"));
        services.setClockSkew(WATCHED_CLOCK_SKEW_SECONDS);
        JWTParser verifier = new DefaultJWTParser(services);
        long expiresAt;
        try {
            expiresAt = verifier.parse(token).getExpirationTime();
        } catch (ParseException refused) {
            throw new AssertionError("the token was refused at the first check after disabling, before the watch could"
                    + " start (disabling took longer than its lifetime plus " + WATCHED_CLOCK_SKEW_SECONDS + " s?)", refused);
        }
        long refusedAt;
        while (true) {
            long now = System.currentTimeMillis();
            try {
                verifier.parse(token);
            } catch (ParseException refused) {
                assertTrue(refused.getCause() instanceof InvalidJwtException invalid && invalid.hasExpired(),
                        "refused because it expired: " + refused.getCause());
                refusedAt = now / 1000;
                break;
            }
            assertTrue(now / 1000 <= expiresAt + WATCHED_CLOCK_SKEW_SECONDS + 1, "accepted past exp + clock skew");
            Thread.sleep(500);
        }
        long afterExpiry = refusedAt - expiresAt;
        System.out.printf("a disabled client's token issued before: refused %d s after its exp (clock skew %d s, lifetime %d s)%n",
                afterExpiry, WATCHED_CLOCK_SKEW_SECONDS, KeycloakTestResource.TOKEN_LIFESPAN_SECONDS);
        // Not refused later than that either: no check accepted it past exp + skew (above). The moment of the refusal itself
        // is only as late as the loop came round again, which a loaded machine can delay, so it bounds nothing from above.
        assertTrue(afterExpiry >= WATCHED_CLOCK_SKEW_SECONDS - 1,
                "refused " + afterExpiry + " s after exp, before its clock skew ran out");
    }

    /**
     * The other half of the bound the README, docs/operations.md and deploy/README.md state (lifetime + 60 s): the
     * verifier the services run with, as platform-commons configures it over smallrye-jwt's defaults, allows 60 s of
     * clock skew. A configuration or a library upgrade that moves it fails here, and those pages must change with it.
     */
    @Test
    void theServicesVerifyTokensWithTheDocumentedSixtySecondsOfClockSkew() {
        assertEquals(60, servicesVerifier.getClockSkew());
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheSameClientWithoutItsSecret() {
        String partner = register(lks(unique("Yayasan Ulang")));
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(json("name", "Sistem")).when().post(PATH, partner)
                .then().statusCode(201).body("clientSecret", notNullValue()).extract().path("apiClient.id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(json("name", "Sistem")).when().post(PATH, partner)
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("apiClient.id", equalTo(first))
                .body("$", not(hasKey("clientSecret")));
        given().auth().oauth2(TestTokens.admin()).when().get(PATH, partner).then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void onlyAnAdminManagesClientsAndAPartnerListsOnlyItsOwn() {
        String partner = register(lks(unique("Yayasan Akses")));
        String other = register(lks(unique("Yayasan Lain")));
        String id = registerClient(partner).path("apiClient.id");

        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(json("name", "Sistem"))
                .when().post(PATH, partner).then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(partner)).contentType(ContentType.JSON).body(json("name", "Sistem"))
                .when().post(PATH, partner).then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(partner)).when().post(PATH + "/{id}/disable", partner, id).then().statusCode(403);
        given().auth().oauth2(TestTokens.auditor()).when().get(PATH, partner).then().statusCode(403);

        given().auth().oauth2(TestTokens.partner(partner)).when().get(PATH, partner)
                .then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(TestTokens.partner(partner)).when().get(PATH + "/{id}", partner, id).then().statusCode(200);
        given().auth().oauth2(TestTokens.partner(other)).when().get(PATH, partner)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.partner(other)).when().get(PATH + "/{id}", partner, id).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).when().get(PATH + "/{id}", other, id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void unknownPartnersAndClientsAreNotFoundAndAnInactivePartnerGetsNoClient() {
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("name", "Sistem"))
                .when().post(PATH, unknown).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).when().get(PATH, unknown).then().statusCode(404);
        String partner = register(lks(unique("Yayasan Tanpa Klien")));
        given().auth().oauth2(TestTokens.admin()).when().get(PATH + "/{id}", partner, unknown).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).when().post(PATH + "/{id}/disable", partner, unknown).then().statusCode(404);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Dissolved"))
                .when().post("/api/v1/partners/{id}/deactivation", partner).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("name", "Sistem"))
                .when().post(PATH, partner)
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("INACTIVE"));
    }

    @Test
    void badInputIsRefusedFieldByFieldAndMakesNothing() {
        String partner = register(lks(unique("Yayasan Masukan")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("description", "no name"))
                .when().post(PATH, partner)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("name", "x".repeat(101)))
                .when().post(PATH, partner).then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"name\": 7, ")
                .when().post(PATH, partner).then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(201))
                .body(json("name", "Sistem")).when().post(PATH, partner).then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).when().get(PATH, partner).then().statusCode(200).body("total", equalTo(0));
    }

    private static ExtractableResponse<Response> registerClient(String partner) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("name", "Sistem " + partner))
                .when().post(PATH, partner).then().statusCode(201).extract();
    }

    /** The payload of a JWT, read without checking it: the token came straight from Keycloak. */
    static JsonPath claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertFalse(payload.isBlank());
        return JsonPath.from(payload);
    }
}
