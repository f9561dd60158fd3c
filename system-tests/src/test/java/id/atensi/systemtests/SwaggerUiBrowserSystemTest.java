package id.atensi.systemtests;

import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TestKeycloak;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Swagger UI on the gateway, used in a real headless browser (Debian's chromium driven by playwright-core,
 * tools/browser/swagger-ui.mjs): the merged document shows every service's tags; "Authorize" on the oauth2
 * scheme leads to the test run's Keycloak, where a user logs in, and back, authorised by authorization code with
 * PKCE as the realm's public client; "Try it out" then creates, and after Logout the same call is refused.
 */
@ExtendWith(SharedPlatform.class)
class SwaggerUiBrowserSystemTest {

    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(3);
    private static final String CONSOLE_CLIENT = "atensi-console";
    private static final String USER = "swagger-ui-admin";

    private final RunningPlatform platform = SharedPlatform.get();

    /** Never skips: a machine without the browser tools fails and is told what to install. */
    @BeforeAll
    static void requireBrowserTools() {
        BrowserScript.requireTools("playwright-core");
    }

    @Test
    void swaggerUiShowsEveryServiceLogsInAtKeycloakWithPkceTriesACreateAndIsRefusedAfterLogout() {
        TestKeycloak keycloak = TestInfrastructure.keycloak();
        // The realm allows http://127.0.0.1/* for the console; this gateway's port is known only now, and Keycloak
        // answers the page's token request across origins only for an origin of a redirect URI (web origins "+").
        keycloak.admin().addRedirectUri(CONSOLE_CLIENT, platform.gatewayUrl() + "/q/swagger-ui/oauth2-redirect.html");
        // Made once per Keycloak (each test run starts from an empty one), with a password of this run.
        String password = "Swagger-" + UUID.randomUUID();
        keycloak.admin().ensureUser(USER, password, "admin", Map.of());
        JsonPath report = runBrowser(password);

        assertThat(report.getString("title"), startsWith("ATENSI platform API"));
        List<String> shownTags = report.getList("tags", String.class);
        for (String service : RunningPlatform.SERVICES) {
            List<String> ownTags = given().baseUri(platform.serviceUrl(service))
                    .when().get("/q/openapi?format=json")
                    .then().statusCode(200)
                    .extract().jsonPath().getList("tags.name", String.class);
            assertThat(service + " publishes tags", ownTags, not(empty()));
            assertThat("Swagger UI on the gateway shows " + service + "'s tags", shownTags, hasItems(ownTags.toArray(String[]::new)));
        }
        assertThat("Authorize offers the login", report.getString("oauth2Scheme"), startsWith("oauth2 (OAuth2, authorizationCode with PKCE)"));
        assertThat("the login page is the realm's", report.getString("login.page"),
                equalTo(keycloak.issuer() + "/protocol/openid-connect/auth"));
        assertThat(report.getString("login.clientId"), equalTo(CONSOLE_CLIENT));
        assertThat("PKCE challenge", report.getString("login.codeChallengeMethod"), equalTo("S256"));
        assertThat(report.getString("login.redirectUri"), equalTo(platform.gatewayUrl() + "/q/swagger-ui/oauth2-redirect.html"));
        assertThat("code traded for a token", report.getInt("login.tokenStatus"), equalTo(200));
        assertThat("PKCE verifier sent with the code", report.getBoolean("login.codeVerifierSent"), is(true));
        assertThat("Swagger UI shows the oauth2 scheme authorised", report.getBoolean("authorized"), is(true));
        assertThat("script errors on the page", report.getList("pageErrors"), empty());

        assertThat("status Swagger UI shows for the authorised call", report.getString("withToken.uiStatus"), equalTo("201"));
        assertThat("Authorization header sent", report.getBoolean("withToken.authorizationSent"), is(true));
        String id = JsonPath.from(report.getString("withToken.body")).getString("id");
        given().auth().oauth2(keycloak.adminToken())
                .when().get("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(200).body("fullName", equalTo("Dewi Lestari"));

        assertThat("status Swagger UI shows after Logout", report.getString("withoutToken.uiStatus"), equalTo("401"));
        assertThat("Authorization header sent after Logout", report.getBoolean("withoutToken.authorizationSent"), is(false));
        assertThat(report.getString("withoutToken.contentType"), startsWith("application/problem+json"));
    }

    private JsonPath runBrowser(String password) {
        // The credentials go by environment, not on the command line where any process listing shows them.
        return new BrowserScript("swagger-ui.mjs", platform, "").timeout(BROWSER_TIMEOUT)
                .environment("ATENSI_USERNAME", USER).environment("ATENSI_PASSWORD", password).run();
    }
}
