package id.atensi.gateway.health;

import id.atensi.gateway.support.IdentityProviderResource;
import id.atensi.gateway.support.JwksServer;
import id.atensi.gateway.support.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Readiness with the keys at a JWKS URL, the identity provider first up, then gone (its port closed): the
 * gateway reports it unreachable but stays ready, and a token it has never seen still verifies with the key
 * fetched before.
 */
@QuarkusTest
@WithTestResource(IdentityProviderResource.class)
class IdentityProviderHealthTest {

    private static final long REPORT_WAIT_MILLIS = 15_000;

    private JwksServer identityProvider;

    @AfterEach
    void stopIdentityProvider() {
        if (identityProvider != null) {
            identityProvider.close();
        }
    }

    @Test
    void identityProviderGoneIsReportedWhileTheGatewayStaysReadyAndKnownKeysKeepWorking() throws InterruptedException {
        URI keys = URI.create(ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey.location", String.class));
        identityProvider = JwksServer.startOnPort(keys.getPort());

        assertThat(awaitState("reachable"), equalTo("reachable"));
        // Verified (the service behind is down, hence 503): the gateway has fetched the key.
        given().header("Authorization", TestKeys.bearer(TestKeys.token("admin")))
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(503);

        identityProvider.close();
        assertThat(awaitState("unreachable: "), equalTo("unreachable: connection refused"));
        // A token not seen before, so not the gateway's cached identity: its signature is checked with the cached key.
        given().header("Authorization", TestKeys.bearer(TestKeys.token("auditor")))
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(503);
    }

    @Test
    void identityProviderThatNeverAnsweredIsReportedWhileTheGatewayStaysReady() throws InterruptedException {
        assertThat(awaitState("unreachable: "), equalTo("unreachable: connection refused"));
    }

    /** The identity provider's entry once it starts with {@code expected}: a probe's answer is reused for a few seconds. */
    private static String awaitState(String expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + REPORT_WAIT_MILLIS;
        String state = identityProviderState();
        while (!state.startsWith(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            state = identityProviderState();
        }
        return state;
    }

    /** The identity provider's entry in readiness, which must be UP whatever the entry says. */
    private static String identityProviderState() {
        JsonPath ready = given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .extract().jsonPath();
        assertThat(ready.getString("checks.find { it.name == 'Identity provider' }.status"), equalTo("UP"));
        return ready.getString("checks.find { it.name == 'Identity provider' }.data.identityProvider");
    }
}
