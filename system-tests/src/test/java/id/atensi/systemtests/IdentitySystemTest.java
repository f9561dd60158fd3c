package id.atensi.systemtests;

import id.atensi.local.LocalKeycloak;
import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TestKeycloak;
import io.restassured.path.json.JsonPath;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;

/**
 * Keycloak issues every token the platform accepts: a signing key rotated in Keycloak is accepted everywhere without a
 * restart, and tokens already issued keep working while Keycloak is away.
 */
@ExtendWith(SharedPlatform.class)
class IdentitySystemTest {

    /** One list each service answers an auditor with, behind the gateway and directly. */
    private static final Map<String, String> READ_PATHS = Map.of(
            "beneficiary", "/api/v1/beneficiaries",
            "partner", "/api/v1/partners",
            "training", "/api/v1/training/programmes",
            "aid", "/api/v1/aid/programmes");

    /**
     * A service or the gateway fetches the realm's keys again when a token names a key it has not seen, at most once
     * a minute (smallrye.jwt.jwks.forced-refresh-interval); a rotation is therefore accepted within about a minute.
     */
    private static final Duration ROTATION_BOUND = Duration.ofSeconds(75);

    private final RunningPlatform platform = SharedPlatform.get();

    @Test
    void aSigningKeyRotatedInKeycloakIsAcceptedByTheGatewayAndEveryServiceWithoutARestart() {
        TestKeycloak keycloak = TestInfrastructure.keycloak();
        String secret = keycloak.admin().ensureServiceAccountClient(Json.createObjectBuilder().add("clientId", "rotation-check").build(), "auditor");
        String before = keycloak.admin().clientCredentialsToken("rotation-check", secret);
        assertAcceptedEverywhere(before);

        keycloak.admin().rotateSigningKey(1000);
        String after = keycloak.admin().clientCredentialsToken("rotation-check", secret);
        assertThat("Keycloak signs new tokens with the new key", keyId(after), not(equalTo(keyId(before))));

        await().atMost(ROTATION_BOUND).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertAcceptedEverywhere(after));
        assertAcceptedEverywhere(before);
    }

    @Test
    void tokensAlreadyIssuedKeepWorkingWhileKeycloakIsAway() {
        TestKeycloak keycloak = TestInfrastructure.keycloak();
        LocalKeycloak process = keycloak.killable()
                .orElseThrow(() -> new IllegalStateException("this test needs the Keycloak process the test harness started"));
        String token = keycloak.auditorToken();
        assertAcceptedEverywhere(token);
        process.kill();
        try {
            assertAcceptedEverywhere(token);
            // Still ready, and saying why logins fail: the probe's answer is reused for a few seconds.
            List<String> apps = new ArrayList<>();
            READ_PATHS.keySet().forEach(name -> apps.add(platform.serviceUrl(name)));
            apps.add(platform.gatewayUrl());
            for (String app : apps) {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        given().baseUri(app).when().get("/q/health/ready").then().statusCode(200)
                                .body(containsString("unreachable")));
            }
        } finally {
            process.restart();
        }
        assertAcceptedEverywhere(keycloak.admin().clientCredentialsToken("rotation-check",
                keycloak.admin().ensureServiceAccountClient(Json.createObjectBuilder().add("clientId", "rotation-check").build(), "auditor")));
    }

    private void assertAcceptedEverywhere(String token) {
        READ_PATHS.forEach((service, path) -> {
            given().baseUri(platform.gatewayUrl()).auth().oauth2(token).when().get(path).then().statusCode(200);
            given().baseUri(platform.serviceUrl(service)).auth().oauth2(token).when().get(path).then().statusCode(200);
        });
    }

    private static String keyId(String token) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8)).getString("kid");
    }
}
